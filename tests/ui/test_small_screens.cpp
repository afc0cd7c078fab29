// Small screens: at a 1366x768 laptop's size, at 1024x700 and at 800x560 the toolbar keeps every command in
// view (nothing behind "»"), the Dataset panel folds away and comes back, and the map keeps most of the
// width. With BRIDGELC_SCREENSHOT_DIR set, each size is also saved as small-screen-WxH.png.
#include <QComboBox>
#include <QDockWidget>
#include <QTabWidget>
#include <QToolButton>

#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/window/main_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"

namespace bridgelc {

class TestSmallScreens : public QObject {
    Q_OBJECT

    static bool fullyShown(RunToolBar* bar, QWidget* widget) {
        return widget && widget->isVisible() && widget->geometry().right() < bar->width() &&
               widget->geometry().left() >= 0;
    }

private Q_SLOTS:
    void everyCommandStaysInView_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("800x560") << QSize(800, 560);
    }

    void everyCommandStaysInView() {
        QFETCH(QSize, size);
        MainWindow window;
        window.setProperty("confirmClose", false);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(window.openSample());
        QVERIFY(test::waitForCount(loaded, 1, 120000));
        QTest::qWait(200);
        QCOMPARE(window.size(), size);

        RunToolBar* bar = window.runToolBar();
        const MainActions* actions = window.actions();
        for (QAction* action : {actions->open, actions->sample, actions->train, actions->stop,
                                actions->runAll, actions->settings})
            QVERIFY2(fullyShown(bar, bar->widgetForAction(action)),
                     qPrintable(QStringLiteral("%1 is hidden at %2x%3")
                                    .arg(action->text())
                                    .arg(size.width())
                                    .arg(size.height())));
        for (QWidget* box :
             {static_cast<QWidget*>(bar->modelBox()), static_cast<QWidget*>(bar->scenarioBox())})
            QVERIFY(fullyShown(bar, box));
        // The Export button is the last item: when it is in view, nothing went behind "»".
        QToolButton* exportButton = nullptr;
        for (QToolButton* button : bar->findChildren<QToolButton*>())
            if (button->menu()) exportButton = button;
        QVERIFY(fullyShown(bar, exportButton));
        // A 1366 px laptop keeps the buttons' text; narrower windows may show icons alone (tooltips name
        // them).
        if (size.width() >= 1366) QVERIFY(bar->form() != RunToolBar::Form::IconsOnly);

        // The Dataset panel folds away and back (View ▸ Dataset panel) and leaves the map most of the width.
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("datasetDock"));
        QVERIFY(dock && dock->isVisible());
        QVERIFY(dock->features() & QDockWidget::DockWidgetClosable);
        auto* tabs = qobject_cast<QTabWidget*>(window.centralWidget());
        QVERIFY(tabs);
        QVERIFY2(tabs->width() >= window.width() * 0.7,
                 qPrintable(QStringLiteral("%1 of %2").arg(tabs->width()).arg(window.width())));
        const QString dir = qEnvironmentVariable("BRIDGELC_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(window.grab().save(
                QStringLiteral("%1/small-screen-%2x%3.png").arg(dir).arg(size.width()).arg(size.height())));
        dock->toggleViewAction()->trigger();
        QTest::qWait(50);
        QVERIFY(!dock->isVisible());
        QVERIFY(tabs->width() >= window.width() - 30);
        dock->toggleViewAction()->trigger();
        QTest::qWait(50);
        QVERIFY(dock->isVisible());
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestSmallScreens)
#include "test_small_screens.moc"
