#pragma once
// Runs the built `bridgelc` program for the CLI tests and captures what it printed.
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace bridgelc::test {

struct CliOutput {
    int exitCode = -1;
    std::string text;  // stdout, and stderr too unless dropped
};

/// `withStderr` false drops stderr, for output that must parse (e.g. --json).
inline CliOutput runCli(const std::string& arguments, bool withStderr = true) {
    const std::string command =
        std::string("'") + BRIDGELC_CLI_PATH + "' " + arguments + (withStderr ? " 2>&1" : " 2>/dev/null");
    CliOutput out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        out.text.append(buffer, n);
    const int status = ::pclose(pipe);
    out.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

}  // namespace bridgelc::test
