#pragma once
// Shared set-up of the GUI test programs: every test runs with its own temporary settings file and data
// directory (so runs and recent files never touch the user's), offscreen, with the product's organisation
// name.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>

#include "core/util/product.h"
#include "tests/ui/handler_timing.h"

namespace bridgelc::test {

/// The temporary home of one test program; created by BRIDGELC_UI_TEST_MAIN before the QApplication.
inline QTemporaryDir& testHome() {
    static QTemporaryDir dir;
    return dir;
}

/// Points XDG data/config and QSettings at testHome(); call before the QApplication exists.
inline void isolateFromUser() {
    qputenv("XDG_DATA_HOME", (testHome().path() + QStringLiteral("/data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (testHome().path() + QStringLiteral("/config")).toLocal8Bit());
    qputenv("BRIDGELC_NO_CLOSE_CONFIRM", "1");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       testHome().path() + QStringLiteral("/settings"));
}

/// The real 4,000-point LUCAS sample (tests only; never shipped).
inline QString realSample4k() {
    return QStringLiteral(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv");
}

/// The full real LUCAS table (69,971 points).
inline QString realTable() {
    return QStringLiteral(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2.csv");
}

/// Waits for `spy` to hold at least `count` signals, processing events, up to `timeoutMs`.
inline bool waitForCount(QSignalSpy& spy, int count, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (spy.count() < count && timer.elapsed() < timeoutMs)
        spy.wait(int(std::max<qint64>(1, std::min<qint64>(200, timeoutMs - timer.elapsed()))));
    return spy.count() >= count;
}

}  // namespace bridgelc::test

#define BRIDGELC_UI_TEST_MAIN(TestClass)                                \
    int main(int argc, char** argv) {                                   \
        bridgelc::test::isolateFromUser();                              \
        bridgelc::test::TimedApplication app(argc, argv);               \
        QApplication::setOrganizationName(bridgelc::kOrganizationName); \
        QApplication::setApplicationName(bridgelc::kApplicationName);   \
        TestClass test;                                                 \
        return QTest::qExec(&test, argc, argv);                         \
    }
