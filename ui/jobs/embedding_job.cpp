#include "ui/jobs/embedding_job.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <random>
#include <thread>

#include "core/embed/neighbour_agreement.h"
#include "core/embed/pca.h"
#include "core/embed/tsne.h"
#include "core/model/learned_representations.h"

namespace bridgelc {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

BranchView describe(const FloatMatrix& outputs, const EmbeddingSet& set) {
    BranchView view;
    const PcaResult fit = pca(outputs, 2);
    view.pca = fit.scores;
    view.pcaExplained = {fit.explainedVarianceRatio[0], fit.explainedVarianceRatio[1]};
    const std::vector<double> agreement =
        neighbourAgreements(outputs, {set.classes, set.regions}, kEmbeddingNeighbours);
    view.classAgreement = agreement[0];
    view.regionAgreement = agreement[1];
    view.classProbe = linearProbe(outputs, set.classes);
    view.regionProbe = linearProbe(outputs, set.regions);
    return view;
}

}  // namespace

EmbeddingSet prepareEmbeddings(const Dataset& dataset, const Model& model,
                               const std::vector<std::int64_t>& testRows, std::size_t limit,
                               std::uint64_t seed) {
    const auto start = std::chrono::steady_clock::now();
    EmbeddingSet set;
    set.testPoints = testRows.size();
    set.rows = sampleRows(testRows, limit, seed);
    for (std::int64_t row : set.rows) {
        set.classes.push_back(dataset.label.at(static_cast<std::size_t>(row)));
        set.regions.push_back(dataset.region.at(static_cast<std::size_t>(row)));
    }
    set.classChance = chanceAgreement(set.classes);
    set.regionChance = chanceAgreement(set.regions);
    if (set.rows.size() < 3) return set;
    const BranchOutputs outputs = branchOutputs(model, dataset, set.rows);
    if (outputs.empty()) return set;
    set.invariant = describe(outputs.invariant, set);
    set.specific = describe(outputs.specific, set);
    set.prepareSeconds = secondsSince(start);
    return set;
}

bool computeTsne(EmbeddingSet& set, const Dataset& dataset, const Model& model,
                 const ReductionControl& control) {
    const auto start = std::chrono::steady_clock::now();
    const BranchOutputs outputs = branchOutputs(model, dataset, set.rows);
    if (outputs.empty() || set.rows.size() < 4) return false;
    // The two branches are independent: the specific one runs on a second thread while this thread does the
    // invariant one (the pair took 21.8 s one after the other on a 2-core machine under load). Only this
    // thread talks to `control`, whose callbacks may not expect other threads; the helper reads a flag.
    std::atomic<bool> stop{false};
    std::atomic<bool> helperDone{false};
    std::atomic<double> helperProgress{0.0};
    TsneResult specific;
    std::exception_ptr helperError;
    std::thread helper([&] {
        ReductionControl own;
        own.isCancelled = [&stop] { return stop.load(std::memory_order_relaxed); };
        own.onProgress = [&helperProgress](double p) { helperProgress.store(p, std::memory_order_relaxed); };
        try {
            specific = tsne(outputs.specific, TsneOptions(), own);
        } catch (...) {
            helperError = std::current_exception();
            stop = true;
        }
        helperDone = true;
    });
    ReductionControl own;
    own.isCancelled = [&] {
        if (control.cancelled()) stop = true;
        return stop.load(std::memory_order_relaxed);
    };
    own.onProgress = [&](double p) {
        control.progress(0.5 * p + 0.5 * helperProgress.load(std::memory_order_relaxed));
    };
    TsneResult invariant;
    try {
        invariant = tsne(outputs.invariant, TsneOptions(), own);
    } catch (...) {
        stop = true;
        helper.join();
        throw;
    }
    // Stop and progress stay live while the other branch finishes.
    while (!invariant.cancelled && !helperDone) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (own.cancelled()) break;
        own.progress(1.0);
    }
    if (invariant.cancelled) stop = true;
    helper.join();
    if (helperError) std::rethrow_exception(helperError);
    if (invariant.cancelled || specific.cancelled) return false;
    control.progress(1.0);
    set.invariant.tsne = std::move(invariant.embedding);
    set.specific.tsne = std::move(specific.embedding);
    set.tsneSeconds = secondsSince(start);
    return true;
}

}  // namespace bridgelc
