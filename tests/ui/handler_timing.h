#pragma once
// Times every event the GUI thread handles: the program's own CPU time inside each outermost event handler
// (slots invoked by queued signals, paint, timers, input). Unlike a wall-clock gap between timer ticks, a
// handler's thread CPU time does not include the time the kernel made the thread wait for a core, so it
// measures what the program itself does in one go on the GUI thread, on a busy machine as on an idle one.
// Each handler's blocked time is recorded too: wall time neither running nor waiting for a core (Linux's
// per-thread schedstat), i.e. asleep on a lock, a disk read or a page fault, with the voluntary context
// switches and major page faults (getrusage RUSAGE_THREAD) that say which.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QApplication>
#include <QEvent>
#include <QMetaEnum>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace bridgelc::test {

/// One handled event: what handled it and what it cost.
struct HandlerCost {
    double cpuMs = 0;      ///< GUI-thread CPU time inside the handler
    double wallMs = 0;     ///< wall-clock time inside the handler
    double startMs = 0;    ///< when it began, CLOCK_MONOTONIC
    double blockedMs = 0;  ///< wall time neither running nor waiting for a core (-1: kernel does not say)
    long voluntarySwitches = 0;  ///< times the thread gave up its core to wait (locks, I/O, sleeps)
    long majorFaults = 0;        ///< page faults that read from disk
    QString what;                ///< receiver class, object name and event type
};

/// A QApplication that records the cost of every outermost event handler on the GUI thread while recording.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;

    void startRecording() {
        m_costs.clear();
        m_recording = true;
    }
    void stopRecording() { m_recording = false; }

    /// The handlers recorded since startRecording(), most expensive (CPU) first.
    std::vector<HandlerCost> worstHandlers(std::size_t count) const {
        std::vector<HandlerCost> sorted = m_costs;
        const auto n = std::min(count, sorted.size());
        std::partial_sort(sorted.begin(), sorted.begin() + std::ptrdiff_t(n), sorted.end(),
                          [](const HandlerCost& a, const HandlerCost& b) { return a.cpuMs > b.cpuMs; });
        sorted.resize(n);
        return sorted;
    }
    /// The handlers recorded since startRecording(), longest blocked first.
    std::vector<HandlerCost> mostBlockedHandlers(std::size_t count) const {
        std::vector<HandlerCost> sorted = m_costs;
        const auto n = std::min(count, sorted.size());
        std::partial_sort(
            sorted.begin(), sorted.begin() + std::ptrdiff_t(n), sorted.end(),
            [](const HandlerCost& a, const HandlerCost& b) { return a.blockedMs > b.blockedMs; });
        sorted.resize(n);
        return sorted;
    }
    /// True when the kernel reports per-thread run and run-queue times, so blockedMs is known.
    bool blockedTimeKnown() const { return schedstatFile() >= 0; }
    std::size_t handled() const { return m_costs.size(); }
    /// CPU time of all handlers that began within [fromMs, toMs] (CLOCK_MONOTONIC): what the program did on
    /// the GUI thread in that stretch, without any code of the test itself.
    double handlerCpuBetween(double fromMs, double toMs) const {
        double sum = 0;
        for (const HandlerCost& cost : m_costs)
            if (cost.startMs >= fromMs && cost.startMs <= toMs) sum += cost.cpuMs;
        return sum;
    }
    /// The handlers that began within [fromMs, toMs] (CLOCK_MONOTONIC), in order.
    std::vector<HandlerCost> handlersBetween(double fromMs, double toMs) const {
        std::vector<HandlerCost> within;
        for (const HandlerCost& cost : m_costs)
            if (cost.startMs >= fromMs && cost.startMs <= toMs) within.push_back(cost);
        return within;
    }

    static TimedApplication* instance() {
        return dynamic_cast<TimedApplication*>(QCoreApplication::instance());
    }

    bool notify(QObject* receiver, QEvent* event) override {
        if (!m_recording || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const double cpu0 = threadCpuMs(), wall0 = wallMs();
        const Sched sched0 = schedNow();
        rusage usage0{};
        getrusage(RUSAGE_THREAD, &usage0);
        const QEvent::Type type = event->type();  // the event may not outlive the handler
        // Nor may the receiver (DeferredDelete, or a handler that deletes it): only a guarded pointer is
        // described afterwards, and the class name is taken before (a static string, cheap).
        const QPointer<QObject> alive(receiver);
        const char* className = receiver ? receiver->metaObject()->className() : "?";
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double cpu = threadCpuMs() - cpu0, wall = wallMs() - wall0;
        const Sched sched1 = schedNow();
        rusage usage1{};
        getrusage(RUSAGE_THREAD, &usage1);
        // Describing every cheap event would cost more than handling it; only the ones worth naming are.
        HandlerCost cost{
            cpu, wall, wall0, -1, usage1.ru_nvcsw - usage0.ru_nvcsw, usage1.ru_majflt - usage0.ru_majflt, {}};
        if (sched0.known && sched1.known)
            cost.blockedMs =
                std::max(0.0, wall - (sched1.runMs - sched0.runMs) - (sched1.waitMs - sched0.waitMs));
        if (cpu >= 0.5 || cost.blockedMs >= 5 || cost.majorFaults > 0)
            cost.what = alive ? describe(alive.data(), type)
                              : QString::fromLatin1(className) + QStringLiteral(" (deleted) ") +
                                    QString::fromLatin1(QMetaEnum::fromType<QEvent::Type>().valueToKey(type));
        m_costs.push_back(std::move(cost));
        return result;
    }

private:
    struct Sched {
        double runMs = 0, waitMs = 0;
        bool known = false;
    };
    /// The GUI thread's schedstat, kept open (a pread at offset 0 reads it afresh): opened on the GUI thread,
    /// the only one notify() measures.
    static int schedstatFile() {
        static const int fd = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
        return fd;
    }
    static Sched schedNow() {
        Sched now;
        char buffer[128];
        const int fd = schedstatFile();
        const ssize_t n = fd >= 0 ? ::pread(fd, buffer, sizeof buffer - 1, 0) : -1;
        if (n <= 0) return now;
        buffer[n] = 0;
        unsigned long long run = 0, wait = 0;
        if (std::sscanf(buffer, "%llu %llu", &run, &wait) != 2) return now;
        now.runMs = double(run) / 1e6;
        now.waitMs = double(wait) / 1e6;
        now.known = true;
        return now;
    }
    static double threadCpuMs() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }

public:
    static double wallMs() {
        timespec t{};
        clock_gettime(CLOCK_MONOTONIC, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }

private:
    static QString describe(QObject* receiver, QEvent::Type type) {
        const char* typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
        QString name =
            receiver ? QString::fromLatin1(receiver->metaObject()->className()) : QStringLiteral("?");
        if (receiver && !receiver->objectName().isEmpty()) name += QLatin1Char('#') + receiver->objectName();
        // The first named or own-class ancestors say which panel an anonymous Qt object belongs to.
        int shown = 0;
        for (QObject* up = receiver ? receiver->parent() : nullptr; up && shown < 3; up = up->parent()) {
            const QString cls = QString::fromLatin1(up->metaObject()->className());
            if (!up->objectName().isEmpty() || cls.startsWith(QStringLiteral("bridgelc::"))) {
                name += QStringLiteral(" in ") + cls +
                        (up->objectName().isEmpty() ? QString() : QLatin1Char('#') + up->objectName());
                ++shown;
            }
        }
        return name + QLatin1Char(' ') + (typeName ? QString::fromLatin1(typeName) : QString::number(type));
    }

    bool m_recording = false;
    int m_depth = 0;
    std::vector<HandlerCost> m_costs;
};

}  // namespace bridgelc::test
