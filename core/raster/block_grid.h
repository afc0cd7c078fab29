#pragma once
#include <cstddef>
#include <utility>

namespace bridgelc {

/// A rectangle of pixels: column x, row y, size.
struct PixelWindow {
    int x = 0, y = 0, width = 0, height = 0;
    std::size_t pixels() const { return static_cast<std::size_t>(width) * static_cast<std::size_t>(height); }
};

/// How a raster is walked: windows aligned on the source's natural GDAL blocks, row-major. Scanline strips
/// smaller than `minPixels` are stacked into taller windows and larger ones than `maxPixels` cut into
/// fewer rows, so every window is a reasonable prediction batch and memory stays bounded whatever the file.
class BlockGrid {
public:
    BlockGrid(int width, int height, int naturalBlockWidth, int naturalBlockHeight,
              std::size_t minPixels = 65536, std::size_t maxPixels = 262144);

    int width() const { return m_width; }
    int height() const { return m_height; }
    int blockWidth() const { return m_blockWidth; }
    int blockHeight() const { return m_blockHeight; }
    int columns() const { return m_columns; }
    int rows() const { return m_rows; }
    std::size_t blockCount() const { return static_cast<std::size_t>(m_columns) * m_rows; }
    /// The window of block `index` (row-major), clipped at the raster's edges.
    PixelWindow block(std::size_t index) const;
    /// Block rows [first, last) of share `part` (1-based) of `parts`: contiguous, as even as possible.
    std::pair<int, int> shareRows(int part, int parts) const;

private:
    int m_width, m_height, m_blockWidth, m_blockHeight, m_columns, m_rows;
};

}  // namespace bridgelc
