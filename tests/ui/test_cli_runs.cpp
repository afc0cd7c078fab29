// Runs trained with the `bridgelc` program are runs of the desktop application: `train` without --runs
// saves where the application lists its runs, and so does `train --runs DIR` given the application's
// folder; a run saved elsewhere with --runs stays out of the application's list.
#include <QProcess>
#include <algorithm>

#include "core/io/run_store.h"
#include "tests/ui/ui_test_support.h"
#include "ui/views/runs_view.h"
#include "ui/window/app_settings.h"
#include "ui/window/main_window.h"

using namespace bridgelc;

class TestCliRuns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cliRunsAppearInTheRunsTab() {
        const QString appRuns = AppSettings::runsRoot();
        QTemporaryDir elsewhere;
        // Seeds tell the three runs apart in the list.
        QVERIFY(train({QStringLiteral("--seed"), QStringLiteral("101")}));
        QVERIFY(train({QStringLiteral("--seed"), QStringLiteral("102"), QStringLiteral("--runs"), appRuns}));
        QVERIFY(train(
            {QStringLiteral("--seed"), QStringLiteral("103"), QStringLiteral("--runs"), elsewhere.path()}));

        MainWindow window;
        window.setProperty("confirmClose", false);
        window.show();
        RunsView* runs = window.runsView();
        runs->refresh();
        runs->waitForRefresh();
        QTRY_VERIFY_WITH_TIMEOUT(runs->runs().size() >= 2, 30000);
        std::vector<std::uint64_t> seeds;
        for (const RunSummary& run : runs->runs()) {
            QCOMPARE(QString::fromStdString(run.modelName), QStringLiteral("mlp"));
            QCOMPARE(QString::fromStdString(run.status), QStringLiteral("completed"));
            QCOMPARE(run.datasetPoints, std::size_t(4000));
            QVERIFY(run.weightedF1 > 0.3);
            seeds.push_back(run.seed);
        }
        std::sort(seeds.begin(), seeds.end());
        QCOMPARE(seeds, (std::vector<std::uint64_t>{101, 102}));
        QCOMPARE(RunStore(elsewhere.path().toStdString()).list().size(), std::size_t(1));
    }

private:
    /// `bridgelc train` on the 4k sample, one epoch of the MLP, in this program's environment (its
    /// XDG_DATA_HOME is the application's data folder here).
    static bool train(const QStringList& extra) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(BRIDGELC_CLI_PATH),
                      QStringList{QStringLiteral("train"), test::realSample4k(), QStringLiteral("--model"),
                                  QStringLiteral("mlp"), QStringLiteral("--epochs"), QStringLiteral("1"),
                                  QStringLiteral("--threads"), QStringLiteral("1")} +
                          extra);
        if (!process.waitForFinished(300000)) return false;
        const QByteArray output = process.readAll();
        if (process.exitCode() != 0) qWarning("%s", output.constData());
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
};

BRIDGELC_UI_TEST_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
