#pragma once
#include <stdexcept>

namespace bridgelc {

/// A raster prediction that cannot go on: unreadable stack, a feature without a band, a bad mapping file,
/// missing or inconsistent parts. what() names the file (and line) and says what to do.
class RasterError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace bridgelc
