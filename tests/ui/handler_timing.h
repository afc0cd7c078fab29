#pragma once
// Times every event the GUI thread handles: the program's own CPU time inside each outermost event handler
// (slots invoked by queued signals, paint, timers, input). Unlike a wall-clock gap between timer ticks, a
// handler's thread CPU time does not include the time the kernel made the thread wait for a core, so it
// measures what the program itself does in one go on the GUI thread, on a busy machine as on an idle one.
#include <QApplication>
#include <QEvent>
#include <QMetaEnum>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <algorithm>
#include <ctime>
#include <vector>

namespace bridgelc::test {

/// One handled event: what handled it and what it cost.
struct HandlerCost {
    double cpuMs = 0;    ///< GUI-thread CPU time inside the handler
    double wallMs = 0;   ///< wall-clock time inside the handler
    double startMs = 0;  ///< when it began, CLOCK_MONOTONIC
    QString what;        ///< receiver class, object name and event type
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
        const QEvent::Type type = event->type();  // the event may not outlive the handler
        // Nor may the receiver (DeferredDelete, or a handler that deletes it): only a guarded pointer is
        // described afterwards, and the class name is taken before (a static string, cheap).
        const QPointer<QObject> alive(receiver);
        const char* className = receiver ? receiver->metaObject()->className() : "?";
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double cpu = threadCpuMs() - cpu0;
        // Describing every cheap event would cost more than handling it; only the ones worth naming are.
        HandlerCost cost{cpu, wallMs() - wall0, wall0, {}};
        if (cpu >= 0.5)
            cost.what = alive ? describe(alive.data(), type)
                              : QString::fromLatin1(className) + QStringLiteral(" (deleted) ") +
                                    QString::fromLatin1(QMetaEnum::fromType<QEvent::Type>().valueToKey(type));
        m_costs.push_back(std::move(cost));
        return result;
    }

private:
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
