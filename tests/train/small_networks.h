#pragma once
// Network shapes small enough for a step-by-step test to run in milliseconds.
#include "core/nn/torch_modules.h"

namespace bridgelc {

/// BRIDGE-LC with its learned encoding: 6 features, 3 classes, 4 regions, branches 16 wide.
inline NetworkShape smallBridgeLc() {
    NetworkShape shape;
    shape.features = 6;
    shape.classes = 3;
    shape.regions = 4;
    shape.location = LocationInput::LearnedEncoding;
    shape.hidden = 16;
    return shape;
}

}  // namespace bridgelc
