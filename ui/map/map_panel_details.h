#pragma once
#include <QString>
#include <cstdint>
#include <utility>
#include <vector>

namespace bridgelc {

struct MapPanelData;

/// Every value the Map tab knows of one point, as (name, value) rows: id, lon/lat, region, country, part,
/// true and predicted class, confidence, the dissimilarity index and whether the point is inside the run's
/// area of applicability, each class's probability and every feature value. Looks the country up (reads the
/// basemap once): call it off the GUI thread.
std::vector<std::pair<QString, QString>> pointDetails(const MapPanelData& data, std::int64_t row);

}  // namespace bridgelc
