package models

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestParseRiverRef(t *testing.T) {
	tests := []struct {
		in   string
		want RiverRef
		code string
	}{
		{"reference:黄河", RiverRef{LayerReference, "黄河"}, ""},
		{" reference : 都思兔河 ", RiverRef{LayerReference, "都思兔河"}, ""},
		{"roads", RiverRef{LayerRoads, ""}, ""},
		{"reference:a:b", RiverRef{LayerReference, "a:b"}, ""},
		{"rivers:黄河", RiverRef{}, CodeScreenUnknownLayer},
		{"", RiverRef{}, CodeScreenUnknownLayer},
	}
	for _, tc := range tests {
		got, err := ParseRiverRef(tc.in)
		var se *ScreenError
		switch {
		case tc.code != "" && (!errors.As(err, &se) || se.Code != tc.code):
			t.Errorf("%q: error %v, want %s", tc.in, err, tc.code)
		case tc.code == "" && (err != nil || got != tc.want):
			t.Errorf("%q: %+v %v", tc.in, got, err)
		}
	}
}

func TestScreenParamsValidate(t *testing.T) {
	ok := ScreenParams{DistanceM: 3000}.WithDefaults()
	if err := ok.Validate(); err != nil || len(ok.Rivers) != 2 || len(ok.Layers) != 3 {
		t.Fatalf("defaults %+v: %v", ok, err)
	}
	for _, d := range []float64{0, -1, math.NaN(), math.Inf(1), 1e9, MaxScreenDistanceM + 1} {
		p := ok
		p.DistanceM = d
		var se *ScreenError
		if err := p.Validate(); !errors.As(err, &se) || se.Code != CodeScreenBadDistance {
			t.Errorf("%g m: %v", d, err)
		}
	}
	p := ok
	p.DistanceM = MaxScreenDistanceM
	if err := p.Validate(); err != nil {
		t.Errorf("the maximum itself: %v", err)
	}
	p.Layers = []string{"wells"}
	if err := p.Validate(); err == nil {
		t.Error("unknown layer accepted")
	}
}

func TestSortHits(t *testing.T) {
	h := []ScreenHit{
		{Layer: LayerFirePoints, ID: 1, DistanceM: 0},
		{Layer: LayerSites, ID: 2, DistanceM: 10},
		{Layer: LayerMines, ID: 9, DistanceM: 0},
		{Layer: LayerMines, ID: 3, DistanceM: 0},
	}
	SortHits(h)
	want := []int64{3, 9, 1, 2}
	for i, w := range want {
		if h[i].ID != w {
			t.Fatalf("order %+v", h)
		}
	}
}

func TestSurveyValidateAndHash(t *testing.T) {
	a := &Survey{Geometry: orb.Point{106.8, 39.5}, Surveyors: []string{"张三"}, Hazards: []Hazard{HazardDust, HazardWater}, Priority: 2}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	b := *a
	b.UID, b.Hazards = "other-uid", []Hazard{HazardWater, HazardDust}
	if a.ContentHash(nil) != b.ContentHash(nil) {
		t.Error("hash depends on the UID or the order of hazards")
	}
	b.Notes = "x"
	if a.ContentHash(nil) == b.ContentHash(nil) {
		t.Error("hash ignores the notes")
	}
	if a.ContentHash([]byte{1}) == a.ContentHash([]byte{2}) {
		t.Error("hash ignores the geometry")
	}
	poly := &Survey{Geometry: orb.Polygon{{{1, 1}, {2, 1}, {2, 2}, {1, 1}}}}
	if err := poly.Validate(); err != nil {
		t.Errorf("polygon: %v", err)
	}
	for _, bad := range []*Survey{
		{},
		{Geometry: orb.Polygon{{{1, 1}, {2, 1}}}},
		{Geometry: orb.MultiPolygon{}},
		{Geometry: orb.Point{math.NaN(), 1}},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestIsReserve(t *testing.T) {
	for v, want := range map[string]bool{"reserve": true, "自然保护区": true, " Reserve ": true, "river": false, "": false, "district": false} {
		if IsReserve(Attrs{FeatureType: v}) != want {
			t.Errorf("%q", v)
		}
	}
}
