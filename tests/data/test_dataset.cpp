// Dataset helpers, LUCAS class mapping and the validation report, on small hand-made values.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/data/dataset.h"
#include "core/data/lucas_legend.h"
#include "core/data/validation_report.h"
#include "core/geo/regions.h"

using namespace bridgelc;

namespace {

Dataset tiny() {
    Dataset d;
    d.featureNames = {"a", "b"};
    d.features = {1, 2, 3, 4, 5, 6, 7, 8};
    d.lon = {1, 2, 3, 4};
    d.lat = {41, 42, 43, 44};
    d.ids = {"p1", "p2", "p3", "p4"};
    d.classNames = {"Cropland", "Woodland"};
    d.label = {0, 1, 1, 1};
    d.fineCode = {"B11", "C21", "", "C10"};
    d.region = {regionIndex("ATL"), regionIndex("MED"), -1, regionIndex("ATL")};
    d.fixedSplit = {0, 1, -1, 0};
    return d;
}

TEST(Dataset, CountsClassesAndRegionsWithOutsideLast) {
    const Dataset d = tiny();
    EXPECT_EQ(d.classCounts(), (std::vector<std::size_t>{1, 3}));
    const auto regions = d.regionCounts();
    ASSERT_EQ(regions.size(), biogeographicalRegions().size() + 1);
    EXPECT_EQ(regions[regionIndex("ATL")], 2u);
    EXPECT_EQ(regions[regionIndex("MED")], 1u);
    EXPECT_EQ(regions.back(), 1u);
}

TEST(Dataset, SubsetKeepsRowsInOrderWithAllColumns) {
    const Dataset d = tiny();
    const Dataset s = d.subset({3, 0});
    EXPECT_EQ(s.size(), 2u);
    EXPECT_EQ(s.features, (std::vector<float>{7, 8, 1, 2}));
    EXPECT_EQ(s.ids, (std::vector<std::string>{"p4", "p1"}));
    EXPECT_EQ(s.label, (std::vector<int>{1, 0}));
    EXPECT_EQ(s.fineCode, (std::vector<std::string>{"C10", "B11"}));
    EXPECT_EQ(s.fixedSplit, (std::vector<signed char>{0, 0}));
    EXPECT_EQ(s.classNames, d.classNames);
    EXPECT_DOUBLE_EQ(s.lat[0], 44);
    EXPECT_NO_THROW(s.checkConsistent());
    EXPECT_THROW(d.subset({4}), std::out_of_range);
}

TEST(Dataset, CheckConsistentFindsBrokenColumns) {
    Dataset d = tiny();
    EXPECT_NO_THROW(d.checkConsistent());
    d.label[2] = 2;
    EXPECT_THROW(d.checkConsistent(), std::logic_error);
    d = tiny();
    d.features.pop_back();
    EXPECT_THROW(d.checkConsistent(), std::logic_error);
    d = tiny();
    d.lat.pop_back();
    EXPECT_THROW(d.checkConsistent(), std::logic_error);
    d = tiny();
    d.region[0] = 11;
    EXPECT_THROW(d.checkConsistent(), std::logic_error);
    d = tiny();
    d.ids.clear();  // optional columns may be left empty
    d.fixedSplit.clear();
    EXPECT_NO_THROW(d.checkConsistent());
}

TEST(Lucas, Level1IndexOfCodesAndNames) {
    const auto& classes = lucasLevel1Classes();
    ASSERT_EQ(classes.size(), 8u);
    EXPECT_EQ(classes.front(), "Artificial land");
    EXPECT_EQ(classes.back(), "Wetland");
    EXPECT_EQ(lucasLevel1Index("B11"), 1);
    EXPECT_EQ(lucasLevel1Index("b16"), 1);
    EXPECT_EQ(lucasLevel1Index("C"), 2);
    EXPECT_EQ(lucasLevel1Index("Bx1"), 1);
    EXPECT_EQ(lucasLevel1Index("H23"), 7);
    EXPECT_EQ(lucasLevel1Index("Cropland"), 1);
    EXPECT_EQ(lucasLevel1Index("  bare LAND "), 5);
    EXPECT_EQ(lucasLevel1Index("Wetlands"), 7);
    EXPECT_EQ(lucasLevel1Index("WATER"), 6);
    EXPECT_EQ(lucasLevel1Index("Z99"), -1);
    EXPECT_EQ(lucasLevel1Index("Forest"), -1);
    EXPECT_EQ(lucasLevel1Index(""), -1);
    for (std::size_t i = 0; i < classes.size(); ++i) {
        EXPECT_EQ(lucasLevel1Index(classes[i]), static_cast<int>(i));
        EXPECT_EQ(lucasLevel1Index(std::string(1, static_cast<char>('A' + i))), static_cast<int>(i));
    }
}

TEST(Lucas, LegendNamesCodes) {
    const LucasLegend& legend = LucasLegend::builtIn();
    ASSERT_FALSE(legend.empty());
    EXPECT_EQ(legend.name("B11"), "Common wheat");
    EXPECT_EQ(legend.displayName("b13"), "B13 Barley");
    EXPECT_TRUE(legend.contains("Bx1"));
    EXPECT_FALSE(legend.contains("B99"));
    EXPECT_EQ(legend.displayName("B99"), "B99");
}

TEST(Lucas, CropTypeSubsetKeepsFrequentCropCodes) {
    Dataset d;
    d.featureNames = {"f"};
    d.classNames = lucasLevel1Classes();
    const std::vector<std::string> codes = {"B11", "B11", "B13", "B11", "C21", "", "B13", "B16"};
    for (std::size_t i = 0; i < codes.size(); ++i) {
        d.features.push_back(static_cast<float>(i));
        d.lon.push_back(10);
        d.lat.push_back(50);
        d.ids.push_back(std::to_string(i));
        d.label.push_back(codes[i].empty() ? 1 : lucasLevel1Index(codes[i]));
        d.fineCode.push_back(codes[i]);
        d.region.push_back(0);
    }
    const Dataset crops = cropTypeSubset(d, 2);
    EXPECT_EQ(crops.classNames, (std::vector<std::string>{"B11 Common wheat", "B13 Barley"}));
    EXPECT_EQ(crops.ids, (std::vector<std::string>{"0", "1", "2", "3", "6"}));
    EXPECT_EQ(crops.label, (std::vector<int>{0, 0, 1, 0, 1}));
    EXPECT_EQ(crops.features, (std::vector<float>{0, 1, 2, 3, 6}));
    EXPECT_NO_THROW(crops.checkConsistent());
    EXPECT_EQ(cropTypeSubset(d, 4).classNames.size(), 0u);
}

TEST(ValidationReport, CountsEveryProblemKeepsTheFirstDetails) {
    ValidationReport report;
    for (int i = 0; i < 1000; ++i)
        report.add("empty-cell",
                   Problem{Severity::Warning, "a.csv", i + 2, 5, "b2", "empty cell", "imputed"});
    report.add(Problem{Severity::Info, "a.csv", 0, 0, {}, "note", ""});
    EXPECT_FALSE(report.hasFatal());
    EXPECT_EQ(report.count(Severity::Warning), 1000u);
    EXPECT_EQ(report.count(Severity::Info), 1u);
    EXPECT_EQ(report.problems().size(), ValidationReport::kMaxDetailsPerKind + 1);
    ASSERT_EQ(report.kindCounts().size(), 2u);
    EXPECT_EQ(report.kindCounts()[0], (std::pair<std::string, std::size_t>{"empty-cell", 1000}));
    EXPECT_EQ(report.kindSeverity("empty-cell"), Severity::Warning);
    EXPECT_EQ(report.fatalMessage(), "");
    report.add("ragged-row", Problem{Severity::Fatal, "a.csv", 9, 3, {}, "row has 2 cells", "load stopped"});
    EXPECT_TRUE(report.hasFatal());
    EXPECT_EQ(report.fatalMessage(), "a.csv:9:3: fatal: row has 2 cells (load stopped)");
}

TEST(ValidationReport, ProblemTextNamesFileLineColumn) {
    const Problem csv{Severity::Warning,           "data/x.csv", 12, 5, "red_median",
                      "non-numeric value '< LOD'", "set to NaN"};
    EXPECT_EQ(csv.toString(),
              "data/x.csv:12:5: warning: column 'red_median': non-numeric value '< LOD' (set to NaN)");
    Problem ogr = csv;
    ogr.lineIsFeature = true;
    EXPECT_EQ(
        ogr.toString(),
        "data/x.csv: feature 12, field 5 ('red_median'): warning: non-numeric value '< LOD' (set to NaN)");
    const Problem file{Severity::Fatal, "e.csv", 0, 0, {}, "the file is empty", ""};
    EXPECT_EQ(file.toString(), "e.csv: fatal: the file is empty");
}

}  // namespace
