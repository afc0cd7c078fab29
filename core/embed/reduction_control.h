#pragma once
#include <functional>

namespace bridgelc {

/// How a long reduction talks to its caller (QGIS's QgsFeedback in small): polled for cancellation between
/// steps and told its progress. Either function may be empty.
struct ReductionControl {
    std::function<bool()> isCancelled;       ///< true: stop at the next step and return what there is
    std::function<void(double)> onProgress;  ///< 0..1, about once per step

    bool cancelled() const { return isCancelled && isCancelled(); }
    void progress(double fraction) const {
        if (onProgress) onProgress(fraction);
    }
};

}  // namespace bridgelc
