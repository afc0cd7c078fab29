// The Runs tab's comparison of selected runs: the side-by-side table, the per-class scores and the overlaid
// learning curves, read off the GUI thread.
#include <QSet>
#include <QToolButton>

#include "core/io/run_store.h"
#include "core/model/model_registry.h"
#include "ui/views/curves_view.h"
#include "ui/views/run_comparison.h"
#include "ui/views/runs_view.h"

namespace bridgelc {

void RunsView::updateComparison() {
    const QStringList ids = selectedIds();
    m_delete->setEnabled(!ids.isEmpty());
    m_folder->setEnabled(ids.size() == 1);
    m_checkpoint->setEnabled(ids.size() == 1);
    m_figure->setEnabled(!ids.isEmpty());

    QList<QPair<QString, std::string>> curves;  // name and run id of each compared run
    std::vector<RunSummary> compared;
    // Curves are named like the comparison columns (#1, #2 …); the split only when the runs differ in it.
    QSet<QString> splits, datasets;
    for (const QString& id : ids)
        if (const RunSummary* run = summaryOf(id)) {
            splits.insert(QString::fromStdString(run->splitName));
            datasets.insert(QString::fromStdString(run->datasetFingerprint));
        }
    for (const QString& id : ids) {
        const RunSummary* run = summaryOf(id);
        if (!run) continue;
        compared.push_back(*run);
        QString name = QStringLiteral("#%1 %2")
                           .arg(compared.size())
                           .arg(QString::fromStdString(modelDisplayName(run->modelName)));
        if (splits.size() > 1) name += QLatin1Char(' ') + QString::fromStdString(run->splitName);
        if (datasets.size() > 1) {  // the file name, shortened: legends have room for a few words only
            const QString dataset = datasetLabel(*run).section(QStringLiteral(" · "), 0, 0);
            name += QStringLiteral(" · ") +
                    (dataset.size() > 18 ? dataset.left(16) + QStringLiteral("…") : dataset);
        }
        curves.append({name, run->id});
    }
    m_compare->setRuns(compared);
    loadCurves(curves);
}

void RunsView::loadCurves(const QList<QPair<QString, std::string>>& curves) {
    if (curves.isEmpty()) {
        m_curvesAgain.reset();
        m_historyTask.cancel();
        m_curves->setOverlays({});  // no dashed curves of runs no longer selected (or deleted)
        m_curves->clear();
        return;
    }
    if (m_historyTask.isRunning()) {
        // A newer selection wins: the running read is dropped and this one starts when it has returned.
        m_curvesAgain = curves;
        m_historyTask.cancel();
        return;
    }
    m_curvesAgain.reset();
    const std::string root = m_root.toStdString();
    m_historyTask.start([this, root, curves](TaskFeedback& feedback) -> BackgroundTask::Completion {
        QList<QPair<QString, std::vector<EpochReport>>> overlays;
        std::vector<std::pair<std::vector<std::string>, Metrics>> scores;
        const RunStore store(root);
        for (const auto& [name, id] : curves) {
            if (feedback.isCanceled()) return {};
            try {
                overlays.append({name, store.history(id)});
            } catch (const std::exception&) {
                overlays.append({name, {}});  // a run without readable history still compares by its scores
            }
            scores.emplace_back();
            try {
                scores.back().second = store.testMetrics(id, &scores.back().first);
            } catch (const std::exception&) {
                scores.back().first.clear();  // shown as "–"
            }
            feedback.setProgress(100.0 * overlays.size() / curves.size());
        }
        return [this, overlays = std::move(overlays), scores = std::move(scores)] {
            if (overlays.size() == 1) {
                m_curves->setOverlays({});
                m_curves->setHistory(overlays.front().second);
            } else {
                m_curves->clear();
                m_curves->setOverlays(overlays);
            }
            if (overlays.size() > 1) m_compare->setClassScores(scores);
        };
    });
}

void RunsView::startPendingCurves() {
    if (!m_curvesAgain) return;
    const QList<QPair<QString, std::string>> curves = *m_curvesAgain;
    loadCurves(curves);
}

}  // namespace bridgelc
