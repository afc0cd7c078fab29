// The plain-text pieces of a run directory: history.csv, metrics JSON, the dataset fingerprint, atomic
// writes.
#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <locale>

#include "core/io/atomic_file.h"
#include "core/io/dataset_fingerprint.h"
#include "core/io/history_csv.h"
#include "core/io/metrics_json.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

std::vector<EpochReport> sampleHistory() {
    std::vector<EpochReport> history;
    for (int e = 1; e <= 3; ++e) {
        EpochReport r;
        r.epoch = e;
        r.epochs = 40;
        r.trainLoss = 1.0 / e + 0.1234567890123;
        r.landCoverLoss = 0.7 / e;
        r.regionLoss = 0.2 / e;
        r.contrastiveLoss = 5.1e-3 * e;
        r.validationLoss = 0.9 / e;
        r.trainAccuracy = 0.5 + 0.1 * e;
        r.validationAccuracy = 0.45 + 0.1 * e;
        r.validationMacroF1 = 0.3 + 0.05 * e;
        r.validationWeightedF1 = 0.4 + 0.05 * e;
        r.learningRate = 1e-4 * std::cos(e * 0.01);
        r.samplesPerSecond = 12345.678;
        r.elapsedSeconds = 1.5 * e;
        r.improved = e != 2;
        r.validationTotalLoss = 4.25 / e;
        r.validationRegionLoss = 0.5 / e;
        r.validationContrastiveLoss = 3.5 / e;
        r.unit = e == 3 ? IterationUnit::BoostingRound : IterationUnit::Tree;
        history.push_back(r);
    }
    return history;
}

void expectSame(const EpochReport& a, const EpochReport& b) {
    EXPECT_EQ(a.epoch, b.epoch);
    EXPECT_EQ(a.epochs, b.epochs);
    EXPECT_EQ(a.trainLoss, b.trainLoss);  // exact: the CSV holds the shortest exact form
    EXPECT_EQ(a.landCoverLoss, b.landCoverLoss);
    EXPECT_EQ(a.regionLoss, b.regionLoss);
    EXPECT_EQ(a.contrastiveLoss, b.contrastiveLoss);
    EXPECT_EQ(a.validationLoss, b.validationLoss);
    EXPECT_EQ(a.trainAccuracy, b.trainAccuracy);
    EXPECT_EQ(a.validationAccuracy, b.validationAccuracy);
    EXPECT_EQ(a.validationMacroF1, b.validationMacroF1);
    EXPECT_EQ(a.validationWeightedF1, b.validationWeightedF1);
    EXPECT_EQ(a.learningRate, b.learningRate);
    EXPECT_EQ(a.samplesPerSecond, b.samplesPerSecond);
    EXPECT_EQ(a.elapsedSeconds, b.elapsedSeconds);
    EXPECT_EQ(a.improved, b.improved);
    EXPECT_EQ(a.validationTotalLoss, b.validationTotalLoss);
    EXPECT_EQ(a.validationRegionLoss, b.validationRegionLoss);
    EXPECT_EQ(a.validationContrastiveLoss, b.validationContrastiveLoss);
    EXPECT_EQ(a.unit, b.unit);
}

TEST(HistoryCsv, RoundTripsEveryFieldExactly) {
    const auto history = sampleHistory();
    const std::string csv = historyToCsv(history);
    EXPECT_EQ(
        csv.substr(0, csv.find('\n')),
        "epoch,epochs,train_loss,land_cover_loss,region_loss,contrastive_loss,validation_loss,train_accuracy,"
        "validation_accuracy,validation_macro_f1,validation_weighted_f1,learning_rate,samples_per_second,"
        "elapsed_seconds,improved,validation_total_loss,validation_region_loss,validation_contrastive_loss,"
        "unit");
    const auto back = historyFromCsv(csv, "history.csv");
    ASSERT_EQ(back.size(), history.size());
    for (std::size_t i = 0; i < history.size(); ++i)
        expectSame(history[i], back[i]);
}

// A decimal comma, as German and French users have; installed as the global C++ locale it would break any
// stream-based number formatting.
struct CommaDecimal : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

TEST(HistoryCsv, IgnoresTheLocale) {
    const std::string expected = historyToCsv(sampleHistory());
    const std::locale saved = std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
    const std::string savedC = std::setlocale(LC_ALL, nullptr);
    std::setlocale(LC_ALL, "de_DE.UTF-8");  // also the C locale when installed (the GUI calls setlocale)
    const std::string csv = historyToCsv(sampleHistory());
    const auto back = historyFromCsv(csv, "h.csv");
    std::setlocale(LC_ALL, savedC.c_str());
    std::locale::global(saved);
    EXPECT_EQ(csv, expected);
    ASSERT_EQ(back.size(), 3u);
    expectSame(back[0], sampleHistory()[0]);
}

TEST(HistoryCsv, ReorderedAndUnknownColumnsLoad) {
    const auto back =
        historyFromCsv("future_column,epoch,train_loss\r\nx,2,0.5\r\n\r\nx,3,0.25\r\n", "h.csv");
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[1].epoch, 3);
    EXPECT_EQ(back[1].trainLoss, 0.25);
    EXPECT_EQ(back[1].validationLoss, 0.0);
}

TEST(HistoryCsv, BadValueNamesFileLineAndColumn) {
    try {
        historyFromCsv("epoch,train_loss\n1,0.5\n2,abc\n", "runs/x/history.csv");
        FAIL() << "expected an error";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("runs/x/history.csv:3:2"), std::string::npos)
            << error.what();
    }
    EXPECT_THROW(historyFromCsv("epoch,train_loss\n1\n", "h.csv"), std::runtime_error);
    EXPECT_THROW(historyFromCsv("", "h.csv"), std::runtime_error);
}

TEST(MetricsJson, RoundTripsAndNamesClasses) {
    const ConfusionMatrix confusion({0, 0, 1, 2, 2, 2}, {0, 1, 1, 2, 0, 2}, 3);
    const Metrics m = computeMetrics(confusion);
    const nlohmann::json json = metricsToJson(m, {"A", "B", "C"});
    EXPECT_EQ(json["perClass"][2]["class"], "C");
    const Metrics back = nlohmann::json::parse(json.dump()).get<Metrics>();
    EXPECT_EQ(back.points, m.points);
    EXPECT_DOUBLE_EQ(back.kappa, m.kappa);
    EXPECT_DOUBLE_EQ(back.weightedF1, m.weightedF1);
    ASSERT_EQ(back.perClass.size(), 3u);
    EXPECT_DOUBLE_EQ(back.perClass[1].precision, m.perClass[1].precision);
    EXPECT_EQ(back.perClass[2].support, 3u);

    const ConfusionMatrix again = confusionFromJson(confusionToJson(confusion));
    for (std::size_t t = 0; t < 3; ++t)
        for (std::size_t p = 0; p < 3; ++p)
            EXPECT_EQ(again.at(t, p), confusion.at(t, p));
    EXPECT_THROW(confusionFromJson(nlohmann::json::parse("[[1,2],[3]]")), std::runtime_error);
}

TEST(MetricsJson, PerRegionKeepsRegionsWithPointsByCode) {
    std::vector<Metrics> perRegion(11);
    perRegion[3].points = 5;  // ATL
    perRegion[8].points = 2;  // MED
    const nlohmann::json json = perRegionToJson(perRegion, {});
    EXPECT_EQ(json.size(), 2u);
    EXPECT_TRUE(json.contains("ATL"));
    EXPECT_TRUE(json.contains("MED"));
}

Dataset tinyDataset() {
    Dataset d;
    d.featureNames = {"a", "b"};
    d.classNames = {"x", "y"};
    for (int i = 0; i < 3000; ++i) {
        d.features.push_back(static_cast<float>(i));
        d.features.push_back(static_cast<float>(i) * 0.5f);
        d.lon.push_back(i * 0.001);
        d.lat.push_back(45 + i * 0.001);
        d.label.push_back(i % 2);
    }
    return d;
}

TEST(DatasetFingerprint, StableAndSensitive) {
    const Dataset d = tinyDataset();
    const std::string fp = datasetFingerprint(d);
    EXPECT_EQ(fp.size(), 16u);
    EXPECT_EQ(fp, datasetFingerprint(tinyDataset()));

    Dataset renamed = d;
    renamed.featureNames[1] = "c";
    EXPECT_NE(datasetFingerprint(renamed), fp);

    Dataset sampledValue = d;
    sampledValue.features[0] += 1;  // row 0 is always sampled
    EXPECT_NE(datasetFingerprint(sampledValue), fp);

    Dataset relabelled = d;
    relabelled.label[0] = 1;
    EXPECT_NE(datasetFingerprint(relabelled), fp);

    Dataset shorter = d;
    shorter.lon.pop_back();
    shorter.lat.pop_back();
    shorter.label.pop_back();
    shorter.features.resize(shorter.features.size() - 2);
    EXPECT_NE(datasetFingerprint(shorter), fp);
}

TEST(AtomicFile, WritesAndLeavesNoTemporary) {
    const fs::path dir = fs::temp_directory_path() / ("bridgelc-atomic-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    writeFileAtomically((dir / "a.txt").string(), "first");
    writeFileAtomically((dir / "a.txt").string(), "second");
    std::ifstream in(dir / "a.txt");
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "second");
    {
        AtomicFile abandoned((dir / "b.txt").string());
        std::ofstream(abandoned.temporaryPath()) << "half";
    }  // destroyed without commit: the temporary goes, b.txt never appears
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir))
        files += entry.path().filename() == "a.txt" ? 1 : 100;
    EXPECT_EQ(files, 1u);
    EXPECT_THROW(writeFileAtomically((dir / "missing" / "c.txt").string(), "x"), std::runtime_error);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace bridgelc
