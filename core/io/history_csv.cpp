#include "core/io/history_csv.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace bridgelc {

namespace {

// One column of history.csv: its name and how to reach the field as a double.
struct Column {
    const char* name;
    double (*get)(const EpochReport&);
    void (*set)(EpochReport&, double);
    bool counted;  ///< an integer or flag field: only whole numbers from 0 up fit it
};

#define BRIDGELC_COLUMN(name, field)                                                       \
    Column {                                                                               \
        name, [](const EpochReport& r) { return static_cast<double>(r.field); },           \
            [](EpochReport& r, double v) { r.field = static_cast<decltype(r.field)>(v); }, \
            std::is_integral_v<decltype(EpochReport::field)>                               \
    }

const std::vector<Column>& columns() {
    static const std::vector<Column> all = {
        BRIDGELC_COLUMN("epoch", epoch),
        BRIDGELC_COLUMN("epochs", epochs),
        BRIDGELC_COLUMN("train_loss", trainLoss),
        BRIDGELC_COLUMN("land_cover_loss", landCoverLoss),
        BRIDGELC_COLUMN("region_loss", regionLoss),
        BRIDGELC_COLUMN("contrastive_loss", contrastiveLoss),
        BRIDGELC_COLUMN("validation_loss", validationLoss),
        BRIDGELC_COLUMN("train_accuracy", trainAccuracy),
        BRIDGELC_COLUMN("validation_accuracy", validationAccuracy),
        BRIDGELC_COLUMN("validation_macro_f1", validationMacroF1),
        BRIDGELC_COLUMN("validation_weighted_f1", validationWeightedF1),
        BRIDGELC_COLUMN("learning_rate", learningRate),
        BRIDGELC_COLUMN("samples_per_second", samplesPerSecond),
        BRIDGELC_COLUMN("elapsed_seconds", elapsedSeconds),
        BRIDGELC_COLUMN("improved", improved),
        // Added later; files without them read as epochs with no validation terms beyond land cover.
        BRIDGELC_COLUMN("validation_total_loss", validationTotalLoss),
        BRIDGELC_COLUMN("validation_region_loss", validationRegionLoss),
        BRIDGELC_COLUMN("validation_contrastive_loss", validationContrastiveLoss),
        Column{"unit", [](const EpochReport& r) { return static_cast<double>(static_cast<int>(r.unit)); },
               [](EpochReport& r, double v) {
                   const int unit = static_cast<int>(v);
                   r.unit = unit == static_cast<int>(IterationUnit::Tree) ? IterationUnit::Tree
                            : unit == static_cast<int>(IterationUnit::BoostingRound)
                                ? IterationUnit::BoostingRound
                                : IterationUnit::Epoch;
               },
               true},
    };
    return all;
}
#undef BRIDGELC_COLUMN

std::vector<std::string> splitLine(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ','))
        cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    return cells;
}

}  // namespace

std::string historyToCsv(const std::vector<EpochReport>& history) {
    std::string text;
    for (const Column& column : columns())
        text += fmt::format("{}{}", text.empty() ? "" : ",", column.name);
    text += '\n';
    for (const EpochReport& report : history) {
        bool first = true;
        for (const Column& column : columns()) {
            text += fmt::format("{}{}", first ? "" : ",", column.get(report));
            first = false;
        }
        text += '\n';
    }
    return text;
}

std::vector<EpochReport> historyFromCsv(const std::string& text, const std::string& path) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error(path + ": empty file, expected a header");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // For every file column, the known column it fills (or null for columns this version does not know).
    std::vector<const Column*> mapping;
    for (const std::string& name : splitLine(line)) {
        const Column* found = nullptr;
        for (const Column& column : columns())
            if (name == column.name) found = &column;
        mapping.push_back(found);
    }
    std::vector<EpochReport> history;
    for (std::int64_t lineNumber = 2; std::getline(in, line); ++lineNumber) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::vector<std::string> cells = splitLine(line);
        if (cells.size() != mapping.size())
            throw std::runtime_error(fmt::format("{}:{}: {} cells but the header has {}", path, lineNumber,
                                                 cells.size(), mapping.size()));
        EpochReport report;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (!mapping[c]) continue;
            double value = 0;
            const char* begin = cells[c].data();
            const char* end = begin + cells[c].size();
            const auto [stop, error] = std::from_chars(begin, end, value);
            if (error != std::errc() || stop != end)
                throw std::runtime_error(fmt::format("{}:{}:{}: '{}' is not a number ({})", path, lineNumber,
                                                     c + 1, cells[c], mapping[c]->name));
            // Converting an out-of-range double to an integer is undefined, and a negative epoch is nonsense.
            if (mapping[c]->counted &&
                !(value >= 0 && value <= std::numeric_limits<int>::max() && value == std::floor(value)))
                throw std::runtime_error(fmt::format("{}:{}:{}: '{}' is not a whole number from 0 up ({})",
                                                     path, lineNumber, c + 1, cells[c], mapping[c]->name));
            mapping[c]->set(report, value);
        }
        history.push_back(report);
    }
    return history;
}

}  // namespace bridgelc
