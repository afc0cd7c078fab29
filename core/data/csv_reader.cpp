#include "core/data/csv_reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

namespace bridgelc {

namespace {

/// Splits the in-memory text into records of cells, following RFC 4180 quoting; cells are views into the text
/// unless a quoted cell held doubled quotes (then it is unescaped into the table's arena).
class Tokenizer {
public:
    Tokenizer(std::string_view text, char delimiter, RawTable& table)
        : m_pos(text.data()), m_end(text.data() + text.size()), m_delimiter(delimiter), m_table(table) {
        m_stops.fill(false);
        m_stops[static_cast<unsigned char>(delimiter)] = true;
        m_stops['\n'] = m_stops['\r'] = true;
    }

    /// The next record, skipping empty lines; false at the end of the text or on an error (see error()).
    bool next(std::vector<std::string_view>& cells) {
        skipEmptyLines();
        if (m_pos >= m_end) return false;
        m_recordLine = m_line;
        cells.clear();
        for (;;) {
            std::string_view cell;
            if (*m_pos == '"') {
                if (!quotedCell(cells.size() + 1, cell)) return false;
            } else {
                const char* start = m_pos;
                while (m_pos < m_end && !m_stops[static_cast<unsigned char>(*m_pos)])
                    ++m_pos;
                cell = std::string_view(start, static_cast<std::size_t>(m_pos - start));
            }
            cells.push_back(cell);
            if (m_pos < m_end && *m_pos == m_delimiter) {
                ++m_pos;
                if (m_pos >= m_end) {  // a delimiter right at the end opens one last empty cell
                    cells.emplace_back();
                    return true;
                }
                continue;
            }
            if (m_pos < m_end) {
                if (*m_pos == '\r' && m_pos + 1 < m_end && m_pos[1] == '\n') ++m_pos;
                ++m_pos;
                ++m_line;
            }
            return true;
        }
    }

    std::int64_t recordLine() const { return m_recordLine; }
    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }
    std::int64_t errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }

private:
    void skipEmptyLines() {
        while (m_pos < m_end && (*m_pos == '\n' || *m_pos == '\r')) {
            if (*m_pos == '\n' || m_pos + 1 >= m_end || m_pos[1] != '\n') ++m_line;
            ++m_pos;
        }
    }

    bool quotedCell(std::size_t column, std::string_view& cell) {
        const std::int64_t openLine = m_line;
        const char* contentBegin = ++m_pos;
        bool doubledQuotes = false;
        for (;;) {
            const void* found = std::memchr(m_pos, '"', static_cast<std::size_t>(m_end - m_pos));
            if (!found) {
                m_error =
                    "unterminated quoted cell (the opening quote has no closing quote; is the file "
                    "truncated?)";
                m_errorLine = openLine;
                m_errorColumn = static_cast<int>(column);
                m_pos = m_end;
                return false;
            }
            const char* quote = static_cast<const char*>(found);
            m_line += std::count(m_pos, quote, '\n');  // quoted cells may span lines
            if (quote + 1 < m_end && quote[1] == '"') {
                doubledQuotes = true;
                m_pos = quote + 2;
                continue;
            }
            m_pos = quote + 1;
            std::string_view content(contentBegin, static_cast<std::size_t>(quote - contentBegin));
            if (doubledQuotes) {
                std::string unescaped;
                unescaped.reserve(content.size());
                for (std::size_t i = 0; i < content.size(); ++i) {
                    unescaped.push_back(content[i]);
                    if (content[i] == '"') ++i;
                }
                content = m_table.own(std::move(unescaped));
            }
            cell = content;
            break;
        }
        // Text between the closing quote and the delimiter is not valid CSV; it is dropped rather than
        // guessed at.
        while (m_pos < m_end && !m_stops[static_cast<unsigned char>(*m_pos)])
            ++m_pos;
        return true;
    }

    const char* m_pos;
    const char* m_end;
    char m_delimiter;
    RawTable& m_table;
    std::array<bool, 256> m_stops;  ///< delimiter and line ends: one table lookup per byte in the hot loop
    std::int64_t m_line = 1;
    std::int64_t m_recordLine = 1;
    std::string m_error;
    std::int64_t m_errorLine = 0;
    int m_errorColumn = 0;
};

bool readWholeFile(const std::string& path, std::string& out, std::string& error) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = "is a directory, not a file";
        return false;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) out.reserve(static_cast<std::size_t>(size));
    char chunk[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0)
        out.append(chunk, got);
    if (std::ferror(file.get())) {
        error = std::string("read error: ") + std::strerror(errno);
        return false;
    }
    return true;
}

/// Counts candidate delimiters outside quotes on the line starting at `pos`; returns the start of the next
/// line.
const char* countDelimiters(const char* pos, const char* end, std::size_t counts[3]) {
    static constexpr char candidates[3] = {',', ';', '\t'};
    bool quoted = false;
    for (; pos < end; ++pos) {
        const char c = *pos;
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        for (int k = 0; k < 3; ++k)
            if (c == candidates[k]) ++counts[k];
    }
    while (pos < end && (*pos == '\n' || *pos == '\r'))
        ++pos;
    return pos;
}

char detectDelimiter(std::string_view text) {
    static constexpr char candidates[3] = {',', ';', '\t'};
    std::size_t header[3] = {0, 0, 0}, second[3] = {0, 0, 0};
    const char* next = countDelimiters(text.data(), text.data() + text.size(), header);
    countDelimiters(next, text.data() + text.size(), second);
    int best = 0;
    for (int k = 1; k < 3; ++k) {
        // Prefer the candidate that splits both lines alike; among those the one giving the most columns.
        const bool consistentK = header[k] == second[k], consistentBest = header[best] == second[best];
        if (header[k] > 0 &&
            ((consistentK && !consistentBest) || (consistentK == consistentBest && header[k] > header[best])))
            best = k;
    }
    return candidates[best];
}

bool looksLikeDecimal(std::string_view text, char point) {
    text = trimmedView(text);
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
    const std::size_t at = text.find(point);
    if (at == std::string_view::npos || at + 1 >= text.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (i != at && (text[i] < '0' || text[i] > '9')) return false;
    return true;
}

}  // namespace

bool CsvReader::read(const std::string& path, RawTable& table, ValidationReport& report,
                     const HeaderHook& onHeader) {
    table.path = path;
    auto fatal = [&](const std::string& kind, std::int64_t line, int column, std::string columnName,
                     std::string what) {
        report.add(kind, Problem{Severity::Fatal, path, line, column, std::move(columnName), std::move(what),
                                 "load stopped"});
        return false;
    };

    std::string error;
    if (!readWholeFile(path, table.buffer, error)) return fatal("unreadable", 0, 0, {}, error);
    std::string_view text(table.buffer);
    if (text.size() >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
        return fatal("encoding", 0, 0, {}, "the file is UTF-16 encoded; save it as UTF-8");
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fatal("empty-file", 0, 0, {}, "the file is empty");
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
        return fatal("binary", line, 0, {}, "binary content (a NUL byte): not a text table");
    }

    const char delimiter = detectDelimiter(text);
    Tokenizer tokenizer(text, delimiter, table);
    std::vector<std::string_view> cells;
    if (!tokenizer.next(cells))
        return fatal("unreadable", tokenizer.errorLine(), tokenizer.errorColumn(), {}, tokenizer.error());
    const std::int64_t headerLine = tokenizer.recordLine();
    for (std::size_t j = 0; j < cells.size(); ++j) {
        RawColumn column;
        column.name = std::string(trimmedView(cells[j]));
        column.fileColumn = static_cast<int>(j + 1);
        if (column.name.empty()) {
            column.name = fmt::format("column_{}", j + 1);
            report.add("unnamed-column",
                       Problem{Severity::Info, path, headerLine, column.fileColumn, column.name,
                               "the header names no column here", "called it '" + column.name + "'"});
        } else if (table.find(column.name) >= 0) {
            const std::string original = column.name;
            for (int k = 2; table.find(column.name) >= 0; ++k)
                column.name = fmt::format("{}_{}", original, k);
            report.add("duplicate-column", Problem{Severity::Warning, path, headerLine, column.fileColumn,
                                                   original, "a second column named '" + original + "'",
                                                   "called it '" + column.name + "'"});
        }
        table.columns.push_back(std::move(column));
    }
    const std::size_t columnCount = table.columns.size();

    // Decimal commas only make sense when the comma is not the delimiter; decide from the first rows.
    if (delimiter != ',') {
        Tokenizer probe = tokenizer;
        std::size_t commaNumbers = 0, dotNumbers = 0;
        std::int64_t exampleLine = 0;
        int exampleColumn = 0;
        std::string example;
        for (int rows = 0; rows < 500 && probe.next(cells); ++rows)
            for (std::size_t j = 0; j < cells.size(); ++j) {
                if (looksLikeDecimal(cells[j], ',')) {
                    if (commaNumbers++ == 0) {
                        exampleLine = probe.recordLine();
                        exampleColumn = static_cast<int>(j + 1);
                        example = std::string(trimmedView(cells[j]));
                    }
                } else if (looksLikeDecimal(cells[j], '.')) {
                    ++dotNumbers;
                }
            }
        if (commaNumbers > dotNumbers) {
            table.decimalPoint = ',';
            report.add("decimal-comma",
                       Problem{Severity::Info,
                               path,
                               exampleLine,
                               exampleColumn,
                               {},
                               fmt::format("numbers are written with decimal commas (e.g. '{}')", example),
                               "read ',' as the decimal point"});
        }
    }
    if (onHeader) onHeader(table);
    // One line per row in nearly every file; reserving spares the column vectors many regrowths.
    table.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);

    std::size_t trailingDelimiters = 0;
    bool ragged = false;
    while (tokenizer.next(cells)) {
        if (cells.size() == columnCount + 1 && trimmedView(cells.back()).empty()) {
            ++trailingDelimiters;  // "a,b,c," rows from spreadsheet exports
            cells.pop_back();
        }
        if (cells.size() == 1 && columnCount > 1 && trimmedView(cells[0]).empty()) continue;  // blank line
        if (cells.size() != columnCount) {
            ragged = true;
            const bool more = cells.size() > columnCount;
            const int column = static_cast<int>(more ? columnCount + 1 : cells.size());
            std::string what =
                fmt::format("row has {} cells but the header has {} (delimiter '{}')", cells.size(),
                            columnCount, delimiter == '\t' ? "\\t" : std::string(1, delimiter));
            report.add("ragged-row",
                       Problem{Severity::Fatal, path, tokenizer.recordLine(), column,
                               more ? std::string() : table.columns[cells.size() - 1].name, std::move(what),
                               "load stopped; every row needs one cell per column"});
            continue;
        }
        if (ragged) continue;  // keep counting ragged rows, stop storing
        table.addRow(cells, tokenizer.recordLine());
    }
    if (tokenizer.failed())
        return fatal("unterminated-quote", tokenizer.errorLine(), tokenizer.errorColumn(), {},
                     tokenizer.error());
    if (ragged) return false;
    if (trailingDelimiters > 0)
        report.add("trailing-delimiter",
                   Problem{Severity::Info,
                           path,
                           0,
                           0,
                           {},
                           fmt::format("{} rows end with an extra empty cell after the last column",
                                       trailingDelimiters),
                           "ignored the extra cell"});
    if (table.rowCount() == 0)
        return fatal("header-only", headerLine, 0, {}, "the file has a header but no data rows");
    return true;
}

}  // namespace bridgelc
