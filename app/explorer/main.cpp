// bridgelc-explorer: the desktop application. Everything lives in ui/; this only starts it.
#include <QApplication>
#include <QCommandLineParser>

#include <cstring>
#include <iostream>

#include "core/util/product.h"
#include "ui/map/map_export.h"
#include "ui/map/map_export_page.h"
#include "ui/window/main_window.h"

int main(int argc, char** argv) {
    // A map export needs no display: choose the offscreen platform before Qt looks for one.
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--export-map") == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(bridgelc::kOrganizationName);
    QApplication::setApplicationName(bridgelc::kApplicationName);
    QApplication::setApplicationVersion(BRIDGELC_VERSION);
    QApplication::setDesktopFileName("bridgelc-explorer");

    QCommandLineParser parser;
    parser.setApplicationDescription("Train and compare land-cover models on LUCAS points (BRIDGE-LC).");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sample("sample", "Open the built-in synthetic EU-27 sample.");
    parser.addOption(sample);
    const QCommandLineOption exportMap("export-map",
                                       "Write a map of FILE (points) or RUN_DIR (its predictions.csv) "
                                       "to --out (.png, .svg or .pdf) without opening a window.",
                                       "FILE|RUN_DIR");
    const QCommandLineOption mapMode("mode", "Map colouring: truth, predicted, errors or confidence.", "mode",
                                     "truth");
    const QCommandLineOption mapOut("out", "Output of --export-map (.png, .svg or .pdf).", "file");
    const QCommandLineOption mapWidth("width",
                                      "Page width of --export-map: pixels (1600) or a length (297mm, 29.7cm, "
                                      "11.7in).",
                                      "length", "1600");
    const QCommandLineOption mapHeight("height", "Page height of --export-map, as --width.", "length",
                                       "1000");
    const QCommandLineOption mapDpi("dpi", "Resolution of --export-map (A4 for print: 297mm x 210mm at 300).",
                                    "dpi", "96");
    parser.addOptions({exportMap, mapMode, mapOut, mapWidth, mapHeight, mapDpi});
    parser.addPositionalArgument("file", "Point file to open (CSV, GeoPackage, GeoJSON, Shapefile).",
                                 "[file]");
    parser.process(app);

    if (parser.isSet(exportMap)) {
        bridgelc::MapExportRequest request;
        request.input = parser.value(exportMap);
        request.mode = parser.value(mapMode);
        request.output = parser.value(mapOut);
        bool dpiOk = false;
        request.dpi = parser.value(mapDpi).toDouble(&dpiOk);
        const int width = bridgelc::MapPageFormat::pixelsOf(parser.value(mapWidth), request.dpi);
        const int height = bridgelc::MapPageFormat::pixelsOf(parser.value(mapHeight), request.dpi);
        request.size = QSize(width, height);
        QString error;
        if (request.output.isEmpty())
            error = QStringLiteral("--export-map needs --out FILE.png|FILE.svg|FILE.pdf");
        else if (!dpiOk)
            error = QStringLiteral("--dpi %1: expected a number").arg(parser.value(mapDpi));
        else if (width <= 0 || height <= 0)
            error = QStringLiteral("--width %1 --height %2: expected pixels (1600) or lengths (297mm)")
                        .arg(parser.value(mapWidth), parser.value(mapHeight));
        else
            error = bridgelc::exportMap(request);
        if (!error.isEmpty()) {
            std::cerr << "bridgelc-explorer: " << error.toStdString() << '\n';
            return 1;
        }
        return 0;
    }

    bridgelc::MainWindow window;
    window.show();
    if (parser.isSet(sample)) {
        window.openSample();
    } else if (!parser.positionalArguments().isEmpty()) {
        window.openFile(parser.positionalArguments().front());
    } else {
        window.reopenLastFile();
    }
    return QApplication::exec();
}
