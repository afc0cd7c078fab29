#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace bridgelc {

/// What a cell held, before any column was given a meaning.
enum class CellState : std::uint8_t {
    Number,     ///< a finite number
    Empty,      ///< empty, or a missing-value marker (NA, N/A, null, None)
    NonFinite,  ///< NaN or +-Inf written as such
    Text        ///< anything else, e.g. "< LOD"
};

/// One column of a RawTable: every cell classified and, where it is a number, parsed.
struct RawColumn {
    std::string name;
    int fileColumn = 0;     ///< 1-based position in the file (CSV column, OGR field index + 1)
    bool keepText = false;  ///< keep every cell's text (ids, labels, regions: needed as written)

    std::vector<double> numbers;          ///< one per row; NaN unless the cell is a Number
    std::vector<CellState> states;        ///< one per row
    std::vector<std::string_view> texts;  ///< one per row when keepText, else empty
    /// Cells classified Text, in row order: (row, text). A text column has one entry per non-empty row.
    std::vector<std::pair<std::size_t, std::string_view>> textCells;
    std::size_t numberCount = 0, emptyCount = 0, nonFiniteCount = 0;

    std::size_t textCount() const { return textCells.size(); }
    /// Mostly numbers: text cells in such a column are bad values, not a sign of a text column.
    bool isNumeric() const { return numberCount > 0 && numberCount + nonFiniteCount >= textCount(); }
};

/// A table as read from a file (CSV or OGR layer) with cells classified but no roles assigned yet. Text cells
/// are views into `buffer` (the whole file for CSV) or into `arena` (unescaped or converted strings).
struct RawTable {
    std::string path;
    bool fromOgr = false;     ///< row numbers are OGR feature numbers, columns are fields
    char decimalPoint = '.';  ///< ',' for files written with decimal commas

    std::vector<RawColumn> columns;
    std::vector<std::int64_t> lines;  ///< 1-based line (CSV) or feature number (OGR) of each row

    bool hasGeometry = false;                      ///< OGR point geometry, already in WGS84 lon/lat
    std::vector<double> geometryLon, geometryLat;  ///< NaN where a feature had no usable point

    std::string buffer;
    std::deque<std::string> arena;

    std::size_t rowCount() const { return lines.size(); }
    /// Index of the column with this name (case-insensitive), or -1.
    int find(std::string_view name) const;

    /// Classifies `text` (trimmed), parses it when it is a number, and appends it to column `column`.
    void addCell(std::size_t column, std::string_view text);
    /// Appends one row of cells (one per column) read from `line`.
    void addRow(const std::vector<std::string_view>& cells, std::int64_t line);
    /// Appends a number known to be numeric (OGR numeric fields), keeping its text when the column wants it.
    void addNumber(std::size_t column, double value);
    /// Appends an empty cell (OGR null field).
    void addEmpty(std::size_t column);
    /// Makes room for `rows` rows in every column (call after the columns exist and know keepText).
    void reserve(std::size_t rows);
    /// Keeps `text` alive for the table's lifetime and returns a view of it.
    std::string_view own(std::string text);
};

/// Case-insensitive ASCII comparison of column names.
bool sameName(std::string_view a, std::string_view b);
/// `text` without leading and trailing spaces and tabs (inline: it runs once per cell).
inline std::string_view trimmedView(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    return text.substr(begin, end - begin);
}

}  // namespace bridgelc
