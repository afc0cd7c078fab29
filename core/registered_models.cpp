// Models of core areas above core/model, registered with the model registry when a program starts. This
// object is linked into every program of bridgelc_core (core/CMakeLists.txt), which keeps the registration.
#include "core/aoa/aoa_gated_model.h"

namespace {
const bool registered = bridgelc::registerAoaGatedModel();
}  // namespace
