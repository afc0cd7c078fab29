#pragma once
#include <cstdint>
#include <string>

namespace bridgelc {

/// The colour (0xRRGGBB) a land-cover class is drawn with, in the app (ui/common/class_colors.h) and in files
/// the product writes (the predicted GeoTIFF's colour table): the eight LUCAS level-1 classes get the
/// conventional land-cover colours whatever their position (lucasLevel1IndexOfClass()), any other class a
/// Tableau 20 colour by `index`.
std::uint32_t classRgb(int index, const std::string& className);

}  // namespace bridgelc
