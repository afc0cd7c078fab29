// The main window around the data: loading the sample and files off the GUI thread, the dataset panel, bad
// files, drag and drop, recent files, settings that survive a restart, and closing while a run trains.
#include <QAction>
#include <QComboBox>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QTabWidget>
#include <QTextStream>
#include <QUrl>
#include <algorithm>

#include "core/io/run_store.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/training_controller.h"
#include "ui/views/dataset_panel.h"
#include "ui/views/problems_view.h"
#include "ui/views/training_panel.h"
#include "ui/window/app_settings.h"
#include "ui/window/main_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_files_menu.h"
#include "ui/window/run_toolbar.h"
#include "ui/window/training_status.h"

using namespace bridgelc;

namespace {

bool load(MainWindow& window, const QString& path) {
    QSignalSpy done(window.loader(), &DatasetLoader::loaded);
    QSignalSpy failed(window.loader(), &DatasetLoader::failed);
    if (!(path.isEmpty() ? window.openSample() : window.openFile(path))) return false;
    QElapsedTimer timer;
    timer.start();
    while (done.isEmpty() && failed.isEmpty() && timer.elapsed() < 120000)
        QTest::qWait(10);
    return !done.isEmpty();
}

QString writeFile(const QString& name, const QString& text) {
    const QString path = test::testHome().path() + QLatin1Char('/') + name;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) QTextStream(&file) << text;
    return path;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtInSampleFillsTheDatasetPanel() {
        MainWindow window;
        window.show();
        QSignalSpy started(window.loader(), &DatasetLoader::loadingStarted);
        QVERIFY(window.openSample());
        // The load runs on a pool thread: the call returned at once and the busy indicator shows.
        QCOMPARE(started.count(), 1);
        QVERIFY(window.loader()->isLoading());
        QVERIFY(window.trainingStatus()->isLoadingShown());
        QVERIFY(!window.actions()->train->isEnabled());
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(test::waitForCount(loaded, 1, 120000));
        QVERIFY(!window.trainingStatus()->isLoadingShown());

        const DatasetPtr data = window.dataset();
        QVERIFY(data);
        QVERIFY(data->synthetic);
        QVERIFY(window.datasetPanel()->isSyntheticBadgeVisible());
        QVERIFY(window.windowTitle().contains(QStringLiteral("synthetic sample")));
        QCOMPARE(window.datasetPanel()->classRowCount(), int(data->classNames.size()));
        int regions = 0;
        for (std::size_t count : data->regionCounts())
            regions += count > 0 ? 1 : 0;
        QCOMPARE(window.datasetPanel()->regionRowCount(), regions);
        QVERIFY(regions >= 8);
        QVERIFY(window.actions()->train->isEnabled());
        // LORO offers exactly the regions present.
        QCOMPARE(window.runToolBar()->regionBox()->count(),
                 regions - (data->regionCounts().back() > 0 ? 1 : 0));
        QCOMPARE(AppSettings::lastFile(), AppSettings::sampleMarker());
    }

    void badFileIsReportedAndTheAppGoesOn() {
        MainWindow window;
        window.show();
        const QString bad = writeFile(QStringLiteral("no_label.csv"), QStringLiteral("a,b\n1,2\n3,4\n"));
        QSignalSpy failed(window.loader(), &DatasetLoader::failed);
        QVERIFY(window.openFile(bad));
        QVERIFY(test::waitForCount(failed, 1, 30000));
        QVERIFY(!window.dataset());
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(!message.isEmpty(), "a failed load says why");
        QVERIFY(window.datasetPanel()->problemsView()->rowCount() >= 1);
        auto* box = window.findChild<QMessageBox*>();
        QVERIFY2(box && box->isVisible(), "the failure is shown without blocking");
        QVERIFY(box->text().contains(message));
        box->close();
        QVERIFY(!window.actions()->train->isEnabled());

        QVERIFY(load(window, test::realSample4k()));
        QCOMPARE(int(window.dataset()->size()), 4000);
        QVERIFY(!window.datasetPanel()->isSyntheticBadgeVisible());
        QVERIFY(window.actions()->train->isEnabled());

        // A missing file is the same kind of failure. It leaves no half-state: the previous data is closed
        // too, so the title, the Train action and the panel agree that nothing is open.
        QVERIFY(window.windowTitle().contains(QStringLiteral("sample4k")));
        QSignalSpy failedAgain(window.loader(), &DatasetLoader::failed);
        QVERIFY(window.openFile(test::testHome().path() + QStringLiteral("/missing.csv")));
        QVERIFY(test::waitForCount(failedAgain, 1, 30000));
        QVERIFY(!window.dataset());
        QCOMPARE(window.windowTitle(), QStringLiteral("BRIDGE-LC Explorer"));
        QVERIFY(!window.actions()->train->isEnabled());
        QVERIFY(!window.startTraining());
        for (auto* open : window.findChildren<QMessageBox*>())
            open->close();
    }

    void droppingAFileOpensIt() {
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(test::realSample4k())});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(test::waitForCount(loaded, 1, 60000));
        QCOMPARE(loaded.at(0).at(2).toString(), test::realSample4k());
        QCOMPARE(window.recentFilesMenu()->files().value(0), test::realSample4k());
    }

    void settingsGeometryAndRecentFilesPersist() {
        const QString other = writeFile(QStringLiteral("other.csv"), QStringLiteral("x\n"));
        TrainingSettings custom = TrainingSettings::laptop();
        custom.epochs = 17;
        custom.learningRate = 3e-4;
        custom.classWeighting = ClassWeighting::InverseFrequency;  // not the default
        custom.seed = 42;
        {
            MainWindow first;
            first.show();
            first.resize(1234, 777);
            QVERIFY(load(first, test::realSample4k()));
            first.recentFilesMenu()->add(other);
            first.recentFilesMenu()->add(test::realSample4k());
            first.runToolBar()->modelBox()->setCurrentIndex(first.runToolBar()->modelBox()->count() - 1);
            first.runToolBar()->scenarioBox()->setCurrentIndex(1);
            first.runToolBar()->regionBox()->setCurrentIndex(first.runToolBar()->regionBox()->count() - 1);
            first.tabs()->setCurrentIndex(2);
            AppSettings::setTrainingSettings(custom);
            m_model = first.runToolBar()->modelName();
            m_region = first.runToolBar()->heldOutRegion();
            first.close();
        }
        QVERIFY(QFile::exists(QSettings().fileName()));
        QVERIFY(QSettings().fileName().startsWith(test::testHome().path()));

        MainWindow second;
        second.show();
        QCOMPARE(second.size(), QSize(1234, 777));
        QCOMPARE(second.tabs()->currentIndex(), 2);
        QCOMPARE(second.runToolBar()->modelName(), m_model);
        QCOMPARE(second.runToolBar()->scenario(), std::string("loro"));
        QCOMPARE(second.recentFilesMenu()->files(), QStringList({test::realSample4k(), other}));
        QCOMPARE(AppSettings::lastFile(), test::realSample4k());
        const TrainingSettings restored = AppSettings::trainingSettings();
        QCOMPARE(restored.epochs, 17);
        QCOMPARE(restored.learningRate, 3e-4);
        QCOMPARE(int(restored.classWeighting), int(ClassWeighting::InverseFrequency));
        QCOMPARE(restored.seed, std::uint64_t(42));
        // The last file comes back, and with it the held-out region chosen before.
        QSignalSpy loaded(second.loader(), &DatasetLoader::loaded);
        QVERIFY(second.reopenLastFile());
        QVERIFY(test::waitForCount(loaded, 1, 60000));
        QCOMPARE(second.runToolBar()->heldOutRegion(), m_region);
        AppSettings::setTrainingSettings(TrainingSettings::laptop());
    }

    void closingWhileTrainingExitsCleanly() {
        auto window = std::make_unique<MainWindow>();
        window->setProperty("confirmClose", false);
        window->show();
        QVERIFY(load(*window, test::realSample4k()));
        window->runToolBar()->modelBox()->setCurrentIndex(0);  // BRIDGE-LC, whatever an earlier test chose
        window->runToolBar()->scenarioBox()->setCurrentIndex(0);
        TrainingSettings settings = TrainingSettings::laptop();
        settings.epochs = 500;
        settings.earlyStopping = false;
        AppSettings::setTrainingSettings(settings);
        QVERIFY(window->startTraining());
        QElapsedTimer timer;
        timer.start();
        while (window->trainingPanel()->epochsShown() < 1 && timer.elapsed() < 120000)
            QTest::qWait(20);
        QVERIFY(window->controller()->isBusy());
        QVERIFY(window->controller()->isThreadRunning());

        QElapsedTimer closeClock;
        closeClock.start();
        QVERIFY(window->close());
        qInfo("closing during training took %lld ms", closeClock.elapsed());
        QVERIFY(!window->controller()->isThreadRunning());
        QVERIFY(!window->controller()->isBusy());
        // Quitting keeps the partial run as Stop does: saved, marked stopped, with its best model.
        const auto runs = RunStore(AppSettings::runsRoot().toStdString()).list();
        QVERIFY(std::any_of(runs.begin(), runs.end(), [](const RunSummary& run) {
            return run.status == "stopped" && QFileInfo::exists(QString::fromStdString(run.directory) +
                                                                QStringLiteral("/model.bridgelc"));
        }));
        window.reset();  // destroying the window after close must not hang or crash either
        AppSettings::setTrainingSettings(TrainingSettings::laptop());
    }

private:
    std::string m_model;
    int m_region = -1;
};

BRIDGELC_UI_TEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
