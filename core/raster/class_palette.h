#pragma once
#include <cstdint>
#include <string>

namespace bridgelc {

/// The colour (0xRRGGBB) a land-cover class is drawn with in files the product writes (the predicted
/// GeoTIFF's colour table): the eight LUCAS level-1 classes get the conventional land-cover colours whatever
/// their position (lucasLevel1Index() of core/data), any other class a Tableau 20 colour by `index`. Same
/// table as ui/class_colors.cpp, which cannot be used here because core links no Qt.
std::uint32_t classRgb(int index, const std::string& className);

}  // namespace bridgelc
