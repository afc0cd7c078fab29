#pragma once
#include <QString>
#include <string>

namespace bridgelc {

/// The name a person reads for a registry model name ("bridgelc" -> "BRIDGE-LC"); unknown names as given.
QString modelDisplayName(const std::string& registryName);

}  // namespace bridgelc
