// The inference form of a network against the network itself: BatchNorm folded into the Linear layers, biases
// added before each BLAS multiply, and blocks of at most kBlockRows points must give the probabilities of
// LandCoverNet::classify followed by softmax, for every location input.
#include <gtest/gtest.h>

#include <vector>

#include "core/nn/folded_classifier.h"
#include "core/nn/positional_encoding.h"

namespace bridgelc {
namespace {

/// A network with non-trivial BatchNorm statistics (as after training): a few training-mode passes over
/// shifted, scaled inputs move the running means and variances away from 0 and 1.
LandCoverNet trainedLookingNet(LocationInput location) {
    torch::manual_seed(7);
    NetworkShape shape;
    shape.features = 35;
    shape.classes = 8;
    shape.regions = 8;
    shape.location = location;
    LandCoverNet net(shape);
    net->train();
    torch::NoGradGuard noGrad;
    for (int pass = 0; pass < 20; ++pass)
        net->forward(torch::randn({256, shape.features}) * 3 + 1,
                     shape.usesEncoding() ? torch::rand({256, 128}) : torch::Tensor());
    for (auto& parameter : net->named_parameters())
        if (parameter.key().find("norm") != std::string::npos)
            parameter.value().uniform_(0.5, 1.5);  // BatchNorm's gamma and beta away from 1 and 0
    net->eval();
    return net;
}

void expectSameProbabilities(LocationInput location, std::int64_t rows) {
    LandCoverNet net = trainedLookingNet(location);
    const torch::Tensor x = torch::randn({rows, net->shape.features});
    std::vector<double> lon(rows), lat(rows);
    for (std::int64_t i = 0; i < rows; ++i) {
        lon[i] = -10 + 0.37 * static_cast<double>(i % 97);
        lat[i] = 35 + 0.29 * static_cast<double>(i % 113);
    }
    torch::Tensor encoding;
    if (net->shape.usesEncoding()) {
        encoding = torch::empty({rows, 128});
        fixedPositionalEncoding(lon.data(), lat.data(), lon.size(), encoding.data_ptr<float>());
    }
    torch::Tensor expected;
    {
        torch::NoGradGuard noGrad;
        expected = torch::softmax(net->classify(x, encoding), 1);
    }
    const FoldedClassifier folded(net);
    FoldedClassifier::Workspace workspace(net->shape);
    std::vector<float> got(rows * net->shape.classes, -1.0f);
    for (std::int64_t start = 0; start < rows; start += FoldedClassifier::kBlockRows) {
        const std::int64_t length = std::min(FoldedClassifier::kBlockRows, rows - start);
        folded.probabilities(x.data_ptr<float>() + start * net->shape.features,
                             encoding.defined() ? encoding.data_ptr<float>() + start * 128 : nullptr, length,
                             got.data() + start * net->shape.classes, workspace);
    }
    const float* want = expected.data_ptr<float>();
    float worst = 0;
    for (std::size_t i = 0; i < got.size(); ++i)
        worst = std::max(worst, std::abs(got[i] - want[i]));
    EXPECT_LT(worst, 2e-5f) << "location " << locationInputName(location) << ", " << rows << " rows";
    // Rows of other points must not agree: the comparison can fail.
    if (rows > 1) EXPECT_GT((expected - expected.flip(0)).abs().max().item<float>(), 1e-3f);
}

TEST(FoldedClassifier, EqualsTheNetworkForEveryLocationInput) {
    for (LocationInput location : {LocationInput::None, LocationInput::LatLon, LocationInput::FixedEncoding,
                                   LocationInput::LearnedEncoding})
        expectSameProbabilities(location, 700);  // a full block and a shorter last one
}

TEST(FoldedClassifier, OneRowAndExactlyOneBlock) {
    expectSameProbabilities(LocationInput::LearnedEncoding, 1);
    expectSameProbabilities(LocationInput::LearnedEncoding, FoldedClassifier::kBlockRows);
}

TEST(FoldedClassifier, KeepsItsOwnCopyOfTheWeights) {
    LandCoverNet net = trainedLookingNet(LocationInput::LearnedEncoding);
    const FoldedClassifier folded(net);
    const torch::Tensor x = torch::randn({4, 35}), encoding = torch::rand({4, 128});
    FoldedClassifier::Workspace workspace(net->shape);
    std::vector<float> before(4 * 8), after(4 * 8);
    folded.probabilities(x.data_ptr<float>(), encoding.data_ptr<float>(), 4, before.data(), workspace);
    {
        torch::NoGradGuard noGrad;
        for (auto& p : net->parameters())
            p.zero_();
    }
    folded.probabilities(x.data_ptr<float>(), encoding.data_ptr<float>(), 4, after.data(), workspace);
    EXPECT_EQ(before, after);
}

TEST(FoldedClassifier, RefusesMoreRowsThanOneBlock) {
    LandCoverNet net = trainedLookingNet(LocationInput::None);
    const FoldedClassifier folded(net);
    FoldedClassifier::Workspace workspace(net->shape);
    const std::int64_t rows = FoldedClassifier::kBlockRows + 1;
    std::vector<float> x(rows * 35), out(rows * 8);
    EXPECT_THROW(folded.probabilities(x.data(), nullptr, rows, out.data(), workspace), std::invalid_argument);
}

}  // namespace
}  // namespace bridgelc
