#pragma once
// A tiny trained model and a run of it, for the tests that interrupt and starve saves.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/run/training_run.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::test {

/// A run of a trained MLP on `data` (2 epochs) with test predictions, as trainAndEvaluate returns it.
inline RunResult tinyTrainedRun(const Dataset& data) {
    Split split;
    split.name = "EXTRAP";
    split.scenario = "extrap";
    split.train = rowRange(0, 80);
    split.validation = rowRange(80, 100);
    split.test = rowRange(100, static_cast<std::int64_t>(data.size()));
    TrainingSettings settings = TrainingSettings::laptop();
    settings.epochs = 2;
    settings.batchSize = 32;
    TrainingObserver quiet;
    return trainAndEvaluate(data, split, "mlp", settings, quiet);
}

/// Writes everything `fd` should carry (a child's report to its parent); retries short writes.
inline void writeAllTo(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

inline std::string readAllFrom(int fd) {
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        text.append(buffer, static_cast<std::size_t>(n));
    return text;
}

}  // namespace bridgelc::test
