#include "core/nn/location_input.h"

#include <stdexcept>

namespace bridgelc {

const char* locationInputName(LocationInput location) {
    switch (location) {
        case LocationInput::None:
            return "none";
        case LocationInput::FixedEncoding:
            return "fixed-pe";
        case LocationInput::LearnedEncoding:
            return "learned-pe";
        case LocationInput::LatLon:
            return "lat-lon";
    }
    return "none";
}

LocationInput locationInputFromName(const std::string& name) {
    for (LocationInput location : {LocationInput::None, LocationInput::FixedEncoding,
                                   LocationInput::LearnedEncoding, LocationInput::LatLon})
        if (name == locationInputName(location)) return location;
    throw std::runtime_error("unknown location input '" + name + "'");
}

}  // namespace bridgelc
