#pragma once
// Value types that cross between the GUI thread and worker threads by queued signal. Values only: a worker
// never hands the GUI a pointer into something it is still changing (DESIGN section 2).
#include <QMetaType>
#include <QVector>
#include <memory>

#include "core/data/dataset.h"
#include "core/data/validation_report.h"
#include "core/io/run_store.h"
#include "core/run/training_run.h"
#include "core/train/training_observer.h"
#include "ui/jobs/training_request.h"

namespace bridgelc {

class Model;

/// Registers every type below with Qt's meta-type system; call once before the first queued connection.
void registerMetaTypes();

}  // namespace bridgelc

Q_DECLARE_METATYPE(bridgelc::EpochReport)
Q_DECLARE_METATYPE(QVector<bridgelc::EpochReport>)
Q_DECLARE_METATYPE(bridgelc::RunResult)
Q_DECLARE_METATYPE(bridgelc::RunSummary)
Q_DECLARE_METATYPE(bridgelc::ValidationReport)
Q_DECLARE_METATYPE(bridgelc::DatasetPtr)
Q_DECLARE_METATYPE(bridgelc::TrainingRequest)
Q_DECLARE_METATYPE(std::shared_ptr<const bridgelc::Model>)
