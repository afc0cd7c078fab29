#pragma once
// Structure-aware damage to JSON documents (checkpoint metadata, run records): a valid document whose values
// are the wrong type, out of range or missing, which byte-level mutation almost never produces because the
// parser rejects it first.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/fuzz/mutator.h"

namespace bridgelc::fuzz {

/// Replaces, removes or duplicates 1 to 3 values anywhere in `document`; `what` names the JSON pointers.
inline nlohmann::json mutateJsonValues(nlohmann::json document, Mutator& mutator, std::string& what) {
    static const std::vector<nlohmann::json> kHostile = {
        nullptr,
        true,
        -1,
        0,
        1,
        -2147483648LL,
        4294967296LL,
        1e20,
        -1e308,
        1e308,
        9223372036854775807LL,
        18446744073709551615ULL,
        0.5,
        "",
        "text",
        "\u00e9\u2713 \n\t\"",  // valid UTF-8 with escapes; invalid bytes come from text mutation
        nlohmann::json::array(),
        nlohmann::json::object(),
        nlohmann::json::array({1, 2, 3}),
        nlohmann::json::array({"a", "a"}),
        nlohmann::json::array({nullptr}),
        nlohmann::json::object({{"x", 1}})};
    const int rounds = 1 + static_cast<int>(mutator.below(3));
    for (int r = 0; r < rounds; ++r) {
        // Every node's pointer, from a flattened view (leaves) plus their parents (containers).
        std::vector<nlohmann::json::json_pointer> pointers;
        const nlohmann::json flat = document.flatten();  // items() of a temporary would dangle
        for (const auto& item : flat.items()) {
            nlohmann::json::json_pointer pointer(item.key());
            while (!pointer.empty()) {
                pointers.push_back(pointer);
                pointer = pointer.parent_pointer();
            }
        }
        if (pointers.empty()) return document;
        const auto pointer = pointers[mutator.below(pointers.size())];
        what += "json" + pointer.to_string() + ";";
        const auto parent = pointer.parent_pointer();
        switch (mutator.below(4)) {
            case 0:  // remove the key or element
                if (document.at(parent).is_object())
                    document.at(parent).erase(pointer.back());
                else
                    document.at(pointer) = nullptr;
                break;
            case 1:  // a long array where a short one was
                if (document.at(pointer).is_array() && !document.at(pointer).empty()) {
                    const nlohmann::json first = document.at(pointer).front();
                    for (int i = 0; i < 50; ++i)
                        document.at(pointer).push_back(first);
                    break;
                }
                [[fallthrough]];
            default:
                document.at(pointer) = kHostile[mutator.below(kHostile.size())];
        }
    }
    return document;
}

}  // namespace bridgelc::fuzz
