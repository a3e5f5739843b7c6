package models

import (
	"math"
	"testing"
)

func TestStatusOn(t *testing.T) {
	h := []StatusRecord{
		{ID: 3, Date: MustDate("2022-06-01"), Status: StatusClosed},
		{ID: 1, Date: MustDate("2021-05-01"), Status: StatusSuspended},
		{ID: 2, Date: MustDate("2021-05-01"), Status: StatusProducing}, // same day, entered later: wins
	}
	SortStatus(h)
	tests := []struct {
		d    string
		want MineStatus
	}{
		{"2021-04-30", StatusConstruction}, // before any record: the layer's status
		{"2021-05-01", StatusProducing},    // on the record's day
		{"2022-05-31", StatusProducing},
		{"2022-06-01", StatusClosed},
		{"2030-01-01", StatusClosed},
	}
	for _, tc := range tests {
		if got := StatusOn(StatusConstruction, h, MustDate(tc.d)); got != tc.want {
			t.Errorf("StatusOn(%s) = %s, want %s", tc.d, got, tc.want)
		}
	}
	if got := StatusOn(StatusAbandoned, nil, MustDate("2023-01-01")); got != StatusAbandoned {
		t.Errorf("no records: %s", got)
	}
	if got := StatusOn("", nil, MustDate("2023-01-01")); Counted(got) {
		t.Error("a mine with no status at all is counted")
	}
}

func TestCounted(t *testing.T) {
	want := map[MineStatus]bool{StatusProducing: true, StatusSuspended: true, StatusConstruction: true, StatusClosed: false, StatusAbandoned: false, "": false}
	for s, w := range want {
		if Counted(s) != w {
			t.Errorf("Counted(%q) = %v", s, !w)
		}
	}
}

func TestGreenOn(t *testing.T) {
	nan := math.NaN()
	h := []GreenRecord{
		{ID: 1, Date: MustDate("2021-06-01"), State: GreenBuilding, Score: nan},
		{ID: 2, Date: MustDate("2022-03-01"), State: GreenApplied, Score: nan},
		{ID: 3, Date: MustDate("2022-09-30"), State: GreenListed, Level: LevelRegional, Score: 856},
		{ID: 4, Date: MustDate("2023-05-01"), State: GreenRectifying, Score: nan},
		{ID: 5, Date: MustDate("2024-01-01"), State: GreenDelisted, Score: nan},
	}
	SortGreen(h)
	tests := []struct {
		d    string
		want bool
	}{
		{"2021-01-01", false}, // no record yet
		{"2021-06-01", false}, // building
		{"2022-09-29", false}, // applied
		{"2022-09-30", true},  // listed on the day
		{"2023-05-01", true},  // rectifying still counts
		{"2023-12-31", true},  // the deadline day
		{"2024-01-01", false}, // delisted the day after
	}
	for _, tc := range tests {
		if got := GreenOn(h, MustDate(tc.d)); got != tc.want {
			t.Errorf("GreenOn(%s) = %v, want %v", tc.d, got, tc.want)
		}
	}
	if GreenOn(nil, MustDate("2023-01-01")) {
		t.Error("no records is green")
	}
	if !h[2].HasScore() || h[0].HasScore() {
		t.Error("HasScore")
	}
}

func TestParseStates(t *testing.T) {
	for in, want := range map[string]GreenState{"已入库": GreenListed, "Listed": GreenListed, "整改中": GreenRectifying, "创建中": GreenBuilding, "已申报": GreenApplied, "已移出": GreenDelisted} {
		if got, ok := ParseGreenState(in); !ok || got != want {
			t.Errorf("ParseGreenState(%q) = %q %v", in, got, ok)
		}
	}
	if _, ok := ParseGreenState("green"); ok {
		t.Error("accepted green")
	}
	for in, want := range map[string]GreenLevel{"国家级": LevelNational, "自治区级": LevelRegional, "": LevelNone, "national": LevelNational} {
		if got, ok := ParseGreenLevel(in); !ok || got != want {
			t.Errorf("ParseGreenLevel(%q) = %q %v", in, got, ok)
		}
	}
}
