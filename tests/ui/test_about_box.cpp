// The About dialog says what `bridgelc --version` says: version, git revision, build type, the paper and
// every data attribution. With BRIDGELC_SCREENSHOT_DIR set it also saves about.png there (QWidget::grab()).
#include <QDir>

#include "core/util/build_info.h"
#include "tests/ui/ui_test_support.h"
#include "ui/window/about_box.h"

using namespace bridgelc;

class TestAboutBox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsVersionRevisionBuildTypeAndAttributions() {
        AboutBox box;
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        const QString shown = box.text() + box.informativeText();
        const BuildInfo& info = buildInfo();
        QVERIFY(!info.revision.empty());
        for (const std::string& expected :
             {info.version, info.revision, info.buildType, std::string("Natural Earth"),
              std::string("European Environment Agency"), std::string("Eurostat"), std::string("LUCAS"),
              std::string("arXiv:2504.12368")})
            QVERIFY2(shown.contains(QString::fromStdString(expected)), expected.c_str());
        QCOMPARE(box.windowTitle(), QStringLiteral("About BRIDGE-LC Explorer"));

        const QString dir = qEnvironmentVariable("BRIDGELC_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(box.grab().save(dir + QStringLiteral("/about.png")));
        }
    }
};

BRIDGELC_UI_TEST_MAIN(TestAboutBox)
#include "test_about_box.moc"
