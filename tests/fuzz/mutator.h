#pragma once
// Seeded mutations of real input files: the damage users' files really have (cut short, stray delimiters and
// quotes, numbers no reader expects, broken UTF-8, garbage bytes, shuffled headers), applied one to three at
// a time so the readers see both nearly-valid and hopeless files.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace bridgelc::fuzz {

class Mutator {
public:
    explicit Mutator(std::uint64_t seed) : m_rng(seed) {}

    /// A mutated copy of `input`; `what` receives a short description of every mutation applied.
    std::string mutate(const std::string& input, std::string& what) {
        std::string out = input;
        const int rounds = 1 + static_cast<int>(below(3));
        for (int r = 0; r < rounds; ++r)
            out = mutateOnce(out, what);
        return out;
    }

    std::uint64_t below(std::uint64_t n) {
        return n == 0 ? 0 : std::uniform_int_distribution<std::uint64_t>(0, n - 1)(m_rng);
    }
    std::mt19937_64& rng() { return m_rng; }

    /// Values a numeric field should never hold, or that sit at the edges of what parsers accept.
    static const std::vector<std::string>& hostileNumbers() {
        static const std::vector<std::string> values = {"1e308",
                                                        "-1e308",
                                                        "1e309",
                                                        "-1e999",
                                                        "4.9e-324",
                                                        "1e-400",
                                                        "-0",
                                                        "nan",
                                                        "NaN",
                                                        "inf",
                                                        "-inf",
                                                        "Infinity",
                                                        "0x1p-1074",
                                                        "99999999999999999999999999",
                                                        "-9223372036854775809",
                                                        "18446744073709551616",
                                                        "1e",
                                                        ".",
                                                        "-",
                                                        "+",
                                                        "1,5",
                                                        "1.2.3",
                                                        "0e0",
                                                        "  7  ",
                                                        "1e-5",
                                                        "2147483648",
                                                        "-2147483649",
                                                        "",
                                                        "\"\"",
                                                        "1 000"};
        return values;
    }

private:
    std::string mutateOnce(const std::string& s, std::string& what) {
        switch (below(12)) {
            case 0:
                return flipBits(s, what);
            case 1:
                return truncateAtBoundary(s, what);
            case 2:
                return insertDelimiters(s, what);
            case 3:
                return replaceNumber(s, what);
            case 4:
                return insertInvalidUtf8(s, what);
            case 5:
                return randomBytes(s, what);
            case 6:
                return swapHeaderFields(s, what);
            case 7:
                return duplicateOrDeleteLine(s, what);
            case 8:
                return repeatChunk(s, what);
            case 9:
                return insertDelimiters(s, what);
            case 10:
                return replaceNumber(s, what);
            default:
                return truncateAtBoundary(s, what);
        }
    }

    std::string flipBits(std::string s, std::string& what) {
        if (s.empty()) return s;
        const int flips = 1 + static_cast<int>(below(8));
        for (int i = 0; i < flips; ++i)
            s[below(s.size())] ^= static_cast<char>(1u << below(8));
        what += "flip" + std::to_string(flips) + ";";
        return s;
    }

    // Cuts where readers change state: after a delimiter, a line end, inside quotes, inside a multi-byte
    // character, at the end of the header, or anywhere (including 0 bytes and one byte short).
    std::string truncateAtBoundary(const std::string& s, std::string& what) {
        if (s.empty()) return s;
        static const char kMarks[] = {',', '\n', '"', ';', '\t', '{', '}', ':', '[', ']'};
        std::size_t cut = below(s.size());
        switch (below(6)) {
            case 0: {
                const char mark = kMarks[below(sizeof kMarks)];
                const std::size_t at = s.find(mark, cut);
                cut = at == std::string::npos ? cut : at + below(2);
                break;
            }
            case 1:
                cut = std::min(s.size(), s.find('\n') == std::string::npos ? cut : s.find('\n') + below(2));
                break;
            case 2:
                while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) != 0x80 &&
                       cut < s.size() - 1)
                    ++cut;  // inside a UTF-8 sequence when there is one after `cut`
                break;
            case 3:
                cut = below(2) ? 0 : s.size() - 1;
                break;
            case 4:
                cut = s.size() - std::min<std::size_t>(s.size(), 1 + below(64));
                break;
            default:
                break;
        }
        what += "truncate@" + std::to_string(cut) + ";";
        return s.substr(0, std::min(cut, s.size()));
    }

    std::string insertDelimiters(std::string s, std::string& what) {
        static const std::vector<std::string> kPieces = {
            ",",      ";",  "\t", "\"", "\"\"", "\n", "\r", "\r\n", ",,,,", "\",\"",
            "\"\n\"", "\\", "{",  "}",  "[",    "]",  ":",  "\0",   "'",    " "};
        const int count = 1 + static_cast<int>(below(6));
        for (int i = 0; i < count; ++i) {
            std::string piece = kPieces[below(kPieces.size())];
            if (piece.empty()) piece.assign(1, '\0');
            s.insert(below(s.size() + 1), piece);
        }
        what += "delims" + std::to_string(count) + ";";
        return s;
    }

    // Replaces a run of digits (a number) by a hostile value.
    std::string replaceNumber(std::string s, std::string& what) {
        const int count = 1 + static_cast<int>(below(4));
        for (int i = 0; i < count && !s.empty(); ++i) {
            std::size_t at = below(s.size());
            while (at < s.size() && !(s[at] >= '0' && s[at] <= '9'))
                ++at;
            if (at >= s.size()) break;
            std::size_t begin = at, end = at;
            while (begin > 0 && (std::isdigit(static_cast<unsigned char>(s[begin - 1])) ||
                                 s[begin - 1] == '.' || s[begin - 1] == '-' || s[begin - 1] == 'e'))
                --begin;
            while (end < s.size() && (std::isdigit(static_cast<unsigned char>(s[end])) || s[end] == '.' ||
                                      s[end] == 'e' || s[end] == '-' || s[end] == '+'))
                ++end;
            const auto& values = hostileNumbers();
            s.replace(begin, end - begin, values[below(values.size())]);
        }
        what += "numbers" + std::to_string(count) + ";";
        return s;
    }

    std::string insertInvalidUtf8(std::string s, std::string& what) {
        static const std::vector<std::string> kBad = {"\xC3",
                                                      "\xFF",
                                                      "\xFE\xFF",
                                                      "\xED\xA0\x80",
                                                      "\xC0\xAF",
                                                      "\xE2\x82",
                                                      "\xF4\x90\x80\x80",
                                                      "\x80\x80\x80",
                                                      "\xEF\xBB\xBF",
                                                      std::string("\0\0", 2)};
        const int count = 1 + static_cast<int>(below(4));
        for (int i = 0; i < count; ++i)
            s.insert(below(s.size() + 1), kBad[below(kBad.size())]);
        what += "utf8x" + std::to_string(count) + ";";
        return s;
    }

    std::string randomBytes(std::string s, std::string& what) {
        if (below(10) == 0) {  // a wholly random file
            s.assign(below(4096), '\0');
            for (char& c : s)
                c = static_cast<char>(below(256));
            what += "random-file;";
            return s;
        }
        if (s.empty()) return s;
        const std::size_t at = below(s.size()), length = std::min<std::size_t>(s.size() - at, 1 + below(64));
        for (std::size_t i = 0; i < length; ++i)
            s[at + i] = static_cast<char>(below(256));
        what += "random-bytes;";
        return s;
    }

    // Swaps, duplicates or renames fields of the first line (the CSV header, or the first JSON line).
    std::string swapHeaderFields(const std::string& s, std::string& what) {
        const std::size_t lineEnd = std::min(s.find('\n'), s.size());
        std::vector<std::string> fields;
        std::string field;
        for (std::size_t i = 0; i < lineEnd; ++i) {
            if (s[i] == ',' || s[i] == ';' || s[i] == '\t') {
                fields.push_back(field);
                field.clear();
            } else {
                field += s[i];
            }
        }
        fields.push_back(field);
        if (fields.size() < 2) return s;
        const std::size_t a = below(fields.size()), b = below(fields.size());
        switch (below(3)) {
            case 0:
                std::swap(fields[a], fields[b]);
                break;
            case 1:
                fields[a] = fields[b];
                break;  // a duplicated column name
            default: {
                static const char* kRoles[] = {"lon",    "lat",   "POINT_ID", "lc1_name",
                                               "region", "split", "",         "LC1"};
                fields[a] = kRoles[below(8)];
            }
        }
        std::string header;
        for (std::size_t i = 0; i < fields.size(); ++i)
            header += (i ? "," : "") + fields[i];
        what += "header;";
        return header + s.substr(lineEnd);
    }

    std::string duplicateOrDeleteLine(std::string s, std::string& what) {
        if (s.empty()) return s;
        const std::size_t begin = s.rfind('\n', below(s.size()));
        const std::size_t start = begin == std::string::npos ? 0 : begin + 1;
        const std::size_t end = std::min(s.find('\n', start), s.size());
        const std::string line = s.substr(start, end - start + 1);
        if (below(2)) {
            s.erase(start, line.size());
            what += "delete-line;";
        } else {
            s.insert(start, below(2) ? line : line.substr(0, line.size() / 2) + "\n");
            what += "dup-line;";
        }
        return s;
    }

    std::string repeatChunk(std::string s, std::string& what) {
        if (s.empty()) return s;
        const std::size_t at = below(s.size()), length = std::min<std::size_t>(s.size() - at, 1 + below(256));
        const std::string chunk = s.substr(at, length);
        const int times = 1 + static_cast<int>(below(8));
        for (int i = 0; i < times; ++i)
            s.insert(at, chunk);
        what += "repeat;";
        return s;
    }

    std::mt19937_64 m_rng;
};

}  // namespace bridgelc::fuzz
