#include "app/cli/slurm_array.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "app/cli/option_checks.h"
#include "core/io/atomic_file.h"

namespace bridgelc::cli {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kValueOptions = {"--slurm",     "--slurm-cpus",         "--slurm-time",
                                             "--slurm-mem", "--slurm-max-parallel", "--sbatch-option"};
const std::set<std::string> kFlagOptions = {"--submit"};

std::string runCapturing(const std::string& command, int& status) {
    std::string output;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) {
        status = -1;
        return output;
    }
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        output.append(buffer.data(), n);
    const int raw = ::pclose(pipe);
    status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return output;
}

}  // namespace

CLI::Option* addSlurmOptions(CLI::App& app, SlurmArgs& args) {
    CLI::Option* slurm = app.add_option(
        "--slurm", args.directory,
        "Write an sbatch array script into this folder instead of running here: one array task per share of "
        "the work, resumable by submitting it again (default: run here)");
    app.add_flag("--submit", args.submit, "With --slurm: also submit the script(s) with sbatch")
        ->needs(slurm);
    app.add_option("--slurm-cpus", args.cpusPerTask,
                   "With --slurm: CPUs (threads) per array task; results do not depend on it")
        ->check(wholeNumberAtLeast(1))
        ->capture_default_str()
        ->needs(slurm);
    app.add_option("--slurm-time", args.time,
                   "With --slurm: time limit per task (sbatch --time; default: the partition's)")
        ->needs(slurm);
    app.add_option("--slurm-mem", args.memory,
                   "With --slurm: memory per task (sbatch --mem; default: the partition's)")
        ->needs(slurm);
    app.add_option("--slurm-max-parallel", args.maxParallel,
                   "With --slurm: at most this many tasks at once (default: no limit)")
        ->check(wholeNumberAtLeast(1))
        ->needs(slurm);
    app.add_option("--sbatch-option", args.sbatchOptions,
                   "With --slurm: another sbatch option for the script, e.g. --sbatch-option partition=short "
                   "(repeatable)")
        ->allow_extra_args(false)  // one value per occurrence, so the option can be dropped for the tasks
        ->needs(slurm);
    return slurm;
}

std::string shellQuote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string sbatchScriptText(const SbatchScript& script, const SlurmArgs& args) {
    if (script.command.empty()) throw std::invalid_argument("sbatch script: no command");
    std::string text = "#!/bin/bash\n";
    for (const std::string& comment : script.comments)
        text += "# " + comment + "\n";
    auto option = [&text](const std::string& value) { text += "#SBATCH " + value + "\n"; };
    option("--job-name=" + script.jobName);
    if (script.tasks > 0)
        option(fmt::format("--array={}-{}{}", script.firstTask, script.firstTask + script.tasks - 1,
                           args.maxParallel > 0 ? fmt::format("%{}", args.maxParallel) : ""));
    option(fmt::format("--cpus-per-task={}", args.cpusPerTask));
    option("--ntasks=1");
    if (!script.workingDirectory.empty()) option("--chdir=" + script.workingDirectory);
    option("--output=" + (fs::absolute(args.directory) / "logs" / script.logName).string());
    if (!args.time.empty()) option("--time=" + args.time);
    if (!args.memory.empty()) option("--mem=" + args.memory);
    for (const std::string& extra : args.sbatchOptions)
        option(extra.rfind("-", 0) == 0 ? extra : "--" + extra);
    // Everything after the #SBATCH block; sbatch stops reading options at the first command.
    text += "set -eu\nexec";
    for (const std::string& argument : script.command) {
        text += ' ';
        std::size_t from = 0;
        for (std::size_t at; (at = argument.find("{task}", from)) != std::string::npos; from = at + 6) {
            if (at > from) text += shellQuote(argument.substr(from, at - from));
            text += "\"${SLURM_ARRAY_TASK_ID}\"";
        }
        if (from < argument.size() || argument.empty()) text += shellQuote(argument.substr(from));
    }
    return text + "\n";
}

std::string writeSbatchScript(const SbatchScript& script, const SlurmArgs& args,
                              const std::string& fileName) {
    std::error_code error;
    fs::create_directories(fs::path(args.directory) / "logs", error);
    if (error) throw std::runtime_error("cannot create " + args.directory + "/logs: " + error.message());
    const std::string path = (fs::absolute(args.directory) / fileName).string();
    writeFileAtomically(path, sbatchScriptText(script, args));
    ::chmod(path.c_str(), 0755);
    return path;
}

std::string submitSbatch(const std::string& path, const std::string& after) {
    std::string command = "sbatch --parsable";
    if (!after.empty()) command += " --dependency=afterany:" + after;
    command += " " + shellQuote(path);
    int status = 0;
    std::string output = runCapturing(command, status);
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r'))
        output.pop_back();
    if (status != 0 || output.empty())
        throw std::runtime_error("sbatch " + path + " failed" +
                                 (status == 127 ? " (is Slurm's sbatch installed and on PATH?)" : "") + ": " +
                                 output);
    // --parsable prints "jobid" or "jobid;cluster"; warnings may come first.
    const std::string last = output.substr(output.find_last_of('\n') + 1);
    return last.substr(0, last.find(';'));
}

std::vector<std::string> withoutSlurmOptions(const std::vector<std::string>& arguments) {
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& a = arguments[i];
        const std::string name = a.substr(0, a.find('='));
        if (kFlagOptions.count(a)) continue;
        if (kValueOptions.count(name)) {
            if (name == a) ++i;  // "--slurm DIR": the value is the next argument
            continue;
        }
        kept.push_back(a);
    }
    return kept;
}

std::string currentExecutable() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) throw std::runtime_error("cannot tell where this program is: " + error.message());
    return self.string();
}

}  // namespace bridgelc::cli
