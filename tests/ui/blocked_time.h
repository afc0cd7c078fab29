#pragma once
// How long the GUI thread was blocked inside the program's event handlers: neither running nor waiting for a
// core (so a loaded machine does not count), but asleep on a lock shared with a worker, a disk read or a
// page fault. A GUI that waits on a worker shows up here however little CPU it uses.
#include <QtGlobal>
#include <algorithm>

#include "tests/ui/gap_probe.h"
#include "tests/ui/handler_timing.h"

namespace bridgelc::test {

/// The bound on one handler's blocked time: a repaint that waits on a worker for a tenth of a second fails,
/// while the few milliseconds of a page fault or a short lock on a loaded machine stay far below it.
constexpr double kMaxBlockedHandlerMs = 100.0;

/// Logs the handlers that were blocked longest since recording started (with their voluntary context
/// switches and major page faults, which say why) and the worst blocked stretch between two ticks of
/// `probe` (the test's own waits included); returns the longest blocked handler in ms, or -1 when the
/// kernel does not report per-thread run and wait times.
inline double worstBlockedHandlerMs(const GapProbe& probe) {
    TimedApplication* app = TimedApplication::instance();
    if (!app || !app->blockedTimeKnown()) {
        qInfo("blocked time not measured: the kernel reports no per-thread schedstat");
        return -1;
    }
    const auto blocked = app->mostBlockedHandlers(3);
    qInfo("GUI-thread handlers blocked longest (blocked / CPU / wall ms, voluntary switches, major faults):");
    for (const HandlerCost& h : blocked)
        qInfo("  %6.1f / %6.1f / %6.1f  %3ld  %3ld  %s", h.blockedMs, h.cpuMs, h.wallMs, h.voluntarySwitches,
              h.majorFaults, qPrintable(h.what));
    const double worst = blocked.empty() ? 0.0 : std::max(0.0, blocked.front().blockedMs);
    qInfo(
        "worst blocked handler %.1f ms; worst blocked stretch between two ticks %.1f ms (test waits "
        "included)",
        worst, probe.worstBlocked());
    return worst;
}

}  // namespace bridgelc::test
