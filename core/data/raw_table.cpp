#include "core/data/raw_table.h"

#include <fast_float/fast_float.h>

#include <cctype>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace bridgelc {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isMissingMarker(std::string_view text) {
    // Spreadsheet and R/pandas spellings of "no value"; anything else that is not a number is bad data.
    static constexpr std::string_view markers[] = {"NA", "N/A", "null", "NULL", "None", "#N/A", "n/a", "na"};
    for (std::string_view marker : markers)
        if (text == marker) return true;
    return false;
}

/// Parses a whole cell as a number; false when anything is left over.
bool parseNumber(std::string_view text, char decimalPoint, double& value) {
    const char* first = text.data();
    const char* last = first + text.size();
    if (first != last && *first == '+') ++first;  // fast_float follows std::from_chars and rejects '+'
    if (first == last) return false;
    const fast_float::parse_options options(fast_float::chars_format::general, decimalPoint);
    auto result = fast_float::from_chars_advanced(first, last, value, options);
    if (result.ec == std::errc() && result.ptr == last) return true;
    if (decimalPoint != '.') {  // a decimal-comma file may still hold the odd "0.5"
        result = fast_float::from_chars(first, last, value);
        return result.ec == std::errc() && result.ptr == last;
    }
    return false;
}
}  // namespace

bool sameName(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

int RawTable::find(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (sameName(columns[i].name, name)) return static_cast<int>(i);
    return -1;
}

void RawTable::addCell(std::size_t column, std::string_view text) {
    RawColumn& c = columns[column];
    text = trimmedView(text);
    const std::size_t row = c.states.size();
    if (c.keepText) c.texts.push_back(text);
    double value = kNaN;
    // Numbers first: they are most cells, and the marker comparisons would cost more than the parse.
    if (!text.empty() && parseNumber(text, decimalPoint, value)) {
        if (std::isfinite(value)) {
            c.states.push_back(CellState::Number);
            ++c.numberCount;
        } else {
            c.states.push_back(CellState::NonFinite);
            ++c.nonFiniteCount;
            value = kNaN;
        }
    } else if (text.empty() || isMissingMarker(text)) {
        c.states.push_back(CellState::Empty);
        ++c.emptyCount;
        value = kNaN;
    } else {
        c.states.push_back(CellState::Text);
        c.textCells.emplace_back(row, text);
        value = kNaN;
    }
    c.numbers.push_back(value);
}

void RawTable::addRow(const std::vector<std::string_view>& cells, std::int64_t line) {
    lines.push_back(line);
    for (std::size_t j = 0; j < cells.size(); ++j)
        addCell(j, cells[j]);  // same unit: addCell inlines here
}

void RawTable::addNumber(std::size_t column, double value) {
    RawColumn& c = columns[column];
    if (c.keepText) {
        // Integral ids must read back as written ("34741940", not "3.474194e+07").
        const bool integral = std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15;
        c.texts.push_back(own(integral ? fmt::format("{:.0f}", value) : fmt::format("{}", value)));
    }
    if (std::isfinite(value)) {
        c.states.push_back(CellState::Number);
        ++c.numberCount;
        c.numbers.push_back(value);
    } else {
        c.states.push_back(CellState::NonFinite);
        ++c.nonFiniteCount;
        c.numbers.push_back(kNaN);
    }
}

void RawTable::addEmpty(std::size_t column) {
    RawColumn& c = columns[column];
    if (c.keepText) c.texts.emplace_back();
    c.states.push_back(CellState::Empty);
    ++c.emptyCount;
    c.numbers.push_back(kNaN);
}

void RawTable::reserve(std::size_t rows) {
    lines.reserve(rows);
    for (RawColumn& c : columns) {
        c.numbers.reserve(rows);
        c.states.reserve(rows);
        if (c.keepText) c.texts.reserve(rows);
    }
}

std::string_view RawTable::own(std::string text) {
    arena.push_back(std::move(text));
    return arena.back();
}

}  // namespace bridgelc
