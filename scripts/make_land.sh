#!/bin/sh
# Rebuilds resources/basemap/land-{50m,10m}-europe.geojson as the dissolved union of the Natural Earth
# countries beside them (GDAL's SQLite dialect with SpatiaLite/GEOS). The land files cut from Natural Earth's
# own land layer carried self-intersecting rings from their clipping (edges running back and forth between
# 0E and 45E), which GEOS reports as invalid and no fill rule draws right; the union of the countries is valid
# and has the same coastline as the basemap. Coordinates keep 6 decimals: 5 made a few 1:10m rings touch.
set -eu
dir="$(cd "$(dirname "$0")/../resources/basemap" && pwd)"
for scale in 50m 10m; do
  out="$dir/land-$scale-europe.geojson"
  tmp="$(mktemp -d)"
  ogr2ogr -f GeoJSON -lco COORDINATE_PRECISION=6 -nln "land-$scale-europe" -nlt MULTIPOLYGON \
    -dialect sqlite \
    -sql "SELECT ST_Union(ST_CollectionExtract(ST_MakeValid(geometry), 3)) AS geometry, 'land' AS kind FROM \"countries-$scale-europe\"" \
    "$tmp/land.geojson" "$dir/countries-$scale-europe.geojson" 2>/dev/null
  valid="$(ogrinfo -ro -q -dialect sqlite -sql "SELECT ST_IsValid(geometry) AS valid FROM \"land-$scale-europe\"" "$tmp/land.geojson" | sed -n 's/.*valid (Integer) = //p')"
  if [ "$valid" != "1" ]; then
    echo "make_land.sh: the union of $dir/countries-$scale-europe.geojson is not a valid geometry" >&2
    rm -rf "$tmp"
    exit 1
  fi
  mv "$tmp/land.geojson" "$out"
  rm -rf "$tmp"
  echo "wrote $out"
done
