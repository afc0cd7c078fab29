// bridgelc: the headless front end of BRIDGE-LC Explorer. Links core only, which proves core needs no Qt.
#include <algorithm>
#include <exception>
#include <iostream>
#include <memory>

#include "app/cli/command_registry.h"
#include "core/train/compute_threads.h"
#include "core/util/build_info.h"

namespace bridgelc::cli {
std::vector<Command>& commands() {
    static std::vector<Command> registered;
    return registered;
}
std::vector<std::string>& commandArguments() {
    static std::vector<std::string> arguments;
    return arguments;
}
}  // namespace bridgelc::cli

int main(int argc, char** argv) {
    using namespace bridgelc::cli;
    CLI::App app{"BRIDGE-LC Explorer command line: inspect data, train, evaluate, predict, run experiments"};
    app.require_subcommand(1);
    // The version, revision, build type and data attributions: the same text as the About dialog.
    app.set_version_flag("--version", bridgelc::aboutText());

    std::sort(commands().begin(), commands().end(),
              [](const Command& a, const Command& b) { return a.name < b.name; });
    std::vector<std::pair<CLI::App*, std::function<int()>>> actions;
    for (const Command& command : commands()) {
        CLI::App* sub = app.add_subcommand(command.name, command.description);
        actions.emplace_back(sub, command.setup(*sub));
    }
    commandArguments().assign(argv + 1, argv + argc);
    CLI11_PARSE(app, argc, argv);
    // Prediction and evaluation use every core; training sets its own count (one by default).
    bridgelc::setComputeThreads(bridgelc::machineCores());
    try {
        for (auto& [sub, action] : actions)
            if (sub->parsed()) return action();
    } catch (const std::exception& error) {
        std::cerr << "bridgelc: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
