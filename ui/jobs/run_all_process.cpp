#include "ui/jobs/run_all_process.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <cmath>
#include <nlohmann/json.hpp>

#if defined(__linux__)
#include <sys/resource.h>
#endif

#include "core/data/dataset.h"

namespace bridgelc {
namespace {

// The experiment's own processes run a little nicer than the window, as the app's training thread does, so
// the window stays smooth on a busy machine; on an idle one this costs them nothing.
constexpr int kExperimentNice = 5;

}  // namespace

int RunAllProcess::plannedRuns(const Dataset& data, int models, bool extrap, bool loro,
                               std::size_t minLoroPoints) {
    // The experiment's rule (loroFolds()): regions with too few points make no fold.
    int folds = 0;
    const std::vector<std::size_t> counts = data.regionCounts();
    for (std::size_t r = 0; r + 1 < counts.size(); ++r)  // the last entry counts points outside every region
        folds += counts[r] >= minLoroPoints ? 1 : 0;
    return models * ((extrap ? 1 : 0) + (loro ? folds : 0));
}

QString RunAllProcess::durationText(double seconds) {
    const auto s = static_cast<qint64>(std::llround(std::max(0.0, seconds)));
    if (s >= 3600) return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
    if (s >= 60) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return tr("%1 s").arg(s);
}

RunAllProcess::RunAllProcess(QObject* parent) : QObject(parent) {
    m_poll.setInterval(500);
    connect(&m_poll, &QTimer::timeout, this, &RunAllProcess::pollJobs);
    connect(&m_process, &QProcess::readyReadStandardError, this, &RunAllProcess::onStandardError);
    connect(&m_process, &QProcess::finished, this, &RunAllProcess::onProcessFinished);
#if defined(__linux__)
    m_process.setChildProcessModifier([] { setpriority(PRIO_PROCESS, 0, kExperimentNice); });
#endif
}

RunAllProcess::~RunAllProcess() {
    if (isRunning()) {
        cancel();
        if (!m_process.waitForFinished(10000)) m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QString RunAllProcess::commandLinePath() {
    const QString fromEnvironment = qEnvironmentVariable("BRIDGELC_CLI");
    if (!fromEnvironment.isEmpty())
        return QFileInfo(fromEnvironment).isExecutable() ? fromEnvironment : QString();
    const QDir here(QCoreApplication::applicationDirPath());
    // Installed: both programs in one bin/; built: app/explorer/ and app/cli/ side by side.
    for (const QString& candidate :
         {here.filePath(QStringLiteral("bridgelc")), here.filePath(QStringLiteral("../cli/bridgelc"))})
        if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable(QStringLiteral("bridgelc"));
}

QStringList RunAllProcess::arguments(const RunAllRequest& request, const QString& settingsFile) {
    QStringList scenarios;
    if (request.extrap) scenarios << QStringLiteral("extrap");
    if (request.loro) scenarios << QStringLiteral("loro");
    const QString seed = QString::number(request.settings.seed);
    QStringList args = {QStringLiteral("experiment")};
    if (request.dataPath.isEmpty())
        args << QStringLiteral("--sample");
    else
        args << request.dataPath;
    if (!request.labels.labelColumn.empty())
        args << QStringLiteral("--label-column") << QString::fromStdString(request.labels.labelColumn);
    if (request.keepMostlyEmptyColumns) args << QStringLiteral("--keep-mostly-empty-columns");
    args << QStringLiteral("--level") << QString::number(request.labels.level)            //
         << QStringLiteral("--models") << request.models.join(QLatin1Char(','))           //
         << QStringLiteral("--scenarios") << scenarios.join(QLatin1Char(','))             //
         << QStringLiteral("--seeds") << seed << QStringLiteral("--loro-seeds") << seed   //
         << QStringLiteral("--settings") << settingsFile                                  //
         << QStringLiteral("--threads") << QString::number(std::max(1, request.threads))  //
         << QStringLiteral("--out") << request.experimentDirectory                        //
         << QStringLiteral("--save-runs") << request.runsRoot;
    return args;
}

bool RunAllProcess::start(const RunAllRequest& request) {
    m_error.clear();
    if (isRunning()) {
        m_error = tr("Run all is already running.");
        return false;
    }
    const QString program = commandLinePath();
    if (program.isEmpty()) {
        m_error =
            tr("Run all trains with the bridgelc command line, which is installed with the app, but it "
               "was not found beside the app or on PATH.");
        return false;
    }
    if (!QDir().mkpath(request.experimentDirectory)) {
        m_error = tr("Cannot create the experiment folder %1.").arg(request.experimentDirectory);
        return false;
    }
    const QString settingsFile =
        QDir(request.experimentDirectory).filePath(QStringLiteral("app-settings.json"));
    QSaveFile out(settingsFile);
    const nlohmann::json settings = request.settings;
    const std::string text = settings.dump(2) + "\n";
    if (!out.open(QIODevice::WriteOnly) || out.write(text.data(), qint64(text.size())) < 0 || !out.commit()) {
        m_error = tr("Cannot write %1: %2").arg(settingsFile, out.errorString());
        return false;
    }
    m_request = request;
    m_seenJobs.clear();
    m_lastLines.clear();
    m_total = request.plannedRuns;
    m_completed = m_failed = 0;
    m_atOnce = 1;
    m_cancelled = m_ended = false;
    m_exitCode = 0;
    m_clock.start();
    m_process.setProgram(program);
    m_process.setArguments(arguments(request, settingsFile));
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        m_error = tr("Cannot start %1: %2").arg(program, m_process.errorString());
        return false;
    }
    m_poll.start();
    Q_EMIT progressChanged(0, m_total);
    return true;
}

void RunAllProcess::cancel() {
    if (!isRunning()) return;
    m_cancelled = true;
    m_process.terminate();  // SIGTERM: the experiment stops its jobs within a step and keeps the finished
}

bool RunAllProcess::waitForFinished(int milliseconds) {
    if (!isRunning()) return true;
    return m_process.waitForFinished(milliseconds);
}

void RunAllProcess::pollJobs() {
    const QDir jobs(QDir(m_request.experimentDirectory).filePath(QStringLiteral("jobs")));
    const QStringList files = jobs.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        if (m_seenJobs.contains(name)) continue;
        QFile file(jobs.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) continue;  // being replaced: next poll
        const QByteArray bytes = file.readAll();
        const nlohmann::json job =
            nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
        if (job.is_discarded()) continue;
        m_seenJobs.insert(name);
        const bool completed = job.value("status", "") == "completed";
        ++(completed ? m_completed : m_failed);
        Q_EMIT runFinished(QString::fromStdString(job.value("savedRun", "")), completed);
        Q_EMIT progressChanged(done(), m_total);
    }
}

void RunAllProcess::onStandardError() {
    static const QRegularExpression planned(QStringLiteral("^(\\d+) jobs \\("));
    static const QRegularExpression atOnce(QStringLiteral("jobs to train, (\\d+) at once"));
    const QString text = QString::fromLocal8Bit(m_process.readAllStandardError());
    for (QString line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        line = line.section(QLatin1Char('\r'), -1).trimmed();  // a progress line rewritten in place
        if (line.isEmpty()) continue;
        if (const auto m = planned.match(line); m.hasMatch()) m_total = m.captured(1).toInt();
        if (const auto m = atOnce.match(line); m.hasMatch()) m_atOnce = m.captured(1).toInt();
        m_lastLines << line;
        while (m_lastLines.size() > 12)
            m_lastLines.removeFirst();
    }
}

void RunAllProcess::onProcessFinished(int exitCode, QProcess::ExitStatus status) {
    m_poll.stop();
    m_error.clear();  // a start refused meanwhile is no error of this run
    onStandardError();
    pollJobs();  // the last jobs written before it ended
    m_ended = true;
    m_exitCode = status == QProcess::NormalExit ? exitCode : -1;
    if (m_exitCode != 0 && !m_cancelled) {
        m_error = tr("bridgelc experiment ended with exit code %1").arg(m_exitCode);
        if (!m_lastLines.isEmpty()) m_error += QStringLiteral(": ") + m_lastLines.last();
    }
    Q_EMIT finished(m_cancelled, m_completed, m_failed);
}

QString RunAllProcess::progressText() const {
    QString text = tr("Run all: %1 of %2 runs finished").arg(done()).arg(m_total);
    if (m_failed) text += tr(" (%n failed)", nullptr, m_failed);
    if (m_atOnce > 1) text += tr(", %1 at once").arg(m_atOnce);
    if (done() > 0 && done() < m_total && m_clock.isValid()) {
        // The runs so far set the pace; the plan mixes models evenly over its folds, so it holds on average.
        const double perRun = m_clock.elapsed() / 1000.0 / done();
        text += tr(", about %1 left").arg(durationText(perRun * (m_total - done())));
    }
    return text;
}

QString RunAllProcess::summaryText() const {
    QString text = tr("Run all %1: %2 of %3 runs finished")
                       .arg(m_cancelled ? tr("cancelled") : (m_exitCode == 0 ? tr("finished") : tr("failed")))
                       .arg(done())
                       .arg(m_total);
    QStringList parts;
    if (m_completed) parts << tr("%n completed", nullptr, m_completed);
    if (m_failed) parts << tr("%n failed", nullptr, m_failed);
    if (!parts.isEmpty()) text += QStringLiteral(" (%1)").arg(parts.join(QStringLiteral(", ")));
    if (m_cancelled && done() < m_total) text += tr("; %n not run", nullptr, m_total - done());
    if (!m_error.isEmpty() && !m_cancelled) text += QStringLiteral(". ") + m_error;
    text += tr("; tables in %1").arg(QDir::toNativeSeparators(m_request.experimentDirectory));
    return text;
}

}  // namespace bridgelc
