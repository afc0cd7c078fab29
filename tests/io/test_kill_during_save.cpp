// Saves that survive SIGKILL: a child process saves a checkpoint, replaces a run directory (saveTo) and adds
// a run to a store (save) over and over, and is killed at random moments, hundreds of times. After every kill
// the previous checkpoint and run still load whole, the store lists exactly the runs whose save finished (a
// half-written run or a temporary is never listed), and nothing but hidden leftovers remains.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include "core/io/checkpoint.h"
#include "core/io/run_store.h"
#include "tests/io/save_test_support.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

class KillDuringSave : public ::testing::Test {
protected:
    void SetUp() override {
        // In memory when possible: a killed process loses nothing the kernel already has, so the rename
        // protocol is tested the same, without waiting hundreds of times for fsync to reach a disk.
        std::error_code error;
        const fs::path base =
            fs::is_directory("/dev/shm", error) ? fs::path("/dev/shm") : fs::temp_directory_path();
        m_dir = base / ("bridgelc-kill-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

// The child: writes one byte to `report` when it starts saving, then saves forever, writing one byte after
// each complete round.
[[noreturn]] void saveForever(const RunResult& run, const Dataset& data, const fs::path& dir, int report) {
    try {
        RunStore store((dir / "store").string());
        if (::write(report, "s", 1) != 1) ::_exit(3);
        for (int round = 0;; ++round) {
            saveCheckpoint(*run.model, (dir / "model.bridgelc").string(), {{"round", round}});
            RunStore::saveTo(run, data, (dir / "fixed" / "run").string());
            store.save(run, data);
            if (::write(report, "x", 1) != 1) ::_exit(3);
        }
    } catch (const std::exception& error) {
        std::cerr << "saving failed: " << error.what() << std::endl;
        ::_exit(2);
    }
}

// A run directory every reader can use: listed, its history and model load.
void expectWholeRun(const RunStore& store, const RunSummary& summary, std::size_t epochs) {
    EXPECT_EQ(store.history(summary.id).size(), epochs) << summary.directory;
    EXPECT_TRUE(loadCheckpoint(summary.directory + "/model.bridgelc").model) << summary.directory;
    EXPECT_TRUE(fs::exists(summary.directory + "/predictions.csv")) << summary.directory;
    EXPECT_TRUE(fs::exists(summary.directory + "/confusion.csv")) << summary.directory;
}

TEST_F(KillDuringSave, PreviousFilesSurviveHundredsOfKills) {
    const Dataset data = test::syntheticDataset(140, 6, 3);
    const RunResult run = test::tinyTrainedRun(data);
    ASSERT_EQ(run.status, RunStatus::Completed) << run.message;
    const std::size_t epochs = run.history.size();
    // The "previous" files every kill must leave intact.
    saveCheckpoint(*run.model, (m_dir / "model.bridgelc").string(), {{"round", -1}});
    RunStore::saveTo(run, data, (m_dir / "fixed" / "run").string());

    RunStore store((m_dir / "store").string()), fixed((m_dir / "fixed").string());
    // One round as the child does it, timed, so that kills spread over every step of a round and beyond.
    const auto roundStart = std::chrono::steady_clock::now();
    saveCheckpoint(*run.model, (m_dir / "model.bridgelc").string(), {{"round", -1}});
    RunStore::saveTo(run, data, (m_dir / "fixed" / "run").string());
    store.remove(store.save(run, data).id);
    const auto round =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - roundStart);
    const int kills = 250;
    std::mt19937 rng(1616);
    // Kills fall in [0, span) after the child starts saving. A forked child's first writes copy pages and
    // may run slower than the round timed here (several times so on a loaded machine), so the span widens
    // while no round has finished yet: some kills must come after whole rounds.
    std::int64_t spanMicros = 2 * round.count();
    std::size_t rounds = 0, leftovers = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (int kill = 0; kill < kills; ++kill) {
        int pipeFds[2];
        ASSERT_EQ(::pipe(pipeFds), 0);
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(pipeFds[0]);
            saveForever(run, data, m_dir, pipeFds[1]);
        }
        ::close(pipeFds[1]);
        char started = 0;
        ASSERT_EQ(::read(pipeFds[0], &started, 1), 1) << "the saving child never started";
        if (rounds == 0 && kill > 0 && kill % 10 == 0)
            spanMicros = std::min<std::int64_t>(2 * spanMicros, 2000000);
        std::this_thread::sleep_for(
            std::chrono::microseconds(std::uniform_int_distribution<std::int64_t>(0, spanMicros)(rng)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "the saving child ended by itself (status " << status << "): saving failed";
        const std::size_t finished = test::readAllFrom(pipeFds[0]).size();
        ::close(pipeFds[0]);
        rounds += finished;
        SCOPED_TRACE("kill " + std::to_string(kill) + " after " + std::to_string(finished) + " rounds");

        // The checkpoint: the previous one or a newer one, never damaged.
        const LoadedCheckpoint checkpoint = loadCheckpoint((m_dir / "model.bridgelc").string());
        ASSERT_TRUE(checkpoint.model);
        EXPECT_TRUE(checkpoint.metadata.contains("round"));
        // The replaced run directory: always exactly one whole run.
        const std::vector<RunSummary> fixedRuns = fixed.list();
        ASSERT_EQ(fixedRuns.size(), 1u);
        expectWholeRun(fixed, fixedRuns[0], epochs);
        // The store: the runs whose save returned, plus at most one whose rename happened just before the
        // kill.
        const std::vector<RunSummary> listed = store.list();
        EXPECT_GE(listed.size(), finished);
        EXPECT_LE(listed.size(), finished + 1);
        for (const RunSummary& summary : listed) {
            ASSERT_NE(summary.id.front(), '.');
            expectWholeRun(store, summary, epochs);
            store.remove(summary.id);
        }
        // Whatever is left is hidden: a temporary file or a staging directory from the killed save.
        for (const fs::path& folder : {m_dir, m_dir / "fixed", m_dir / "store"}) {
            std::error_code error;
            for (const auto& entry : fs::directory_iterator(folder, error)) {
                const std::string name = entry.path().filename().string();
                if (name == "model.bridgelc" || name == "fixed" || name == "store" || name == "run") continue;
                EXPECT_EQ(name.front(), '.') << "a visible leftover: " << entry.path();
                ++leftovers;
                fs::remove_all(entry.path(), error);  // as a later cleanup would; keeps the folder small
            }
        }
        if (HasFatalFailure()) return;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::cout << "kill during save: " << kills << " kills (one round of saves takes "
              << round.count() / 1000.0 << " ms; kills within " << spanMicros / 1000.0
              << " ms of the child's start at the end), " << rounds << " complete save rounds, " << leftovers
              << " hidden leftovers of interrupted saves ignored, in " << seconds << " s" << std::endl;
    EXPECT_GT(leftovers, 0u) << "no kill landed inside a save: the test proved nothing";
    EXPECT_GT(rounds, 0u) << "no round of saves ever finished: the kills came too early to test replacing";
}

}  // namespace
}  // namespace bridgelc
