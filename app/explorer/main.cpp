// bridgelc-explorer: the desktop application. Everything lives in ui/; this only starts it.
#include <QApplication>

#include "ui/main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("BRIDGE-LC");
    QApplication::setApplicationName("BRIDGE-LC Explorer");
    QApplication::setApplicationVersion(BRIDGELC_VERSION);
    bridgelc::MainWindow window;
    window.show();
    return QApplication::exec();
}
