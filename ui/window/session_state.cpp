#include "ui/window/session_state.h"

#include <QCoreApplication>
#include <QFileInfo>

#include "core/geo/regions.h"
#include "core/io/dataset_fingerprint.h"
#include "core/model/model_registry.h"

namespace bridgelc {

QString DatasetIdentity::label() const {
    if (!isKnown()) return QCoreApplication::translate("SessionState", "no dataset");
    return QStringLiteral("%1 · %2").arg(name, fingerprint.left(8));
}

QString ShownResult::whose() const {
    QStringList parts;
    parts << QString::fromStdString(modelDisplayName(run.modelName));
    const auto& regions = biogeographicalRegions();
    if (run.scenario == Scenario::Loro && run.heldOutRegion >= 0 &&
        static_cast<std::size_t>(run.heldOutRegion) < regions.size())
        parts << QCoreApplication::translate("SessionState", "LORO (%1 held out)")
                     .arg(QString::fromStdString(regions[static_cast<std::size_t>(run.heldOutRegion)].name));
    else
        parts << QString::fromStdString(run.splitName.empty() ? run.scenario.title() : run.splitName);
    parts << QCoreApplication::translate("SessionState", "seed %1").arg(run.settings.seed);
    QString text = parts.join(QStringLiteral(" · "));
    text += QCoreApplication::translate("SessionState", " — on %1").arg(dataset.label());
    if (run.status == RunStatus::Stopped)
        text += QCoreApplication::translate("SessionState", " — stopped early, best model so far");
    if (reopened) text += QCoreApplication::translate("SessionState", " — saved run");
    return text;
}

DatasetIdentity SessionState::identify(const Dataset& dataset, const QString& path) {
    DatasetIdentity identity;
    identity.path = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    identity.name = path.isEmpty() ? QCoreApplication::translate("SessionState", "synthetic sample")
                                   : QFileInfo(path).fileName();
    identity.fingerprint = QString::fromStdString(datasetFingerprint(dataset));
    identity.points = static_cast<qint64>(dataset.size());
    return identity;
}

void SessionState::setDataset(const DatasetPtr& dataset, DatasetIdentity identity) {
    if (dataset && identity.fingerprint.isEmpty()) identity = identify(*dataset, identity.path);
    m_dataset = dataset;
    m_identity = dataset ? std::move(identity) : DatasetIdentity{};
    Q_EMIT datasetChanged();
}

void SessionState::clearDataset() {
    setDataset(nullptr, {});
}

void SessionState::setShown(ShownResult result) {
    m_shown = std::move(result);
    Q_EMIT shownChanged();
}

void SessionState::clearShown() {
    if (!m_shown) return;
    m_shown.reset();
    Q_EMIT shownChanged();
}

void SessionState::setSavedDirectory(const QString& directory) {
    if (!m_shown || m_shown->reopened) return;
    m_shown->savedDirectory = directory;
    Q_EMIT savedDirectoryChanged(directory);
}

bool SessionState::shownMatchesDataset() const {
    return m_shown && m_identity.isKnown() && m_shown->dataset.fingerprint == m_identity.fingerprint;
}

QString SessionState::mismatchText() const {
    if (!m_shown || shownMatchesDataset()) return {};
    if (!m_identity.isKnown())
        return tr("This result was computed on %1; no dataset is open now.").arg(m_shown->dataset.label());
    return tr("This result was computed on %1, not on the open dataset %2: its points, counts and "
              "predictions "
              "are those of %1.")
        .arg(m_shown->dataset.label(), m_identity.label());
}

}  // namespace bridgelc
