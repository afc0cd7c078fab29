// A long session in one window: 30 runs trained as a user trains them, each followed by every result tab,
// every map colour mode with zooming and panning, two saved runs reopened from the Runs tab, and a switch
// between the real 4,000-point sample and a smaller file, must leave the resident memory and the open file
// descriptors where the first cycles left them.
#include <malloc.h>

#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QThreadPool>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>

#include "tests/process_usage.h"
#include "tests/ui/map_panel_fixture.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/metatypes.h"
#include "ui/jobs/training_controller.h"
#include "ui/views/embeddings_view.h"
#include "ui/views/runs_view.h"
#include "ui/window/app_settings.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"

using namespace bridgelc;

namespace {

constexpr int kCycles = 30;
// Caches that fill once (fonts and glyphs, the basemap and region outlines, LibTorch's kernels for both
// models, allocator arenas of every thread pool thread) are in place after these cycles; growth is measured
// from there.
constexpr int kWarmUpCycles = 8;
constexpr int kPaintThreadExpiryMs = 500;

/// Every fourth point of the real sample, written as a file of its own: the "other dataset" of the session.
QString writeSmallSample(const QString& dir) {
    QFile in(test::realSample4k());
    QFile out(dir + QStringLiteral("/small_sample.csv"));
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) return {};
    out.write(in.readLine());  // header
    for (int line = 0; !in.atEnd(); ++line) {
        const QByteArray row = in.readLine();
        if (line % 4 == 0) out.write(row);
    }
    return out.fileName();
}

bool load(MainWindow& window, const QString& path) {
    QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
    if (!window.openFile(path)) return false;
    return test::waitForCount(loaded, 1, 120000);
}

/// Processes events until `done` holds, up to `timeoutMs`.
template <typename Done>
bool waitUntil(Done done, int timeoutMs = 120000) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return done();
}

QString describe(const std::map<int, std::string>& fds) {
    QString text;
    for (const auto& [fd, target] : fds)
        text += QStringLiteral("\n  %1 -> %2").arg(fd).arg(QString::fromStdString(target));
    return text;
}

}  // namespace

class TestGuiSoak : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        // Qt's raster paint engine borrows threads of the global pool, each with an event descriptor, and
        // keeps them 30 s after their last job; expiring them within a second lets every measurement below
        // see the same idle state instead of however many happened to paint recently.
        QThreadPool::globalInstance()->setExpiryTimeout(kPaintThreadExpiryMs);
        m_small = writeSmallSample(test::testHome().path());
        QVERIFY(!m_small.isEmpty());
        m_window = std::make_unique<MainWindow>();
        m_window->setProperty("confirmClose", false);
        m_window->resize(1400, 900);
        m_window->show();
        TrainingSettings settings = TrainingSettings::laptop();
        settings.epochs = 1;
        settings.earlyStopping = false;
        AppSettings::setTrainingSettings(settings);
    }

    void thirtyRunsKeepMemoryAndFileHandlesFlat() {
        QElapsedTimer clock;
        clock.start();
        Usage warm, end;
        double endLow = 0;
        QString previousId;
        for (int cycle = 1; cycle <= kCycles; ++cycle) {
            // The other dataset every cycle; both models on both datasets every four cycles.
            const bool small = cycle % 2 == 0;
            QVERIFY2(load(*m_window, small ? m_small : test::realSample4k()), "the dataset did not load");
            const bool bridge = (cycle - 1) % 4 >= 2;
            const QString id = train(bridge ? QStringLiteral("bridgelc") : QStringLiteral("mlp"),
                                     cycle % 2 == 1 ? MainWindow::Tab::Map : MainWindow::Tab::Training);
            QVERIFY2(!id.isEmpty(), qPrintable(QStringLiteral("run %1 did not finish and save").arg(cycle)));
            visitEveryTab(bridge);
            if (QTest::currentTestFailed()) return;
            exploreMap();
            if (QTest::currentTestFailed()) return;
            // A run of the other dataset (its points not in the open file), then the run just trained.
            if (!previousId.isEmpty()) reopen(previousId);
            if (QTest::currentTestFailed()) return;
            reopen(id);
            if (QTest::currentTestFailed()) return;
            visitEveryTab(bridge);
            if (QTest::currentTestFailed()) return;
            previousId = id;

            settle();
            if (QTest::currentTestFailed()) return;
            qInfo("cycle %2d (%s, %s): %6.1f s, RSS %.0f kB, %zu open fds, %d threads", cycle,
                  small ? "small" : "4k", bridge ? "bridgelc" : "mlp", clock.elapsed() / 1000.0,
                  test::residentKilobytes(), test::openDescriptors(), threadCount());
            // Memory in use is compared as the highest of the last three warm-up cycles against the lowest of
            // the last three cycles: one cycle's figure swings by up to 10 % with the allocator's arenas
            // (349 and 404 MB after the same 8 cycles in two runs), a leak lifts all three.
            if (cycle >= kWarmUpCycles - 2 && cycle <= kWarmUpCycles) {
                const Usage now = measure();
                const double peak = std::max(warm.liveRss, now.liveRss);
                if (cycle == kWarmUpCycles) warm = now;
                warm.liveRss = peak;
            }
            if (cycle >= kCycles - 2) {
                const Usage now = measure();
                endLow = cycle == kCycles - 2 ? now.liveRss : std::min(endLow, now.liveRss);
            }
        }
        end = measure();
        end.liveRss = endLow;
        const double growth = 100.0 * (end.rss - warm.rss) / warm.rss;
        const double liveGrowth = 100.0 * (end.liveRss - warm.liveRss) / warm.liveRss;
        qInfo(
            "GUI soak: %d runs in %.0f s; RSS %.0f kB after %d runs, %.0f kB at the end (%+.1f %%); "
            "with the allocator's free memory returned (malloc_trim) %.0f kB and %.0f kB (%+.1f %%); "
            "open fds %zu after %d runs, %zu at the end; threads %d and %d",
            kCycles, clock.elapsed() / 1000.0, warm.rss, kWarmUpCycles, end.rss, growth, warm.liveRss,
            end.liveRss, liveGrowth, warm.fds.size(), kWarmUpCycles, end.fds.size(), warm.threads,
            end.threads);
        std::map<int, std::string> opened, closed;
        for (const auto& [fd, target] : end.fds)
            if (warm.fds.count(fd) == 0 || warm.fds.at(fd) != target) opened[fd] = target;
        for (const auto& [fd, target] : warm.fds)
            if (end.fds.count(fd) == 0 || end.fds.at(fd) != target) closed[fd] = target;
        if (!opened.empty() || !closed.empty())
            qInfo("descriptors opened since the warm-up:%s\nclosed since:%s", qPrintable(describe(opened)),
                  qPrintable(describe(closed)));
        QVERIFY2(end.liveRss < 1.10 * warm.liveRss,
                 qPrintable(QStringLiteral("memory in use grew %1 %").arg(liveGrowth, 0, 'f', 1)));
        // The RSS as it is is reported, not asserted: the allocator keeps freed memory in steps of tens of
        // megabytes that vary from run to run (one run grew 9.2 % in one 47 MB step with flat memory in use).
        qInfo("threads after the warm-up: %s\nat the end: %s", qPrintable(describeThreads(warm.threadNames)),
              qPrintable(describeThreads(end.threadNames)));
        // Every descriptor but the event descriptors is back exactly. Each thread with a Qt event loop holds
        // one event descriptor, and Qt's pool threads come and go as the paint engine needs them (the pool
        // keeps an idle one for kPaintThreadExpiryMs, a busy one as long as it paints): event descriptors
        // beyond the pool threads alive at the time must match too.
        const int warmPooled = warm.threadNames["Thread (pooled)"],
                  endPooled = end.threadNames["Thread (pooled)"];
        QCOMPARE(int(end.fds.size()) - eventDescriptors(end), int(warm.fds.size()) - eventDescriptors(warm));
        QCOMPARE(eventDescriptors(end) - endPooled, eventDescriptors(warm) - warmPooled);
    }

    void cleanupTestCase() {
        QVERIFY(m_window->close());
        QVERIFY(!m_window->controller()->isThreadRunning());
        m_window.reset();
    }

private:
    struct Usage {
        double rss = 0;      ///< resident kB as the session left it
        double liveRss = 0;  ///< resident kB once the allocator returned its free memory to the system
        std::map<int, std::string> fds;
        int threads = 0;
        std::map<std::string, int> threadNames;
    };

    static int threadCount() {
        return int(std::distance(std::filesystem::directory_iterator("/proc/self/task"),
                                 std::filesystem::directory_iterator()));
    }

    /// Threads of the process by name ("Thread (pooled)" for Qt's pool threads), e.g. "Thread (pooled) x2".
    static std::map<std::string, int> threadNames() {
        std::map<std::string, int> names;
        for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
            std::ifstream comm(task.path() / "comm");
            std::string name;
            std::getline(comm, name);
            ++names[name];
        }
        return names;
    }

    static QString describeThreads(const std::map<std::string, int>& names) {
        QStringList parts;
        for (const auto& [name, count] : names)
            parts << QStringLiteral("%1 x%2").arg(QString::fromStdString(name)).arg(count);
        return parts.join(QStringLiteral(", "));
    }

    static int eventDescriptors(const Usage& usage) {
        return int(std::count_if(usage.fds.begin(), usage.fds.end(),
                                 [](const auto& fd) { return fd.second == "anon_inode:[eventfd]"; }));
    }

    /// The resident memory as it is, then after malloc_trim: a leak grows both, while memory the allocator
    /// keeps for reuse (one arena per thread that ever allocated, each as large as its busiest moment)
    /// grows only the first.
    static Usage measure() {
        QThread::msleep(4 *
                        kPaintThreadExpiryMs);  // the paint threads expire (settle() waited for their jobs)
        QCoreApplication::processEvents();
        Usage usage;
        usage.threads = threadCount();
        usage.threadNames = threadNames();
        usage.fds = test::openDescriptorTargets();
        usage.rss = test::residentKilobytes();
        malloc_trim(0);
        usage.liveRss = test::residentKilobytes();
        return usage;
    }

    /// Trains `model` (EXTRAP) from the toolbar while `watched` is the current tab; the saved run's id.
    QString train(const QString& model, MainWindow::Tab watched) {
        RunToolBar* toolBar = m_window->runToolBar();
        toolBar->modelBox()->setCurrentIndex(toolBar->modelBox()->findData(model));
        toolBar->scenarioBox()->setCurrentIndex(0);
        if (toolBar->modelName() != model.toStdString()) return {};
        m_window->showTab(watched);
        QSignalSpy finished(m_window->controller(), &TrainingController::runFinished);
        QSignalSpy saved(m_window->controller(), &TrainingController::runSaved);
        if (!m_window->startTraining() || !test::waitForCount(finished, 1, 300000) ||
            !test::waitForCount(saved, 1, 60000))
            return {};
        if (finished.at(0).at(0).value<RunResult>().status != RunStatus::Completed) return {};
        const std::string id = saved.at(0).at(0).value<RunSummary>().id;
        RunsView* runs = m_window->runsView();
        const bool listed = waitUntil([&] {
            return std::any_of(runs->runs().begin(), runs->runs().end(),
                               [&](const RunSummary& run) { return run.id == id; });
        });
        return listed ? QString::fromStdString(id) : QString();
    }

    /// Shows every tab in turn as a user clicking through them would, letting each draw and finish its work.
    void visitEveryTab(bool embeddings) {
        for (MainWindow::Tab tab :
             {MainWindow::Tab::Training, MainWindow::Tab::Confusion, MainWindow::Tab::Metrics,
              MainWindow::Tab::Map, MainWindow::Tab::Embeddings, MainWindow::Tab::Runs}) {
            m_window->showTab(tab);
            m_window->tabs()->currentWidget()->grab();
            if (tab == MainWindow::Tab::Map) test::settleMap(*m_window->mapPanel());
            // BRIDGE-LC's branch outputs, PCA and t-SNE of its test points; other models only say why not.
            if (tab == MainWindow::Tab::Embeddings && embeddings)
                QVERIFY2(waitUntil([this] { return !m_window->embeddingsView()->isBusy(); }),
                         "the embeddings did not finish");
            QCoreApplication::processEvents();
        }
    }

    /// Every colour mode, then zoom in, pan with the arrow keys and the mouse, zoom out and go home.
    void exploreMap() {
        m_window->showTab(MainWindow::Tab::Map);
        MapPanel* panel = m_window->mapPanel();
        for (PointColorMode mode :
             {PointColorMode::PredictedClass, PointColorMode::Correctness, PointColorMode::Confidence,
              PointColorMode::ClassProbability, PointColorMode::Dissimilarity, PointColorMode::TrueClass}) {
            panel->setMode(mode);
            test::settleMap(*panel);
        }
        MapView* view = panel->mapView();
        view->zoomIn();
        view->zoomIn();
        test::settleMap(*panel);
        QTest::keyClick(view, Qt::Key_Left);
        QTest::keyClick(view, Qt::Key_Up);
        const QPoint centre = view->rect().center();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, centre);
        QTest::mouseMove(view, centre + QPoint(60, 40));
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, centre + QPoint(120, 80));
        test::settleMap(*panel);
        view->zoomOut();
        view->homeView();
        test::settleMap(*panel);
    }

    /// Picks the saved run `id` in the Runs tab and waits until every view shows it.
    void reopen(const QString& id) {
        m_window->showTab(MainWindow::Tab::Runs);
        RunsView* runs = m_window->runsView();
        runs->selectIds({});  // a row still selected from before would not be read again
        QSignalSpy opened(runs, &RunsView::savedRunLoaded);
        runs->selectIds({id});
        QVERIFY2(test::waitForCount(opened, 1, 60000),
                 qPrintable(QStringLiteral("run %1 did not reopen").arg(id)));
        QVERIFY(m_window->session()->shown() && m_window->session()->shown()->reopened);
        QVERIFY(m_window->session()->shown()->savedDirectory.endsWith(id));
    }

    /// Waits for what the cycle left running in the background (map jobs, pool threads) before measuring.
    void settle() {
        test::settleMap(*m_window->mapPanel());
        m_window->runsView()->waitForRefresh();
        QVERIFY(waitUntil([this] { return !m_window->embeddingsView()->isBusy(); }));
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
    }

    std::unique_ptr<MainWindow> m_window;
    QString m_small;
};

BRIDGELC_UI_TEST_MAIN(TestGuiSoak)
#include "test_gui_soak.moc"
