#!/usr/bin/env bash
# bench-startup.sh [RUNS]: the real program opened on the sample project in
# a real X server (Xvfb, software GL), timed from process start to the
# map's first frame (MINEREHAB_FIRST_FRAME=quit makes the window report it
# and quit). Warm: one unmeasured run first. Prints every run and the median.
set -euo pipefail
export GOAMD64=${GOAMD64:-v2} # as the Makefile builds (see there)
cd "$(dirname "$0")/.."
runs=${1:-5}
dir=.bench
mkdir -p "$dir"
export GOFLAGS=${GOFLAGS:--mod=mod}
bin=$(pwd)/$dir/minerehab-startup
go build -o "$bin" .
sample=$dir/startup-sample.gpkg
[[ -f $sample ]] || "$bin" sample "$sample" >/dev/null 2>&1
once() {
  LANGUAGE=zh_CN:en MINEREHAB_FIRST_FRAME=quit timeout 60 xvfb-run -a -s "-screen 0 1400x900x24" "$bin" "$sample" 2>&1 |
    sed -n 's/^first map frame after \([0-9.]*\) s$/\1/p'
}
once >/dev/null
times=()
for ((i = 0; i < runs; i++)); do
  t=$(once)
  [[ -n $t ]] || { echo "run $i: no frame reported" >&2; exit 1; }
  times+=("$t")
  printf 'run %d\t%s s\n' "$i" "$t"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{ m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "startup to first map frame (sample, warm, median of %d): %s s\n", NR, m }'
