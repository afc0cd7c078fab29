// bridgelc: the headless front end of BRIDGE-LC Explorer. Links core only, which proves core needs no Qt.
#include <cpl_error.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <memory>

#include "app/cli/command_help.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
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
    // GDAL would print its own "ERROR n:" lines beside the command's message; the commands report what GDAL
    // says (CPLGetLastErrorMsg) in their own words.
    CPLSetErrorHandler(CPLQuietErrorHandler);
    CLI::App app{"BRIDGE-LC Explorer command line: inspect data, train, evaluate, predict, run experiments"};
    app.require_subcommand(1);
    // The version, revision, build type and data attributions: the same text as the About dialog.
    app.set_version_flag("--version", bridgelc::aboutText());
    app.footer("Run `bridgelc COMMAND --help` for a command's options, defaults and examples.\n" +
               exitCodeHelp() + "\n");

    std::sort(commands().begin(), commands().end(),
              [](const Command& a, const Command& b) { return a.name < b.name; });
    std::vector<std::pair<CLI::App*, std::function<int()>>> actions;
    for (const Command& command : commands()) {
        CLI::App* sub = app.add_subcommand(command.name, command.description);
        actions.emplace_back(sub, command.setup(*sub));
        completeHelp(*sub);
    }
    commandArguments().assign(argv + 1, argv + argc);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& done) {  // --help, --version
        return app.exit(done);
    } catch (const CLI::ParseError& error) {
        std::string command;
        for (const auto& [sub, action] : actions)
            if (sub->parsed()) command = sub->get_name();
        std::cerr << parseErrorLine(command, error) << "\n";
        return kExitUsage;
    }
    // Prediction and evaluation use every core; training sets its own count (one by default).
    bridgelc::setComputeThreads(bridgelc::machineCores());
    const auto name = [&actions]() {
        for (const auto& [sub, action] : actions)
            if (sub->parsed()) return "bridgelc " + sub->get_name();
        return std::string("bridgelc");
    };
    try {
        for (auto& [sub, action] : actions)
            if (sub->parsed()) return action();
    } catch (const UsageError& error) {
        std::cerr << name() << ": " << error.what() << "; see " << name() << " --help\n";
        return kExitUsage;
    } catch (const std::exception& error) {
        std::cerr << name() << ": " << error.what() << "\n";
        return kExitFailure;
    }
    return kExitSuccess;
}
