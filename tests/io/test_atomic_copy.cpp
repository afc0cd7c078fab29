// copyFileAtomically (exporting a saved model): the copy is whole, and a failed copy keeps the earlier
// target.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/io/atomic_file.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

TEST(AtomicCopy, CopiesWholeAndAFailureKeepsTheOldTarget) {
    const fs::path dir = fs::temp_directory_path() / ("bridgelc-atomic-copy-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string source = (dir / "model.bridgelc").string(), target = (dir / "export.bridgelc").string();
    std::string bytes(200000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>(i * 7);
    writeFileAtomically(source, bytes);
    writeFileAtomically(target, "earlier export");
    copyFileAtomically(source, target);
    EXPECT_EQ(bridgelc::testing::readText(target), bytes);

    writeFileAtomically(target, "earlier export");
    try {
        copyFileAtomically((dir / "missing.bridgelc").string(), target);
        ADD_FAILURE() << "copied a missing file";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("cannot read " + (dir / "missing.bridgelc").string()),
                  std::string::npos)
            << error.what();
    }
    EXPECT_EQ(bridgelc::testing::readText(target), "earlier export");
    std::size_t entries = 0;
    for (const auto& entry : fs::directory_iterator(dir))
        entries += entry.path().filename().string().front() == '.' ? 100 : 1;
    EXPECT_EQ(entries, 2u) << "a temporary was left behind";
    fs::remove_all(dir);
}

}  // namespace
}  // namespace bridgelc
