#pragma once
#include <QPointF>
#include <QString>

namespace bridgelc {

/// Name of the Natural Earth country (1:10m) that contains an EPSG:3035 point, or an empty string (sea, or
/// outside the basemap's clip). The first call reads and projects the countries (about a third of a second):
/// call it off the GUI thread. Thread-safe.
QString countryAt(QPointF projected);
/// True once countryAt() answers at once (the countries are read): the GUI thread may then call it.
bool countriesLoaded();

}  // namespace bridgelc
