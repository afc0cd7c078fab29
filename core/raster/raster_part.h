#pragma once
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace bridgelc {

/// One share of a raster prediction on disk, in `<out>.parts/`: `part-I-of-N.raw` (Byte pixels, band
/// interleaved, fixed layout so a block can be rewritten in place), `part-I-of-N.vrt` (GDAL's view of the raw
/// file, georeferenced) and `part-I-of-N.json`, the manifest that makes the work resumable: what was asked
/// (key) and how many of the share's blocks are done, rewritten atomically after every block.
struct RasterPart {
    int part = 1;        ///< 1-based
    int parts = 1;       ///< total number of shares
    nlohmann::json key;  ///< checkpoint, stack, band map, options: a resume must match it exactly
    int y0 = 0;          ///< first raster row of this share
    int width = 0, height = 0;
    std::size_t blocksTotal = 0, blocksDone = 0;
    std::vector<std::string> classNames;
    std::vector<std::string> bandNames;  ///< output bands: "class", then "confidence" / "probability <class>"
    std::array<double, 6> geoTransform{};  ///< of the whole raster
    std::string crsWkt;
    /// GeoTIFF metadata items for the merged file (provenance); may be empty.
    std::vector<std::pair<std::string, std::string>> metadata;

    bool complete() const { return blocksDone >= blocksTotal; }
    std::size_t bandCount() const { return bandNames.size(); }

    static std::string partsDirectory(const std::string& out) { return out + ".parts"; }
    std::string stem(const std::string& directory) const;
    std::string manifestPath(const std::string& directory) const { return stem(directory) + ".json"; }
    std::string rawPath(const std::string& directory) const { return stem(directory) + ".raw"; }
    std::string vrtPath(const std::string& directory) const { return stem(directory) + ".vrt"; }

    nlohmann::json toJson() const;
    /// Throws RasterError naming the file when it is not a manifest.
    static RasterPart fromJson(const nlohmann::json& json, const std::string& path);
    /// The manifest at `path`, or nullopt when there is none; throws RasterError when it is corrupted.
    static std::optional<RasterPart> read(const std::string& path);
    /// Atomically replaces the manifest in `directory`.
    void write(const std::string& directory) const;
    /// Writes the georeferenced VRT over the raw file (nodata 255 in every band).
    void writeVrt(const std::string& directory) const;
};

}  // namespace bridgelc
