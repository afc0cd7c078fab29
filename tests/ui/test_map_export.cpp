// Map export without a display: PNG and SVG with legend, scale bar and attribution, from a point file and
// from a run directory's predictions.csv; bad input gives a message naming the file.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "tests/ui/map_test_data.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/map_export.h"
#include "ui/map/viewport.h"

namespace bridgelc {

class TestMapExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_run;

    // A run directory whose predictions.csv has 200 real test points, every fourth one predicted wrong.
    void writeRun() {
        m_run = m_dir.filePath(QStringLiteral("run-a"));
        QDir().mkpath(m_run);
        const auto points = test::mapPointsOf(test::realSample4k());
        QFile file(m_run + QStringLiteral("/predictions.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QTextStream out(&file);
        out << "id,lon,lat,region,true,predicted,correct,confidence\n";
        for (int i = 0; i < 200; ++i) {
            const std::size_t row = std::size_t(i) * 20;
            const QPointF geo = projectedToGeo({points->projected.x[row], points->projected.y[row]});
            const int t = points->trueClass[row];
            const int p = i % 4 == 0 ? (t + 1) % points->classNames.size() : t;
            out << points->ids[row] << ',' << QString::number(geo.x(), 'f', 6) << ','
                << QString::number(geo.y(), 'f', 6) << ",CON," << points->classNames[t] << ','
                << points->classNames[p] << ',' << (t == p ? 1 : 0) << ",0.8\n";
        }
    }

private Q_SLOTS:
    void initTestCase() { writeRun(); }

    void pngOfAPointFileHasSeaLandAndPoints() {
        MapExportRequest request;
        request.input = test::realSample4k();
        request.output = m_dir.filePath(QStringLiteral("truth.png"));
        QCOMPARE(exportMap(request), QString());
        const QImage image(request.output);
        QCOMPARE(image.size(), QSize(1600, 1000));
        const Viewport v = Viewport::euHome(QSize(1600, 1000));
        const QPoint sea = v.geoToScreen(QGeoCoordinate(44.7, -20.3)).toPoint();
        QCOMPARE(QColor(image.pixel(sea)), QColor(198, 222, 238));
        const QPoint land = v.geoToScreen(QGeoCoordinate(46.3, 2.7)).toPoint();
        QVERIFY(QColor(image.pixel(land)) != QColor(198, 222, 238));
        // Woodland green dots are drawn (class colours).
        int woodland = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                woodland += QColor(image.pixel(x, y)).green() > 120 && QColor(image.pixel(x, y)).red() < 80;
        QVERIFY(woodland > 200);
    }

    void svgOfARunCarriesLegendScaleBarAndAttribution() {
        MapExportRequest request;
        request.input = m_run;
        request.mode = QStringLiteral("errors");
        request.output = m_dir.filePath(QStringLiteral("errors.svg"));
        QCOMPARE(exportMap(request), QString());
        QFile file(request.output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(file.readAll());
        QVERIFY(svg.contains(QStringLiteral("<svg")));
        QVERIFY(svg.contains(QStringLiteral("correct  (150)")));
        QVERIFY(svg.contains(QStringLiteral("wrong  (50)")));
        QVERIFY(svg.contains(QStringLiteral("Run run-a")));
        QVERIFY(svg.contains(QStringLiteral("Natural Earth")));
        QVERIFY(svg.contains(QStringLiteral("European Environment Agency")));
        QVERIFY(svg.contains(QStringLiteral(" km<")));  // the scale bar's label
    }

    void badRequestsNameTheProblem() {
        MapExportRequest request;
        request.input = test::realSample4k();
        request.output = m_dir.filePath(QStringLiteral("x.png"));
        request.mode = QStringLiteral("predicted");
        QVERIFY(exportMap(request).contains(QStringLiteral("needs a run directory")));
        request.mode = QStringLiteral("nonsense");
        QVERIFY(exportMap(request).contains(QStringLiteral("--mode nonsense")));
        request.mode = QStringLiteral("truth");
        request.output = m_dir.filePath(QStringLiteral("x.jpg"));
        QVERIFY(exportMap(request).contains(QStringLiteral(".png or .svg")));
        // A predictions.csv without the predicted column.
        const QString broken = m_dir.filePath(QStringLiteral("run-broken"));
        QDir().mkpath(broken);
        QFile file(broken + QStringLiteral("/predictions.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("id,lon,lat,true,confidence\n1,10,50,Cropland,0.5\n");
        file.close();
        request.input = broken;
        request.output = m_dir.filePath(QStringLiteral("x.png"));
        const QString error = exportMap(request);
        QVERIFY2(error.contains(QStringLiteral("predictions.csv: line 1: no column \"predicted_class\"")),
                 qPrintable(error));
        request.input = m_dir.filePath(QStringLiteral("missing.csv"));
        QVERIFY(!exportMap(request).isEmpty());
    }

    void commandLineWritesPngAndSvgWithoutADisplay() {
        for (const QString& name : {QStringLiteral("cli.png"), QStringLiteral("cli.svg")}) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));  // the program must pick offscreen itself
            env.remove(QStringLiteral("DISPLAY"));
            env.remove(QStringLiteral("WAYLAND_DISPLAY"));
            process.setProcessEnvironment(env);
            const QString out = m_dir.filePath(name);
            process.start(QStringLiteral(BRIDGELC_EXPLORER_PATH),
                          {QStringLiteral("--export-map"), m_run, QStringLiteral("--mode"),
                           QStringLiteral("errors"), QStringLiteral("--out"), out});
            QVERIFY(process.waitForFinished(120000));
            QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
            QVERIFY(QFileInfo(out).size() > 1000);
        }
        QCOMPARE(QImage(m_dir.filePath(QStringLiteral("cli.png"))).size(), QSize(1600, 1000));
        QProcess bad;
        bad.start(
            QStringLiteral(BRIDGELC_EXPLORER_PATH),
            {QStringLiteral("--export-map"), test::realSample4k(), QStringLiteral("--mode"),
             QStringLiteral("errors"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("bad.png"))});
        QVERIFY(bad.waitForFinished(120000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(bad.readAllStandardError().contains("needs a run directory"));
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMapExport)
#include "test_map_export.moc"
