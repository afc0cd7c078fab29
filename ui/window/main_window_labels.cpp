// MainWindow's wiring of the Labels chooser: the dataset every panel shows is the one of the chosen labels.
#include <QFileInfo>
#include <QStatusBar>

#include "core/io/saved_run.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/training_controller.h"
#include "ui/views/dataset_panel.h"
#include "ui/views/runs_view.h"
#include "ui/window/label_selection.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"

namespace bridgelc {

void MainWindow::connectLabels() {
    m_labels = new LabelSelection(m_loader, this);
    connect(m_labels, &LabelSelection::changed, this, &MainWindow::applyLabels);
    connect(m_datasetPanel, &DatasetPanel::labelsChosen, this, [this](const LabelChoice& choice) {
        if (m_controller->isBusy() || m_loader->isLoading() || !m_labels->choose(choice))
            statusBar()->showMessage(tr("These labels cannot be chosen now."), 8000);
    });
}

void MainWindow::applyLabels() {
    const DatasetPtr dataset = m_labels->dataset();
    if (!dataset) return;
    const QString path = m_loader->lastPath();
    const QString name = path.isEmpty() ? DatasetLoader::sampleDisplayName() : path;
    DatasetIdentity identity = SessionState::identify(*dataset, path);
    const LabelChoice& choice = m_labels->choice();
    // Every banner then says which labels a result is of ("lucas.csv · crop types · 1a2b3c4d").
    if (choice != LabelChoice{})
        identity.name += QStringLiteral(" · ") + QString::fromStdString(choice.description());
    m_state->setDataset(dataset, identity);
    m_datasetPanel->setDataset(dataset, m_labels->report(), name);
    m_datasetPanel->setLabelChoices(choice, m_labels->hasCropTypes(), m_labels->otherColumns(),
                                    m_labels->cropCodes());
    m_toolBar->setDataset(dataset);
    m_runs->setDataset(dataset, m_state->datasetIdentity().fingerprint);
    updateTitle();
    onStateChanged();
    if (!m_reopenAfterLabels.isEmpty()) {
        const QString id = m_reopenAfterLabels;
        m_reopenAfterLabels.clear();
        m_runs->openRun(id);
    }
}

bool MainWindow::switchToLabelsOf(const SavedRun& saved) {
    const LabelChoice& labels = saved.summary.labels;
    if (labels == m_labels->choice() || !m_labels->canChoose(labels)) return false;
    // Only the file the run was trained on can give its points under its labels.
    const DatasetIdentity& open = m_state->datasetIdentity();
    const QString savedPath = QString::fromStdString(saved.summary.datasetPath);
    const bool sameFile = saved.summary.datasetSynthetic
                              ? open.path.isEmpty()
                              : !savedPath.isEmpty() && QFileInfo(savedPath).absoluteFilePath() == open.path;
    if (!open.isKnown() || !sameFile || m_controller->isBusy() || m_loader->isLoading()) return false;
    m_reopenAfterLabels = QString::fromStdString(saved.summary.id);
    if (m_labels->choose(labels)) {
        statusBar()->showMessage(tr("Showing %1 of %2, the labels of the reopened run")
                                     .arg(QString::fromStdString(labels.description()), open.name),
                                 8000);
        return true;
    }
    m_reopenAfterLabels.clear();
    return false;
}

}  // namespace bridgelc
