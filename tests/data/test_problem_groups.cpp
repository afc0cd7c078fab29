// Mostly-missing feature columns left out (and kept on request), problems grouped by kind and column with
// their share of rows, and out-of-range latitudes not mistaken for projected metres.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/data/point_reader.h"
#include "core/data/problem_groups.h"
#include "tests/data/test_files.h"
#include "tests/raw_lucas_table.h"

namespace bridgelc {
namespace {

using testing::TempDir;

bool hasFeature(const Dataset& d, const std::string& name) {
    return std::find(d.featureNames.begin(), d.featureNames.end(), name) != d.featureNames.end();
}

const ProblemGroup* findGroup(const std::vector<ProblemGroup>& groups, const std::string& kind,
                              const std::string& column) {
    for (const ProblemGroup& group : groups)
        if (group.kind == kind && group.columnName == column) return &group;
    return nullptr;
}

TEST(MostlyMissingColumns, AreLeftOutWithAProblemNamingColumnCountAndShare) {
    TempDir dir;
    const std::string path = dir.write("raw.csv", test::rawLucasCsv());
    const LoadResult result = loadPoints(path);
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& d = *result.dataset;
    EXPECT_EQ(d.featureNames, (std::vector<std::string>{"P", "K", "pH_H2O", "Elevation", "blue_median",
                                                        "nir_median", "ndvi_p50"}));
    EXPECT_EQ(result.report.rowCount(), test::kRawLucasRows);

    const std::vector<ProblemGroup> groups = groupProblems(result.report);
    const ProblemGroup* oc = findGroup(groups, "mostly-missing-column", "OC");
    ASSERT_NE(oc, nullptr);
    EXPECT_EQ(oc->severity, Severity::Warning);
    EXPECT_EQ(oc->rowsAffected, 194u);
    EXPECT_DOUBLE_EQ(oc->share(), 0.97);
    EXPECT_EQ(oc->title,
              "Column 'OC': no number in 194 of 200 rows (97.0 %): 190 empty, 4 not numbers such as '< LOD'");
    EXPECT_EQ(oc->label, "OC: mostly empty, not used");
    EXPECT_EQ(oc->action.rfind("not used as a feature (over 50 % missing)", 0), 0u) << oc->action;
    const ProblemGroup* ec = findGroup(groups, "mostly-missing-column", "EC");
    ASSERT_NE(ec, nullptr);
    EXPECT_EQ(ec->title, "Column 'EC': no number in 199 of 200 rows (99.5 %): 199 empty");
    ASSERT_NE(findGroup(groups, "mostly-missing-column", "N"), nullptr);

    // Cells of a column that is not a feature are not reported one by one.
    EXPECT_EQ(findGroup(groups, "empty-cell", "OC"), nullptr);
    const ProblemGroup* p = findGroup(groups, "non-numeric", "P");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->count, 40u);
    EXPECT_EQ(p->problems.size(), 40u);
    EXPECT_EQ(p->title, "Values that are not numbers in column 'P': 40 of 200 rows (20.0 %)");
    EXPECT_EQ(p->problems.front()->line, 2);  // the first data row
    EXPECT_EQ(p->problems.front()->column, 6);

    // Most important first: whole-column summaries (by rows touched), then row problems, then notes.
    ASSERT_GE(groups.size(), 8u);
    EXPECT_EQ(groups[0].columnName, "EC");
    EXPECT_EQ(groups[1].columnName, "OC");
    EXPECT_EQ(groups[2].columnName, "N");
    EXPECT_EQ(groups[3].kind, "missing-values-summary");
    EXPECT_EQ(groups[3].columnName, "P");
    EXPECT_EQ(groups[3].share(), 0.2);
    const auto firstRowGroup =
        std::find_if(groups.begin(), groups.end(), [](const ProblemGroup& g) { return !g.summary; });
    ASSERT_NE(firstRowGroup, groups.end());
    EXPECT_EQ(firstRowGroup->kind, "non-numeric");
    EXPECT_EQ(groups.back().severity, Severity::Info);
}

TEST(MostlyMissingColumns, AreKeptWhenTheUserInsists) {
    TempDir dir;
    const std::string path = dir.write("raw.csv", test::rawLucasCsv());
    LoadOptions options;
    options.keepMostlyMissingColumns = true;
    const LoadResult result = loadPoints(path, options);
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    EXPECT_TRUE(hasFeature(*result.dataset, "OC"));
    EXPECT_TRUE(hasFeature(*result.dataset, "N"));
    EXPECT_TRUE(hasFeature(*result.dataset, "EC"));
    EXPECT_FALSE(hasFeature(*result.dataset, "CaCO3"));  // no value at all: nothing to keep
    const std::vector<ProblemGroup> groups = groupProblems(result.report);
    const ProblemGroup* kept = findGroup(groups, "mostly-missing-kept", "OC");
    ASSERT_NE(kept, nullptr);
    EXPECT_EQ(kept->action,
              "kept as a feature as asked; the missing values are imputed with the training mean");
    // Now its cells are features, each counted in its own column group.
    const ProblemGroup* empty = findGroup(groups, "empty-cell", "OC");
    ASSERT_NE(empty, nullptr);
    EXPECT_EQ(empty->count, 190u);
    EXPECT_EQ(findGroup(groups, "non-numeric", "OC")->count, 4u);
}

TEST(MostlyMissingColumns, EveryFeatureMostlyMissingIsFatalAndSaysHowToInsist) {
    TempDir dir;
    const std::string path = dir.write(
        "sparse.csv", "id,lon,lat,label,oc\n1,10,50,Cropland,\n2,11,51,Woodland,\n3,12,52,Woodland,3\n");
    const LoadResult result = loadPoints(path);
    EXPECT_FALSE(result.dataset);
    EXPECT_NE(result.report.fatalMessage().find("mostly missing"), std::string::npos)
        << result.report.fatalMessage();
    EXPECT_NE(result.report.fatalMessage().find("--keep-mostly-empty-columns"), std::string::npos);
}

TEST(ProblemGroups, DetailsAreKeptPerColumnSoLateColumnsShowTheirRows) {
    ValidationReport report;
    for (int i = 0; i < 1000; ++i)
        report.add("empty-cell",
                   Problem{Severity::Warning, "a.csv", i + 2, 5, "b2", "empty cell", "imputed"});
    report.add("empty-cell", Problem{Severity::Warning, "a.csv", 1002, 6, "b3", "empty cell", "imputed"});
    report.setRowCount(2000);
    const std::vector<ProblemGroup> groups = groupProblems(report);
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].columnName, "b2");
    EXPECT_EQ(groups[0].count, 1000u);
    EXPECT_EQ(groups[0].problems.size(), ValidationReport::kMaxDetailsPerKind);
    EXPECT_EQ(groups[0].title, "Empty cells in column 'b2': 1,000 of 2,000 rows (50.0 %)");
    EXPECT_EQ(groups[1].columnName, "b3");
    ASSERT_EQ(groups[1].problems.size(), 1u);
    EXPECT_EQ(groups[1].problems.front()->line, 1002);
    EXPECT_EQ(groups[1].title, "Column 'b3': empty cell");
}

TEST(ProblemGroups, CountsAndSharesReadWell) {
    EXPECT_EQ(countText(0), "0");
    EXPECT_EQ(countText(999), "999");
    EXPECT_EQ(countText(18970), "18,970");
    EXPECT_EQ(countText(1234567), "1,234,567");
    EXPECT_EQ(shareText(18970, 18984), "99.9 %");
    EXPECT_EQ(shareText(18983, 18984), "> 99.9 %");
    EXPECT_EQ(shareText(1, 100000), "< 0.1 %");
    EXPECT_EQ(shareText(5, 5), "100.0 %");
    EXPECT_EQ(shareText(0, 5), "0.0 %");
}

TEST(CoordinateRange, ALatitudeOf300WithValidLongitudesIsNotCalledProjected) {
    TempDir dir;
    const std::string path = dir.write("lat300.csv",
                                       "id,lon,lat,label,blue\n1,10.5,300,Cropland,1\n2,11.5,300,Woodland,2\n"
                                       "3,12.5,50.2,Woodland,3\n");
    const LoadResult result = loadPoints(path);
    ASSERT_TRUE(result.dataset);
    EXPECT_EQ(result.dataset->size(), 1u);
    bool sawRow = false, sawSummary = false;
    for (const Problem& p : result.report.problems()) {
        EXPECT_EQ(p.what.find("projected"), std::string::npos) << p.toString();
        if (p.kind == "coordinate-range" && p.line == 2) {
            sawRow = true;
            EXPECT_EQ(p.column, 3);
            EXPECT_EQ(p.columnName, "lat");
            EXPECT_EQ(p.what, "latitude 300 is outside -90..90 (its longitude 10.5 is valid)");
        }
        if (p.kind == "coordinates-summary") {
            sawSummary = true;
            EXPECT_EQ(p.what,
                      "2 of 3 rows have a latitude outside -90..90 while their longitudes are valid degrees: "
                      "column 3 'lat' holds values that are not latitudes (mistyped, or another column); fix "
                      "those rows or name the right column with --lat");
        }
    }
    EXPECT_TRUE(sawRow);
    EXPECT_TRUE(sawSummary);
}

}  // namespace
}  // namespace bridgelc
