#pragma once
#include <string>
#include <vector>

class GDALDataset;

namespace bridgelc {

/// Which band of a feature stack feeds each input feature of a model.
///
/// Without a mapping file a feature is found by band description (exact, then ignoring case). A mapping file
/// is CSV `feature,band` (a `feature,band` header and `#` comments allowed), `band` being a 1-based band
/// number or a band description; features it does not list are still looked up by description.
class BandMapping {
public:
    /// Throws RasterError naming every feature without a band (and the bands there are), a mapping line
    /// that names an unknown feature or band (file:line:column), or a band used for two features.
    BandMapping(GDALDataset& stack, const std::string& stackPath, const std::vector<std::string>& features,
                const std::string& mappingFile = {});

    /// 1-based band numbers in the model's feature order (GDAL's band map for RasterIO).
    const std::vector<int>& bands() const { return m_bands; }

private:
    std::vector<int> m_bands;
};

}  // namespace bridgelc
