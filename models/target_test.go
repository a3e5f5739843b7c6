package models

import (
	"math"
	"testing"
)

func TestRequiredAndNeeded(t *testing.T) {
	tests := []struct {
		name                     string
		rate                     float64
		min, counted, green      int
		wantRequired, wantNeeded int
	}{
		{"exactly 47.6% of 500 is 238, not 239", 0.476, 0, 500, 0, 238, 238},
		{"47.6% of 500 with 238 green is met", 0.476, 0, 500, 238, 238, 0},
		{"47.6% of 1000 is 476", 0.476, 0, 1000, 470, 476, 6},
		{"ceiling: 47.6% of 52 = 24.752 → 25", 0.476, 0, 52, 20, 25, 5},
		{"ceiling: 47.6% of 53 = 25.228 → 26", 0.476, 0, 53, 25, 26, 1},
		{"47.6% of 1 → 1", 0.476, 0, 1, 0, 1, 1},
		{"nothing counted", 0.476, 0, 0, 0, 0, 0},
		{"more green than needed", 0.476, 0, 10, 9, 5, 0},
		{"100% of 37", 1.0, 0, 37, 30, 37, 7},
		{"min count dominates", 0.476, 25, 40, 10, 20, 15},
		{"rate dominates min count", 0.476, 25, 60, 10, 29, 19},
		{"min count met, rate not", 0.476, 5, 60, 10, 29, 19},
		{"0.1 × 30 = 3 exactly (float gives 3.0000000000000004)", 0.1, 0, 30, 0, 3, 3},
		{"0.7 × 10 = 7 exactly", 0.7, 0, 10, 7, 7, 0},
	}
	for _, tc := range tests {
		if got := Required(tc.rate, tc.counted); got != tc.wantRequired && tc.min == 0 {
			t.Errorf("%s: Required = %d, want %d", tc.name, got, tc.wantRequired)
		}
		if got := Needed(tc.rate, tc.min, tc.counted, tc.green); got != tc.wantNeeded {
			t.Errorf("%s: Needed = %d, want %d", tc.name, got, tc.wantNeeded)
		}
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64 // NaN = refused
	}{
		{"0.476", 0.476}, {"47.6%", 0.476}, {"47.6％", 0.476}, {"1", 1}, {"100%", 1},
		{"0", math.NaN()}, {"-0.1", math.NaN()}, {"1.2", math.NaN()}, {"abc", math.NaN()}, {"NaN", math.NaN()}, {"", math.NaN()},
		{"0.0000001", math.NaN()},
	}
	for _, tc := range tests {
		got, err := ParseRate(tc.in)
		if math.IsNaN(tc.want) {
			if err == nil {
				t.Errorf("ParseRate(%q) = %v, want refusal", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestDaysLeftAndTrend(t *testing.T) {
	dl := MustDate("2023-12-31")
	for _, tc := range []struct {
		d    string
		want int
	}{{"2023-12-31", 0}, {"2023-12-30", 1}, {"2024-01-01", -1}, {"2023-01-01", 364}} {
		if got := DaysLeft(MustDate(tc.d), dl); got != tc.want {
			t.Errorf("DaysLeft(%s) = %d, want %d", tc.d, got, tc.want)
		}
	}
	d := MustDate("2023-06-15")
	tests := []struct {
		needed, gained, window int
		want                   string
	}{
		{0, 0, 365, "2023-06-15"},   // met: today
		{5, 0, 365, ""},             // no pace: never
		{5, -2, 365, ""},            // losing mines: never
		{5, 10, 365, "2023-12-15"},  // ⌈5×365/10⌉ = 183 days (182.5 rounded up)
		{1, 365, 365, "2023-06-16"}, // one a day: tomorrow
		{3, 2, 365, "2024-12-14"},   // ⌈3×365/2⌉ = 548 days: 366 to 2024-06-15, then 182
	}
	for _, tc := range tests {
		got := TrendDate(d, tc.needed, tc.gained, tc.window)
		if got.String() != tc.want {
			t.Errorf("TrendDate(%d,%d,%d) = %q, want %q", tc.needed, tc.gained, tc.window, got, tc.want)
		}
	}
}
