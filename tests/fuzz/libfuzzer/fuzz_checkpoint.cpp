// libFuzzer target: the checkpoint loader (loadCheckpoint) on model.bridgelc files of every model kind. A
// load either gives a trained model that predicts one probability per class, or throws CheckpointError naming
// the file; any other exception, an unbounded allocation or a crash is a finding.
//
// Checksums would stop almost every mutation at the header, so when the input's layout holds (magic, version,
// lengths inside the file) the checksums are recomputed before loading: mutations then reach the metadata
// parser, the model's settings and LibTorch's and XGBoost's weight readers. A layout that does not hold is
// loaded as it is (truncation and length damage).
//
// Seeds: run with BRIDGELC_CHECKPOINT_SEEDS=<folder> and it writes the checkpoints of the GoogleTest harness
// (tests/fuzz/test_fuzz_checkpoint.cpp: the same tiny MLP, BRIDGE-LC, random forest and gradient boosting on
// the same synthetic data) into that folder and exits; scripts/libfuzz.sh does this before fuzzing.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/io/checkpoint.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/fuzz/checkpoint_bytes.h"
#include "tests/fuzz/seed_checkpoints.h"
#include "tests/synthetic_dataset.h"

namespace {

void fail(const std::string& why) {
    std::fprintf(stderr, "finding: %s\n", why.c_str());
    std::abort();
}

int writeSeeds(const std::string& folder) {
    std::filesystem::create_directories(folder);
    for (const char* name : bridgelc::fuzz::kSeedModels) {
        const std::string error =
            bridgelc::fuzz::writeSeedCheckpoint(name, folder + "/" + name + ".bridgelc");
        if (!error.empty()) {
            std::fprintf(stderr, "training the %s seed failed: %s\n", name, error.c_str());
            return 1;
        }
    }
    return 0;
}

/// Recomputes both checksums in place when the layout of assembleCheckpoint holds; false otherwise.
bool repairChecksums(std::string& bytes) {
    const std::size_t header = 8 + sizeof(std::uint32_t);
    if (bytes.size() < header + 16 || bytes.compare(0, 8, "BRIDGELC") != 0) return false;
    std::uint64_t jsonLength = 0, weightsLength = 0;
    std::memcpy(&jsonLength, bytes.data() + header, sizeof jsonLength);
    if (jsonLength > bytes.size() - header - 16 || bytes.size() - header - 16 - jsonLength < 16) return false;
    const std::size_t weightsAt = header + 16 + jsonLength;
    std::memcpy(&weightsLength, bytes.data() + weightsAt, sizeof weightsLength);
    if (weightsLength > bytes.size() - weightsAt - 16) return false;
    const std::uint64_t jsonSum = bridgelc::fuzz::fnv1a(bytes.substr(header + 16, jsonLength));
    const std::uint64_t weightsSum = bridgelc::fuzz::fnv1a(bytes.substr(weightsAt + 16, weightsLength));
    std::memcpy(bytes.data() + header + 8, &jsonSum, sizeof jsonSum);
    std::memcpy(bytes.data() + weightsAt + 8, &weightsSum, sizeof weightsSum);
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (const char* folder = std::getenv("BRIDGELC_CHECKPOINT_SEEDS")) std::exit(writeSeeds(folder));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::filesystem::path dir =
        std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    static const std::string path =
        (dir / ("bridgelc-libfuzzer-" + std::to_string(::getpid()) + ".bridgelc")).string();
    std::string bytes(reinterpret_cast<const char*>(data), size);
    repairChecksums(bytes);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    bridgelc::LoadedCheckpoint loaded;
    try {
        loaded = bridgelc::loadCheckpoint(path);
    } catch (const bridgelc::CheckpointError& error) {
        const std::string message = error.what();
        if (message.find(path) == std::string::npos)
            fail("a message that does not name the file: " + message);
        if (message.find("bad_alloc") != std::string::npos) fail("an unbounded allocation: " + message);
        return 0;
    }
    // The same checks as the GoogleTest harness: a model that loads is trained and answers for every class.
    if (!loaded.model || !loaded.model->isTrained()) fail("loaded without a trained model");
    const bridgelc::Model& model = *loaded.model;
    const std::size_t n = 3;
    const std::vector<float> features(n * model.featureCount(), 0.5f);
    const std::vector<double> lon = {4.0, 10.0, 20.0}, lat = {45.0, 50.0, 55.0};
    try {
        const std::vector<float> p = model.predictProba(features.data(), lon.data(), lat.data(), n);
        if (p.size() != n * model.classCount())
            fail("predicted " + std::to_string(p.size()) + " probabilities for " +
                 std::to_string(n * model.classCount()));
    } catch (const std::exception&) {
        // Refusing to predict (e.g. weights that fit the metadata but overflow) is an answer, not a crash.
    }
    return 0;
}
