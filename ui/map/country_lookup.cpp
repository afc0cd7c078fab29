#include "ui/map/country_lookup.h"

#include <QPainterPath>
#include <atomic>
#include <mutex>
#include <vector>

#include "core/util/resources.h"
#include "ui/map/ogr_shapes.h"

namespace bridgelc {

namespace {

struct Country {
    QString name;
    QPainterPath path;
    QRectF bounds;
};

std::atomic<bool> loaded{false};

const std::vector<Country>& countries() {
    static std::vector<Country> all;
    static std::once_flag once;
    std::call_once(once, [] {
        const QString path = QString::fromStdString(resourcePath("basemap/countries-10m-europe.geojson"));
        try {
            for (OgrShape& shape : readProjectedShapes(path, {QStringLiteral("name")}))
                all.push_back({shape.values.value(0), shape.path, shape.path.boundingRect()});
        } catch (const std::exception&) {
            all.clear();  // no basemap: countries are simply not known
        }
        loaded = true;
    });
    return all;
}

}  // namespace

bool countriesLoaded() {
    return loaded.load();
}

QString countryAt(QPointF projected) {
    for (const Country& country : countries())
        if (country.bounds.contains(projected) && country.path.contains(projected)) return country.name;
    return {};
}

}  // namespace bridgelc
