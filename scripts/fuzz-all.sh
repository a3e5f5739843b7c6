#!/usr/bin/env bash
# fuzz-all.sh DURATION: run every Fuzz target in the module for DURATION each.
#
# Go's fuzzing engine can end a run with "context deadline exceeded" and no
# failing input when -fuzztime runs out while it is still minimising a new
# interesting input (a known engine issue, most often on a loaded machine).
# Such a run found nothing wrong, so it is run once more; a run that found a
# failure ("Failing input written to …") fails at once.
set -euo pipefail
t=${1:-10s}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for f in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    for try in 1 2; do
      echo "fuzz $pkg $f ($t)"
      if go test -run '^$' -fuzz "^$f\$" -fuzztime "$t" "$pkg" 2>&1 | tee "$out"; then
        break
      fi
      if [[ $try == 1 ]] && grep -q 'context deadline exceeded' "$out" && ! grep -q 'Failing input' "$out"; then
        echo "fuzz $pkg $f: the engine timed out without a failing input; running it again"
        continue
      fi
      exit 1
    done
  done
done
