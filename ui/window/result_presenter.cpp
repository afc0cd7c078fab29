#include "ui/window/result_presenter.h"

#include "ui/views/confusion_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/result_banner.h"
#include "ui/window/export_menu.h"
#include "ui/window/session_state.h"

namespace bridgelc {

ResultPresenter::ResultPresenter(SessionState* state, ConfusionView* confusion, MetricsView* metrics,
                                 ExportMenu* exports, QObject* parent)
    : QObject(parent), m_state(state), m_confusion(confusion), m_metrics(metrics), m_export(exports) {
    connect(m_state, &SessionState::shownChanged, this, &ResultPresenter::showResult);
    connect(m_state, &SessionState::datasetChanged, this, &ResultPresenter::updateBanners);
    connect(m_state, &SessionState::savedDirectoryChanged, m_export, &ExportMenu::setSavedDirectory);
}

ResultBanner* ResultPresenter::createBanner(QWidget* parent) {
    auto* banner = new ResultBanner(parent);
    m_banners.push_back(banner);
    connect(banner, &QObject::destroyed, this, [this, banner] {
        m_banners.erase(std::remove(m_banners.begin(), m_banners.end(), banner), m_banners.end());
    });
    updateBanners();
    return banner;
}

QStringList ResultPresenter::currentWarnings() const {
    QStringList warnings;
    const auto& shown = m_state->shown();
    if (!shown) return warnings;
    for (const std::string& warning : shown->run.warnings)
        warnings << QString::fromStdString(warning);
    warnings << shown->notes;
    const QString mismatch = m_state->mismatchText();
    if (!mismatch.isEmpty()) warnings << mismatch;
    return warnings;
}

void ResultPresenter::showResult() {
    const auto& shown = m_state->shown();
    if (!shown) {
        m_confusion->clear();
        m_metrics->clear();
        m_export->clearRun();
        updateBanners();
        return;
    }
    // The rows of the test predictions index `shown->points`; without it the matrix comes from the saved
    // counts and no cell can point at dataset rows.
    static const Dataset kNoPoints;
    m_confusion->setResult(shown->run, shown->points ? *shown->points : kNoPoints);
    m_metrics->setResult(shown->run);
    m_export->setRun(shown->run, shown->points);
    if (!shown->savedDirectory.isEmpty()) m_export->setSavedDirectory(shown->savedDirectory);
    m_export->setCaption(shown->whose());
    updateBanners();
}

void ResultPresenter::updateBanners() {
    const auto& shown = m_state->shown();
    const QStringList warnings = currentWarnings();
    m_export->setOtherDataset(shown && !m_state->shownMatchesDataset() ? m_state->mismatchText() : QString());
    for (ResultBanner* banner : m_banners) {
        if (shown)
            banner->setResult(shown->whose(), warnings);
        else
            banner->clear(tr("No result yet: train a model (Ctrl+R) or pick a saved run in the Runs tab."));
    }
}

}  // namespace bridgelc
