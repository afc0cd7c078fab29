#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/train/training_observer.h"

namespace bridgelc::cli {

/// The CLI's TrainingObserver: one status line on stderr (context such as "job 3/24", phase, epoch, loss,
/// validation score, samples/s, ETA) rewritten in place on a terminal, or one line per epoch when stderr is a
/// file or pipe. Cancellation comes from Ctrl+C through installInterruptHandler().
class TerminalProgress : public TrainingObserver {
public:
    explicit TerminalProgress(std::FILE* out = stderr);
    ~TerminalProgress() override;

    /// Text shown before the phase, e.g. "job 3/24 mlp LORO-ATL s0"; also starts a fresh line.
    void setContext(const std::string& context);
    /// Ends the status line so normal output can follow.
    void finishLine();
    /// Names what onProgress() counts (e.g. "pixels"): the line then also shows the rate and an ETA.
    void setRateUnit(const std::string& unit) { m_rateUnit = unit; }

    void onEpoch(const EpochReport& report) override;
    void onProgress(std::int64_t done, std::int64_t total) override;
    void onPhase(const std::string& phase) override;
    void onMessage(const std::string& message) override;
    bool isCancelled() const override;

private:
    void render(bool force);
    std::string statusText() const;

    std::FILE* m_out;
    bool m_interactive;
    std::string m_context, m_phase;
    EpochReport m_last;
    bool m_haveEpoch = false;
    double m_fraction = 0;  ///< progress within the current epoch or phase
    std::string m_rateUnit;
    std::int64_t m_rateStartDone = -1;  ///< first progress count of the phase (a resume starts above 0)
    std::chrono::steady_clock::time_point m_rateStart{};
    double m_rate = 0, m_remaining = 0;  ///< units per second, units still to do
    std::size_t m_shownLength = 0;
    std::chrono::steady_clock::time_point m_lastRender{};
};

/// Makes the first Ctrl+C (SIGINT) or SIGTERM request a clean stop: training ends within a mini-batch, the
/// best model so far is kept and saved. A second Ctrl+C ends the process at once.
void installInterruptHandler();
/// True once an interrupt was requested.
bool interruptRequested();

}  // namespace bridgelc::cli
