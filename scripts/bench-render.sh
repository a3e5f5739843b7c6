#!/usr/bin/env bash
# bench-render.sh [SIZES] [RUNS]: minerehab's full-extent map render against
# QGIS's, side by side in one run, on the shared benchmark data
# (gen_bench_geojson.py --seed 1). For each size it prints QGIS's render
# time alone (qgis_render_anchor.py on the ogr2ogr copy of the GeoJSON, one
# line per CRS and job kind, median of RUNS), the whole `minerehab render
# P.gpkg -o map.png --size 1600x1000` process (median wall of RUNS, peak
# RSS), and the speed-up against each QGIS line; then the warm in-memory
# redraw benchmark (app.MapCache, BenchmarkWarmRedraw*), and for the large
# project the pan benchmark (BenchmarkPanLarge, 400 moves: work per mouse
# move, the frame after the mouse is let go and after it stops with the
# button held, five times each, and a frame from scratch) and the resident memory with the
# project open (BenchmarkOpenLargeRSS). Warm page cache.
# Projects are imported once and kept in .bench/ (render-SIZE.gpkg; made
# again when older than schema 5, which keeps the layer change tokens the
# render cache needs). The render cache lives in .bench/render-cache: the
# first `minerehab render` of a project writes it (timed on its own line,
# "cold"), the timed runs read it.
set -euo pipefail
export GOAMD64=${GOAMD64:-v2} # as the Makefile builds (see there)
cd "$(dirname "$0")/.."
sizes=${1:-"medium large"}
runs=${2:-5}
shared=${SHARED:-../shared}
dir=.bench
mkdir -p "$dir"
export GOFLAGS=${GOFLAGS:--mod=mod}
export MINEREHAB_RENDER_CACHE=$(pwd)/$dir/render-cache
bin=$(pwd)/$dir/minerehab-render
go build -o "$bin" .

# QGIS 3.22 from Debian, headless.
scripts/apt-ensure.sh qgis python3-qgis

median() { sort -n | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
# timeit CMD...: runs CMD $runs times, sets WALL (median s), CPU (median
# user+system s: steadier than wall on a shared machine) and RSS (max MiB)
timeit() {
  local walls=() cpus=() rss=0 w u s m
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$dir/.time" "$@" >/dev/null 2>"$dir/.err" || { cat "$dir/.err" >&2; return 1; }
    read -r w u s m <"$dir/.time"
    walls+=("$w"); cpus+=("$(echo "$u + $s" | bc -l)"); ((m > rss)) && rss=$m
  done
  WALL=$(printf '%s\n' "${walls[@]}" | median); CPU=$(printf '%s\n' "${cpus[@]}" | median); RSS=$((rss / 1024))
}

printf 'size\tcase\tmedian_s\tmax_rss_MiB\tnote\n'
for size in $sizes; do
  in=$dir/$size.geojson
  [[ -f $in ]] || python3 "$shared/tools/bench/gen_bench_geojson.py" --size "$size" --seed 1 -o "$in"
  proj=$dir/render-$size.gpkg
  if [[ -f $proj ]] && ! sqlite3 "$proj" "SELECT 1 FROM mr_layer_tokens LIMIT 1" >/dev/null 2>&1; then
    rm -f "$proj" # older than schema 5: import again
  fi
  if [[ ! -f $proj ]]; then
    rm -f "$proj.tmp"*
    "$bin" init "$proj.tmp" >/dev/null
    "$bin" import "$proj.tmp" --layer auto --quiet "$in" >/dev/null
    mv "$proj.tmp" "$proj"
  fi
  qgpkg=$dir/render-$size.ogr.gpkg # one mixed table, as the anchor expects
  [[ -f $qgpkg ]] || ogr2ogr -f GPKG "$qgpkg" "$in"

  # QGIS: the render alone, timed inside the anchor.
  qout=$dir/qgis-$size
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 "$shared/tools/bench/qgis_render_anchor.py" "$qgpkg" \
    --out "$qout" --runs "$runs" --no-pdf 2>/dev/null >"$dir/.qgis"
  qtimes=()
  while IFS=$'\t' read -r step med _ _; do
    [[ $step == png* ]] || continue
    printf '%s\tQGIS 3.22 %s (render alone)\t%s\t-\t%s\n' "$size" "$step" "$med" "$qout"
    qtimes+=("$med")
  done <"$dir/.qgis"

  # minerehab: the whole process, start to PNG on disk; first with the
  # render cache empty (the run writes it), then from it.
  out=$dir/render-$size.png
  rm -rf "$MINEREHAB_RENDER_CACHE"
  runs0=$runs
  runs=1
  timeit "$bin" render "$proj" -o "$out" --size 1600x1000
  printf '%s\tminerehab render, render cache cold (writes it)\t%s\t%s\tcpu %s s\n' "$size" "$WALL" "$RSS" "$CPU"
  runs=$runs0
  timeit "$bin" render "$proj" -o "$out" --size 1600x1000
  printf '%s\tminerehab render --size 1600x1000 (whole process)\t%s\t%s\tcpu %s s, %s\n' "$size" "$WALL" "$RSS" "$CPU" "$out"
  for q in "${qtimes[@]}"; do
    printf '%s\tspeed-up vs QGIS %s s\t%.1fx\t-\t-\n' "$size" "$q" "$(echo "$q / $WALL" | bc -l)"
  done
done

# The warm redraw from memory, as the window does it (app.MapCache).
benches=()
for size in $sizes; do
  case $size in medium) benches+=(Medium) ;; large) benches+=(Large) ;; esac
done
if ((${#benches[@]})); then
  pat=$(IFS='|'; echo "${benches[*]}")
  # Steady state, as a window redrawing all day: 20 redraws a run (the
  # first few grow the heap), 3 runs.
  go test -run '^$' -bench "BenchmarkWarmRedraw($pat)\$" -benchtime 20x -count 3 ./app/ | grep -E '^Benchmark' || true
fi
if [[ " $sizes " == *" large "* ]]; then
  go test -run '^$' -bench 'BenchmarkPanLarge' -benchtime 400x ./app/ | grep -E '^Benchmark' || true
  # Memory: each case in its own process, so the peak is the case's.
  rm -rf "$MINEREHAB_RENDER_CACHE"
  for c in cold warm; do
    go test -run '^$' -bench "BenchmarkOpenLargeRSS/$c" -benchtime 1x ./app/ | grep -E '^Benchmark' || true
  done
fi
rm -f "$dir/.time" "$dir/.err" "$dir/.qgis"
