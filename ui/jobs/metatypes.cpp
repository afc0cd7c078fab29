#include "ui/jobs/metatypes.h"

namespace bridgelc {

void registerMetaTypes() {
    qRegisterMetaType<EpochReport>();
    qRegisterMetaType<QVector<EpochReport>>();
    qRegisterMetaType<RunResult>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<ValidationReport>();
    qRegisterMetaType<DatasetPtr>();
    qRegisterMetaType<TrainingRequest>();
    qRegisterMetaType<std::shared_ptr<const Model>>();
}

}  // namespace bridgelc
