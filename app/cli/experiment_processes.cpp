#include "app/cli/experiment_processes.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "app/cli/slurm_array.h"

extern char** environ;

namespace bridgelc::cli {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string durationText(double seconds) {
    const auto s = static_cast<long long>(std::max(0.0, seconds) + 0.5);
    if (s >= 3600) return fmt::format("{} h {:02} min", s / 3600, s / 60 % 60);
    if (s >= 60) return fmt::format("{} min {:02} s", s / 60, s % 60);
    return fmt::format("{} s", s);
}

std::optional<JobResult> savedResult(const fs::path& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    try {
        return jobResultFromJson(nlohmann::json::parse(in));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string lastLine(const fs::path& path) {
    std::ifstream in(path);
    std::string line, last;
    while (std::getline(in, line)) {
        const std::size_t cr = line.find_last_of('\r');  // a progress line rewritten in place
        if (cr != std::string::npos) line = line.substr(cr + 1);
        if (!line.empty()) last = line;
    }
    return last;
}

std::atomic<int> g_interrupts{0};

extern "C" void onExperimentInterrupt(int) {
    if (g_interrupts.fetch_add(1) == 0) {
        static const char message[] =
            "\nstopping: running jobs end within a step, no job starts; finished jobs are kept (interrupt "
            "again to quit now)\n";
        const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
        (void)ignored;
    }
}

// Ctrl+C and SIGTERM reach this process alone (the children have their own process group), which stops every
// child once; a second request ends them at once.
void installExperimentInterruptHandler() {
    struct sigaction action {};
    action.sa_handler = onExperimentInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

struct Running {
    std::size_t index = 0;
    Clock::time_point started;
    fs::path log;
};

}  // namespace

ExperimentProcesses::ExperimentProcesses(const ExperimentRunner& runner, std::string outputDirectory,
                                         std::vector<std::string> command, JobParallelism parallelism)
    : m_runner(runner),
      m_out(std::move(outputDirectory)),
      m_command(std::move(command)),
      m_parallelism(parallelism) {}

std::vector<std::string> ExperimentProcesses::childArguments(std::size_t index) const {
    static const std::set<std::string> dropped = {"--jobs", "--threads", "--job-index"};
    std::vector<std::string> arguments = {currentExecutable()};
    for (std::size_t i = 0; i < m_command.size(); ++i) {
        const std::string& a = m_command[i];
        const std::string name = a.substr(0, a.find('='));
        if (dropped.count(name)) {
            if (name == a) ++i;  // "--jobs 2": the value is the next argument
            continue;
        }
        arguments.push_back(a);
    }
    arguments.insert(arguments.end(), {"--job-index", std::to_string(index), "--threads",
                                       std::to_string(m_parallelism.threadsPerJob)});
    return arguments;
}

ExperimentProcesses::Outcome ExperimentProcesses::run() {
    const std::vector<ExperimentJob>& jobs = m_runner.jobs();
    const std::size_t total = jobs.size();
    Outcome outcome;
    std::vector<std::size_t> waiting;
    for (std::size_t i = 0; i < total; ++i)
        if (m_runner.isFinished(i))
            ++outcome.skipped;
        else
            waiting.push_back(i);
    const fs::path logs = fs::path(m_out) / "logs";
    std::error_code error;
    fs::create_directories(logs, error);
    if (error) throw std::runtime_error("cannot create " + logs.string() + ": " + error.message());
    std::cerr << fmt::format(
        "{} of {} jobs to train, {} at once with {} thread(s) each ({}); {} finished earlier\n",
        waiting.size(), total, m_parallelism.jobs, m_parallelism.threadsPerJob, m_parallelism.reason,
        outcome.skipped);

    installExperimentInterruptHandler();
    std::map<pid_t, Running> running;
    std::map<std::string, std::vector<double>> seconds;  // wall time of finished jobs, per table row
    std::size_t next = 0, done = 0;
    int forwarded = 0;
    Clock::time_point lastReport = Clock::now();

    // Seconds still to go: per job the mean of its row's finished jobs (or of all), less what the running
    // ones have had, spread over the jobs at once; negative until a job has finished.
    auto secondsLeft = [&]() {
        std::vector<double> all;
        for (const auto& [row, list] : seconds)
            all.insert(all.end(), list.begin(), list.end());
        if (all.empty()) return -1.0;
        auto expected = [&](std::size_t index) {
            const auto it = seconds.find(jobs[index].variant());
            const std::vector<double>& list = it != seconds.end() ? it->second : all;
            double sum = 0;
            for (double s : list)
                sum += s;
            return sum / static_cast<double>(list.size());
        };
        double work = 0;
        for (std::size_t i = next; i < waiting.size(); ++i)
            work += expected(waiting[i]);
        for (const auto& [pid, job] : running)
            work += std::max(
                0.0, expected(job.index) - std::chrono::duration<double>(Clock::now() - job.started).count());
        return work / m_parallelism.jobs;
    };
    auto standing = [&]() {
        const double left = secondsLeft();
        return fmt::format("{} of {} done, {} running, {} waiting{}", outcome.skipped + done, total,
                           running.size(), waiting.size() - next,
                           left >= 0 ? ", about " + durationText(left) + " left" : std::string());
    };

    while ((!outcome.cancelled && next < waiting.size()) || !running.empty()) {
        const int interrupts = g_interrupts.load();
        if (interrupts > forwarded) {
            outcome.cancelled = true;
            // The first stops each child cleanly (its cut job is not saved); a second ends them now.
            for (const auto& [pid, job] : running)
                ::kill(pid, interrupts == 1 ? SIGINT : SIGKILL);
            forwarded = interrupts;
        }
        while (!outcome.cancelled && running.size() < static_cast<std::size_t>(m_parallelism.jobs) &&
               next < waiting.size()) {
            const std::size_t index = waiting[next];
            Running job{index, Clock::now(), logs / (jobs[index].key() + ".log")};
            const std::vector<std::string> arguments = childArguments(index);
            std::vector<char*> argv;
            for (const std::string& a : arguments)
                argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            posix_spawn_file_actions_t actions;
            posix_spawn_file_actions_init(&actions);
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, job.log.c_str(),
                                             O_WRONLY | O_CREAT | O_TRUNC, 0644);
            posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
            // Its own process group: Ctrl+C reaches this process only, which stops each child exactly once.
            posix_spawnattr_t attributes;
            posix_spawnattr_init(&attributes);
            posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
            posix_spawnattr_setpgroup(&attributes, 0);
            pid_t pid = 0;
            const int failure = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
            posix_spawn_file_actions_destroy(&actions);
            posix_spawnattr_destroy(&attributes);
            if (failure != 0)
                throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(failure)));
            running.emplace(pid, job);
            ++next;
        }

        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (Clock::now() - lastReport > std::chrono::seconds(60) && !running.empty()) {
                std::cerr << standing() << "\n";
                lastReport = Clock::now();
            }
            continue;
        }
        const auto it = running.find(pid);
        if (it == running.end()) continue;
        const Running job = it->second;
        running.erase(it);
        const double wall = std::chrono::duration<double>(Clock::now() - job.started).count();
        const ExperimentJob& planned = jobs[job.index];
        const std::string label = fmt::format("job {}/{} {} {} s{}", job.index + 1, total, planned.variant(),
                                              planned.splitName, planned.seed);
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        const bool interrupted = code == 130 || (WIFSIGNALED(status) &&
                                                 (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGKILL));
        if (interrupted && outcome.cancelled) {
            std::cerr << label << ": stopped, trains again on resume\n";
            fs::remove(job.log, error);
            continue;
        }
        ++done;
        ++outcome.trained;
        const std::optional<JobResult> result =
            savedResult(fs::path(m_out) / "jobs" / (planned.key() + ".json"));
        if (code == 0 && result && result->succeeded()) {
            seconds[planned.variant()].push_back(wall);
            std::cerr << fmt::format("{}: weighted F1 {:.4f}, OA {:.4f} ({:.1f} s) — {}\n", label,
                                     result->test.weightedF1, result->test.overallAccuracy, wall, standing());
            fs::remove(job.log, error);  // kept only when something went wrong
        } else {
            ++outcome.failed;
            std::cerr << fmt::format(
                "{}: failed ({}): {} — log {} — {}\n", label,
                WIFEXITED(status) ? fmt::format("exit {}", code) : fmt::format("signal {}", WTERMSIG(status)),
                result && !result->message.empty() ? result->message : lastLine(job.log), job.log.string(),
                standing());
        }
        lastReport = Clock::now();
    }
    if (fs::is_empty(logs, error)) fs::remove(logs, error);
    return outcome;
}

}  // namespace bridgelc::cli
