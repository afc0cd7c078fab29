#pragma once
// The real LUCAS points as the map shows them, for the map tests and benchmark (read once per program).
#include <QFileInfo>
#include <memory>
#include <stdexcept>

#include "core/data/point_reader.h"
#include "ui/map/map_points_loader.h"

namespace bridgelc::test {

inline std::shared_ptr<const MapPoints> mapPointsOf(const QString& path) {
    LoadResult result = loadPoints(path.toStdString());
    if (!result.dataset) throw std::runtime_error(result.report.fatalMessage());
    return std::make_shared<const MapPoints>(
        mapPointsFromDataset(*result.dataset, QFileInfo(path).fileName()));
}

inline QString sharedData(const char* relative) {
    return QStringLiteral(BRIDGELC_SHARED_DATA_DIR "/") + QString::fromLatin1(relative);
}

}  // namespace bridgelc::test
