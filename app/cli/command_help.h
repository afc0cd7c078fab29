#pragma once
// What `bridgelc COMMAND --help` shows beyond the options: examples to copy, shown defaults, exit codes.
#include <CLI/CLI.hpp>
#include <string>

namespace bridgelc::cli {

/// Example command lines of a command, one per line with a short comment; empty for an unknown name.
std::string commandExamples(const std::string& command);

/// Finishes a sub-command's help once its options exist: shows each value option's default ("[128]") unless
/// its description already says what the default is, and adds the examples and the exit codes below.
void completeHelp(CLI::App& command);

}  // namespace bridgelc::cli
