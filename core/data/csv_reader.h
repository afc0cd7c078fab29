#pragma once
#include <functional>
#include <string>

#include "core/data/raw_table.h"
#include "core/data/validation_report.h"

namespace bridgelc {

/// Reads a delimited text file (comma, semicolon or tab, found from the header) into a RawTable in one pass
/// over the file held in memory: UTF-8 BOM, CRLF, RFC 4180 quoting and decimal commas in semicolon/tab files.
class CsvReader {
public:
    /// Called once the header is known, before any row is read: lets the caller mark columns whose text it
    /// needs.
    using HeaderHook = std::function<void(RawTable&)>;

    /// Fills `table` (which must outlive its views) and reports problems; false when a fatal problem stopped
    /// it.
    static bool read(const std::string& path, RawTable& table, ValidationReport& report,
                     const HeaderHook& onHeader = {});
};

}  // namespace bridgelc
