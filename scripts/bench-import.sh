#!/usr/bin/env bash
# bench-import.sh [SIZES] [RUNS]: minerehab's GeoJSON import against ogr2ogr's,
# side by side in one run, on the shared benchmark data (gen_bench_geojson.py).
# Prints one TSV line per command (median wall seconds, peak RSS, features/s)
# and the throughput ratio; then `info` on the imported project and the 2 km
# bbox query benchmark. Warm page cache, as in the reference script.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"medium large"}
runs=${2:-3}
shared=${SHARED:-../shared}
dir=.bench
mkdir -p "$dir"
bin=$(pwd)/minerehab
[[ -x $bin ]] || go build -o "$bin" .

median() { sort -n | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
# timeit PRE CMD...: runs CMD $runs times after PRE, sets WALL (median s) and RSS (max MiB)
timeit() {
  local pre=$1; shift
  local walls=() rss=0 w m
  for ((i = 0; i < runs; i++)); do
    eval "$pre"
    /usr/bin/time -f '%e %M' -o "$dir/.time" "$@" >/dev/null 2>"$dir/.err" || { cat "$dir/.err" >&2; return 1; }
    read -r w m <"$dir/.time"
    walls+=("$w"); ((m > rss)) && rss=$m
  done
  WALL=$(printf '%s\n' "${walls[@]}" | median); RSS=$((rss / 1024))
}

printf 'size\tcase\tmedian_wall_s\tmax_rss_MiB\tfeatures_per_s\n'
for size in $sizes; do
  in=$dir/$size.geojson
  [[ -f $in ]] || python3 "$shared/tools/bench/gen_bench_geojson.py" --size "$size" --seed 1 -o "$in"
  n=$(grep -c '"type":"Feature"' "$in" || true)
  timeit "rm -f $dir/$size.ogr.gpkg" ogr2ogr -f GPKG "$dir/$size.ogr.gpkg" "$in"
  ogr_wall=$WALL
  printf '%s\togr2ogr -f GPKG\t%s\t%s\t%.0f\n' "$size" "$WALL" "$RSS" "$(echo "$n / $WALL" | bc -l)"
  timeit "rm -f $dir/$size.gpkg*; $bin init $dir/$size.gpkg >/dev/null" "$bin" import "$dir/$size.gpkg" --layer auto --quiet "$in"
  printf '%s\tminerehab import --layer auto\t%s\t%s\t%.0f\n' "$size" "$WALL" "$RSS" "$(echo "$n / $WALL" | bc -l)"
  printf '%s\tthroughput ratio (minerehab / ogr2ogr)\t%.2fx\n' "$size" "$(echo "$ogr_wall / $WALL" | bc -l)"
  timeit ":" "$bin" info "$dir/$size.gpkg" --json
  printf '%s\tminerehab info --json\t%s\t%s\t-\n' "$size" "$WALL" "$RSS"
  layer=$(ogrinfo -ro -q "$dir/$size.ogr.gpkg" | awk -F": " 'NR==1{sub(/ \(.*/, "", $2); print $2}')
  timeit ":" ogrinfo -ro -so "$dir/$size.ogr.gpkg" "$layer"
  printf '%s\togrinfo -so (reference)\t%s\t%s\t-\n' "$size" "$WALL" "$RSS"
done
# the 2 km bbox query, as a Go benchmark on the largest project imported above
last=$(echo $sizes | awk '{print $NF}')
MINEREHAB_BENCH_GPKG=$(pwd)/$dir/$last.gpkg go test -run '^$' -bench 'BenchmarkBBoxQuery|BenchmarkInfo' -benchtime 200x ./models/store/ | grep -E '^Benchmark' || true
rm -f "$dir/.time" "$dir/.err"
