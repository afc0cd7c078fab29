#include "ui/map/background_pool.h"

#include <QThread>
#include <QThreadPool>
#include <algorithm>

namespace bridgelc {

namespace {
struct BackgroundPool : QThreadPool {
    BackgroundPool() { setMaxThreadCount(std::max(2, QThread::idealThreadCount())); }
};
Q_GLOBAL_STATIC(BackgroundPool, s_pool)
}  // namespace

QThreadPool* backgroundPool() {
    return s_pool();
}

}  // namespace bridgelc
