#pragma once
// The command line's conventions for wrong input: one exit code per kind of outcome, readable range checks
// for numeric options, and the error a command throws for a command line that cannot work.
#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>

namespace bridgelc::cli {

/// Exit codes of every command, listed in `bridgelc --help` and the user guide.
constexpr int kExitSuccess = 0;
constexpr int kExitFailure = 1;        ///< the command ran and failed: unreadable file, bad data, failed run
constexpr int kExitUsage = 2;          ///< the command line is wrong: option, value, name or combination
constexpr int kExitInterrupted = 130;  ///< stopped by Ctrl+C (SIGINT); what was done so far is kept

/// The exit codes as one help paragraph.
std::string exitCodeHelp();

/// A command line that cannot work, found after parsing (an unknown model or region, options that
/// contradict each other, a value the data rules out): the program prints it and exits with kExitUsage.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A whole number of at least `minimum`; the message says so ("must be a whole number of at least 1, not
/// -3"), also for text that is no number at all.
CLI::Validator wholeNumberAtLeast(long long minimum);

/// A number greater than `bound` ("must be a number greater than 0, not -1").
CLI::Validator numberAbove(double bound);

/// The one-line message for a parse error of `command` (empty: the program itself), e.g.
/// "bridgelc train: --epochs must be a whole number of at least 1, not -3; see bridgelc train --help".
std::string parseErrorLine(const std::string& command, const CLI::Error& error);

}  // namespace bridgelc::cli
