#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace bridgelc::cli {

/// One `bridgelc` sub-command: `setup` adds its options to the sub-command and returns the action to run
/// once parsing succeeded; the action returns the process exit code.
struct Command {
    std::string name;
    std::string description;
    std::function<std::function<int()>(CLI::App&)> setup;
};

std::vector<Command>& commands();

/// This process's arguments after the program name, as typed: a command that re-runs itself elsewhere (as
/// Slurm array tasks) repeats them.
std::vector<std::string>& commandArguments();

/// Each cmd_*.cpp defines one `static CommandRegistration` so main.cpp never lists the commands.
struct CommandRegistration {
    explicit CommandRegistration(Command command) { commands().push_back(std::move(command)); }
};

}  // namespace bridgelc::cli
