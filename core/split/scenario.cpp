#include "core/split/scenario.h"

#include <array>
#include <stdexcept>

namespace bridgelc {
namespace {

struct ScenarioNames {
    const char* name;
    const char* title;
};
constexpr std::array<ScenarioNames, 3> kNames = {
    {{"extrap", "EXTRAP"}, {"loro", "LORO"}, {"blocks", "BLOCKS"}}};

}  // namespace

Scenario::Scenario(std::string_view name) {
    const std::optional<Scenario> scenario = fromName(name);
    if (!scenario)
        throw std::invalid_argument("unknown scenario '" + std::string(name) + "' (extrap, loro, blocks)");
    m_kind = scenario->m_kind;
}

std::optional<Scenario> Scenario::fromName(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (name == kNames[i].name) return Scenario(static_cast<Kind>(i));
    return std::nullopt;
}

const std::vector<std::string>& Scenario::names() {
    static const std::vector<std::string> names(
        {kNames[Extrap].name, kNames[Loro].name, kNames[Blocks].name});
    return names;
}

const char* Scenario::name() const {
    return kNames[static_cast<std::size_t>(m_kind)].name;
}

const char* Scenario::title() const {
    return kNames[static_cast<std::size_t>(m_kind)].title;
}

}  // namespace bridgelc
