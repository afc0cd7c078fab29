#include "app/cli/option_checks.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace bridgelc::cli {

std::string exitCodeHelp() {
    return fmt::format(
        "Exit codes: {} success; {} failure (a file cannot be read or written, bad data, a failed run); {} "
        "usage error (unknown option or name, a value out of range, options that contradict each other); "
        "{} interrupted by Ctrl+C (finished work is kept: run the same command again to resume).",
        kExitSuccess, kExitFailure, kExitUsage, kExitInterrupted);
}

CLI::Validator wholeNumberAtLeast(long long minimum) {
    return CLI::Validator(
        [minimum](std::string& text) -> std::string {
            errno = 0;
            char* end = nullptr;
            const long long value = std::strtoll(text.c_str(), &end, 10);
            if (text.empty() || end == text.c_str() || *end != '\0' || errno == ERANGE || value < minimum)
                return fmt::format("must be a whole number of at least {}, not '{}'", minimum, text);
            return {};
        },
        fmt::format("INT>={}", minimum));
}

CLI::Validator numberAbove(double bound) {
    return CLI::Validator(
        [bound](std::string& text) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || end == text.c_str() || *end != '\0' || !std::isfinite(value) ||
                value <= bound)
                return fmt::format("must be a number greater than {}, not '{}'", bound, text);
            return {};
        },
        fmt::format("NUMBER>{}", bound));
}

std::string parseErrorLine(const std::string& command, const CLI::Error& error) {
    std::string message = error.what();
    // CLI11 writes "--epochs: must be ..."; the option reads as the sentence's subject.
    if (message.rfind("--", 0) == 0) {
        const std::size_t colon = message.find(": ");
        if (colon != std::string::npos && message.find(' ') > colon) message.erase(colon, 1);
    }
    const std::string program = command.empty() ? "bridgelc" : "bridgelc " + command;
    return fmt::format("{}: {}; see {} --help", program, message, program);
}

}  // namespace bridgelc::cli
