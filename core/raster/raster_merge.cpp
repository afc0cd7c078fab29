#include "core/raster/raster_merge.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <gdal_rat.h>
#include <gdal_utils.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <regex>

#include "core/data/class_palette.h"
#include "core/io/atomic_file.h"
#include "core/raster/raster_error.h"
#include "core/raster/raster_part.h"
#include "core/train/training_observer.h"

namespace bridgelc {

namespace {

namespace fs = std::filesystem;

/// The manifests of one complete prediction, in part order.
std::vector<RasterPart> findParts(const std::string& directory, const std::string& out) {
    if (!fs::is_directory(directory))
        throw RasterError(fmt::format("{}: no parts to merge (run predict-raster --tiles I/N --out {} first)",
                                      directory, out));
    const std::regex name(R"(part-(\d{4})-of-(\d{4})\.json)");
    std::map<int, std::map<int, std::string>> byTotal;  // N -> I -> manifest
    for (const auto& entry : fs::directory_iterator(directory)) {
        std::smatch m;
        const std::string file = entry.path().filename().string();
        if (std::regex_match(file, m, name))
            byTotal[std::stoi(m[2])][std::stoi(m[1])] = entry.path().string();
    }
    if (byTotal.empty()) throw RasterError(directory + ": no part manifests (part-I-of-N.json) to merge");
    if (byTotal.size() > 1)
        throw RasterError(
            fmt::format("{}: parts of {} different splits (N = {} and {}); delete the stale ones", directory,
                        byTotal.size(), byTotal.begin()->first, byTotal.rbegin()->first));
    const auto& [total, files] = *byTotal.begin();
    std::vector<RasterPart> parts;
    std::vector<int> missing;
    for (int i = 1; i <= total; ++i) {
        const auto it = files.find(i);
        std::optional<RasterPart> part;
        if (it != files.end()) part = RasterPart::read(it->second);
        if (!part || !part->complete()) {
            missing.push_back(i);
            continue;
        }
        if (!parts.empty() && part->key != parts.front().key)
            throw RasterError(
                fmt::format("{}: part {} comes from another prediction (model, stack or options) "
                            "than part {}",
                            it->second, i, parts.front().part));
        parts.push_back(std::move(*part));
    }
    if (!missing.empty())
        throw RasterError(fmt::format(
            "{}: part{} {} of {} {} missing or unfinished; run predict-raster --tiles I/{} for {} (finished "
            "blocks are kept)",
            directory, missing.size() == 1 ? "" : "s", fmt::join(missing, ", "), total,
            missing.size() == 1 ? "is" : "are", total, missing.size() == 1 ? "it" : "each"));
    return parts;
}

void describeBands(GDALDataset& mosaic, const RasterPart& part) {
    GDALRasterBand* classBand = mosaic.GetRasterBand(1);
    GDALColorTable colours;
    GDALDefaultRasterAttributeTable rat;
    rat.CreateColumn("Value", GFT_Integer, GFU_MinMax);
    rat.CreateColumn("Class_Name", GFT_String, GFU_Name);
    rat.CreateColumn("Red", GFT_Integer, GFU_Red);
    rat.CreateColumn("Green", GFT_Integer, GFU_Green);
    rat.CreateColumn("Blue", GFT_Integer, GFU_Blue);
    CPLStringList names;
    for (std::size_t c = 0; c < part.classNames.size(); ++c) {
        const std::uint32_t rgb = classRgb(static_cast<int>(c), part.classNames[c]);
        const GDALColorEntry entry{static_cast<short>(rgb >> 16 & 0xff), static_cast<short>(rgb >> 8 & 0xff),
                                   static_cast<short>(rgb & 0xff), 255};
        colours.SetColorEntry(static_cast<int>(c), &entry);
        names.AddString(part.classNames[c].c_str());
        const int row = static_cast<int>(c);
        rat.SetValue(row, 0, row);
        rat.SetValue(row, 1, part.classNames[c].c_str());
        rat.SetValue(row, 2, entry.c1);
        rat.SetValue(row, 3, entry.c2);
        rat.SetValue(row, 4, entry.c3);
    }
    const GDALColorEntry transparent{0, 0, 0, 0};
    colours.SetColorEntry(255, &transparent);  // nodata
    classBand->SetColorInterpretation(GCI_PaletteIndex);
    classBand->SetColorTable(&colours);
    classBand->SetCategoryNames(names.List());
    classBand->SetDefaultRAT(&rat);
    for (const auto& [key, value] : part.metadata)  // copied into the GeoTIFF by the translation
        mosaic.SetMetadataItem(key.c_str(), value.c_str());
    for (int b = 1; b <= mosaic.GetRasterCount(); ++b) {
        GDALRasterBand* band = mosaic.GetRasterBand(b);
        band->SetDescription(part.bandNames[static_cast<std::size_t>(b - 1)].c_str());
        band->SetNoDataValue(255);
        if (b > 1) {
            band->SetScale(0.01);  // percent bands: GDAL and QGIS show probabilities 0..1
            band->SetOffset(0);
            // Left undefined, GeoTIFF marks a second band as alpha and QGIS would fade the map by confidence.
            band->SetColorInterpretation(GCI_GrayIndex);
        }
    }
}

/// A QGIS layer style beside the GeoTIFF (QGIS loads `<name>.qml` as the layer's default style): the paletted
/// renderer with the class names as legend labels, which QGIS versions without attribute-table support would
/// otherwise show as bare numbers.
std::string qgisStyle(const RasterPart& part) {
    std::string entries;
    for (std::size_t c = 0; c < part.classNames.size(); ++c) {
        std::string label;
        for (char ch : part.classNames[c]) {
            if (ch == '&')
                label += "&amp;";
            else if (ch == '<')
                label += "&lt;";
            else if (ch == '"')
                label += "&quot;";
            else
                label += ch;
        }
        entries +=
            fmt::format("        <paletteEntry value=\"{}\" color=\"#{:06x}\" alpha=\"255\" label=\"{}\"/>\n",
                        c, classRgb(static_cast<int>(c), part.classNames[c]), label);
    }
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis version=\"3.22\" styleCategories=\"Symbology\">\n  <pipe>\n"
           "    <rasterrenderer type=\"paletted\" band=\"1\" opacity=\"1\" alphaBand=\"-1\">\n"
           "      <rasterTransparency/>\n      <colorPalette>\n" +
           entries + "      </colorPalette>\n    </rasterrenderer>\n  </pipe>\n</qgis>\n";
}

int CPL_STDCALL reportProgress(double fraction, const char*, void* data) {
    auto* observer = static_cast<TrainingObserver*>(data);
    observer->onProgress(static_cast<std::int64_t>(fraction * 1000), 1000);
    return observer->isCancelled() ? FALSE : TRUE;
}

/// Writes some bands of the mosaic as a Cloud-Optimised GeoTIFF at `target` (and its .aux.xml), through a
/// temporary file in the parts folder renamed at the end.
void translateBands(GDALDataset& mosaic, const std::vector<int>& bands, const std::string& target,
                    const std::string& directory, int threads, TrainingObserver& observer) {
    const std::string temporary = (fs::path(directory) / "merged.tif").string();
    CPLStringList arguments;
    for (const char* a : {"-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BLOCKSIZE=256", "-co",
                          "OVERVIEW_RESAMPLING=MODE", "-co", "BIGTIFF=IF_SAFER", "-co"})
        arguments.AddString(a);
    arguments.AddString(fmt::format("NUM_THREADS={}", std::max(1, threads)).c_str());
    for (int b : bands) {
        arguments.AddString("-b");
        arguments.AddString(std::to_string(b).c_str());
    }
    GDALTranslateOptions* options = GDALTranslateOptionsNew(arguments.List(), nullptr);
    GDALTranslateOptionsSetProgress(options, reportProgress, &observer);
    GDALDatasetH written = GDALTranslate(temporary.c_str(), GDALDataset::ToHandle(&mosaic), options, nullptr);
    GDALTranslateOptionsFree(options);
    std::error_code ignored;
    if (written == nullptr) {
        fs::remove(temporary, ignored);
        if (observer.isCancelled()) throw RasterError(target + ": merge cancelled; run it again");
        throw RasterError(fmt::format("{}: cannot write ({})", target, CPLGetLastErrorMsg()));
    }
    GDALClose(written);
    const std::string aux = target + ".aux.xml";
    fs::remove(aux, ignored);
    if (fs::exists(temporary + ".aux.xml")) fs::rename(temporary + ".aux.xml", aux);
    fs::rename(temporary, target);
}

}  // namespace

std::string probabilitiesPath(const std::string& out) {
    fs::path path(out);
    return (path.parent_path() / (path.stem().string() + "_probabilities" + path.extension().string()))
        .string();
}

std::vector<int> unfinishedParts(const std::string& out) {
    const std::string directory = RasterPart::partsDirectory(out);
    const std::regex name(R"(part-(\d{4})-of-(\d{4})\.json)");
    std::map<int, std::map<int, std::string>> byTotal;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
        std::smatch m;
        const std::string file = entry.path().filename().string();
        if (std::regex_match(file, m, name))
            byTotal[std::stoi(m[2])][std::stoi(m[1])] = entry.path().string();
    }
    std::vector<int> missing;
    if (byTotal.size() != 1) return missing;
    const auto& [total, files] = *byTotal.begin();
    for (int i = 1; i <= total; ++i) {
        const auto it = files.find(i);
        std::optional<RasterPart> part;
        try {
            if (it != files.end()) part = RasterPart::read(it->second);
        } catch (const RasterError&) {
        }
        if (!part || !part->complete()) missing.push_back(i);
    }
    return missing;
}

RasterMergeResult mergeRasterParts(const std::string& out, int threads, TrainingObserver& observer) {
    const auto start = std::chrono::steady_clock::now();
    GDALAllRegister();
    const std::string directory = RasterPart::partsDirectory(out);
    const std::vector<RasterPart> parts = findParts(directory, out);

    std::vector<std::string> vrts;
    for (const RasterPart& part : parts)
        vrts.push_back(fs::absolute(part.vrtPath(directory)).string());
    CPLStringList sources;
    for (const std::string& v : vrts)
        sources.AddString(v.c_str());
    const std::string mosaicPath = (fs::path(directory) / "mosaic.vrt").string();
    int usageError = FALSE;
    std::unique_ptr<GDALDataset> mosaic(GDALDataset::FromHandle(
        GDALBuildVRT(mosaicPath.c_str(), sources.size(), nullptr, sources.List(), nullptr, &usageError)));
    if (!mosaic) throw RasterError(fmt::format("{}: cannot build ({})", mosaicPath, CPLGetLastErrorMsg()));
    describeBands(*mosaic, parts.front());

    // GeoTIFF keeps a colour table only in files of one or two bands, so the class map (and confidence) and
    // the per-class probabilities go to two files.
    const std::size_t bands = parts.front().bandCount();
    const bool confidence = bands > 1 && parts.front().bandNames[1] == "confidence";
    const std::size_t mainBands = confidence ? 2 : 1;
    std::vector<int> main, probabilities;
    for (std::size_t b = 1; b <= bands; ++b)
        (b <= mainBands ? main : probabilities).push_back(static_cast<int>(b));
    observer.onPhase("writing GeoTIFF");
    translateBands(*mosaic, main, out, directory, threads, observer);
    if (!probabilities.empty())
        translateBands(*mosaic, probabilities, probabilitiesPath(out), directory, threads, observer);
    RasterMergeResult result;
    result.parts = static_cast<int>(parts.size());
    result.width = mosaic->GetRasterXSize();
    result.height = mosaic->GetRasterYSize();
    mosaic.reset();
    writeFileAtomically(fs::path(out).replace_extension(".qml").string(), qgisStyle(parts.front()));
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace bridgelc
