#!/usr/bin/env bash
# fuzz-all.sh DURATION: run every Fuzz target in the module for DURATION each.
#
# Go's fuzzing engine can end a run with "context deadline exceeded" and no
# failing input when -fuzztime runs out while a worker is still busy (a known
# engine issue, most often on a loaded machine; it ended a CI run twice in a
# row for one target). Such a run found nothing wrong, so it is run again by
# a count of executions instead of a time (COUNT, default 20000x), which
# sets no deadline; a run that found a failure ("Failing input written to
# …") fails at once.
set -euo pipefail
t=${1:-10s}
count=${2:-20000x}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for f in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    for try in 1 2; do
      limit=$t
      [[ $try == 2 ]] && limit=$count
      echo "fuzz $pkg $f ($limit)"
      if go test -run '^$' -fuzz "^$f\$" -fuzztime "$limit" "$pkg" 2>&1 | tee "$out"; then
        break
      fi
      if [[ $try == 1 ]] && grep -q 'context deadline exceeded' "$out" && ! grep -q 'Failing input' "$out"; then
        echo "fuzz $pkg $f: the engine timed out without a failing input; running it again for $count executions"
        continue
      fi
      exit 1
    done
  done
done
