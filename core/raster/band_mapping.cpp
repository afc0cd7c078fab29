#include "core/raster/band_mapping.h"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

#include "core/raster/raster_error.h"

namespace bridgelc {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\"");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\"") - first + 1);
}

/// Band number for a description: exact match first, then ignoring case; 0 when none or ambiguous.
int bandByDescription(const std::vector<std::string>& descriptions, const std::string& name) {
    for (std::size_t b = 0; b < descriptions.size(); ++b)
        if (descriptions[b] == name) return static_cast<int>(b) + 1;
    int found = 0;
    for (std::size_t b = 0; b < descriptions.size(); ++b) {
        if (lower(descriptions[b]) != lower(name)) continue;
        if (found != 0) return 0;
        found = static_cast<int>(b) + 1;
    }
    return found;
}

}  // namespace

BandMapping::BandMapping(GDALDataset& stack, const std::string& stackPath,
                         const std::vector<std::string>& features, const std::string& mappingFile) {
    std::vector<std::string> descriptions;
    for (int b = 1; b <= stack.GetRasterCount(); ++b)
        descriptions.emplace_back(stack.GetRasterBand(b)->GetDescription());

    std::map<std::string, int> explicitBands;  // feature -> band from the mapping file
    if (!mappingFile.empty()) {
        std::ifstream in(mappingFile);
        if (!in) throw RasterError(fmt::format("{}: cannot read the band mapping file", mappingFile));
        std::string line;
        for (int lineNo = 1; std::getline(in, line); ++lineNo) {
            const std::string text = trimmed(line);
            if (text.empty() || text[0] == '#') continue;
            const auto comma = text.find(',');
            if (comma == std::string::npos)
                throw RasterError(
                    fmt::format("{}:{}:1: expected `feature,band`, got \"{}\"", mappingFile, lineNo, text));
            const std::string feature = trimmed(text.substr(0, comma));
            const std::string band = trimmed(text.substr(comma + 1));
            if (lineNo == 1 && lower(feature) == "feature" && lower(band) == "band") continue;
            if (std::find(features.begin(), features.end(), feature) == features.end())
                throw RasterError(fmt::format("{}:{}:1: \"{}\" is not a feature of the model", mappingFile,
                                              lineNo, feature));
            int number = 0;
            const bool numeric = !band.empty() && std::all_of(band.begin(), band.end(), [](unsigned char c) {
                return std::isdigit(c);
            });
            if (numeric) {
                // Digits only, so the one way to fail is a number too long for an int: no such band either.
                number = band.size() <= 9 ? std::stoi(band) : 0;
                if (number < 1 || number > stack.GetRasterCount()) number = 0;
            } else {
                number = bandByDescription(descriptions, band);
            }
            if (number == 0)
                throw RasterError(fmt::format("{}:{}:{}: {} has no band \"{}\" (it has {} bands)",
                                              mappingFile, lineNo, comma + 2, stackPath, band,
                                              stack.GetRasterCount()));
            explicitBands[feature] = number;
        }
    }

    std::vector<std::string> missing;
    for (const std::string& feature : features) {
        const auto given = explicitBands.find(feature);
        const int band =
            given != explicitBands.end() ? given->second : bandByDescription(descriptions, feature);
        if (band == 0) missing.push_back(feature);
        m_bands.push_back(band);
    }
    if (!missing.empty()) {
        std::string names, have;
        for (const std::string& m : missing)
            names += (names.empty() ? "" : ", ") + m;
        for (std::size_t b = 0; b < descriptions.size() && b < 50; ++b)
            have += fmt::format("{}{}={}", b == 0 ? "" : ", ", b + 1,
                                descriptions[b].empty() ? "(no description)" : descriptions[b]);
        throw RasterError(fmt::format(
            "{}: no band for model feature{} {} ({} of {} features missing). Bands are matched by "
            "description; "
            "give a mapping file with --bands (CSV feature,band). The stack's bands: {}",
            stackPath, missing.size() == 1 ? "" : "s", names, missing.size(), features.size(), have));
    }
    std::map<int, std::string> used;
    for (std::size_t f = 0; f < features.size(); ++f) {
        const auto [it, inserted] = used.emplace(m_bands[f], features[f]);
        if (!inserted)
            throw RasterError(fmt::format("{}: band {} would feed both {} and {}", stackPath, m_bands[f],
                                          it->second, features[f]));
    }
}

}  // namespace bridgelc
