#include "core/raster/raster_part.h"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/io/atomic_file.h"
#include "core/raster/raster_error.h"

namespace bridgelc {

std::string RasterPart::stem(const std::string& directory) const {
    return (std::filesystem::path(directory) / fmt::format("part-{:04}-of-{:04}", part, parts)).string();
}

nlohmann::json RasterPart::toJson() const {
    return {{"format", 1},
            {"part", part},
            {"parts", parts},
            {"key", key},
            {"y0", y0},
            {"width", width},
            {"height", height},
            {"blocksTotal", blocksTotal},
            {"blocksDone", blocksDone},
            {"classNames", classNames},
            {"bandNames", bandNames},
            {"geoTransform", geoTransform},
            {"crsWkt", crsWkt},
            {"metadata", metadata}};
}

RasterPart RasterPart::fromJson(const nlohmann::json& json, const std::string& path) {
    try {
        RasterPart p;
        if (json.at("format").get<int>() != 1) throw RasterError(path + ": unknown part format");
        p.part = json.at("part").get<int>();
        p.parts = json.at("parts").get<int>();
        p.key = json.at("key");
        p.y0 = json.at("y0").get<int>();
        p.width = json.at("width").get<int>();
        p.height = json.at("height").get<int>();
        p.blocksTotal = json.at("blocksTotal").get<std::size_t>();
        p.blocksDone = json.at("blocksDone").get<std::size_t>();
        p.classNames = json.at("classNames").get<std::vector<std::string>>();
        p.bandNames = json.at("bandNames").get<std::vector<std::string>>();
        p.geoTransform = json.at("geoTransform").get<std::array<double, 6>>();
        p.crsWkt = json.at("crsWkt").get<std::string>();
        if (json.contains("metadata"))  // manifests written before provenance have none
            p.metadata = json.at("metadata").get<std::vector<std::pair<std::string, std::string>>>();
        // A damaged manifest that still parses must not drive the block loop out of its share.
        const char* wrong = p.part < 1 || p.part > p.parts              ? "part outside 1..parts"
                            : p.width <= 0 || p.height <= 0 || p.y0 < 0 ? "negative or zero size"
                            : p.blocksDone > p.blocksTotal              ? "more blocks done than the part has"
                            : p.classNames.empty()                      ? "no class names"
                            : p.bandNames.empty()                       ? "no bands"
                                                                        : nullptr;
        if (wrong)
            throw RasterError(fmt::format(
                "{}: corrupted part manifest ({}); delete it to start that part again", path, wrong));
        return p;
    } catch (const nlohmann::json::exception& error) {
        throw RasterError(fmt::format("{}: not a raster part manifest ({})", path, error.what()));
    }
}

std::optional<RasterPart> RasterPart::read(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& error) {
        throw RasterError(fmt::format("{}: corrupted part manifest ({}); delete it to start that part again",
                                      path, error.what()));
    }
    return fromJson(json, path);
}

void RasterPart::write(const std::string& directory) const {
    writeFileAtomically(manifestPath(directory), toJson().dump(1));
}

void RasterPart::writeVrt(const std::string& directory) const {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("VRT");
    if (driver == nullptr) throw RasterError("GDAL has no VRT driver");
    const std::string path = vrtPath(directory);
    std::unique_ptr<GDALDataset> vrt(driver->Create(path.c_str(), width, height, 0, GDT_Byte, nullptr));
    if (!vrt) throw RasterError(fmt::format("{}: cannot create ({})", path, CPLGetLastErrorMsg()));
    std::array<double, 6> t = geoTransform;
    t[0] += y0 * t[2];  // this share starts y0 rows down
    t[3] += y0 * t[5];
    vrt->SetGeoTransform(t.data());
    if (!crsWkt.empty()) vrt->SetProjection(crsWkt.c_str());
    const std::string raw = std::filesystem::path(rawPath(directory)).filename().string();
    const auto bands = static_cast<int>(bandCount());
    for (int b = 0; b < bands; ++b) {
        const std::string source = "SourceFilename=" + raw;
        const std::string image = fmt::format("ImageOffset={}", b);
        const std::string pixel = fmt::format("PixelOffset={}", bands);
        const std::string line = fmt::format("LineOffset={}", static_cast<long long>(width) * bands);
        const char* options[] = {"subclass=VRTRawRasterBand",
                                 source.c_str(),
                                 "RelativeToVRT=1",
                                 image.c_str(),
                                 pixel.c_str(),
                                 line.c_str(),
                                 nullptr};
        if (vrt->AddBand(GDT_Byte, const_cast<char**>(options)) != CE_None)
            throw RasterError(fmt::format("{}: cannot add band ({})", path, CPLGetLastErrorMsg()));
        GDALRasterBand* band = vrt->GetRasterBand(b + 1);
        band->SetNoDataValue(255);
        band->SetDescription(bandNames[static_cast<std::size_t>(b)].c_str());
    }
}

}  // namespace bridgelc
