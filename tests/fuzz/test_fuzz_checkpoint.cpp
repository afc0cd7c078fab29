// loadCheckpoint on damaged model.bridgelc files of tiny trained models (a network with and without location,
// and both tree models): raw damage (caught by the header and checksums), and damage behind valid checksums
// (metadata text, metadata values, weight bytes) that only the parsers and shape checks can catch. A model
// that loads must also predict.
#include <gtest/gtest.h>

#include <cmath>

#include "core/io/checkpoint.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/fuzz/checkpoint_bytes.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/fuzz/json_mutator.h"
#include "tests/fuzz/seed_checkpoints.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::fuzz {
namespace {

CaseResult checkCheckpointLoad(const std::string& path) {
    CaseResult result;
    LoadedCheckpoint loaded;
    try {
        loaded = loadCheckpoint(path);
    } catch (const CheckpointError& error) {
        result.message = error.what();
        if (result.message.find("bad_alloc") != std::string::npos)
            result.finding = "allocated beyond the address-space budget: " + result.message;
        else if (result.message.find(path) == std::string::npos)
            result.finding = "the message does not name the file: " + result.message;
        return result;
    }
    if (!loaded.model || !loaded.model->isTrained()) {
        result.finding = "loaded without a trained model";
        return result;
    }
    const Model& model = *loaded.model;
    const std::size_t n = 3;
    const std::vector<float> features(n * model.featureCount(), 0.5f);
    const std::vector<double> lon = {4.0, 10.0, 20.0}, lat = {45.0, 50.0, 55.0};
    try {
        const std::vector<float> p = model.predictProba(features.data(), lon.data(), lat.data(), n);
        if (p.size() != n * model.classCount())
            result.finding = "predicted " + std::to_string(p.size()) + " probabilities for " +
                             std::to_string(n * model.classCount());
        result.accepted = true;
    } catch (const std::exception& error) {
        result.message = std::string("prediction refused: ") + error.what();
    }
    return result;
}

TEST(FuzzCheckpoint, DamagedCheckpointsLoadOrSayWhy) {
    FuzzDirectory directory("checkpoint");
    std::vector<CheckpointParts> originals;
    for (const char* name : kSeedModels) {
        const std::string file = directory.file(std::string(name) + ".bridgelc");
        const std::string error = writeSeedCheckpoint(name, file);
        ASSERT_TRUE(error.empty()) << name << ": " << error;
        originals.push_back(splitCheckpoint(readBytes(file)));
        const CaseResult clean = checkCheckpointLoad(file);
        ASSERT_TRUE(clean.accepted) << name << ": " << clean.message << clean.finding;
    }
    const FuzzStats stats = runFuzz(
        "checkpoint", fuzzSeed(16004), fuzzCases(5000), directory.file("model.bridgelc"),
        [&](Mutator& mutator, std::string& what) {
            const CheckpointParts& original = originals[mutator.below(originals.size())];
            switch (mutator.below(4)) {
                case 0:
                    what += "raw;";
                    return mutator.mutate(original.file, what);
                case 1:
                    what += "metadata-text;";
                    return assembleCheckpoint(mutator.mutate(original.json, what), original.weights);
                case 2:
                    what += "metadata-values;";
                    return assembleCheckpoint(
                        mutateJsonValues(nlohmann::json::parse(original.json), mutator, what).dump(),
                        original.weights);
                default:
                    what += "weights;";
                    return assembleCheckpoint(original.json, mutator.mutate(original.weights, what));
            }
        },
        checkCheckpointLoad);
    expectNoFindings(stats, fuzzCases(5000), directory);
}

}  // namespace
}  // namespace bridgelc::fuzz
