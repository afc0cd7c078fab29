#include "core/raster/raster_predictor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/model/model.h"
#include "core/raster/band_mapping.h"
#include "core/raster/block_grid.h"
#include "core/raster/pixel_locator.h"
#include "core/raster/raster_error.h"
#include "core/raster/raster_part.h"
#include "core/raster/share_rows.h"
#include "core/train/training_observer.h"

namespace bridgelc {

namespace {

constexpr unsigned char kNoData = 255;

/// Which pixels of a window are valid in every mapped band: nodata values, NaN and GDAL masks all count.
class ValidityMask {
public:
    ValidityMask(GDALDataset& stack, const std::vector<int>& bands) : m_stack(stack), m_bands(bands) {
        for (int b : bands) {
            GDALRasterBand* band = stack.GetRasterBand(b);
            int has = 0;
            const double value = band->GetNoDataValue(&has);
            m_noData.push_back(has ? value : std::nan(""));
            const int flags = band->GetMaskFlags();
            m_readMask.push_back(!(flags & GMF_ALL_VALID) && !(flags & GMF_NODATA));
        }
    }

    /// valid[i] stays 1 only where every band has data; `features` is the window, pixel-interleaved.
    void apply(const PixelWindow& w, const std::vector<float>& features, std::vector<unsigned char>& valid) {
        const std::size_t d = m_bands.size(), n = w.pixels();
        valid.assign(n, 1);
        for (std::size_t f = 0; f < d; ++f) {
            const double noData = m_noData[f];
            const bool hasNoData = !std::isnan(noData);
            const auto noDataF = static_cast<float>(noData);
            for (std::size_t i = 0; i < n; ++i) {
                const float v = features[i * d + f];
                if (std::isnan(v) || (hasNoData && v == noDataF)) valid[i] = 0;
            }
            if (!m_readMask[f]) continue;
            m_mask.resize(n);
            GDALRasterBand* mask = m_stack.GetRasterBand(m_bands[f])->GetMaskBand();
            if (mask->RasterIO(GF_Read, w.x, w.y, w.width, w.height, m_mask.data(), w.width, w.height,
                               GDT_Byte, 0, 0, nullptr) != CE_None)
                throw RasterError(
                    fmt::format("cannot read the mask of band {}: {}", m_bands[f], CPLGetLastErrorMsg()));
            for (std::size_t i = 0; i < n; ++i)
                if (m_mask[i] == 0) valid[i] = 0;
        }
    }

private:
    GDALDataset& m_stack;
    std::vector<int> m_bands;
    std::vector<double> m_noData;
    std::vector<bool> m_readMask;
    std::vector<unsigned char> m_mask;
};

std::unique_ptr<GDALDataset> openStack(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> stack(
        GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!stack)
        throw RasterError(fmt::format("{}: cannot open as a raster ({})", path, CPLGetLastErrorMsg()));
    if (stack->GetRasterCount() == 0) throw RasterError(path + ": the raster has no bands");
    return stack;
}

unsigned char percent(float p) {
    return static_cast<unsigned char>(std::lround(std::clamp(p, 0.0f, 1.0f) * 100.0f));
}

/// Writes a window's output rows (pixel-interleaved bytes) at their fixed place in the raw file.
void writeWindow(int fd, const std::string& path, const RasterPart& part, const PixelWindow& w,
                 const std::vector<unsigned char>& bytes) {
    const std::size_t bands = part.bandCount();
    const std::size_t rowBytes = static_cast<std::size_t>(w.width) * bands;
    for (int r = 0; r < w.height; ++r) {
        const auto offset = static_cast<off_t>(
            (static_cast<std::size_t>(w.y - part.y0 + r) * static_cast<std::size_t>(part.width) +
             static_cast<std::size_t>(w.x)) *
            bands);
        const unsigned char* data = bytes.data() + static_cast<std::size_t>(r) * rowBytes;
        std::size_t written = 0;
        while (written < rowBytes) {
            const ssize_t k =
                ::pwrite(fd, data + written, rowBytes - written, offset + static_cast<off_t>(written));
            if (k <= 0) throw RasterError(fmt::format("{}: write failed ({})", path, std::strerror(errno)));
            written += static_cast<std::size_t>(k);
        }
    }
}

}  // namespace

std::string checkpointKey(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RasterError(path + ": cannot read the checkpoint");
    std::uint64_t hash = 14695981039346656037ull, size = 0;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto n = static_cast<std::size_t>(in.gcount());
        for (std::size_t i = 0; i < n; ++i)
            hash = (hash ^ static_cast<unsigned char>(buffer[i])) * 1099511628211ull;
        size += n;
    }
    return fmt::format("{}:{:016x}", size, hash);
}

std::pair<int, int> parseTiles(const std::string& text) {
    int part = 0, parts = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &part, &slash, &parts, &extra) != 3 || slash != '/' ||
        part < 1 || parts < 1 || part > parts)
        throw RasterError(fmt::format("--tiles \"{}\": expected I/N with 1 <= I <= N, e.g. 2/8", text));
    return {part, parts};
}

RasterPredictor::RasterPredictor(std::shared_ptr<const Model> model, std::string modelKey,
                                 RasterPredictionOptions options)
    : m_model(std::move(model)), m_modelKey(std::move(modelKey)), m_options(std::move(options)) {}

int RasterPredictor::check() const {
    const Model& model = *m_model;
    const std::unique_ptr<GDALDataset> stack = openStack(m_options.stack);
    const BandMapping mapping(*stack, m_options.stack, model.meta().featureNames, m_options.bandsFile);
    if (model.info().usesCoordinates) PixelLocator locator(*stack, m_options.stack);
    if (model.meta().classNames.size() >= kNoData)
        throw RasterError(fmt::format("the model has {} classes; a Byte class raster holds at most 254",
                                      model.meta().classNames.size()));
    return stack->GetRasterYSize();
}

RasterPartResult RasterPredictor::run(TrainingObserver& observer) {
    const Model& model = *m_model;
    const RasterPredictionOptions& o = m_options;
    const std::unique_ptr<GDALDataset> stack = openStack(o.stack);
    const BandMapping mapping(*stack, o.stack, model.meta().featureNames, o.bandsFile);
    std::unique_ptr<PixelLocator> locator;
    if (model.info().usesCoordinates) locator = std::make_unique<PixelLocator>(*stack, o.stack);

    int naturalWidth = 0, naturalHeight = 0;
    stack->GetRasterBand(mapping.bands().front())->GetBlockSize(&naturalWidth, &naturalHeight);
    const BlockGrid grid(stack->GetRasterXSize(), stack->GetRasterYSize(), naturalWidth, naturalHeight);
    // Strips of equal work (valid pixels), cut at any pixel row; windows stay on the grid's blocks, clipped
    // to the strip.
    const std::vector<int> shareRows = balancedShareRows(*stack, mapping.bands().front(), o.parts);
    const int y0 = shareRows[static_cast<std::size_t>(o.part) - 1];
    const int y1 = shareRows[static_cast<std::size_t>(o.part)];
    const int firstRow = y0 / grid.blockHeight();
    const int lastRow = (y1 + grid.blockHeight() - 1) / grid.blockHeight();
    const auto window = [&grid, y0, y1](std::size_t index) {
        PixelWindow w = grid.block(index);
        const int top = std::max(w.y, y0), bottom = std::min(w.y + w.height, y1);
        w.y = top;
        w.height = bottom - top;
        return w;
    };

    RasterPart part;
    part.part = o.part;
    part.parts = o.parts;
    part.key = {{"checkpoint", m_modelKey},
                {"stack", std::filesystem::absolute(o.stack).lexically_normal().string()},
                {"size", {grid.width(), grid.height(), stack->GetRasterCount()}},
                {"bands", mapping.bands()},
                {"block", {grid.blockWidth(), grid.blockHeight()}},
                {"confidence", o.confidence},
                {"probabilities", o.probabilities}};
    part.y0 = y0;
    part.width = grid.width();
    part.height = y1 - y0;
    part.blocksTotal =
        static_cast<std::size_t>(lastRow - firstRow) * static_cast<std::size_t>(grid.columns());
    part.classNames = model.meta().classNames;
    part.metadata = o.metadata;
    part.bandNames = {"class"};
    if (o.confidence) part.bandNames.push_back("confidence");
    if (o.probabilities)
        for (const std::string& name : part.classNames)
            part.bandNames.push_back("probability " + name);
    if (stack->GetGeoTransform(part.geoTransform.data()) != CE_None) part.geoTransform = {0, 1, 0, 0, 0, 1};
    if (const OGRSpatialReference* srs = stack->GetSpatialRef()) {
        char* wkt = nullptr;
        srs->exportToWkt(&wkt);
        part.crsWkt = wkt ? wkt : "";
        CPLFree(wkt);
    }
    if (part.classNames.size() >= kNoData)
        throw RasterError(fmt::format("the model has {} classes; a Byte class raster holds at most 254",
                                      part.classNames.size()));

    const std::string directory = RasterPart::partsDirectory(o.out);
    std::filesystem::create_directories(directory);
    const std::string rawPath = part.rawPath(directory);
    const auto previous = RasterPart::read(part.manifestPath(directory));
    const bool resume = previous && previous->key == part.key && previous->y0 == part.y0 &&
                        previous->height == part.height && std::filesystem::exists(rawPath);
    if (previous && !resume)
        observer.onMessage(
            fmt::format("{}: left by a different prediction (model, stack or options); starting "
                        "this part again",
                        part.manifestPath(directory)));
    RasterPartResult result;
    result.blocksTotal = part.blocksTotal;
    if (resume) part.blocksDone = std::min(previous->blocksDone, part.blocksTotal);
    result.blocksResumed = part.blocksDone;
    if (resume && part.blocksDone > 0)
        observer.onMessage(
            fmt::format("resuming: {} of {} blocks already done", part.blocksDone, part.blocksTotal));

    const int fd = ::open(rawPath.c_str(), O_RDWR | O_CREAT | (resume ? 0 : O_TRUNC), 0644);
    if (fd < 0) throw RasterError(fmt::format("{}: cannot write ({})", rawPath, std::strerror(errno)));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    const auto rawSize = static_cast<off_t>(static_cast<std::size_t>(part.width) *
                                            static_cast<std::size_t>(part.height) * part.bandCount());
    if (::ftruncate(fd, rawSize) != 0)
        throw RasterError(
            fmt::format("{}: cannot size to {} bytes ({})", rawPath, rawSize, std::strerror(errno)));
    part.writeVrt(directory);
    part.write(directory);

    const std::size_t d = model.featureCount(), classes = part.classNames.size(), bands = part.bandCount();
    ValidityMask masks(*stack, mapping.bands());
    std::vector<int> bandMap = mapping.bands();
    std::vector<float> features;
    std::vector<unsigned char> valid, bytes;
    std::vector<int> columns, rows;
    std::vector<double> lon, lat;
    const std::size_t firstBlock =
        static_cast<std::size_t>(firstRow) * static_cast<std::size_t>(grid.columns());
    std::size_t partPixels = static_cast<std::size_t>(part.width) * static_cast<std::size_t>(part.height);
    std::size_t donePixels = 0;
    for (std::size_t b = 0; b < part.blocksDone; ++b)
        donePixels += window(firstBlock + b).pixels();

    observer.onPhase("predicting raster");
    observer.onProgress(static_cast<std::int64_t>(donePixels), static_cast<std::int64_t>(partPixels));
    const auto start = std::chrono::steady_clock::now();
    while (part.blocksDone < part.blocksTotal && !observer.isCancelled()) {
        const PixelWindow w = window(firstBlock + part.blocksDone);
        const std::size_t n = w.pixels();
        features.resize(n * d);
        const auto pixelBytes = static_cast<GSpacing>(d * sizeof(float));
        if (stack->RasterIO(GF_Read, w.x, w.y, w.width, w.height, features.data(), w.width, w.height,
                            GDT_Float32, static_cast<int>(d), bandMap.data(), pixelBytes,
                            pixelBytes * w.width, sizeof(float), nullptr) != CE_None)
            throw RasterError(fmt::format("{}: cannot read pixels {},{} +{}x{} ({})", o.stack, w.x, w.y,
                                          w.width, w.height, CPLGetLastErrorMsg()));
        masks.apply(w, features, valid);
        columns.clear();
        rows.clear();
        std::size_t k = 0;  // valid pixels, compacted to the front of `features`
        for (std::size_t i = 0; i < n; ++i) {
            if (!valid[i]) continue;
            if (k != i)
                std::copy_n(features.begin() + static_cast<std::ptrdiff_t>(i * d), d,
                            features.begin() + static_cast<std::ptrdiff_t>(k * d));
            columns.push_back(w.x + static_cast<int>(i % static_cast<std::size_t>(w.width)));
            rows.push_back(w.y + static_cast<int>(i / static_cast<std::size_t>(w.width)));
            ++k;
        }
        lon.assign(k, 0.0);
        lat.assign(k, 0.0);
        if (locator) locator->locate(columns.data(), rows.data(), k, lon.data(), lat.data());
        const std::vector<float> p =
            k > 0 ? model.predictProba(features.data(), lon.data(), lat.data(), k) : std::vector<float>{};

        bytes.assign(n * bands, kNoData);
        for (std::size_t j = 0; j < k; ++j) {
            if (locator && (std::isnan(lon[j]) || std::isnan(lat[j]))) continue;  // PROJ could not place it
            const float* pj = p.data() + j * classes;
            const std::size_t best = static_cast<std::size_t>(std::max_element(pj, pj + classes) - pj);
            const std::size_t i =
                static_cast<std::size_t>(rows[j] - w.y) * static_cast<std::size_t>(w.width) +
                static_cast<std::size_t>(columns[j] - w.x);
            unsigned char* out = bytes.data() + i * bands;
            std::size_t slot = 0;
            out[slot++] = static_cast<unsigned char>(best);
            if (o.confidence) out[slot++] = percent(pj[best]);
            if (o.probabilities)
                for (std::size_t c = 0; c < classes; ++c)
                    out[slot++] = percent(pj[c]);
        }
        writeWindow(fd, rawPath, part, w, bytes);
        ++part.blocksDone;
        part.write(directory);
        result.pixels += n;
        result.predicted += k;
        donePixels += n;
        observer.onProgress(static_cast<std::int64_t>(donePixels), static_cast<std::int64_t>(partPixels));
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.blocksDone = part.blocksDone;
    result.completed = part.complete();
    return result;
}

}  // namespace bridgelc
