#pragma once
#include <memory>
#include <string>

#include <cstddef>
#include <utility>
#include <vector>

namespace bridgelc {

class Model;
class TrainingObserver;

/// What to predict and how: the stack, the output, the extra bands and which share of the blocks.
struct RasterPredictionOptions {
    std::string stack;           ///< any raster GDAL opens (GeoTIFF, VRT...)
    std::string out;             ///< the final GeoTIFF; work goes to `<out>.parts/`
    std::string bandsFile;       ///< optional CSV feature,band mapping
    bool confidence = false;     ///< add the winning class's probability (percent) as a band
    bool probabilities = false;  ///< add one probability band (percent) per class
    int part = 1, parts = 1;     ///< --tiles I/N: this process predicts share I of N
    /// Dataset metadata items of the GeoTIFF (ExportProvenance::items(): model, run, dataset, date...);
    /// kept in the part manifests so a merge run elsewhere still writes them. Not part of a resume's key.
    std::vector<std::pair<std::string, std::string>> metadata;
};

/// How a share went: finished or cancelled part-way (resumable), with the figures to report.
struct RasterPartResult {
    bool completed = false;  ///< every block of the share is done; false: cancelled, run again to resume
    std::size_t blocksTotal = 0, blocksDone = 0;
    std::size_t blocksResumed = 0;  ///< already done by an earlier, interrupted run
    std::size_t pixels = 0;         ///< pixels read by this run (valid or not)
    std::size_t predicted = 0;      ///< of which predicted (not nodata)
    double seconds = 0;
    double pixelsPerSecond() const { return seconds > 0 ? static_cast<double>(pixels) / seconds : 0; }
};

/// Predicts one share of a raster's blocks into `<out>.parts/part-I-of-N.*` (see RasterPart): reads block by
/// block along GDAL's natural block size, predicts each block's valid pixels in one call (lon/lat from the
/// raster's CRS for models that use location), writes the block and records it in the manifest, so memory
/// stays bounded and a cancelled run (observer.isCancelled(), polled between blocks) resumes where it
/// stopped when run again with the same options. A pixel is nodata (255 in every output band) when any
/// input band is nodata (nodata value, NaN, or GDAL mask) there.
class RasterPredictor {
public:
    /// `modelKey` identifies the model (e.g. checkpointKey()) so a resume never mixes two models.
    RasterPredictor(std::shared_ptr<const Model> model, std::string modelKey,
                    RasterPredictionOptions options);

    /// Opens the stack and checks what every share will need (bands for the model's features, a CRS when
    /// the model uses location, a class count a Byte raster holds) without writing anything; throws
    /// RasterError saying what is wrong. Returns the raster's rows of pixels: the most tiles it can be cut
    /// in.
    int check() const;

    /// Throws RasterError for an unreadable stack, a missing feature band, or an output it cannot write.
    RasterPartResult run(TrainingObserver& observer);

private:
    std::shared_ptr<const Model> m_model;
    std::string m_modelKey;
    RasterPredictionOptions m_options;
};

/// A key for a checkpoint file: its size and FNV-1a hash of its bytes. Throws RasterError when unreadable.
std::string checkpointKey(const std::string& path);

/// Parses "I/N" (1 <= I <= N); throws RasterError otherwise.
std::pair<int, int> parseTiles(const std::string& text);

}  // namespace bridgelc
