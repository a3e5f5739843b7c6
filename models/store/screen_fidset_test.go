package store

import (
	"math"
	"slices"
	"testing"
)

// fidSet keeps each fid once, whatever its value, and lists them sorted.
func TestFidSet(t *testing.T) {
	tests := []struct {
		name string
		add  []int64
		want []int64
	}{
		{"empty", nil, []int64{}},
		{"repeats", []int64{5, 5, 3, 5, 3}, []int64{3, 5}},
		{"word edges", []int64{64, 63, 0, 127, 128, 1}, []int64{0, 1, 63, 64, 127, 128}},
		{"sparse", []int64{200000, 7, 100000}, []int64{7, 100000, 200000}},
		{"negative and huge", []int64{-1, 1 << 40, 3, math.MinInt64, math.MaxInt64, -1, fidSetBits, fidSetBits - 1, fidSetBits},
			[]int64{math.MinInt64, -1, 3, fidSetBits - 1, fidSetBits, 1 << 40, math.MaxInt64}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var f fidSet
			seen := map[int64]bool{}
			for _, id := range tc.add {
				if got := f.add(id); got != !seen[id] {
					t.Errorf("add(%d) = %v, want %v", id, got, !seen[id])
				}
				seen[id] = true
			}
			if got := f.sorted(); !slices.Equal(got, tc.want) {
				t.Errorf("sorted() = %v, want %v", got, tc.want)
			}
		})
	}
}
