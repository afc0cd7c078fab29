#pragma once
// Measures how responsive the GUI thread is: a 5 ms timer on it records the time between its ticks. Any long
// stretch of GUI-thread work shows up as a gap much larger than 5 ms.
//
// On a loaded machine a gap can also come from the thread waiting for a core that other processes hold. Linux
// reports that wait per thread (/proc/thread-self/schedstat, "run_delay"), so each gap is also recorded
// without it: what is left is the time the GUI thread was unavailable because of this program.
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <ctime>
#include <utility>
#include <vector>

namespace bridgelc::test {

class GapProbe : public QObject {
public:
    GapProbe() {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void start() {
        m_clock.start();
        m_last = -1;
        m_startCpu = threadCpuMs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    std::size_t samples() const { return m_gaps.size(); }
    /// Longest gap between ticks, wall clock.
    double worst() const { return max(m_gaps); }
    double percentile(double p) const { return percentileOf(m_gaps, p); }
    /// Longest gap once the time spent waiting for a core (other processes running) is taken out; equals
    /// worst() when the kernel does not report the wait.
    double worstWithoutRunQueueWait() const { return max(m_ownGaps); }
    bool runQueueWaitKnown() const { return m_waitKnown; }
    /// Longest time within one gap that the GUI thread was neither running nor waiting for a core: asleep
    /// on a lock, a disk read or a page fault. 0 when the kernel does not report the wait.
    double worstBlocked() const { return max(m_blockedGaps); }
    /// The gap holding worstBlocked(), when it began and ended (CLOCK_MONOTONIC milliseconds).
    std::pair<double, double> worstBlockedGap() const {
        if (m_blockedGaps.empty()) return {0, 0};
        const auto i =
            std::size_t(std::max_element(m_blockedGaps.begin(), m_blockedGaps.end()) - m_blockedGaps.begin());
        return {m_cpuGaps[i].fromMs, m_cpuGaps[i].toMs};
    }
    /// Most GUI-thread CPU time spent within one gap.
    double worstCpu() const {
        double worst = 0;
        for (const CpuGap& gap : m_cpuGaps)
            worst = std::max(worst, gap.cpuMs);
        return worst;
    }
    /// A gap between ticks: the GUI thread's CPU time within it, and when it began and ended
    /// (CLOCK_MONOTONIC milliseconds).
    struct CpuGap {
        double cpuMs, fromMs, toMs;
    };
    /// The `count` gaps in which the GUI thread used the most CPU, most first.
    std::vector<CpuGap> busiestGaps(std::size_t count) const {
        std::vector<CpuGap> sorted = m_cpuGaps;
        const auto n = std::min(count, sorted.size());
        std::partial_sort(sorted.begin(), sorted.begin() + std::ptrdiff_t(n), sorted.end(),
                          [](const CpuGap& a, const CpuGap& b) { return a.cpuMs > b.cpuMs; });
        sorted.resize(n);
        return sorted;
    }
    /// Share of one core the GUI thread used while probing.
    double cpuShare() const { return m_last > 0 ? (m_lastCpu - m_startCpu) / (double(m_last) / 1e6) : 0; }

private:
    static double monotonicMs() {
        timespec t{};
        clock_gettime(CLOCK_MONOTONIC, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }
    static double threadCpuMs() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }
    /// Time this thread has waited on a run queue so far (ms), or -1 when unknown.
    static double runQueueWaitMs() {
        QFile file(QStringLiteral("/proc/thread-self/schedstat"));
        if (!file.open(QIODevice::ReadOnly)) return -1;
        const QList<QByteArray> fields = file.readAll().simplified().split(' ');
        bool ok = false;
        const double ns = fields.size() >= 2 ? fields[1].toDouble(&ok) : 0;
        return ok ? ns / 1e6 : -1;
    }
    static double max(const std::vector<double>& v) {
        return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    }
    static double percentileOf(std::vector<double> v, double p) {
        if (v.empty()) return 0;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
    }

    void tick() {
        const qint64 now = m_clock.nsecsElapsed();
        const double cpu = threadCpuMs();
        const double wait = runQueueWaitMs();
        if (m_last >= 0) {
            const double gap = double(now - m_last) / 1e6;
            m_gaps.push_back(gap);
            m_waitKnown = wait >= 0 && m_lastWait >= 0;
            m_ownGaps.push_back(m_waitKnown ? std::max(0.0, gap - (wait - m_lastWait)) : gap);
            m_cpuGaps.push_back({cpu - m_lastCpu, m_lastMonotonic, monotonicMs()});
            m_blockedGaps.push_back(m_waitKnown ? std::max(0.0, gap - (wait - m_lastWait) - (cpu - m_lastCpu))
                                                : 0.0);
        }
        m_last = now;
        m_lastMonotonic = monotonicMs();
        m_lastCpu = cpu;
        m_lastWait = wait;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    double m_lastMonotonic = 0;
    std::vector<CpuGap> m_cpuGaps;
    double m_lastCpu = 0, m_startCpu = 0, m_lastWait = -1;
    bool m_waitKnown = false;
    std::vector<double> m_gaps, m_ownGaps, m_blockedGaps;
};

}  // namespace bridgelc::test
