// Every broken input in tests/data/bad/ with the problem it must produce: the kind, where (line, column) and
// a phrase of the message, and whether the load still gives a dataset.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/data/point_reader.h"

using namespace bridgelc;

namespace {

struct BadCase {
    const char* file;
    const char* kind;  ///< ValidationReport kind that must be counted
    Severity severity;
    std::int64_t line;   ///< expected line of the problem, 0 when not tied to a line
    int column;          ///< expected column, 0 when not tied to one
    const char* phrase;  ///< must appear in the message
    bool loads;          ///< a dataset comes back (only non-fatal problems)
    std::size_t points;  ///< points kept when it loads
};

void PrintTo(const BadCase& c, std::ostream* os) {
    *os << c.file;
}

std::string badPath(const char* file) {
    return std::string(BRIDGELC_TEST_DATA_DIR) + "/bad/" + file;
}

std::size_t kindCount(const ValidationReport& report, const std::string& kind) {
    for (const auto& [name, count] : report.kindCounts())
        if (name == kind) return count;
    return 0;
}

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, ReportsTheProblemWhereItIs) {
    const BadCase& c = GetParam();
    const std::string path = badPath(c.file);
    const LoadResult result = loadPoints(path);
    const ValidationReport& report = result.report;

    EXPECT_GE(kindCount(report, c.kind), 1u) << "kind " << c.kind << " not reported";
    const auto& problems = report.problems();
    const auto match = std::find_if(problems.begin(), problems.end(), [&](const Problem& p) {
        return p.severity == c.severity && p.line == c.line && p.column == c.column &&
               p.toString().find(c.phrase) != std::string::npos;
    });
    ASSERT_NE(match, problems.end()) << "no " << severityName(c.severity) << " at line " << c.line
                                     << " column " << c.column << " saying '" << c.phrase << "'; report:\n"
                                     << [&] {
                                            std::string all;
                                            for (const Problem& p : problems)
                                                all += "  " + p.toString() + "\n";
                                            return all;
                                        }();
    const std::string text = match->toString();
    EXPECT_NE(text.find(path), std::string::npos) << "message must name the file: " << text;
    const std::string where =
        match->lineIsFeature ? "feature " + std::to_string(c.line) : ":" + std::to_string(c.line);
    if (c.line > 0) EXPECT_NE(text.find(where), std::string::npos) << text;

    EXPECT_EQ(result.dataset.has_value(), c.loads) << report.fatalMessage();
    EXPECT_EQ(report.hasFatal(), !c.loads);
    if (c.loads) {
        EXPECT_EQ(result.dataset->size(), c.points);
        EXPECT_NO_THROW(result.dataset->checkConsistent());
    } else {
        EXPECT_NE(report.fatalMessage().find(path), std::string::npos);
    }
}

const BadCase kCases[] = {
    {"empty.csv", "empty-file", Severity::Fatal, 0, 0, "empty", false, 0},
    {"header_only.csv", "header-only", Severity::Fatal, 1, 0, "no data rows", false, 0},
    {"ragged_row.csv", "ragged-row", Severity::Fatal, 4, 7, "row has 7 cells but the header has 6", false, 0},
    {"truncated.csv", "ragged-row", Severity::Fatal, 4, 4, "row has 4 cells but the header has 6", false, 0},
    {"unterminated_quote.csv", "unterminated-quote", Severity::Fatal, 3, 4, "unterminated quoted cell", false,
     0},
    {"non_numeric_lod.csv", "non-numeric", Severity::Warning, 3, 6, "non-numeric value '< LOD'", true, 4},
    {"empty_cells.csv", "empty-cell", Severity::Warning, 3, 5, "column 'blue_median': empty cell", true, 4},
    {"empty_cells.csv", "empty-cell", Severity::Warning, 4, 6, "imputed with the training mean", true, 4},
    {"nan_inf.csv", "non-finite", Severity::Warning, 3, 5, "NaN or infinite", true, 4},
    {"nan_inf.csv", "non-finite", Severity::Warning, 4, 6, "NaN or infinite", true, 4},
    {"nan_inf.csv", "non-finite", Severity::Warning, 5, 6, "NaN or infinite", true, 4},
    {"lat_out_of_range.csv", "coordinate-range", Severity::Warning, 4, 3, "latitude 95.3 is outside -90..90",
     true, 3},
    {"lat_lon_swapped.csv", "swapped-coordinates", Severity::Warning, 5, 3, "look swapped", true, 3},
    {"outside_europe.csv", "outside-europe", Severity::Warning, 4, 3, "outside Europe", true, 3},
    {"non_numeric_coordinate.csv", "bad-coordinate", Severity::Warning, 3, 3,
     "latitude 'north' is not a number", true, 3},
    {"duplicate_ids.csv", "duplicate-id", Severity::Warning, 5, 1, "id '1' already used on line 2", true, 4},
    {"unknown_label_code.csv", "unknown-label", Severity::Warning, 3, 4, "unknown LUCAS code 'Z99'", true, 4},
    {"unknown_label_name.csv", "unknown-label", Severity::Warning, 3, 4, "unknown label 'Croplnd'", true, 3},
    {"single_point_class.csv", "small-class", Severity::Warning, 0, 4, "class 'Wetland' has only 1 point",
     true, 4},
    {"no_label_column.csv", "missing-column", Severity::Fatal, 0, 0, "no label column", false, 0},
    {"no_coordinate_columns.csv", "missing-column", Severity::Fatal, 0, 0, "no coordinate columns", false, 0},
    {"no_features.csv", "no-features", Severity::Fatal, 0, 0, "no numeric feature columns", false, 0},
    {"semicolon_decimal_comma.csv", "decimal-comma", Severity::Info, 2, 2, "decimal commas", true, 3},
    {"polygons.geojson", "not-points", Severity::Fatal, 1, 0, "feature 1 is a Polygon, not a point", false,
     0},
    {"does_not_exist.csv", "unreadable", Severity::Fatal, 0, 0, "does not exist", false, 0},
};

INSTANTIATE_TEST_SUITE_P(Fixtures, BadInput, ::testing::ValuesIn(kCases), [](const auto& info) {
    std::string name = info.param.file;
    name = name.substr(0, name.find('.')) + "_" + std::to_string(info.index);
    return name;
});

TEST(BadInputValues, DecimalCommasAreReadAsNumbers) {
    const LoadResult result = loadPoints(badPath("semicolon_decimal_comma.csv"));
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& d = *result.dataset;
    ASSERT_EQ(d.featureNames, (std::vector<std::string>{"blue_median", "ndvi_p50"}));
    EXPECT_DOUBLE_EQ(d.lon[0], 10.5);
    EXPECT_DOUBLE_EQ(d.lat[1], 50.2);
    EXPECT_FLOAT_EQ(d.row(0)[0], 0.0532f);
    EXPECT_FLOAT_EQ(d.row(1)[1], -0.25f);
    EXPECT_FLOAT_EQ(d.row(2)[0], 0.015f);
    EXPECT_EQ(d.ids[2], "3");
}

TEST(BadInputValues, RepairedCellsAreMissingAndCounted) {
    const LoadResult lod = loadPoints(badPath("non_numeric_lod.csv"));
    ASSERT_TRUE(lod.dataset);
    EXPECT_TRUE(std::isnan(lod.dataset->row(1)[1]));
    EXPECT_FLOAT_EQ(lod.dataset->row(1)[0], 1100.0f);

    const LoadResult nanInf = loadPoints(badPath("nan_inf.csv"));
    ASSERT_TRUE(nanInf.dataset);
    EXPECT_TRUE(std::isnan(nanInf.dataset->row(1)[0]));
    EXPECT_TRUE(std::isnan(nanInf.dataset->row(2)[1]));
    EXPECT_TRUE(std::isnan(nanInf.dataset->row(3)[1]));
    EXPECT_EQ(kindCount(nanInf.report, "non-finite"), 3u);

    const LoadResult empty = loadPoints(badPath("empty_cells.csv"));
    ASSERT_TRUE(empty.dataset);
    EXPECT_EQ(kindCount(empty.report, "empty-cell"), 2u);
}

TEST(BadInputValues, DroppedRowsAreTheBadOnes) {
    const LoadResult swapped = loadPoints(badPath("lat_lon_swapped.csv"));
    ASSERT_TRUE(swapped.dataset);
    EXPECT_EQ(swapped.dataset->ids, (std::vector<std::string>{"1", "2", "3"}));
    const LoadResult code = loadPoints(badPath("unknown_label_code.csv"));
    ASSERT_TRUE(code.dataset);
    EXPECT_EQ(code.dataset->ids, (std::vector<std::string>{"1", "3", "4", "5"}));
    EXPECT_EQ(code.dataset->fineCode, (std::vector<std::string>{"B11", "C21", "B13", "C10"}));
    EXPECT_EQ(code.dataset->label, (std::vector<int>{1, 2, 1, 2}));
}

}  // namespace
