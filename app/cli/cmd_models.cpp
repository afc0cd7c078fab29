// `bridgelc models`: the models every front end offers, by registry name, with one line each.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "app/cli/command_registry.h"
#include "core/model/model_presets.h"
#include "core/model/model_registry.h"

namespace bridgelc::cli {
namespace {

std::function<int()> setupModels(CLI::App&) {
    return [] {
        std::size_t width = 0;
        for (const ModelInfo& info : availableModels())
            width = std::max(width, info.name.size());
        for (const ModelInfo& info : availableModels()) {
            std::string needs;
            if (info.usesCoordinates) needs += "coordinates";
            if (info.usesRegions) needs += std::string(needs.empty() ? "" : ", ") + "regions in training";
            std::cout << fmt::format("{:<{}}  {} — {}{}\n", info.name, width, info.displayName,
                                     info.description, needs.empty() ? "" : " [" + needs + "]");
        }
        std::cout
            << "\nModel presets (--preset NAME: the model with the settings chosen for it on validation):\n";
        for (const ModelPreset& preset : modelPresets())
            std::cout << fmt::format("{:<{}}  {} — {}\n", preset.name, width, preset.model,
                                     preset.description);
        return 0;
    };
}

const CommandRegistration registration{
    {"models", "List the models that can be trained (names for --model and --models)", setupModels}};

}  // namespace
}  // namespace bridgelc::cli
