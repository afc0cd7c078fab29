// bridgelc-explorer: the desktop application. Everything lives in ui/; this only starts it.
#include <QApplication>
#include <QCommandLineParser>

#include "core/util/product.h"
#include "ui/window/main_window.h"

int main(int argc, char** argv) {
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
    parser.addPositionalArgument("file", "Point file to open (CSV, GeoPackage, GeoJSON, Shapefile).",
                                 "[file]");
    parser.process(app);

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
