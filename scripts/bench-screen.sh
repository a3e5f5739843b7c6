#!/usr/bin/env bash
# bench-screen.sh [RUNS]: the Yellow River screening (issue 7) on the large
# benchmark project: 500,000 features from gen_bench_geojson.py --seed 1,
# imported with `minerehab import`, plus a 300-vertex river 黄河 crossing
# the area from south to north. Prints the median wall time of
# `minerehab screen --json` (process start, open, screening, JSON output)
# and the in-process Go benchmark of the screening alone.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shared=${SHARED:-../shared}
dir=.bench
mkdir -p "$dir"
bin=$dir/screen-minerehab
GOFLAGS=-mod=mod go build -o "$bin" .
in=$dir/large.geojson
[[ -f $in ]] || python3 "$shared/tools/bench/gen_bench_geojson.py" --size large --seed 1 -o "$in"
river=$dir/screen-river.geojson
python3 - "$river" <<'PY'
import json, math, sys
n = 300  # vertices, meandering south to north through 106.6-107.1 E, 39.2-39.9 N
pts = [[round(106.82 + 0.03 * math.sin(f * 40) + 0.02 * f, 7), round(39.2 + 0.7 * f, 7)]
       for f in (i / (n - 1) for i in range(n))]
json.dump({"type": "FeatureCollection", "features": [{"type": "Feature",
    "properties": {"名称": "黄河", "feature_type": "river"},
    "geometry": {"type": "LineString", "coordinates": pts}}]}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
gpkg=$dir/screen-large.gpkg
if [[ ! -f $gpkg ]]; then
  "$bin" init "$gpkg" >/dev/null
  "$bin" import "$gpkg" --layer auto --quiet "$in"
fi
rivers=$("$bin" info "$gpkg" --json 2>/dev/null | python3 -c 'import json,sys; print([l["count"] for l in json.load(sys.stdin)["layers"] if l["name"] == "reference"][0])')
[[ $rivers -gt 0 ]] || "$bin" import "$gpkg" --layer reference --quiet "$river"
"$bin" info "$gpkg" 2>/dev/null
walls=(); cpus=()
for ((i = 0; i < runs; i++)); do
  /usr/bin/time -f '%e %U %S %M' -o "$dir/.screen-time" "$bin" screen "$gpkg" --rivers reference:黄河 --distance 3000 --json >"$dir/.screen-out.json" 2>/dev/null
  read -r w u sy m <"$dir/.screen-time"
  walls+=("$w"); cpus+=("$(echo "$u + $sy" | bc -l)")
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
hits=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["hits"]))' "$dir/.screen-out.json")
printf 'minerehab screen --distance 3000 --json (500k features, 300-vertex river)\tmedian wall %s s\tmedian cpu %s s\tmax RSS %s MiB\t%s hits\n' "$median" "$cpu" "$((m / 1024))" "$hits"
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
MINEREHAB_SCREEN_GPKG=$(pwd)/$gpkg GOFLAGS=-mod=mod go test -run '^$' -bench 'BenchmarkScreenStore' -benchtime 5x ./models/store/ | grep -E '^Benchmark' || true
rm -f "$dir/.screen-time" "$dir/.screen-out.json"
