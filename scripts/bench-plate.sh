#!/usr/bin/env bash
# bench-plate.sh [SIZE] [RUNS]: `minerehab plate` against QGIS's layout
# export, side by side in one run, on the shared benchmark data
# (gen_bench_geojson.py): an A3 landscape plate of the whole SIZE
# (default medium) project at 300 dpi. Prints one TSV line per case (median
# wall seconds of the whole process, peak RSS, file size) and the ratios,
# then the atlas of every mine of the bundled sample. QGIS's time is its
# own measurement of exportToPdf (it excludes Python/QGIS start-up and
# project loading, which favours QGIS); minerehab's is the whole process.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-medium}
runs=${2:-3}
shared=${SHARED:-../shared}
dir=.bench
mkdir -p "$dir/plate"
bin=$(pwd)/minerehab
GOFLAGS=-mod=mod go build -o "$bin" .

median() { sort -n | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
# timeit CMD...: runs CMD $runs times, sets WALL (median s) and RSS (max MiB)
timeit() {
  local walls=() rss=0 w m
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %M' -o "$dir/.time" "$@" >/dev/null 2>"$dir/.err" || { cat "$dir/.err" >&2; return 1; }
    read -r w m <"$dir/.time"
    walls+=("$w"); ((m > rss)) && rss=$m
  done
  WALL=$(printf '%s\n' "${walls[@]}" | median); RSS=$((rss / 1024))
}
mib() { echo "scale=2; $(stat -c %s "$1") / 1048576" | bc; }

# Data: the GeoJSON, minerehab's project, and ogr2ogr's GeoPackage for QGIS.
in=$dir/$size.geojson
[[ -f $in ]] || python3 "$shared/tools/bench/gen_bench_geojson.py" --size "$size" --seed 1 -o "$in"
proj=$dir/$size.gpkg
if [[ ! -f $proj ]]; then
  "$bin" init "$proj" >/dev/null
  "$bin" import "$proj" --layer auto --quiet "$in"
fi
ogr=$dir/$size.ogr.gpkg
[[ -f $ogr ]] || ogr2ogr -f GPKG "$ogr" "$in"
scripts/apt-ensure.sh qgis python3-qgis

printf 'size\tcase\tmedian_wall_s\tmax_rss_MiB\tfile_MiB\n'
# QGIS: its own medians, A3 landscape, 300 dpi vector export.
QT_QPA_PLATFORM=offscreen /usr/bin/time -f '%e %M' -o "$dir/.time" /usr/bin/python3 \
  "$shared/tools/bench/qgis_render_anchor.py" "$ogr" --out "$dir/plate/qgis" --runs "$runs" \
  --job parallel --crs EPSG:32648 >"$dir/plate/qgis.log" 2>"$dir/.err" || { cat "$dir/.err" >&2; exit 1; }
read -r qproc qrss <"$dir/.time"
qpdf=$dir/plate/qgis/$(basename "$ogr" .gpkg)_A3.pdf
qwall=$(awk -F'\t' '/^pdf A3/{print $2}' "$dir/plate/qgis.log")
printf '%s\tQGIS layout exportToPdf (A3, 300 dpi; export only)\t%s\t%s\t%s\n' "$size" "$qwall" "$((qrss / 1024))" "$(mib "$qpdf")"
printf '%s\tQGIS whole script (load, 1 PNG, PDF; %s runs each)\t%s\t-\t-\n' "$size" "$runs" "$qproc"

out=$dir/plate/$size-A3.pdf
timeit "$bin" plate "$proj" --template status --extent all --paper A3 --orientation landscape --date 2026-05-01 -o "$out"
printf '%s\tminerehab plate (A3 PDF, whole process)\t%s\t%s\t%s\n' "$size" "$WALL" "$RSS" "$(mib "$out")"
printf '%s\tspeed-up (QGIS export / minerehab process)\t%.1fx\n' "$size" "$(echo "$qwall / $WALL" | bc -l)"
printf '%s\tsize ratio (minerehab / QGIS)\t1/%.1f\n' "$size" "$(echo "$(stat -c %s "$qpdf") / $(stat -c %s "$out")" | bc -l)"

# Atlas: one page per mine of the bundled sample.
rm -f "$dir/plate/sample.gpkg"
"$bin" sample --quiet "$dir/plate/sample.gpkg" >/dev/null
atlas=$dir/plate/sample-atlas.pdf
timeit "$bin" plate "$dir/plate/sample.gpkg" --atlas mines --template plan --date 2026-05-01 -o "$atlas"
pages=$(pdfinfo "$atlas" | awk '/^Pages:/{print $2}')
printf 'sample\tminerehab plate --atlas mines (%s pages, whole process)\t%s\t%s\t%s\n' "$pages" "$WALL" "$RSS" "$(mib "$atlas")"
rm -f "$dir/.time" "$dir/.err"
