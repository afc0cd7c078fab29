#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bridgelc {

/// How the points are divided between training and test: EXTRAP (random stratified split), LORO (leave one
/// biogeographical region out) or BLOCKS (k-fold over square spatial blocks). Files, command lines and
/// settings spell it by name ("extrap", "loro", "blocks"); a Scenario converts from that name implicitly and
/// compares equal to it, so the boundary code stays short, and an unknown name throws where it comes in.
class Scenario {
public:
    enum Kind {
        Extrap,  ///< random split stratified by class (or the file's fixed split)
        Loro,    ///< test = every point of one region
        Blocks   ///< k-fold over square blocks in EPSG:3035
    };

    Scenario(Kind kind = Extrap)
        : m_kind(kind) {}  // NOLINT(google-explicit-constructor): a value of the enum
    /// From its name; throws std::invalid_argument naming the valid ones.
    Scenario(std::string_view name);  // NOLINT(google-explicit-constructor)
    Scenario(const std::string& name) : Scenario(std::string_view(name)) {}  // NOLINT
    Scenario(const char* name) : Scenario(std::string_view(name)) {}         // NOLINT

    /// The scenario of `name`, or nothing when no scenario has that name.
    static std::optional<Scenario> fromName(std::string_view name);
    /// Every scenario's name, in menu order: "extrap", "loro", "blocks".
    static const std::vector<std::string>& names();

    Kind kind() const { return m_kind; }
    /// "extrap", "loro" or "blocks".
    const char* name() const;
    /// "EXTRAP", "LORO" or "BLOCKS", as tables and split names show it.
    const char* title() const;

    friend bool operator==(Scenario a, Scenario b) { return a.m_kind == b.m_kind; }
    friend bool operator!=(Scenario a, Scenario b) { return a.m_kind != b.m_kind; }

private:
    Kind m_kind;
};

}  // namespace bridgelc
