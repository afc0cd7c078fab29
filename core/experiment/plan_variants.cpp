// The rows of an experiment's tables: the runner makes one job per row, split and seed, and the tables list
// the rows in the same order.
#include <stdexcept>

#include "core/experiment/experiment_runner.h"

namespace bridgelc {

std::vector<ExperimentJob> planVariants(const ExperimentPlan& plan) {
    std::vector<ExperimentJob> variants;
    for (const std::string& model : plan.models)
        for (ClassWeighting weighting : weightingsForModel(model, plan.weightings)) {
            ExperimentJob job;
            job.model = model;
            job.weighting = weighting;
            bool swept = false;
            for (const SettingAxis& axis : plan.sweeps) {
                if (!axis.affects(model)) continue;
                swept = true;
                for (const std::string& value : axis.values) {
                    ExperimentJob point = job;
                    point.sweepSetting = axis.key;
                    point.sweepValue = value;
                    variants.push_back(point);
                }
            }
            if (!swept) variants.push_back(job);
        }
    return variants;
}

}  // namespace bridgelc
