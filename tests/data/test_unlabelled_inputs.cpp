// Points without labels, read to be predicted (LoadOptions::requireLabel = false), and labels mapped onto
// classes the caller gives (a saved model's): nothing fatal, unlabelled rows kept with label -1.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/data/lucas_legend.h"
#include "core/data/point_reader.h"
#include "test_files.h"

using namespace bridgelc;

namespace {

std::string fixture(const std::string& relative) {
    return std::string(BRIDGELC_TEST_DATA_DIR) + "/" + relative;
}

std::size_t kindCount(const ValidationReport& report, const std::string& kind) {
    for (const auto& [name, count] : report.kindCounts())
        if (name == kind) return count;
    return 0;
}

LoadOptions predicting() {
    LoadOptions options;
    options.requireLabel = false;
    return options;
}

TEST(UnlabelledInput, FileWithoutLabelColumnLoadsWhenLabelsAreOptional) {
    const std::string path = fixture("bad/no_label_column.csv");
    ASSERT_TRUE(loadPoints(path).report.hasFatal()) << "labels stay required by default";

    const LoadResult result = loadPoints(path, predicting());
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& d = *result.dataset;
    EXPECT_EQ(d.size(), 2u);
    EXPECT_EQ(d.label, (std::vector<int>{-1, -1}));
    EXPECT_TRUE(d.classNames.empty());
    EXPECT_TRUE(d.labelsOptional);
    EXPECT_TRUE(d.classCounts().empty());
    EXPECT_EQ(d.featureNames, (std::vector<std::string>{"blue_median", "red_median"}));
    EXPECT_NO_THROW(d.checkConsistent());
    EXPECT_EQ(kindCount(result.report, "no-label-column"), 1u);
    EXPECT_EQ(result.report.count(Severity::Warning), 0u);

    const Dataset one = d.subset({1});
    EXPECT_EQ(one.label, (std::vector<int>{-1}));
    EXPECT_TRUE(one.labelsOptional);
    EXPECT_NO_THROW(one.checkConsistent());
}

TEST(UnlabelledInput, UnlabelledFixtureKeepsEveryRowAndItsFineCodes) {
    LoadOptions options = predicting();
    options.classNames = lucasLevel1Classes();
    const LoadResult result = loadPoints(fixture("good/unlabelled_points.csv"), options);
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& d = *result.dataset;
    ASSERT_EQ(d.size(), 4u);
    EXPECT_EQ(d.label, (std::vector<int>(4, -1)));
    EXPECT_EQ(d.classNames, lucasLevel1Classes());
    EXPECT_EQ(d.classCounts(), (std::vector<std::size_t>(8, 0)));
    EXPECT_EQ(d.ids, (std::vector<std::string>{"101", "102", "103", "104"}));
    EXPECT_DOUBLE_EQ(d.lon[0], 10.5);  // lat before lon in the file
    EXPECT_DOUBLE_EQ(d.lat[0], 50.1);
    EXPECT_EQ(d.featureNames, (std::vector<std::string>{"red_median", "blue_median"}));
    EXPECT_EQ(d.row(3)[0], 900.0f);
    EXPECT_EQ(d.fineCode, (std::vector<std::string>{"B11", "", "", "C21"}));
    EXPECT_EQ(kindCount(result.report, "bad-fine-code"), 1u);  // Q99
    EXPECT_EQ(kindCount(result.report, "empty-class"), 0u) << "no class noise for a file without labels";
    EXPECT_NO_THROW(d.checkConsistent());
}

TEST(UnlabelledInput, BadLabelsAreKeptUnlabelledInsteadOfDropped) {
    const std::string path = fixture("bad/unknown_label_name.csv");
    const LoadResult strict = loadPoints(path);
    ASSERT_TRUE(strict.dataset);
    EXPECT_EQ(strict.dataset->size(), 3u);

    const LoadResult result = loadPoints(path, predicting());
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& d = *result.dataset;
    ASSERT_EQ(d.size(), 4u);
    const int cropland = 1, woodland = 2;
    EXPECT_EQ(d.label, (std::vector<int>{cropland, -1, woodland, woodland}));
    EXPECT_EQ(d.classNames, lucasLevel1Classes());
    EXPECT_NO_THROW(d.checkConsistent());
    const auto& problems = result.report.problems();
    const auto bad = std::find_if(problems.begin(), problems.end(), [](const Problem& p) {
        return p.line == 3 && p.toString().find("unknown label 'Croplnd'") != std::string::npos;
    });
    ASSERT_NE(bad, problems.end());
    EXPECT_NE(bad->toString().find("kept without a label"), std::string::npos) << bad->toString();
    EXPECT_EQ(kindCount(result.report, "unlabelled-summary"), 1u);
}

TEST(UnlabelledInput, NamedLabelColumnMustStillExist) {
    LoadOptions options = predicting();
    options.labelColumn = "landcover_class";
    const LoadResult result = loadPoints(fixture("bad/no_label_column.csv"), options);
    EXPECT_FALSE(result.dataset);
    EXPECT_NE(result.report.fatalMessage().find("landcover_class"), std::string::npos);
}

TEST(GivenClasses, LabelsAreMappedOntoTheGivenClassesByName) {
    LoadOptions options;
    options.classNames = {"Woodland", "Wetland", "Cropland"};
    const LoadResult result = loadPoints(fixture("bad/single_point_class.csv"), options);
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& d = *result.dataset;
    EXPECT_EQ(d.classNames, options.classNames);
    EXPECT_EQ(d.label, (std::vector<int>{2, 0, 2, 1}));
    EXPECT_EQ(d.classCounts(), (std::vector<std::size_t>{1, 1, 2}));
    EXPECT_NO_THROW(d.checkConsistent());
}

TEST(GivenClasses, LabelOutsideTheGivenClassesIsDroppedOrKeptUnlabelled) {
    LoadOptions options;
    options.classNames = {"Cropland", "Woodland"};
    const std::string path = fixture("bad/single_point_class.csv");  // one Wetland point on line 5
    const LoadResult strict = loadPoints(path, options);
    ASSERT_TRUE(strict.dataset) << strict.report.fatalMessage();
    EXPECT_EQ(strict.dataset->size(), 3u);
    EXPECT_EQ(strict.dataset->label, (std::vector<int>{0, 1, 0}));
    const auto& problems = strict.report.problems();
    const auto outside = std::find_if(problems.begin(), problems.end(), [](const Problem& p) {
        return p.line == 5 && p.severity == Severity::Warning &&
               p.toString().find("'Wetland' is not one of the 2 given classes") != std::string::npos;
    });
    EXPECT_NE(outside, problems.end());

    options.requireLabel = false;
    const LoadResult kept = loadPoints(path, options);
    ASSERT_TRUE(kept.dataset) << kept.report.fatalMessage();
    EXPECT_EQ(kept.dataset->label, (std::vector<int>{0, 1, 0, -1}));
    EXPECT_NO_THROW(kept.dataset->checkConsistent());
}

TEST(UnlabelledDataset, MinusOneIsOnlyConsistentWhenLabelsAreOptional) {
    Dataset d;
    d.featureNames = {"a"};
    d.features = {1, 2};
    d.lon = {1, 2};
    d.lat = {41, 42};
    d.classNames = {"Cropland"};
    d.label = {0, -1};
    EXPECT_THROW(d.checkConsistent(), std::logic_error);
    d.labelsOptional = true;
    EXPECT_NO_THROW(d.checkConsistent());
    EXPECT_EQ(d.classCounts(), (std::vector<std::size_t>{1}));
    d.label = {0, -2};
    EXPECT_THROW(d.checkConsistent(), std::logic_error);
}

}  // namespace
