#pragma once
#include <string>
#include <vector>

#include "core/train/training_observer.h"

namespace bridgelc {

/// history.csv of a run: a header of snake_case EpochReport field names, then one row per epoch. Numbers are
/// written in their shortest exact form and read independently of the C locale (the GUI sets one).
std::string historyToCsv(const std::vector<EpochReport>& history);

/// Reads historyToCsv() output; columns are found by header name, so files with fewer or reordered columns
/// still load (missing fields stay 0). Throws std::runtime_error naming `path`, line and column of a bad
/// value.
std::vector<EpochReport> historyFromCsv(const std::string& text, const std::string& path);

}  // namespace bridgelc
