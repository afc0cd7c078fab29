#include "ui/jobs/training_worker.h"

#include <exception>
#include <optional>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "core/io/run_store.h"
#include "core/split/split.h"
#include "ui/jobs/throttled_observer.h"

namespace bridgelc {
namespace {

/// Training is throughput work that takes every cycle of its core; the GUI thread must win whenever it wakes,
/// or the window stutters on a busy machine. Linux keeps a nice value per thread (threads the trainer starts
/// inherit it), so the worker thread is made a little nicer than the GUI thread: 5 by default,
/// BRIDGELC_TRAINING_NICE to measure others. On an idle machine this costs the trainer nothing.
void yieldToGuiThread() {
#if defined(__linux__)
    static thread_local bool done = false;
    if (done) return;
    done = true;
    const int nice = qEnvironmentVariableIsSet("BRIDGELC_TRAINING_NICE")
                         ? qEnvironmentVariableIntValue("BRIDGELC_TRAINING_NICE")
                         : 5;
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), nice);
#endif
}

}  // namespace

TrainingWorker::TrainingWorker(std::shared_ptr<std::atomic<bool>> cancel,
                               std::shared_ptr<std::atomic<bool>> discard)
    : m_cancel(std::move(cancel)), m_discard(std::move(discard)) {}

void TrainingWorker::train(const TrainingRequest& request) {
    yieldToGuiThread();
    ThrottledObserver observer(*this, *m_cancel);
    if (m_snapshotInterval) observer.setSnapshotInterval(m_snapshotInterval->load());
    RunResult run;
    run.modelName = request.modelName;
    run.scenario = request.scenario;
    run.settings = request.settings;
    try {
        if (!request.dataset) throw std::runtime_error("no dataset is loaded");
        observer.onPhase("splitting");
        ScenarioOptions options;
        options.scenario = request.scenario;
        options.seed = request.settings.seed;
        if (request.scenario == Scenario::Loro) options.heldOutRegion = request.heldOutRegion;
        const std::vector<Split> splits = scenarioSplits(*request.dataset, options);
        if (splits.empty()) throw std::runtime_error("the scenario gives no split of these points");
        const std::size_t fold = request.scenario == Scenario::Blocks
                                     ? static_cast<std::size_t>(std::max(0, request.blockFold))
                                     : 0;
        if (fold >= splits.size())
            throw std::runtime_error("there is no fold " + std::to_string(fold + 1) + " of " +
                                     std::to_string(splits.size()));
        const Split& split = splits[fold];
        Q_EMIT splitReady(QString::fromStdString(split.name), static_cast<qint64>(split.train.size()),
                          static_cast<qint64>(split.validation.size()),
                          static_cast<qint64>(split.test.size()));
        run = trainAndEvaluate(*request.dataset, split, request.modelName, request.settings, observer);
    } catch (const std::exception& error) {
        // trainAndEvaluate promises not to throw for training problems; splits and bad requests still can.
        run.status = RunStatus::Failed;
        run.message = error.what();
    }
    observer.flush();

    // Saved before it is handed over: once emitted, the result belongs to its receivers and the worker only
    // reports how saving went (in the same order as always: finished, then saved or saveFailed).
    std::optional<RunSummary> summary;
    QString saveError;
    if (!request.runsRoot.isEmpty() && run.model && run.status != RunStatus::Failed && !m_discard->load()) {
        try {
            summary = RunStore(request.runsRoot.toStdString()).save(run, *request.dataset, request.labels);
        } catch (const std::exception& error) {
            saveError = QString::fromStdString(error.what());
        }
    }
    Q_EMIT finished(run);
    if (summary) Q_EMIT saved(*summary);
    if (!saveError.isEmpty()) Q_EMIT saveFailed(saveError);
}

}  // namespace bridgelc
