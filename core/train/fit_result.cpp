#include "core/train/fit_result.h"

namespace bridgelc {

const char* runStatusName(RunStatus status) {
    switch (status) {
        case RunStatus::Completed:
            return "completed";
        case RunStatus::Stopped:
            return "stopped";
        case RunStatus::Failed:
            return "failed";
    }
    return "failed";
}

}  // namespace bridgelc
