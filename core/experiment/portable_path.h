#pragma once
#include <string>

namespace bridgelc {

/// How result files name the data file they came from, so they can be committed and shared without the
/// folders of the machine that ran them: a relative path stays as given (relative to where the command ran,
/// normally the repository); an absolute path becomes relative to the current directory when it lies at
/// most two folders above it, below the root (e.g. "../shared/data/points.csv"), and otherwise just its file
/// name. The data
/// fingerprint written beside it identifies the file either way.
std::string portableDataPath(const std::string& path);

}  // namespace bridgelc
