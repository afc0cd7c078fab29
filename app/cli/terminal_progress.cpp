#include "app/cli/terminal_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

namespace bridgelc::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int signal) {
    if (g_interrupted.exchange(true)) {
        // A second request: stop now, the way the default handler would.
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    // Said for every command: a mini-batch, a round of trees, a raster block or a job ends first.
    static const char message[] =
        "\nstopping after the current step; finished work is kept (interrupt again to quit now)\n";
    const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
}

std::string duration(double seconds) {
    if (seconds < 0) seconds = 0;
    const auto total = static_cast<long long>(seconds + 0.5);
    if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

void installInterruptHandler() {
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interruptRequested() {
    return g_interrupted.load(std::memory_order_relaxed);
}

TerminalProgress::TerminalProgress(std::FILE* out)
    : m_out(out), m_interactive(::isatty(::fileno(out)) != 0) {}

TerminalProgress::~TerminalProgress() {
    finishLine();
}

void TerminalProgress::setContext(const std::string& context) {
    finishLine();
    m_context = context;
    m_phase.clear();
    m_haveEpoch = false;
    m_fraction = 0;
}

void TerminalProgress::finishLine() {
    if (m_interactive && m_shownLength > 0) std::fputc('\n', m_out);
    m_shownLength = 0;
    std::fflush(m_out);
}

std::string TerminalProgress::statusText() const {
    std::string text = m_context.empty() ? "" : m_context + "  ";
    text += m_phase.empty() ? "starting" : m_phase;
    if (m_haveEpoch) {
        const EpochReport& r = m_last;
        // Trees and boosting rounds are counted as done, epochs as the one running.
        const bool epochs = r.unit == IterationUnit::Epoch;
        const int running = epochs ? std::min(r.epoch + 1, r.epochs) : r.epoch;
        const double done = r.epoch + (epochs && r.epoch < r.epochs ? m_fraction : 0);
        const std::string unit = epochs ? "epoch" : iterationUnitName(r.unit, true);
        const int shown = m_interactive ? running : r.epoch;
        text += fmt::format("  {} {}/{}", unit, shown, r.epochs);
        // While epoch N+1 runs, the figures are epoch N's: say so.
        if (shown != r.epoch) text += fmt::format("  after {} {}:", unit, r.epoch);
        text += fmt::format("  loss {:.4f}  val F1 {:.4f}  {:.0f} samples/s", r.trainLoss,
                            r.validationWeightedF1, r.samplesPerSecond);
        if (r.epoch < r.epochs && done > 0)
            text += "  ETA " + duration(r.elapsedSeconds / done * (r.epochs - done));
    } else if (m_fraction > 0) {
        text += fmt::format("  {:.0f} %", m_fraction * 100);
        if (!m_rateUnit.empty() && m_rate > 0)
            text += fmt::format("  {:.0f} {}/s  ETA {}", m_rate, m_rateUnit, duration(m_remaining / m_rate));
    }
    return text;
}

void TerminalProgress::render(bool force) {
    if (!m_interactive) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - m_lastRender < std::chrono::milliseconds(200)) return;
    m_lastRender = now;
    const std::string text = statusText();
    // Pad with spaces so a shorter line fully covers the previous one.
    const std::size_t pad = m_shownLength > text.size() ? m_shownLength - text.size() : 0;
    std::fprintf(m_out, "\r%s%*s", text.c_str(), static_cast<int>(pad), "");
    std::fflush(m_out);
    m_shownLength = text.size();
}

void TerminalProgress::onEpoch(const EpochReport& report) {
    m_last = report;
    m_haveEpoch = true;
    m_fraction = 0;
    if (m_interactive) {
        render(true);
    } else {
        std::fprintf(m_out, "%s\n", statusText().c_str());
        std::fflush(m_out);
    }
}

void TerminalProgress::onProgress(std::int64_t done, std::int64_t total) {
    m_fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
    if (!m_rateUnit.empty()) {
        const auto now = std::chrono::steady_clock::now();
        if (m_rateStartDone < 0) {
            m_rateStartDone = done;
            m_rateStart = now;
        }
        const double seconds = std::chrono::duration<double>(now - m_rateStart).count();
        m_rate = seconds > 0 ? static_cast<double>(done - m_rateStartDone) / seconds : 0;
        m_remaining = static_cast<double>(total - done);
    }
    render(false);
}

void TerminalProgress::onPhase(const std::string& phase) {
    m_phase = phase;
    m_fraction = 0;
    m_rateStartDone = -1;
    m_rate = 0;
    render(true);
}

void TerminalProgress::onMessage(const std::string& message) {
    finishLine();
    std::fprintf(m_out, "%s%s\n", m_context.empty() ? "" : (m_context + ": ").c_str(), message.c_str());
    std::fflush(m_out);
    render(true);
}

bool TerminalProgress::isCancelled() const {
    return interruptRequested();
}

}  // namespace bridgelc::cli
