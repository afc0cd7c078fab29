#include "ui/map/background_pool.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>
#include <QtGlobal>
#include <algorithm>

namespace bridgelc {

namespace {

// Long enough for any job a closing window left behind to see its cancel flag; the windows' own destructors
// have already waited for the jobs whose results they read.
constexpr int kShutdownWaitMs = 30000;

// Runs in ~QCoreApplication, while threads can still be joined. The pool is never deleted: ~QThreadPool waits
// without a bound, and Qt 6.4 counts a pool thread as active before the system has created it, so one refused
// thread ("QThread::start: Thread creation error", seen once at the end of a GUI test) would make the process
// hang at exit for ever. A bounded wait lets the program end; the object itself is reclaimed with the
// process.
void finishPool() {
    if (!backgroundPool()->waitForDone(kShutdownWaitMs))
        qWarning("bridgelc: background jobs still pending after %d s at exit; not waiting for them",
                 kShutdownWaitMs / 1000);
}

}  // namespace

QThreadPool* backgroundPool() {
    static QThreadPool* const pool = [] {
        auto* created = new QThreadPool;
        created->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        // Threads are made once and kept: each thread creation is a chance for the failure above.
        created->setExpiryTimeout(-1);
        qAddPostRoutine(finishPool);
        return created;
    }();
    return pool;
}

}  // namespace bridgelc
