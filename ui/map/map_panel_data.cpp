#include "ui/map/map_panel_data.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <optional>

#include "core/geo/regions.h"
#include "core/model/model.h"
#include "core/run/training_run.h"
#include "core/split/split.h"
#include "ui/jobs/background_task.h"
#include "ui/map/map_points_loader.h"

namespace bridgelc {

namespace {

// Rows predicted per call: small enough that cancel and progress respond within a fraction of a second.
constexpr std::size_t kPredictChunk = 8192;

QString tr(const char* text) {
    return QCoreApplication::translate("bridgelc::MapPanel", text);
}

QStringList toStringList(const std::vector<std::string>& names) {
    QStringList list;
    for (const std::string& name : names)
        list << QString::fromStdString(name);
    return list;
}

// Index in `points.classNames` of each model class, appending names the dataset does not know.
std::vector<int> classMapping(MapPoints& points, const QStringList& modelClasses) {
    std::vector<int> mapping;
    for (const QString& name : modelClasses) {
        int index = int(points.classNames.indexOf(name));
        if (index < 0) {
            points.classNames << name;
            index = int(points.classNames.size()) - 1;
        }
        mapping.push_back(index);
    }
    return mapping;
}

// Predicts every point of data.dataset with `model` into data's prediction vectors; false when cancelled.
bool predictEveryPoint(MapPanelData& data, const Model& model, TaskFeedback& feedback) {
    const Dataset& dataset = *data.dataset;
    const std::size_t n = dataset.size();
    data.probabilityClasses = toStringList(model.meta().classNames);
    const std::vector<int> mapping = classMapping(data.points, data.probabilityClasses);
    const std::size_t classes = std::size_t(data.probabilityClasses.size());
    data.points.predictedClass.assign(n, -1);
    data.points.confidence.assign(n, std::nanf(""));
    data.probabilities.assign(n * classes, 0.0f);
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::int64_t> rows;
    for (std::size_t first = 0; first < n; first += kPredictChunk) {
        if (feedback.isCanceled()) return false;
        const std::size_t count = std::min(kPredictChunk, n - first);
        rows.resize(count);
        for (std::size_t i = 0; i < count; ++i)
            rows[i] = std::int64_t(first + i);
        const Predictions p = predict(model, dataset, rows);
        for (std::size_t i = 0; i < count; ++i) {
            const int c = p.predicted[i];
            data.points.predictedClass[first + i] =
                c >= 0 && std::size_t(c) < mapping.size() ? mapping[c] : -1;
            data.points.confidence[first + i] = p.confidence[i];
        }
        std::copy(p.probabilities.begin(), p.probabilities.end(),
                  data.probabilities.begin() + first * classes);
        feedback.setProgress(100.0 * double(first + count) / double(n));
    }
    data.predicted = std::int64_t(n);
    data.predictSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return true;
}

// The run's split as core/split makes it again, or nothing when no split of the scenario has the run's test
// rows (another dataset, other fractions).
std::optional<Split> reproduceSplit(const Dataset& dataset, const RunResult& run) {
    ScenarioOptions options;
    options.scenario = run.scenario;
    options.seed = run.settings.seed;
    int heldOut = run.heldOutRegion;
    if (run.scenario == Scenario::Loro && heldOut < 0 && run.splitName.rfind("LORO-", 0) == 0)
        heldOut = regionIndex(run.splitName.substr(5));
    if (run.scenario == Scenario::Loro) {
        if (heldOut < 0) return std::nullopt;
        options.heldOutRegion = heldOut;
    }
    std::vector<std::int64_t> test = run.test.rows;
    std::sort(test.begin(), test.end());
    for (Split& split : scenarioSplits(dataset, options))
        if (split.test == test) return std::move(split);
    return std::nullopt;
}

void markParts(MapPanelData& data, const Split& split) {
    data.part.assign(data.dataset->size(), char(PointPart::None));
    const std::pair<const std::vector<std::int64_t>*, PointPart> parts[] = {
        {&split.train, PointPart::Train},
        {&split.validation, PointPart::Validation},
        {&split.test, PointPart::Test}};
    for (const auto& [rows, part] : parts) {
        for (const std::int64_t row : *rows)
            if (row >= 0 && std::size_t(row) < data.part.size()) data.part[row] = char(part);
        data.partCounts[std::size_t(part)] = rows->size();
    }
}

}  // namespace

QString partName(PointPart part) {
    switch (part) {
        case PointPart::Train:
            return tr("train");
        case PointPart::Validation:
            return tr("validation");
        case PointPart::Test:
            return tr("test");
        case PointPart::None:
            break;
    }
    return QStringLiteral("–");
}

std::shared_ptr<const MapPanelData> mapDataOfDataset(DatasetPtr dataset, const QString& whose) {
    auto data = std::make_shared<MapPanelData>();
    data->dataset = dataset;
    if (dataset) data->points = mapPointsFromDataset(*dataset, whose);
    data->points.title = whose;
    data->aoaNote = tr("No run is shown: an area of applicability belongs to a trained model.");
    return data;
}

std::shared_ptr<const MapPanelData> mapDataOfRun(DatasetPtr dataset, const RunResult& run,
                                                 const QString& whose, TaskFeedback& feedback) {
    auto data = std::const_pointer_cast<MapPanelData>(mapDataOfDataset(dataset, whose));
    if (!dataset) return data;
    if (run.heldOutRegion >= 0 && std::size_t(run.heldOutRegion) < biogeographicalRegions().size())
        data->heldOutRegion = QString::fromStdString(biogeographicalRegions()[run.heldOutRegion].code);
    data->aoa = run.aoa;
    data->aoaNote = run.aoa ? QString()
                    : run.aoaMessage.empty()
                        ? tr("This run has no area of applicability (it was saved before runs kept one).")
                        : tr("This run has %1.").arg(QString::fromStdString(run.aoaMessage));
    bool predictedAll = false;
    if (run.model) {
        try {
            if (!predictEveryPoint(*data, *run.model, feedback)) return nullptr;
            predictedAll = true;
        } catch (const std::exception& error) {
            data->note =
                tr("The model cannot predict this dataset (%1); only the run's test points are shown.")
                    .arg(QString::fromStdString(error.what()));
        }
    }
    if (!predictedAll) {
        // The run's own test predictions, in its class order.
        const std::size_t n = dataset->size();
        data->probabilityClasses = toStringList(run.classNames);
        const std::vector<int> mapping = classMapping(data->points, data->probabilityClasses);
        const std::size_t classes = run.test.classes;
        data->points.predictedClass.assign(n, -1);
        data->points.confidence.assign(n, std::nanf(""));
        if (classes == std::size_t(data->probabilityClasses.size()) &&
            run.test.probabilities.size() == run.test.rows.size() * classes)
            data->probabilities.assign(n * classes, 0.0f);
        else
            data->probabilityClasses.clear();
        for (std::size_t i = 0; i < run.test.rows.size(); ++i) {
            const std::int64_t row = run.test.rows[i];
            if (row < 0 || std::size_t(row) >= n) continue;
            const int c = run.test.predicted[i];
            data->points.predictedClass[row] = c >= 0 && std::size_t(c) < mapping.size() ? mapping[c] : -1;
            data->points.confidence[row] = run.test.confidence[i];
            if (!data->probabilities.empty())
                std::copy_n(run.test.probabilities.begin() + i * classes, classes,
                            data->probabilities.begin() + row * classes);
            ++data->predicted;
        }
    }
    if (feedback.isCanceled()) return nullptr;
    std::optional<Split> split;
    try {
        split = reproduceSplit(*dataset, run);
    } catch (const std::exception&) {
        split.reset();
    }
    if (split) {
        markParts(*data, *split);
    } else if (!run.test.rows.empty()) {
        // Only what the run itself says: its test rows.
        data->part.assign(dataset->size(), char(PointPart::None));
        for (const std::int64_t row : run.test.rows)
            if (row >= 0 && std::size_t(row) < data->part.size()) data->part[row] = char(PointPart::Test);
        data->partCounts = {0, 0, run.test.rows.size()};
        const QString missing = tr("The run's split could not be made again from this dataset (seed %1), so "
                                   "training and validation points are not marked.")
                                    .arg(run.settings.seed);
        data->note = data->note.isEmpty() ? missing : data->note + QLatin1Char(' ') + missing;
    }
    return data;
}

std::shared_ptr<const MapPanelData> mapDataOfTraining(DatasetPtr dataset, const TrainingRequest& request,
                                                      const QString& whose, TaskFeedback& feedback) {
    auto data = std::const_pointer_cast<MapPanelData>(mapDataOfDataset(dataset, whose));
    if (!dataset) return data;
    const auto& regions = biogeographicalRegions();
    if (request.scenario == Scenario::Loro && request.heldOutRegion >= 0 &&
        std::size_t(request.heldOutRegion) < regions.size())
        data->heldOutRegion = QString::fromStdString(regions[std::size_t(request.heldOutRegion)].code);
    data->aoaNote = tr("The area of applicability is computed once training has finished.");
    if (feedback.isCanceled()) return nullptr;
    ScenarioOptions options;
    options.scenario = request.scenario;
    options.seed = request.settings.seed;
    if (request.scenario == Scenario::Loro) options.heldOutRegion = request.heldOutRegion;
    const std::size_t fold =
        request.scenario == Scenario::Blocks ? std::size_t(std::max(0, request.blockFold)) : 0;
    try {
        const std::vector<Split> splits = scenarioSplits(*dataset, options);
        if (fold < splits.size()) markParts(*data, splits[fold]);
    } catch (const std::exception& error) {
        data->note = tr("The split of the run being trained cannot be shown (%1).")
                         .arg(QString::fromStdString(error.what()));
    }
    return feedback.isCanceled() ? nullptr : data;
}

std::shared_ptr<const MapPanelData> mapDataOfModel(const MapPanelData& base, const Model& model,
                                                   const QString& whose, TaskFeedback& feedback) {
    if (!base.dataset) return nullptr;
    auto data = std::make_shared<MapPanelData>();
    data->dataset = base.dataset;
    data->points = base.points;
    data->points.title = whose;
    // Classes the previous model appended are not this one's.
    data->points.classNames = toStringList(base.dataset->classNames);
    data->part = base.part;
    data->partCounts = base.partCounts;
    data->heldOutRegion = base.heldOutRegion;
    data->note = base.note;
    data->aoaNote = base.aoaNote;
    data->live = true;
    try {
        if (!predictEveryPoint(*data, model, feedback)) return nullptr;
    } catch (const std::exception&) {
        return nullptr;
    }
    return data;
}

std::shared_ptr<const MapPoints> composeMapPoints(const MapPanelData& data, bool testOnly,
                                                  int probabilityClass) {
    auto points = std::make_shared<MapPoints>(data.points);
    const std::size_t n = points->size();
    points->part = data.part;
    if (testOnly && data.hasParts()) {
        points->shown.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i)
            points->shown[i] = data.part[i] == char(PointPart::Test);
    }
    const std::size_t classes = std::size_t(data.probabilityClasses.size());
    if (probabilityClass >= 0 && std::size_t(probabilityClass) < classes &&
        data.probabilities.size() == n * classes) {
        points->probability.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            points->probability[i] = data.probabilities[i * classes + std::size_t(probabilityClass)];
        points->probabilityClass = data.probabilityClasses[probabilityClass];
    }
    return points;
}

namespace {

// The area's features by name: a dataset may order its columns differently from the training data. Empty
// with `error` set when the dataset lacks some.
std::vector<std::size_t> aoaColumns(const Dataset& dataset, const AreaOfApplicability& aoa, QString* error) {
    std::vector<std::size_t> column;
    QStringList missing;
    for (const std::string& name : aoa.featureNames()) {
        const auto it = std::find(dataset.featureNames.begin(), dataset.featureNames.end(), name);
        if (it == dataset.featureNames.end())
            missing << QString::fromStdString(name);
        else
            column.push_back(std::size_t(it - dataset.featureNames.begin()));
    }
    if (missing.isEmpty()) return column;
    if (error)
        *error = tr("The dataset lacks features of the area of applicability: %1").arg(missing.join(", "));
    return {};
}

}  // namespace

float dissimilarityOfRow(const MapPanelData& data, std::size_t row) {
    if (!data.aoa || !data.dataset || row >= data.dataset->size()) return std::nanf("");
    const Dataset& dataset = *data.dataset;
    const std::vector<std::size_t> column = aoaColumns(dataset, *data.aoa, nullptr);
    if (column.empty()) return std::nanf("");
    std::vector<float> features(column.size());
    for (std::size_t j = 0; j < column.size(); ++j)
        features[j] = dataset.features[row * dataset.featureCount() + column[j]];
    return float(data.aoa->dissimilarity(features.data(), 1).front());
}

std::shared_ptr<const std::vector<float>> dissimilarityOfPoints(const MapPanelData& data,
                                                                TaskFeedback& feedback, QString* error) {
    if (!data.aoa || !data.dataset) return nullptr;
    const Dataset& dataset = *data.dataset;
    const AreaOfApplicability& aoa = *data.aoa;
    const std::vector<std::size_t> column = aoaColumns(dataset, aoa, error);
    if (column.empty()) return nullptr;
    const std::size_t n = dataset.size(), d = dataset.featureCount(), k = column.size();
    auto di = std::make_shared<std::vector<float>>(n, std::nanf(""));
    constexpr std::size_t kChunk = 4096;
    std::vector<float> rows;
    for (std::size_t start = 0; start < n; start += kChunk) {
        if (feedback.isCanceled()) return nullptr;
        const std::size_t count = std::min(kChunk, n - start);
        rows.resize(count * k);
        for (std::size_t r = 0; r < count; ++r)
            for (std::size_t j = 0; j < k; ++j)
                rows[r * k + j] = dataset.features[(start + r) * d + column[j]];
        const std::vector<double> values = aoa.dissimilarity(rows.data(), count);
        for (std::size_t r = 0; r < count; ++r)
            (*di)[start + r] = float(values[r]);
        feedback.setProgress(100.0 * double(start + count) / double(n));
    }
    return di;
}

std::shared_ptr<const MapPoints> composeMapPoints(const MapPanelData& data, bool testOnly,
                                                  int probabilityClass,
                                                  const std::vector<unsigned char>& classVisible,
                                                  PointColorMode mode) {
    auto composed = composeMapPoints(data, testOnly, probabilityClass);
    const bool hides = std::find(classVisible.begin(), classVisible.end(), 0) != classVisible.end();
    if (!hides || classVisible.size() != std::size_t(data.points.classNames.size())) return composed;
    auto points = std::make_shared<MapPoints>(*composed);
    points->classVisible = classVisible;
    const std::vector<int>& classes =
        mode == PointColorMode::PredictedClass ? points->predictedClass : points->trueClass;
    const std::size_t n = points->size();
    if (points->shown.empty()) points->shown.assign(n, 1);
    for (std::size_t i = 0; i < n && i < classes.size(); ++i)
        if (!points->isClassVisible(classes[i])) points->shown[i] = 0;
    return points;
}

QString pointCounts(const MapPanelData& data, const MapPoints& points) {
    const QLocale locale;
    std::size_t shown = 0, scored = 0, correct = 0;
    // With a split known only test points are scored: points the model trained on would flatter it.
    const bool testOnly = data.hasParts();
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!points.isShown(i)) continue;
        ++shown;
        if (testOnly && data.partOf(i) != PointPart::Test) continue;
        const int t = i < points.trueClass.size() ? points.trueClass[i] : -1;
        const int p = i < points.predictedClass.size() ? points.predictedClass[i] : -1;
        if (t < 0 || p < 0) continue;
        ++scored;
        correct += t == p;
    }
    QString text = tr("%1 points · %2 shown")
                       .arg(locale.toString(qulonglong(points.size())), locale.toString(qulonglong(shown)));
    if (data.hasParts())
        text += tr("\ntrain %1 · validation %2 · test %3")
                    .arg(locale.toString(qulonglong(data.partCounts[0])),
                         locale.toString(qulonglong(data.partCounts[1])),
                         locale.toString(qulonglong(data.partCounts[2])));
    if (scored > 0)
        text += (testOnly ? tr("\ntest points shown: %1 correct, %2 wrong (%3 % correct)")
                          : tr("\nshown: %1 correct, %2 wrong (%3 % correct)"))
                    .arg(locale.toString(qulonglong(correct)), locale.toString(qulonglong(scored - correct)))
                    .arg(100.0 * double(correct) / double(scored), 0, 'f', 1);
    return text;
}

}  // namespace bridgelc
