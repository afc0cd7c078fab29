// MapPanel's class filter, dissimilarity colours, clicked point and region scores: the parts of the Map tab
// that add to what the points show.
#include <QCheckBox>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QSignalBlocker>
#include <QTableWidget>

#include "core/io/dataset_fingerprint.h"
#include "ui/common/class_colors.h"
#include "ui/jobs/latest_task.h"
#include "ui/map/choropleth_layer.h"
#include "ui/map/choropleth_legend_layer.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_panel_controls.h"
#include "ui/map/map_panel_data.h"
#include "ui/map/map_panel_details.h"
#include "ui/map/map_panel_scores.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/region_layer.h"

namespace bridgelc {

std::vector<unsigned char> MapPanel::classVisibility() const {
    std::vector<unsigned char> visible;
    if (!m_data || m_hiddenClasses.isEmpty()) return visible;
    for (const QString& name : m_data->points.classNames)
        visible.push_back(m_hiddenClasses.contains(name) ? 0 : 1);
    return visible;
}

void MapPanel::fillClassList() {
    QListWidget* list = m_controls->classes();
    const QStringList names = m_data ? m_data->points.classNames : QStringList();
    QSignalBlocker block(list);
    bool same = list->count() == names.size();
    for (int i = 0; same && i < names.size(); ++i)
        same = list->item(i)->text() == names[i];
    if (!same) {
        list->clear();
        for (int c = 0; c < names.size(); ++c) {
            QPixmap swatch(12, 12);
            swatch.fill(classColor(c, names[c]));
            auto* item = new QListWidgetItem(QIcon(swatch), names[c], list);
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        }
    }
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(m_hiddenClasses.contains(list->item(i)->text()) ? Qt::Unchecked
                                                                                     : Qt::Checked);
}

void MapPanel::ensureDissimilarity() {
    if (!m_data || !m_data->aoa) return;
    if (m_diFor == m_data) {
        compose();
        return;
    }
    const auto data = m_data;
    m_controls->status()->setText(tr("Computing the dissimilarity index of %1 points…")
                                      .arg(QLocale().toString(qulonglong(data->points.size()))));
    m_aoaTask->start([this, data](TaskFeedback& feedback) -> BackgroundTask::Completion {
        QString error;
        auto di = dissimilarityOfPoints(*data, feedback, &error);
        return [this, data, di, error] {
            if (data != m_data) return;
            m_controls->status()->setText(error);
            if (!di) return;
            m_di = di;
            m_diFor = data;
            if (needsDissimilarity()) compose();
        };
    });
}

bool MapPanel::needsDissimilarity() const {
    return m_mode == PointColorMode::Dissimilarity || m_outsideAoa;
}

void MapPanel::setOutsideAoaVisible(bool visible) {
    if (visible == m_outsideAoa) return;
    m_outsideAoa = visible;
    {
        QSignalBlocker block(m_controls->outsideAoa());
        m_controls->outsideAoa()->setChecked(visible);
    }
    if (visible)
        ensureDissimilarity();  // composes once the DI of every point is known (at once when it is)
    else
        compose();
}

void MapPanel::updateOutsideAoaSwitch() {
    QCheckBox* box = m_controls->outsideAoa();
    const bool available = m_data && m_data->aoa;
    box->setEnabled(available);
    box->setToolTip(available ? tr("Draws points whose dissimilarity index is above the run's threshold "
                                   "(%1) hollow: farther from the training data than cross-validation tested")
                                    .arg(m_data->aoa->threshold(), 0, 'f', 3)
                    : m_data ? m_data->aoaNote
                             : tr("Open a run to see where its predictions can be trusted"));
}

void MapPanel::setHiddenClasses(const QStringList& classes) {
    if (classes == m_hiddenClasses) return;
    m_hiddenClasses = classes;
    fillClassList();
    compose();
}

void MapPanel::setScoresScope(const DatasetPtr& dataset, const std::string& model) {
    if (dataset != m_scoresDataset || model != m_runModel) {
        // Scores of another dataset or model must not stay on the map until the new ones are read.
        m_scoresTask->cancel();
        m_choropleth->setScores({}, {});
        m_controls->regionScores()->setEnabled(false);
        applyRegionScoresVisibility();
    }
    m_scoresDataset = dataset;
    m_runModel = model;
    const QString path = dataset ? QString::fromStdString(dataset->sourcePath) : QString();
    m_scoresDatasetName = path.isEmpty() ? tr("the synthetic sample") : QFileInfo(path).fileName();
}

void MapPanel::pin(std::int64_t row) {
    m_pinned = row;
    m_pinnedDataset = m_data ? m_data->dataset : nullptr;
    Q_EMIT pointPinned(row);
    refreshPinnedDetails();
}

void MapPanel::refreshPinnedDetails() {
    if (!m_data || m_pinned < 0) return;
    const auto data = m_data;
    const std::int64_t row = m_pinned;
    m_detailsTask->start([this, data, row](TaskFeedback&) -> BackgroundTask::Completion {
        auto rows = pointDetails(*data, row);
        return [this, rows = std::move(rows)] {
            m_pinnedDetails = rows;
            QTableWidget* table = m_controls->details();
            table->setRowCount(int(rows.size()));
            for (int i = 0; i < int(rows.size()); ++i) {
                table->setItem(i, 0, new QTableWidgetItem(rows[std::size_t(i)].first));
                auto* value = new QTableWidgetItem(rows[std::size_t(i)].second);
                value->setToolTip(value->text());  // long values (the applicability) are cut in the column
                table->setItem(i, 1, value);
            }
        };
    });
}

std::vector<std::pair<QString, QString>> MapPanel::pinnedDetails() const {
    return m_pinnedDetails;
}

void MapPanel::showRegionScores(const QString& runsRoot) {
    const DatasetPtr dataset = m_scoresDataset;
    const std::string model = m_runModel;
    const QString name = m_scoresDatasetName;
    m_scoresTask->start([this, runsRoot, dataset, model, name](TaskFeedback&) -> BackgroundTask::Completion {
        LoroScores scores;
        if (dataset) {
            DatasetScope scope{datasetFingerprint(*dataset), dataset->sourcePath, name};
            scores = loroRegionScores(runsRoot, scope, model);
        }
        return [this, scores = std::move(scores)] {
            m_choropleth->setScores(scores.scores, scores.title);
            m_controls->regionScores()->setEnabled(!scores.scores.empty());
            m_controls->regionScores()->setToolTip(scores.scores.empty() ? scores.note : scores.title);
            applyRegionScoresVisibility();
        };
    });
}

void MapPanel::setRegionScoresVisible(bool visible) {
    m_controls->regionScores()->setChecked(visible);
    applyRegionScoresVisibility();
}

void MapPanel::applyRegionScoresVisibility() {
    const bool on = m_controls->regionScores()->isChecked() && !m_choropleth->scores().empty();
    m_choropleth->setVisible(on);
    m_choroplethLegend->setVisible(on);
    // The scores carry the regions' codes and colours; the pale region tints and code labels would clash.
    m_view->renderer()->regions()->setFilled(!on);
    m_view->renderer()->regions()->setLabelled(!on);
}

}  // namespace bridgelc
