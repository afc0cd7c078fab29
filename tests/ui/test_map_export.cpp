// Map export without a display: PNG, SVG and PDF pages with title, legend panel, scale bar and credits, from
// a point file and from a run directory's predictions.csv; points as one vector path per class; bad input
// gives a message naming the file.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QXmlStreamReader>

#include "tests/ui/map_test_data.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/map_export.h"
#include "ui/map/map_export_page.h"
#include "ui/map/point_raster.h"
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
        // The map frame sits under the title, left of the legend: sea, land and Woodland dots in it.
        int sea = 0, woodland = 0, white = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c(image.pixel(x, y));
                sea += c == QColor(198, 222, 238);
                white += c == QColor(Qt::white);
                woodland += c.green() > 120 && c.red() < 80;
            }
        QVERIFY2(sea > image.width() * image.height() / 10, qPrintable(QString::number(sea)));
        QVERIFY(white > 0);  // the page's margins and the legend panel
        QVERIFY(woodland > 200);
    }

    void svgPointsAreOneVectorPathPerClass() {
        MapExportRequest request;
        request.input = test::realSample4k();
        request.output = m_dir.filePath(QStringLiteral("a4.svg"));
        request.dpi = 300;
        request.size = QSize(MapPageFormat::pixelsOf(QStringLiteral("297mm"), 300),
                             MapPageFormat::pixelsOf(QStringLiteral("210mm"), 300));
        QCOMPARE(request.size, QSize(3508, 2480));
        QCOMPARE(exportMap(request), QString());
        QFile file(request.output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        // Paths by fill colour (QSvgGenerator puts the fill on the enclosing <g>), with their sub-path count.
        QHash<QString, QList<int>> pathsByFill;
        QStringList fills{QString()};
        int images = 0;
        QString width;
        QXmlStreamReader xml(&file);
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                const auto a = xml.attributes();
                if (xml.name() == QLatin1String("svg")) width = a.value(QLatin1String("width")).toString();
                if (xml.name() == QLatin1String("g"))
                    fills << (a.hasAttribute(QLatin1String("fill"))
                                  ? a.value(QLatin1String("fill")).toString()
                                  : fills.back());
                if (xml.name() == QLatin1String("image")) ++images;
                if (xml.name() == QLatin1String("path")) {
                    const QString fill = a.hasAttribute(QLatin1String("fill"))
                                             ? a.value(QLatin1String("fill")).toString()
                                             : fills.back();
                    pathsByFill[fill.toLower()] << int(a.value(QLatin1String("d")).count(QLatin1Char('M')));
                }
            } else if (xml.isEndElement() && xml.name() == QLatin1String("g")) {
                fills.removeLast();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(images, 0);  // no bitmap anywhere: every point is a vector
        QVERIFY2(width.startsWith(QLatin1String("297")) && width.endsWith(QLatin1String("mm")),
                 qPrintable(width));
        const auto points = test::mapPointsOf(test::realSample4k());
        const std::vector<LegendEntry> legend = pointLegend(*points, PointColorMode::TrueClass);
        std::int64_t drawn = 0, total = 0;
        for (const LegendEntry& entry : legend) {
            if (entry.count <= 1) continue;
            // One path holds every dot of the class (one sub-path per dot); the legend's swatch is a single
            // one.
            const QList<int> paths = pathsByFill.value(entry.color.name());
            int classPaths = 0;
            for (int subpaths : paths)
                if (subpaths > 1) {
                    ++classPaths;
                    QVERIFY2(subpaths <= entry.count, qPrintable(entry.label));
                    drawn += subpaths;
                }
            QVERIFY2(
                classPaths == 1,
                qPrintable(QStringLiteral("%1: %2 paths of many dots").arg(entry.label).arg(classPaths)));
            total += entry.count;
        }
        qInfo("%lld of %lld points drawn as vector dots in the A4 frame", qlonglong(drawn), qlonglong(total));
        QVERIFY(total > 3500);
        QVERIFY(drawn >= total * 95 / 100);  // all but points outside the EU-27 frame (none expected)
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
        QVERIFY(svg.contains(QStringLiteral("correct (150)")));
        QVERIFY(svg.contains(QStringLiteral("wrong (50)")));
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
        QVERIFY(exportMap(request).contains(QStringLiteral(".png, .svg or .pdf")));
        request.output = m_dir.filePath(QStringLiteral("x.png"));
        request.size = QSize(100, 80);
        QVERIFY(exportMap(request).contains(QStringLiteral("not a sensible map size")));
        request.size = QSize(1600, 1000);
        request.dpi = 0;
        QVERIFY(exportMap(request).contains(QStringLiteral("--dpi")));
        request.dpi = 96;
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

    void commandLineWritesAnA4PdfAndPngTitledByTheRun() {
        const QString run = m_dir.filePath(QStringLiteral("run-titled"));
        QVERIFY(QDir().mkpath(run));
        QVERIFY(QFile::copy(m_run + QStringLiteral("/predictions.csv"),
                            run + QStringLiteral("/predictions.csv")));
        QFile config(run + QStringLiteral("/config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"model": {"name": "bridgelc", "displayName": "BRIDGE-LC"},
            "split": {"name": "loro-ALP", "scenario": "loro", "heldOutRegion": "ALP"},
            "settings": {"seed": 3},
            "dataset": {"path": "/data/lucas2018_elc10_s1s2.csv", "fingerprint": "0123456789abcdef"}})");
        config.close();
        QCOMPARE(mapExportTitle(run),
                 QStringLiteral("BRIDGE-LC · LORO (Alpine held out) · seed 3 — on lucas2018_elc10_s1s2.csv · "
                                "01234567 — test points"));
        for (const QString& name : {QStringLiteral("a4.pdf"), QStringLiteral("a4.png")}) {
            QProcess process;
            const QString out = m_dir.filePath(name);
            process.start(QStringLiteral(BRIDGELC_EXPLORER_PATH),
                          {QStringLiteral("--export-map"), run, QStringLiteral("--mode"),
                           QStringLiteral("errors"), QStringLiteral("--width"), QStringLiteral("297mm"),
                           QStringLiteral("--height"), QStringLiteral("210mm"), QStringLiteral("--dpi"),
                           QStringLiteral("300"), QStringLiteral("--out"), out});
            QVERIFY(process.waitForFinished(120000));
            QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        }
        const QImage png(m_dir.filePath(QStringLiteral("a4.png")));
        QCOMPARE(png.size(), QSize(3508, 2480));
        QCOMPARE(png.dotsPerMeterX(), 11811);  // 300 dpi
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {m_dir.filePath(QStringLiteral("a4.pdf"))});
        QVERIFY2(info.waitForFinished(60000), "pdfinfo (poppler-utils) must be installed");
        const QString text = QString::fromUtf8(info.readAllStandardOutput());
        QVERIFY2(info.exitCode() == 0, qPrintable(text + QString::fromUtf8(info.readAllStandardError())));
        QVERIFY2(text.contains(QStringLiteral("Pages:           1")), qPrintable(text));
        // 297 x 210 mm in points (Qt rounds the page to whole points: 842 x 595).
        static const QRegularExpression a4(
            QStringLiteral("Page size: +84[12](\\.[0-9]+)? x 595(\\.[0-9]+)? pts \\(A4\\)"));
        QVERIFY2(text.contains(a4), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("LORO (Alpine held out)")),
                 qPrintable(text));  // the PDF's title
        const QString svgOut = m_dir.filePath(QStringLiteral("titled.svg"));
        MapExportRequest request;
        request.input = run;
        request.output = svgOut;
        QCOMPARE(exportMap(request), QString());
        QFile svg(svgOut);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(svg.readAll()).contains(QStringLiteral("LORO (Alpine held out)")));
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
