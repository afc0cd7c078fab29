#include "ui/map/map_panel_details.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

#include "core/geo/regions.h"
#include "ui/map/country_lookup.h"
#include "ui/map/map_panel_data.h"

namespace bridgelc {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("bridgelc::MapPanel", text);
}

QString className(const MapPanelData& data, const std::vector<int>& classes, std::size_t row) {
    const int c = row < classes.size() ? classes[row] : -1;
    return c >= 0 && c < data.points.classNames.size() ? data.points.classNames[c] : QStringLiteral("–");
}

}  // namespace

std::vector<std::pair<QString, QString>> pointDetails(const MapPanelData& data, std::int64_t row) {
    std::vector<std::pair<QString, QString>> rows;
    if (!data.dataset || row < 0 || std::size_t(row) >= data.dataset->size()) return rows;
    const Dataset& dataset = *data.dataset;
    const std::size_t i = std::size_t(row);
    const QLocale locale;
    rows.emplace_back(tr("ID"), i < dataset.ids.size() ? QString::fromStdString(dataset.ids[i]) : QString());
    rows.emplace_back(tr("Row"), locale.toString(qlonglong(row)));
    rows.emplace_back(tr("Longitude"), QStringLiteral("%1°").arg(dataset.lon[i], 0, 'f', 5));
    rows.emplace_back(tr("Latitude"), QStringLiteral("%1°").arg(dataset.lat[i], 0, 'f', 5));
    const int region = i < dataset.region.size() ? dataset.region[i] : -1;
    const auto& regions = biogeographicalRegions();
    rows.emplace_back(tr("Region"),
                      region >= 0 && std::size_t(region) < regions.size()
                          ? QStringLiteral("%1 (%2)").arg(QString::fromStdString(regions[region].code),
                                                          QString::fromStdString(regions[region].name))
                          : tr("outside the regions"));
    QString country;
    if (data.points.projected.valid(i))
        country = countryAt(QPointF(data.points.projected.x[i], data.points.projected.y[i]));
    rows.emplace_back(tr("Country"), country.isEmpty() ? tr("not known") : country);
    rows.emplace_back(tr("Part"), data.hasParts() ? partName(data.partOf(i)) : tr("no run"));
    rows.emplace_back(tr("True class"), className(data, data.points.trueClass, i));
    rows.emplace_back(tr("Predicted class"), className(data, data.points.predictedClass, i));
    const float confidence = i < data.points.confidence.size() ? data.points.confidence[i] : std::nanf("");
    rows.emplace_back(tr("Confidence"), std::isnan(confidence) ? QStringLiteral("–")
                                                               : QString::number(double(confidence), 'f', 3));
    // "Area of applicability: outside (threshold 0.337)" fits the side panel's value column.
    const QString applicability = tr("Area of applicability");
    if (data.aoa) {
        const float di = dissimilarityOfRow(data, i);
        const QString threshold = QString::number(data.aoa->threshold(), 'f', 3);
        rows.emplace_back(tr("DI"), std::isnan(di) ? tr("not known (features missing)")
                                                   : QString::number(double(di), 'f', 3));
        if (!std::isnan(di))
            rows.emplace_back(applicability, data.aoa->inside(di)
                                                 ? tr("inside (threshold %1)").arg(threshold)
                                                 : tr("outside (threshold %1)").arg(threshold));
    } else {
        rows.emplace_back(applicability, tr("none for this run"));
    }
    const std::size_t classes = std::size_t(data.probabilityClasses.size());
    if (classes > 0 && data.probabilities.size() >= (i + 1) * classes)
        for (std::size_t c = 0; c < classes; ++c)
            rows.emplace_back(tr("P(%1)").arg(data.probabilityClasses[int(c)]),
                              QString::number(double(data.probabilities[i * classes + c]), 'f', 3));
    const float* features = dataset.row(i);
    for (std::size_t f = 0; f < dataset.featureCount(); ++f)
        rows.emplace_back(
            QString::fromStdString(dataset.featureNames[f]),
            std::isnan(features[f]) ? tr("missing") : QString::number(double(features[f]), 'g', 6));
    return rows;
}

}  // namespace bridgelc
