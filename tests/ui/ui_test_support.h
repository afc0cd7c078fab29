#pragma once
// Shared set-up of the GUI test programs: every test runs with its own temporary settings file and data
// directory (so runs and recent files never touch the user's), offscreen, with the product's organisation
// name.
#include <sys/wait.h>
#include <unistd.h>
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
#include <csignal>
#include <cstdio>
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

/// A 5-point file (3 Cropland, 2 Woodland) in `dir`: too small to train or score anything.
inline QString writeFivePointFile(const QString& dir) {
    QFile file(dir + QStringLiteral("/five.csv"));
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write(
        "POINT_ID,lon,lat,lc1_name,blue_median,nir_median\n1,10.1,50.1,Cropland,800,2500\n"
        "2,10.2,50.2,Cropland,810,2600\n3,10.3,50.3,Cropland,790,2550\n4,10.4,50.4,Woodland,400,3000\n"
        "5,10.5,50.5,Woodland,410,3100\n");
    return file.fileName();
}

/// A 200-point file in `dir` where every point is Cropland.
inline QString writeOneClassFile(const QString& dir) {
    QFile file(dir + QStringLiteral("/oneclass.csv"));
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write("POINT_ID,lon,lat,lc1_name,blue_median\n");
    for (int i = 0; i < 200; ++i)
        file.write(
            QStringLiteral("%1,%2,50,Cropland,%3\n").arg(i + 1).arg(8 + 0.01 * i).arg(800 + i).toUtf8());
    return file.fileName();
}

/// Waits for `spy` to hold at least `count` signals, processing events, up to `timeoutMs`.
inline bool waitForCount(QSignalSpy& spy, int count, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (spy.count() < count && timer.elapsed() < timeoutMs)
        spy.wait(int(std::max<qint64>(1, std::min<qint64>(200, timeoutMs - timer.elapsed()))));
    return spy.count() >= count;
}

/// Makes a program that does not end within `seconds` of its last test fail at once, with every thread's
/// stack printed by gdb when it is installed, instead of waiting for ctest's time limit: a hang at exit (seen
/// once in a fresh CI clone, after "QThread::start: Thread creation error") is the product's bug and must say
/// where it is.
inline void failIfExitHangs(unsigned seconds = 120) {
    static char pid[16];
    std::snprintf(pid, sizeof pid, "%d", int(getpid()));
    std::signal(SIGALRM, [](int) {
        static const char message[] = "FAIL: the program did not end after its last test; stacks follow\n";
        (void)!write(STDERR_FILENO, message, sizeof message - 1);
        if (const pid_t child = fork(); child == 0) {
            dup2(STDERR_FILENO, STDOUT_FILENO);
            execlp("gdb", "gdb", "-p", pid, "-batch", "-ex", "thread apply all bt",
                   static_cast<char*>(nullptr));
            _exit(127);
        } else if (child > 0) {
            waitpid(child, nullptr, 0);
        }
        _exit(3);
    });
    alarm(seconds);
}

}  // namespace bridgelc::test

#define BRIDGELC_UI_TEST_MAIN(TestClass)                                \
    int main(int argc, char** argv) {                                   \
        bridgelc::test::isolateFromUser();                              \
        bridgelc::test::TimedApplication app(argc, argv);               \
        QApplication::setOrganizationName(bridgelc::kOrganizationName); \
        QApplication::setApplicationName(bridgelc::kApplicationName);   \
        TestClass test;                                                 \
        const int result = QTest::qExec(&test, argc, argv);             \
        bridgelc::test::failIfExitHangs();                              \
        return result;                                                  \
    }
