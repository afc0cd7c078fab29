// Help ▸ User guide: every screenshot the guide refers to is shown (no broken-image icon), and the guide
// never scrolls sideways, also in a small window.
#include <QImage>
#include <QScrollBar>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>

#include "tests/ui/ui_test_support.h"
#include "ui/window/help_dialogs.h"

namespace bridgelc {

class TestUserGuide : public QObject {
    Q_OBJECT

    static QList<QTextImageFormat> images(QTextDocument* document) {
        QList<QTextImageFormat> out;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
            for (auto it = block.begin(); !it.atEnd(); ++it)
                if (it.fragment().charFormat().isImageFormat())
                    out << it.fragment().charFormat().toImageFormat();
        return out;
    }

private Q_SLOTS:
    void everyScreenshotLoads() {
        UserGuideDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QList<QTextImageFormat> shown = images(dialog.browser()->document());
        QVERIFY2(shown.size() >= 5, qPrintable(QString::number(shown.size())));
        for (const QTextImageFormat& image : shown) {
            const QVariant resource =
                dialog.browser()->document()->resource(QTextDocument::ImageResource, QUrl(image.name()));
            const QSize size = resource.value<QImage>().isNull() ? resource.value<QPixmap>().size()
                                                                 : resource.value<QImage>().size();
            QVERIFY2(size.width() > 100 && size.height() > 100, qPrintable(image.name()));
        }
    }

    void neverScrollsSideways() {
        for (const QSize size : {QSize(860, 760), QSize(560, 480)}) {
            UserGuideDialog dialog;
            dialog.resize(size);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QTest::qWait(50);
            QTextBrowser* browser = dialog.browser();
            const double available = browser->viewport()->width();
            for (const QTextImageFormat& image : images(browser->document()))
                QVERIFY2(image.width() > 0 && image.width() <= available,
                         qPrintable(QStringLiteral("%1: %2 px in %3 px")
                                        .arg(image.name())
                                        .arg(image.width())
                                        .arg(available)));
            const QString dir = qEnvironmentVariable("BRIDGELC_SCREENSHOT_DIR");
            browser->verticalScrollBar()->setValue(browser->verticalScrollBar()->maximum() / 8);
            if (!dir.isEmpty())
                QVERIFY(dialog.grab().save(
                    QStringLiteral("%1/user-guide-%2x%3.png").arg(dir).arg(size.width()).arg(size.height())));
            QVERIFY2(browser->horizontalScrollBar()->maximum() == 0,
                     qPrintable(QStringLiteral("%1x%2: scrolls %3 px sideways (document %4 px wide in %5 px)")
                                    .arg(size.width())
                                    .arg(size.height())
                                    .arg(browser->horizontalScrollBar()->maximum())
                                    .arg(browser->document()->idealWidth())
                                    .arg(available)));
        }
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestUserGuide)
#include "test_user_guide.moc"
