#include "ui/model_names.h"

#include <stdexcept>

#include "core/model/model_registry.h"

namespace bridgelc {

QString modelDisplayName(const std::string& registryName) {
    try {
        return QString::fromStdString(modelInfo(registryName).displayName);
    } catch (const std::invalid_argument&) {
        // Runs saved by another version may name a model this one does not offer.
        return QString::fromStdString(registryName);
    }
}

}  // namespace bridgelc
