// A land-cover raster shown on the map comes back after a restart, unless it was taken off the map or its
// file is gone; and an exported map page lists the raster's classes in its legend.
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QFile>

#include "tests/ui/ui_test_support.h"
#include "ui/map/map_export_page.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/raster_layer.h"
#include "ui/map/raster_source.h"
#include "ui/window/main_window.h"

namespace bridgelc {

class TestRasterRestore : public QObject {
    Q_OBJECT
    QString m_path;

    static std::vector<RasterLayer*> rasters(MainWindow& window) {
        std::vector<RasterLayer*> out;
        for (MapLayer* layer : window.mapPanel()->mapView()->renderer()->layers())
            if (auto* raster = qobject_cast<RasterLayer*>(layer)) out.push_back(raster);
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        // 20 x 10 pixels of 1 km in EPSG:3035 over Germany: two classes with names and colours.
        m_path = test::testHome().path() + QStringLiteral("/landcover.tif");
        GDALAllRegister();
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            m_path.toUtf8().constData(), 20, 10, 1, GDT_Byte, nullptr);
        double transform[6] = {4.2e6, 1000, 0, 3.0e6, 0, -1000};
        ds->SetGeoTransform(transform);
        OGRSpatialReference laea;
        laea.importFromEPSG(3035);
        ds->SetSpatialRef(&laea);
        GDALColorTable table;
        const GDALColorEntry red{220, 30, 30, 255}, green{30, 140, 60, 255};
        table.SetColorEntry(0, &red);
        table.SetColorEntry(1, &green);
        ds->GetRasterBand(1)->SetColorTable(&table);
        const char* names[] = {"Artificial land", "Woodland", nullptr};
        ds->GetRasterBand(1)->SetCategoryNames(const_cast<char**>(names));
        std::vector<unsigned char> values(200);
        for (int i = 0; i < 200; ++i)
            values[std::size_t(i)] = (i % 20) < 10 ? 0 : 1;
        QCOMPARE(
            ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 20, 10, values.data(), 20, 10, GDT_Byte, 0, 0),
            CE_None);
        GDALClose(ds);
    }

    void aRasterComesBackAfterARestart() {
        {
            MainWindow window;
            QVERIFY(rasters(window).empty());
            QVERIFY(window.addRaster(m_path));
            QCOMPARE(rasters(window).size(), std::size_t(1));
        }  // quit
        MainWindow window;
        const auto restored = rasters(window);
        QCOMPARE(restored.size(), std::size_t(1));
        QCOMPARE(QFileInfo(restored.front()->source().path()), QFileInfo(m_path));

        // The exported page's legend lists the raster's classes under its file name.
        MapPage page(window.mapPanel()->mapView()->renderer(), QStringLiteral("title"));
        bool found = false;
        for (const MapPage::LegendSection& section : page.legendSections())
            if (section.heading == QStringLiteral("landcover.tif")) {
                found = true;
                QCOMPARE(int(section.entries.size()), 2);
                QCOMPARE(section.entries[1].label, QStringLiteral("Woodland"));
                QCOMPARE(section.entries[1].color, QColor(30, 140, 60));
            }
        QVERIFY(found);

        // Taken off the map: forgotten.
        delete restored.front();
    }

    void aRasterTakenOffTheMapOrDeletedStaysAway() {
        {
            MainWindow window;
            QVERIFY(rasters(window).empty());  // removed in the previous test
            QVERIFY(window.addRaster(m_path));
        }
        const QString moved = m_path + QStringLiteral(".moved");
        QVERIFY(QFile::rename(m_path, moved));
        {
            MainWindow window;  // the file is gone: nothing to show, no error box
            QVERIFY(rasters(window).empty());
        }
        QVERIFY(QFile::rename(moved, m_path));
        MainWindow window;  // and it was dropped from the list
        QVERIFY(rasters(window).empty());
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestRasterRestore)
#include "test_raster_restore.moc"
