// model.bridgelc files: exact round trips, and a clear CheckpointError (never a crash) for every kind of
// damage.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/io/checkpoint.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeAll(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::uint64_t fnv(const std::string& s) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ULL;
    return h;
}

template <typename T>
T readAt(const std::string& bytes, std::size_t at) {
    T v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    return v;
}

/// The parts of a checkpoint file, located from its header (layout documented in checkpoint.h).
struct Parts {
    std::string json, weights;
    std::size_t jsonAt = 0, weightsAt = 0;
};
Parts split(const std::string& bytes) {
    Parts p;
    const auto jsonLength = readAt<std::uint64_t>(bytes, 12);
    p.jsonAt = 28;
    p.json = bytes.substr(p.jsonAt, jsonLength);
    const std::size_t w = p.jsonAt + jsonLength;
    const auto weightsLength = readAt<std::uint64_t>(bytes, w);
    p.weightsAt = w + 16;
    p.weights = bytes.substr(p.weightsAt, weightsLength);
    return p;
}
std::string assemble(std::uint32_t version, const std::string& json, const std::string& weights) {
    std::string b = "BRIDGELC";
    auto put = [&b](auto v) { b.append(reinterpret_cast<const char*>(&v), sizeof v); };
    put(version);
    put(static_cast<std::uint64_t>(json.size()));
    put(fnv(json));
    b += json;
    put(static_cast<std::uint64_t>(weights.size()));
    put(fnv(weights));
    b += weights;
    return b;
}

class Checkpoint : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("bridgelc_ckpt_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::unique_ptr<Model> trained(const std::string& name, int classes = 3) {
        m_data = test::syntheticDataset(120, 6, classes);
        TrainingSettings settings;
        settings.epochs = 2;
        settings.batchSize = 32;
        settings.trees = 6;
        settings.boostingRounds = 5;
        TrainingObserver quiet;
        auto model = createModel(name);
        const FitResult fit = model->fit(TrainingData{m_data, test::rowRange(0, 100), {}}, settings, quiet);
        EXPECT_EQ(fit.status, RunStatus::Completed) << fit.message;
        return model;
    }
    std::string savedFile(const std::string& name = "mlp") {
        auto model = trained(name);
        const std::string file = path("model.bridgelc");
        saveCheckpoint(*model, file);
        return file;
    }
    void expectError(const std::string& file, const std::string& fragment) {
        try {
            loadCheckpoint(file);
            ADD_FAILURE() << "no error for " << fragment;
        } catch (const CheckpointError& error) {
            EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
            EXPECT_NE(std::string(error.what()).find(file), std::string::npos)
                << "names the file: " << error.what();
        }
    }

    fs::path m_dir;
    Dataset m_data;
};

TEST_F(Checkpoint, EveryModelReloadsAndPredictsIdentically) {
    for (const ModelInfo& info : availableModels()) {
        SCOPED_TRACE(info.name);
        auto model = trained(info.name);
        const std::string file = path(info.name + ".bridgelc");
        saveCheckpoint(*model, file, {{"metrics", {{"weightedF1", 0.5}}}, {"dataFingerprint", "abc"}});
        for (const auto& entry : fs::directory_iterator(m_dir))  // the hidden temporary was renamed
            EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
        const LoadedCheckpoint loaded = loadCheckpoint(file);
        ASSERT_TRUE(loaded.model);
        EXPECT_EQ(loaded.model->name(), info.name);
        EXPECT_TRUE(loaded.model->isTrained());
        EXPECT_EQ(loaded.metadata["dataFingerprint"], "abc");
        EXPECT_EQ(loaded.metadata["metrics"]["weightedF1"], 0.5);
        EXPECT_EQ(loaded.model->meta().featureNames, m_data.featureNames);
        EXPECT_EQ(loaded.model->meta().classNames, m_data.classNames);
        EXPECT_EQ(loaded.model->meta().regionIds, model->meta().regionIds);
        EXPECT_EQ(loaded.model->parameterCount(), model->parameterCount());
        const std::size_t n = 20;
        EXPECT_EQ(loaded.model->predictProba(m_data.row(100), &m_data.lon[100], &m_data.lat[100], n),
                  model->predictProba(m_data.row(100), &m_data.lon[100], &m_data.lat[100], n));
    }
}

TEST_F(Checkpoint, MissingFile) {
    expectError(path("nothing.bridgelc"), "does not exist");
}

TEST_F(Checkpoint, TruncatedAnywhere) {
    const std::string file = savedFile();
    const std::string bytes = readAll(file);
    const Parts parts = split(bytes);
    for (std::size_t cut : {std::size_t{4}, std::size_t{10}, parts.jsonAt + 5, parts.weightsAt - 3,
                            parts.weightsAt + parts.weights.size() / 2, bytes.size() - 1}) {
        SCOPED_TRACE(cut);
        writeAll(file, bytes.substr(0, cut));
        expectError(file, "truncated");
    }
}

TEST_F(Checkpoint, EmptyOrForeignFileIsNotACheckpoint) {
    const std::string file = path("foreign.bridgelc");
    writeAll(file, "POINT_ID,lon,lat\n1,2,3\n");
    expectError(file, "is not a BRIDGE-LC checkpoint");
    writeAll(file, "");
    expectError(file, "truncated");
}

TEST_F(Checkpoint, UnsupportedVersion) {
    const std::string file = savedFile();
    std::string bytes = readAll(file);
    const std::uint32_t version = 99;
    std::memcpy(&bytes[8], &version, sizeof version);
    writeAll(file, bytes);
    expectError(file, "format version 99; this program reads version 1");
}

TEST_F(Checkpoint, CorruptedMetadataByteFlip) {
    const std::string file = savedFile();
    std::string bytes = readAll(file);
    bytes[split(bytes).jsonAt + 20] ^= 0x20;
    writeAll(file, bytes);
    expectError(file, "metadata is corrupted");
}

TEST_F(Checkpoint, MetadataThatIsNotJson) {
    const std::string file = savedFile();
    const Parts parts = split(readAll(file));
    writeAll(file,
             assemble(1, "{\"model\": {\"model\": \"mlp\"", parts.weights));  // valid checksum, bad JSON
    expectError(file, "metadata is corrupted (");
}

TEST_F(Checkpoint, MetadataOfAnUnknownModel) {
    const std::string file = savedFile();
    const Parts parts = split(readAll(file));
    nlohmann::json json = nlohmann::json::parse(parts.json);
    json["model"]["model"] = "transformer";
    writeAll(file, assemble(1, json.dump(), parts.weights));
    expectError(file, "unknown model 'transformer'");
}

TEST_F(Checkpoint, CorruptedWeightsByteFlip) {
    const std::string file = savedFile();
    std::string bytes = readAll(file);
    bytes[bytes.size() - 100] ^= 0x01;
    writeAll(file, bytes);
    expectError(file, "weights are corrupted (checksum mismatch)");
}

TEST_F(Checkpoint, WeightsThatAreNotAnArchive) {
    for (const std::string name : {"mlp", "random-forest"}) {
        SCOPED_TRACE(name);
        const std::string file = savedFile(name);
        const Parts parts = split(readAll(file));
        writeAll(file, assemble(1, parts.json, std::string(300, 'x')));
        expectError(file, "weights are corrupted: ");
    }
}

TEST_F(Checkpoint, WeightsOfAnotherShape) {
    auto three = trained("bridgelc", 3);
    auto four = trained("bridgelc", 4);
    const std::string a = path("a.bridgelc"), b = path("b.bridgelc");
    saveCheckpoint(*three, a);
    saveCheckpoint(*four, b);
    writeAll(a, assemble(1, split(readAll(a)).json, split(readAll(b)).weights));
    expectError(a, "landCoverHead");
}

// Trees carry no class list: boosters of four classes under metadata naming three must be refused by the
// loader's probe prediction, not read past the three-class answer it expects.
TEST_F(Checkpoint, TreesOfAnotherClassCount) {
    auto three = trained("random-forest", 3);
    auto four = trained("random-forest", 4);
    const std::string a = path("a.bridgelc"), b = path("b.bridgelc");
    saveCheckpoint(*three, a);
    saveCheckpoint(*four, b);
    const Parts threeParts = split(readAll(a)), fourParts = split(readAll(b));
    writeAll(a, assemble(1, threeParts.json, fourParts.weights));
    expectError(a, "the weights do not fit the metadata");
    writeAll(b, assemble(1, fourParts.json, threeParts.weights));
    expectError(b, "the weights do not fit the metadata");
}

TEST_F(Checkpoint, UntrainedModelIsNotSaved) {
    auto model = createModel("mlp");
    EXPECT_THROW(saveCheckpoint(*model, path("x.bridgelc")), CheckpointError);
    EXPECT_FALSE(fs::exists(path("x.bridgelc")));
}

TEST_F(Checkpoint, CompatibilityNamesTheFeaturesThatDiffer) {
    auto model = trained("mlp");
    Dataset other = m_data;
    EXPECT_EQ(checkCompatible(*model, other), "");
    other.featureNames[2] = "ndvi_p50";
    other.featureNames.push_back("extra_band");
    const std::string message = checkCompatible(*model, other);
    EXPECT_NE(message.find("trained on 6 features, the data has 7"), std::string::npos) << message;
    EXPECT_NE(message.find("missing from the data: f2"), std::string::npos) << message;
    EXPECT_NE(message.find("not known to the model: ndvi_p50, extra_band"), std::string::npos) << message;
    Dataset swapped = m_data;
    std::swap(swapped.featureNames[1], swapped.featureNames[4]);
    const std::string order = checkCompatible(*model, swapped);
    EXPECT_NE(order.find("column 2 is 'f4', the model expects 'f1'"), std::string::npos) << order;
}

}  // namespace
}  // namespace bridgelc
