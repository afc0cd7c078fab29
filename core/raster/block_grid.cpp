#include "core/raster/block_grid.h"

#include <algorithm>

namespace bridgelc {

BlockGrid::BlockGrid(int width, int height, int naturalBlockWidth, int naturalBlockHeight,
                     std::size_t minPixels, std::size_t maxPixels)
    : m_width(width), m_height(height) {
    m_blockWidth = std::clamp(naturalBlockWidth, 1, std::max(1, width));
    const int natural = std::clamp(naturalBlockHeight, 1, std::max(1, height));
    const auto rowPixels = static_cast<std::size_t>(m_blockWidth);
    int blockHeight = natural;
    // Stack scanline strips (whole multiples, so reads stay block-aligned) until the window is worth a batch;
    // square tiles stay as they are, so small tiles still give several rows of blocks to share out.
    const bool strip = natural * 8 <= m_blockWidth;
    while (strip && static_cast<std::size_t>(blockHeight) * rowPixels < minPixels && blockHeight < height)
        blockHeight += natural;
    // A huge natural block (one strip holding a whole image) is read a slice of rows at a time.
    if (static_cast<std::size_t>(blockHeight) * rowPixels > maxPixels)
        blockHeight = static_cast<int>(std::max<std::size_t>(1, maxPixels / rowPixels));
    m_blockHeight = std::min(blockHeight, std::max(1, height));
    m_columns = (width + m_blockWidth - 1) / m_blockWidth;
    m_rows = (height + m_blockHeight - 1) / m_blockHeight;
}

PixelWindow BlockGrid::block(std::size_t index) const {
    const int column = static_cast<int>(index % static_cast<std::size_t>(m_columns));
    const int row = static_cast<int>(index / static_cast<std::size_t>(m_columns));
    PixelWindow w;
    w.x = column * m_blockWidth;
    w.y = row * m_blockHeight;
    w.width = std::min(m_blockWidth, m_width - w.x);
    w.height = std::min(m_blockHeight, m_height - w.y);
    return w;
}

std::pair<int, int> BlockGrid::shareRows(int part, int parts) const {
    const auto bound = [&](int p) { return static_cast<int>(static_cast<long long>(m_rows) * p / parts); };
    return {bound(part - 1), bound(part)};
}

}  // namespace bridgelc
