package geomcheck

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSortKeys(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	gens := map[string]func(i, n int) float64{
		"random":     func(i, n int) float64 { return float64(rnd.IntN(n + 1)) },
		"ascending":  func(i, n int) float64 { return float64(i) },
		"descending": func(i, n int) float64 { return float64(-i) },
		"runs":       func(i, n int) float64 { return float64((i * 7919) % 97) }, // sawtooth
		"wave":       func(i, n int) float64 { return float64(i%50) * float64(1-2*((i/50)%2)) },
		"constant":   func(i, n int) float64 { return 3 },
	}
	for name, gen := range gens {
		for _, n := range []int{0, 1, 2, 3, 17, 100, 1000, 5000} {
			keys := make([]sweepKey, n)
			for i := range keys {
				keys[i] = sweepKey{gen(i, n), int32(i)}
			}
			orig := slices.Clone(keys)
			sortKeys(keys)
			if !slices.IsSortedFunc(keys, func(a, b sweepKey) int {
				switch {
				case a.lo < b.lo:
					return -1
				case a.lo > b.lo:
					return 1
				}
				return 0
			}) {
				t.Fatalf("%s n=%d: not sorted", name, n)
			}
			seen := make([]bool, n)
			for _, k := range keys {
				if seen[k.id] || orig[k.id].lo != k.lo {
					t.Fatalf("%s n=%d: not a permutation", name, n)
				}
				seen[k.id] = true
			}
		}
	}
}
