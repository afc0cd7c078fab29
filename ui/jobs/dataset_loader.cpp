#include "ui/jobs/dataset_loader.h"

#include <QSettings>
#include <exception>

#include "core/data/point_reader.h"

namespace bridgelc {

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
    registerMetaTypes();
    connect(&m_task, &BackgroundTask::canceled, this, &DatasetLoader::canceled);
}

DatasetLoader::~DatasetLoader() = default;  // m_task cancels and waits

QString DatasetLoader::sampleDisplayName() {
    return tr("Built-in synthetic sample (EU-27)");
}

bool DatasetLoader::loadFile(const QString& path) {
    if (isLoading()) return false;
    m_labelColumn.clear();  // a label column is a choice about one file
    return start(path, false);
}

bool DatasetLoader::loadSample() {
    if (isLoading()) return false;
    m_labelColumn.clear();
    return start(QString(), true);
}

bool DatasetLoader::reloadWithLabelColumn(const QString& column) {
    if (!m_started || m_lastWasSample || isLoading()) return false;
    m_labelColumn = column;
    return start(m_lastPath, false);
}

namespace {
const char* const kKeepMostlyEmptyKey = "data/keepMostlyEmptyColumns";
}

bool DatasetLoader::keepMostlyEmptyColumns() {
    return QSettings().value(QLatin1String(kKeepMostlyEmptyKey), false).toBool();
}

void DatasetLoader::setKeepMostlyEmptyColumns(bool keep) {
    QSettings().setValue(QLatin1String(kKeepMostlyEmptyKey), keep);
}

bool DatasetLoader::reload() {
    if (!m_started || isLoading()) return false;
    return start(m_lastPath, m_lastWasSample);
}

bool DatasetLoader::start(const QString& path, bool sample) {
    if (isLoading()) return false;
    m_lastPath = sample ? QString() : path;
    m_lastWasSample = sample;
    m_started = true;
    // Settings are read here, on the GUI thread; the pool thread gets plain values.
    LoadOptions options;
    options.keepMostlyMissingColumns = keepMostlyEmptyColumns();
    options.labelColumn = m_labelColumn.toStdString();
    Q_EMIT loadingStarted(sample ? sampleDisplayName() : path);
    m_task.start([this, path, sample, options](TaskFeedback&) -> BackgroundTask::Completion {
        Outcome outcome;
        outcome.path = path;
        try {
            LoadResult result = sample ? loadBuiltInSample() : loadPoints(path.toStdString(), options);
            outcome.report = std::move(result.report);
            // The dataset moves into shared ownership here, on the pool thread, so the GUI never copies it.
            if (result.dataset) outcome.dataset = std::make_shared<const Dataset>(std::move(*result.dataset));
        } catch (const std::exception& error) {
            outcome.error = QString::fromStdString(error.what());
        }
        // Runs on the GUI thread; the task drops it when the load was cancelled or the loader destroyed.
        return [this, outcome = std::move(outcome)] { deliver(outcome); };
    });
    return true;
}

void DatasetLoader::cancel() {
    m_task.cancel();
}

void DatasetLoader::waitForFinished() {
    m_task.waitForFinished();
}

void DatasetLoader::deliver(const Outcome& outcome) {
    if (outcome.dataset && outcome.error.isEmpty()) {
        Q_EMIT loaded(outcome.dataset, outcome.report, outcome.path);
        return;
    }
    QString message = outcome.error;
    if (message.isEmpty()) message = QString::fromStdString(outcome.report.fatalMessage());
    if (message.isEmpty()) message = tr("The file could not be read.");
    Q_EMIT failed(message, outcome.report, outcome.path);
}

}  // namespace bridgelc
