package store

import (
	"context"
	"testing"

	"minerehab/models"
)

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	var fs []*models.Feature
	for i := 1; i <= 30; i++ {
		fs = append(fs, mine(i, 106.8+0.01*float64(i), 39.6))
	}
	odd := mine(99, 106.7, 39.5)
	odd.Attrs.Name = "100%_煤矿"
	fs = append(fs, odd)
	importAll(t, s, models.KeySpec{}, fs...)
	tests := []struct {
		text      string
		limit     int
		wantFirst string // name of the first hit
		wantN     int
	}{
		{"乌海市第3煤矿", 10, "乌海市第3煤矿", 1},
		{"第1", 50, "乌海市第1煤矿", 11}, // 1 and 10–19
		{"第3", 50, "乌海市第3煤矿", 2},
		{"C15030020100000007", 5, "乌海市第7煤矿", 1}, // whole licence
		{"c150300201", 5, "", 5},                // case-insensitive, limited
		{"%", 50, "100%_煤矿", 1},                 // LIKE wildcards are literal
		{"_", 50, "100%_煤矿", 1},
		{"没有这个", 10, "", 0},
		{"  ", 10, "", 0},
	}
	for _, tc := range tests {
		got, err := s.Search(ctx, tc.text, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.wantN {
			t.Errorf("%q: %d hits, want %d", tc.text, len(got), tc.wantN)
			continue
		}
		if tc.wantFirst != "" && got[0].Attrs.Name != tc.wantFirst {
			t.Errorf("%q: first hit %q, want %q", tc.text, got[0].Attrs.Name, tc.wantFirst)
		}
	}
}
