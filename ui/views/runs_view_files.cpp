// The Runs tab's file actions: deleting runs, opening their folder, copying a checkpoint out, exporting the
// overlaid curves.
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QUrl>

#include "core/io/atomic_file.h"
#include "core/io/run_store.h"
#include "ui/common/save_dialog.h"
#include "ui/views/curves_view.h"
#include "ui/views/runs_view.h"

namespace bridgelc {

int RunsView::removeRuns(const QStringList& ids) {
    RunStore store(m_root.toStdString());
    int removed = 0;
    for (const QString& id : ids) {
        try {
            if (store.remove(id.toStdString())) ++removed;
        } catch (const std::exception&) {
        }
    }
    refresh();
    return removed;
}

void RunsView::deleteSelected() {
    const QStringList ids = selectedIds();
    if (ids.isEmpty()) return;
    if (m_confirmDelete &&
        QMessageBox::question(this, tr("Delete runs"),
                              tr("Delete %n run(s) and all their files from disk?", nullptr, int(ids.size())),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    removeRuns(ids);
}

void RunsView::openFolder() {
    const QStringList ids = selectedIds();
    if (const RunSummary* run = ids.size() == 1 ? summaryOf(ids.front()) : nullptr)
        QDesktopServices::openUrl(QUrl::fromLocalFile(QString::fromStdString(run->directory)));
}

void RunsView::exportCheckpoint() {
    const QStringList ids = selectedIds();
    const RunSummary* run = ids.size() == 1 ? summaryOf(ids.front()) : nullptr;
    if (!run) return;
    const QString source = QString::fromStdString(run->directory) + QStringLiteral("/model.bridgelc");
    if (!QFile::exists(source)) {
        QMessageBox::information(this, tr("Export model"), tr("This run has no saved model."));
        return;
    }
    const QString target = askSaveFileName(this, tr("Export model"),
                                           QString::fromStdString(run->id) + QStringLiteral(".bridgelc"),
                                           tr("BRIDGE-LC model (*.bridgelc)"));
    if (target.isEmpty()) return;
    try {  // a temporary renamed over the target: a failed export keeps any earlier file
        copyFileAtomically(source.toStdString(), target.toStdString());
    } catch (const std::exception& error) {
        QMessageBox::warning(this, tr("Export model"), QString::fromStdString(error.what()));
    }
}

void RunsView::exportFigure() {
    const QString target = askSaveFileName(this, tr("Export figure"), QStringLiteral("runs.png"),
                                           tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (!target.isEmpty() && !m_curves->exportImage(target))
        QMessageBox::warning(this, tr("Export figure"), tr("Could not write %1.").arg(target));
}

}  // namespace bridgelc
