#!/usr/bin/python3
"""Write a synthetic feature stack with a KNOWN land-cover map, to test and measure `bridgelc predict-raster`.

The stack is a tiled GeoTIFF in EPSG:3035 (100 m pixels by default) centred on the Dutch/German Wadden coast,
one Float32 band per feature of the built-in sample (band descriptions = feature names, written in REVERSE
order plus one unused band, so prediction must match bands by name, not position). Beside it, a Byte "truth"
GeoTIFF holds the class of every pixel with the codes, category names and colour table a prediction of the
built-in sample writes (LUCAS level-1 legend order A..H, 255 = no data), so the two compare value by value
and look alike in QGIS.

How pixels are made (seeded, deterministic):
* the class map: square patches of --patch pixels, each patch's class drawn with the class frequencies of the
  sample points of its biogeographical region (looked up in resources/regions/biogeoregions_10km_cells.csv);
* each land pixel's features: the features of a random sample point of the pixel's (class, region), or of its
  class anywhere when that group is empty - i.e. draws from the sample's per-class, per-region distribution;
* sea (outside resources/basemap/land-10m-europe.geojson) is no data in every band; one rectangle ("cloud") is
  no data in the Sentinel-2 bands only, so the output must also mask pixels where just some bands lack data.

Usage: /usr/bin/python3 scripts/make_synthetic_stack.py --size 512 --out stack.tif --truth truth.tif
Needs numpy and GDAL's Python bindings (Debian: python3-numpy, python3-gdal).
"""
import argparse
import csv
import os
import sys

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "resources", "sample", "eu27_synthetic_sample.csv")
CELLS = os.path.join(ROOT, "resources", "regions", "biogeoregions_10km_cells.csv")
LAND = os.path.join(ROOT, "resources", "basemap", "land-10m-europe.geojson")
META = {"POINT_ID", "lon", "lat", "region", "lc1_name", "lc1_code"}
NODATA = -9999.0
CENTRE = (4100000.0, 3360000.0)  # EPSG:3035 easting/northing near the Ems estuary: land, sea and islands
S2_PREFIXES = ("blue", "green", "R1", "R2", "R3")
# The level-1 classes in legend order (core/data/lucas_legend.cpp lucasLevel1Classes) and their colours
# (core/data/class_palette.cpp, the colour-safe default): predicted rasters use these codes and this colour table.
LEGEND = ["Artificial land", "Cropland", "Woodland", "Shrubland", "Grassland", "Bare land", "Water", "Wetland"]
LEGEND_RGB = [0xbc446c, 0xfff800, 0x07501e, 0x817712, 0x94b85b, 0xb2aaa3, 0x4390ed, 0x6a44ad]


def read_sample(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    features = [c for c in header if c not in META]
    index = {c: i for i, c in enumerate(header)}
    x = np.array([[float(r[index[c]]) for c in features] for r in rows[1:]], dtype=np.float32)
    classes = np.array([r[index["lc1_name"]] for r in rows[1:]])
    regions = np.array([r[index["region"]] for r in rows[1:]])
    return features, x, classes, regions


def read_cells(path):
    cells = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            cells[(int(row["e10km"]), int(row["n10km"]))] = row["region"]
    return cells


def land_mask(width, height, transform, srs):
    """1 on land, 0 at sea: the Natural Earth land polygons rasterised onto the stack's grid."""
    projected = gdal.VectorTranslate("/vsimem/land.gpkg", LAND, format="GPKG", dstSRS=srs.ExportToWkt(),
                                     spatFilter=bbox_wgs84(width, height, transform, srs))
    mask = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Byte)
    mask.SetGeoTransform(transform)
    mask.SetProjection(srs.ExportToWkt())
    gdal.Rasterize(mask, projected, burnValues=[1])
    projected = None
    gdal.Unlink("/vsimem/land.gpkg")
    return mask.GetRasterBand(1).ReadAsArray().astype(bool)


def bbox_wgs84(width, height, transform, srs):
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs = osr.CoordinateTransformation(srs, wgs84)
    xs = [transform[0], transform[0] + width * transform[1]]
    ys = [transform[3], transform[3] + height * transform[5]]
    corners = [to_wgs.TransformPoint(x, y)[:2] for x in xs for y in ys]
    lons, lats = zip(*corners)
    return (min(lons) - 0.5, min(lats) - 0.5, max(lons) + 0.5, max(lats) + 0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=512, help="width and height in pixels")
    parser.add_argument("--pixel", type=float, default=100.0, help="pixel size in metres")
    parser.add_argument("--patch", type=int, default=24, help="class patch size in pixels")
    parser.add_argument("--block", type=int, default=256, help="GeoTIFF tile size")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--out", required=True, help="the feature stack (.tif)")
    parser.add_argument("--truth", required=True, help="the known class map (.tif)")
    args = parser.parse_args()

    features, x, classes, regions = read_sample(SAMPLE)
    unknown = sorted(set(classes) - set(LEGEND))
    if unknown:
        sys.exit(f"{SAMPLE}: classes outside the LUCAS level-1 legend: {', '.join(unknown)}")
    class_names = LEGEND
    cells = read_cells(CELLS)
    rng = np.random.default_rng(args.seed)
    size, pixel = args.size, args.pixel
    left = CENTRE[0] - size * pixel / 2
    top = CENTRE[1] + size * pixel / 2
    transform = (left, pixel, 0.0, top, 0.0, -pixel)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3035)
    land = land_mask(size, size, transform, srs)

    # Class of every patch, drawn with the class shares of the patch centre's region.
    patches = (size + args.patch - 1) // args.patch
    patch_class = np.zeros((patches, patches), dtype=np.uint8)
    patch_region = np.empty((patches, patches), dtype=object)
    for py in range(patches):
        for px in range(patches):
            e = left + (px + 0.5) * args.patch * pixel
            n = top - (py + 0.5) * args.patch * pixel
            region = cells.get((int(e // 10000), int(n // 10000)), "")
            pool = classes[regions == region] if region else classes
            pool = pool if pool.size else classes
            patch_region[py, px] = region
            patch_class[py, px] = class_names.index(pool[rng.integers(pool.size)])
    truth = np.repeat(np.repeat(patch_class, args.patch, 0), args.patch, 1)[:size, :size]
    truth = np.where(land, truth, 255).astype(np.uint8)

    # Row indices of the sample per (class, region) group, falling back to the class anywhere.
    groups = {}
    for c, name in enumerate(class_names):
        for region in set(regions) | {""}:
            rows = np.flatnonzero((classes == name) & (regions == region))
            groups[(c, region)] = rows if rows.size else np.flatnonzero(classes == name)
    source = np.zeros((size, size), dtype=np.int64)
    for py in range(patches):
        for px in range(patches):
            ys = slice(py * args.patch, min(size, (py + 1) * args.patch))
            xs = slice(px * args.patch, min(size, (px + 1) * args.patch))
            rows = groups[(int(patch_class[py, px]), patch_region[py, px])]
            shape = (ys.stop - ys.start, xs.stop - xs.start)
            source[ys, xs] = rows[rng.integers(rows.size, size=shape)]

    cloud = np.zeros((size, size), dtype=bool)
    cloud[size // 2: size // 2 + max(4, size // 25), size // 3: size // 3 + max(6, size // 16)] = True

    order = list(reversed(features)) + ["unused_band"]
    driver = gdal.GetDriverByName("GTiff")
    stack = driver.Create(args.out, size, size, len(order), gdal.GDT_Float32,
                          ["TILED=YES", f"BLOCKXSIZE={args.block}", f"BLOCKYSIZE={args.block}",
                           "INTERLEAVE=PIXEL", "BIGTIFF=IF_SAFER"])
    stack.SetGeoTransform(transform)
    stack.SetProjection(srs.ExportToWkt())
    for b, name in enumerate(order):
        band = stack.GetRasterBand(b + 1)
        band.SetDescription(name)
        band.SetNoDataValue(NODATA)
        if name == "unused_band":
            values = rng.normal(size=(size, size)).astype(np.float32)
        else:
            values = x[source, features.index(name)]
            values[~land] = NODATA
            if name.startswith(S2_PREFIXES):
                values[cloud] = NODATA
        band.WriteArray(values)
        del values
    stack = None

    out = driver.Create(args.truth, size, size, 1, gdal.GDT_Byte, ["TILED=YES", "COMPRESS=DEFLATE"])
    out.SetGeoTransform(transform)
    out.SetProjection(srs.ExportToWkt())
    band = out.GetRasterBand(1)
    band.SetNoDataValue(255)
    band.SetCategoryNames(class_names)
    colours = gdal.ColorTable()
    for code, rgb in enumerate(LEGEND_RGB):
        colours.SetColorEntry(code, (rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, 255))
    colours.SetColorEntry(255, (0, 0, 0, 0))  # no data, transparent as in predictions
    band.SetColorInterpretation(gdal.GCI_PaletteIndex)
    band.SetColorTable(colours)
    band.SetDescription("class")
    band.WriteArray(truth)
    out = None
    print(f"wrote {args.out} ({size}x{size}, {len(order)} bands, {land.mean() * 100:.1f} % land) and {args.truth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
