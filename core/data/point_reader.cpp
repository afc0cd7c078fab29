#include "core/data/point_reader.h"

#include <exception>
#include <filesystem>

#include "core/data/column_roles.h"
#include "core/data/csv_reader.h"
#include "core/data/dataset_builder.h"
#include "core/data/load_memory.h"
#include "core/data/ogr_reader.h"
#include "core/util/resources.h"

namespace bridgelc {

namespace {
LoadResult load(const std::string& path, const LoadOptions& options) {
    LoadResult result;
    ValidationReport& report = result.report;
    // RawTable holds views into its own buffers, so it is built in place and never moved.
    RawTable table;
    ColumnRoles roles;
    auto onHeader = [&](RawTable& header) {
        roles = ColumnRoles::find(header, options, report);
        roles.markTextColumns(header);
    };
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        report.add("unreadable",
                   Problem{Severity::Fatal, path, 0, 0, {}, "the file does not exist", "load stopped"});
        return result;
    }
    if (!OgrReader::handles(path)) {  // the CSV reader holds the whole file: check it fits first
        const std::string memory = csvLoadMemoryProblem(path);
        if (!memory.empty()) {
            report.add("memory", Problem{Severity::Fatal, path, 0, 0, {}, memory, "load stopped"});
            return result;
        }
    }
    const bool read = OgrReader::handles(path) ? OgrReader::read(path, options.layer, table, report, onHeader)
                                               : CsvReader::read(path, table, report, onHeader);
    report.setRowCount(table.rowCount());
    if (!read || report.hasFatal()) return result;
    if (!roles.chooseFeatures(table, options, report)) return result;
    DatasetBuilder builder(table, roles, options, report);
    result.dataset = builder.build();
    if (report.hasFatal()) result.dataset.reset();
    return result;
}
}  // namespace

LoadResult loadPoints(const std::string& path, const LoadOptions& options) {
    // The contract is "never throws": anything unexpected still becomes a message the user can act on.
    try {
        return load(path, options);
    } catch (const std::bad_alloc&) {
        LoadResult result;
        result.report.add(
            "internal",
            Problem{Severity::Fatal, path, 0, 0, {}, "not enough memory to read the file", "load stopped"});
        return result;
    } catch (const std::exception& error) {
        LoadResult result;
        result.report.add("internal", Problem{Severity::Fatal,
                                              path,
                                              0,
                                              0,
                                              {},
                                              std::string("internal error while reading: ") + error.what(),
                                              "load stopped"});
        return result;
    } catch (...) {
        LoadResult result;
        result.report.add(
            "internal",
            Problem{Severity::Fatal, path, 0, 0, {}, "internal error while reading", "load stopped"});
        return result;
    }
}

LoadResult loadBuiltInSample() {
    static const char* kSample = "sample/eu27_synthetic_sample.csv";
    std::string path;
    try {
        path = resourcePath(kSample);
    } catch (const std::exception& error) {
        LoadResult result;
        result.report.add("missing-sample",
                          Problem{Severity::Fatal,
                                  kSample,
                                  0,
                                  0,
                                  {},
                                  std::string("the built-in sample is missing: ") + error.what(),
                                  "reinstall BRIDGE-LC Explorer or open a file of your own"});
        return result;
    }
    LoadResult result = loadPoints(path);
    if (result.dataset) result.dataset->synthetic = true;
    return result;
}

}  // namespace bridgelc
