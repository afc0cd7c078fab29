// Saving when the disk cannot take the file: the old checkpoint and run stay exactly as they were, no
// temporary is left behind, and the message says why. Two ways to starve a save, each in a child process so
// the limits never touch the test program: a file-size limit (RLIMIT_FSIZE, anywhere), and a really full
// disk (a 4 MiB tmpfs in a private mount namespace, when the test runs as root as in CI).
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "core/io/atomic_file.h"
#include "core/io/checkpoint.h"
#include "core/io/run_store.h"
#include "tests/io/save_test_support.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

// Runs `body` in a child and returns what it wrote to the pipe (the child's verdict).
std::string inChild(const std::function<std::string()>& body) {
    int fds[2];
    if (::pipe(fds) != 0) return "pipe failed";
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(fds[0]);
        std::string verdict;
        try {
            verdict = body();
        } catch (const std::exception& error) {
            verdict = std::string("unexpected: ") + error.what();
        }
        test::writeAllTo(fds[1], verdict);
        ::_exit(0);
    }
    ::close(fds[1]);
    const std::string verdict = test::readAllFrom(fds[0]);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? verdict : "the child crashed (status " + std::to_string(status) + ")";
}

std::size_t hiddenFiles(const fs::path& folder) {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(folder))
        count += entry.path().filename().string().front() == '.';
    return count;
}

class DiskFull : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("bridgelc-diskfull-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_data = test::syntheticDataset(140, 6, 3);
        m_run = test::tinyTrainedRun(m_data);
        ASSERT_EQ(m_run.status, RunStatus::Completed) << m_run.message;
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
    Dataset m_data;
    RunResult m_run;
};

TEST_F(DiskFull, FileSizeLimitKeepsTheOldCheckpointAndSaysWhy) {
    const std::string path = (m_dir / "model.bridgelc").string();
    saveCheckpoint(*m_run.model, path, {{"version", "old"}});
    const std::string before = bridgelc::testing::readText(path);
    const std::string verdict = inChild([&] {
        ::signal(SIGXFSZ, SIG_IGN);  // the write then fails with EFBIG instead of killing the process
        rlimit limit{1024, 1024};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return std::string("setrlimit failed");
        try {
            saveCheckpoint(*m_run.model, path, {{"version", "new"}});
            return std::string("saved beyond the limit");
        } catch (const CheckpointError& error) {
            return std::string(error.what());
        }
    });
    EXPECT_NE(verdict.find("cannot save " + path), std::string::npos) << verdict;
    EXPECT_NE(verdict.find("File too large"), std::string::npos) << verdict;
    EXPECT_NE(verdict.find("the previous file is unchanged"), std::string::npos) << verdict;
    EXPECT_EQ(bridgelc::testing::readText(path), before);
    EXPECT_EQ(loadCheckpoint(path).metadata["version"], "old");
    EXPECT_EQ(hiddenFiles(m_dir), 0u) << "the temporary was left behind";
}

TEST_F(DiskFull, FullDiskKeepsTheOldFilesAndSaysTheDiskIsFull) {
    if (::geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root";
    const fs::path mount = m_dir / "small-disk";
    fs::create_directories(mount);
    const std::string verdict = inChild([&]() -> std::string {
        // A private mount namespace: the tmpfs exists for this child only and vanishes with it.
        if (::unshare(CLONE_NEWNS) != 0 || ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            ::mount("tmpfs", mount.c_str(), "tmpfs", 0, "size=4m") != 0)
            return "SKIP cannot mount a tmpfs here";
        const std::string model = (mount / "model.bridgelc").string();
        saveCheckpoint(*m_run.model, model, {{"version", "old"}});
        RunStore store((mount / "runs").string());
        const RunSummary first = store.save(m_run, m_data);
        const std::string before = bridgelc::testing::readText(model);
        {  // fill the disk to the last byte
            std::ofstream filler(mount / "filler", std::ios::binary);
            const std::string block(4096, 'x');
            while (filler.write(block.data(), block.size()))
                ;
        }
        std::string problems, messages;
        try {
            saveCheckpoint(*m_run.model, model, {{"version", "new"}});
            problems += "the checkpoint was saved on a full disk; ";
        } catch (const CheckpointError& error) {
            messages += std::string(error.what()) + "\n";
        }
        try {
            store.save(m_run, m_data);
            problems += "a run was saved on a full disk; ";
        } catch (const std::exception& error) {
            messages += std::string(error.what()) + "\n";
        }
        if (bridgelc::testing::readText(model) != before) problems += "the old checkpoint changed; ";
        if (loadCheckpoint(model).metadata["version"] != "old")
            problems += "the old checkpoint does not load; ";
        const std::vector<RunSummary> runs = store.list();
        if (runs.size() != 1 || runs[0].id != first.id)
            problems += "the store does not list exactly the old run; ";
        if (store.history(first.id).size() != m_run.history.size())
            problems += "the old run's history changed; ";
        if (hiddenFiles(mount) != 0 || hiddenFiles(mount / "runs") != 0)
            problems += "temporaries were left; ";
        return problems.empty() ? messages : "PROBLEMS " + problems + "\n" + messages;
    });
    if (verdict.rfind("SKIP", 0) == 0) GTEST_SKIP() << verdict;
    EXPECT_EQ(verdict.find("PROBLEMS"), std::string::npos) << verdict;
    EXPECT_EQ(verdict.find("unexpected"), std::string::npos) << verdict;
    // Both the checkpoint and the run say the disk is full; the checkpoint also that the old file is kept.
    std::size_t saysFull = 0, saysKept = 0;
    for (std::size_t at = 0; (at = verdict.find("the disk is full", at)) != std::string::npos; ++at)
        ++saysFull;
    for (std::size_t at = 0; (at = verdict.find("the previous file is unchanged", at)) != std::string::npos;
         ++at)
        ++saysKept;
    EXPECT_EQ(saysFull, 2u) << verdict;
    EXPECT_GE(saysKept, 1u) << verdict;
    std::cout << "full disk messages:\n" << verdict;
}

}  // namespace
}  // namespace bridgelc
