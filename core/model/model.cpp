#include "core/model/model.h"

#include <stdexcept>

namespace bridgelc {

nlohmann::json Model::metadata() const {
    nlohmann::json regions = nlohmann::json::array();
    for (std::size_t i = 0; i < m_meta.regionIds.size(); ++i)
        regions.push_back({{"id", m_meta.regionIds[i]},
                           {"name", i < m_meta.regionNames.size() ? m_meta.regionNames[i] : std::string()}});
    nlohmann::json json = {
        {"model", name()},    {"featureNames", m_meta.featureNames}, {"classNames", m_meta.classNames},
        {"regions", regions}, {"settings", m_meta.settings},         {"network", m_meta.network}};
    json["scaling"] = m_meta.scaler.empty() ? nlohmann::json() : m_meta.scaler.toJson();
    return json;
}

void Model::setMetadata(const nlohmann::json& json) {
    if (!json.is_object()) throw std::runtime_error("model metadata: expected a JSON object");
    for (const char* key : {"model", "featureNames", "classNames", "regions", "network"})
        if (!json.contains(key))
            throw std::runtime_error(std::string("model metadata: missing field '") + key + "'");
    const std::string model = json.at("model").get<std::string>();
    if (model != name())
        throw std::runtime_error("model metadata: written for model '" + model + "', not '" + name() + "'");
    ModelMetadata meta;
    try {
        meta.featureNames = json.at("featureNames").get<std::vector<std::string>>();
        meta.classNames = json.at("classNames").get<std::vector<std::string>>();
        for (const auto& region : json.at("regions")) {
            meta.regionIds.push_back(region.at("id").get<int>());
            meta.regionNames.push_back(region.value("name", std::string()));
        }
        if (json.contains("scaling") && !json.at("scaling").is_null())
            meta.scaler = FeatureScaler::fromJson(json.at("scaling"));
        meta.settings = json.value("settings", nlohmann::json());
        meta.network = json.at("network");
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("model metadata: malformed field: ") + error.what());
    }
    if (meta.classNames.empty()) throw std::runtime_error("model metadata: no class names");
    if (meta.featureNames.empty()) throw std::runtime_error("model metadata: no feature names");
    m_meta = std::move(meta);
    m_trained = false;
    rebuild();
}

void Model::requireTrained() const {
    if (!m_trained) throw std::logic_error("model '" + name() + "' is not trained");
}

}  // namespace bridgelc
