package app

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/image/font/opentype"

	"minerehab/gis/render"
	"minerehab/models"
)

func TestStyleFor(t *testing.T) {
	poly := orb.MultiPolygon{{{{106.8, 39.6}, {106.81, 39.6}, {106.81, 39.61}, {106.8, 39.6}}}}
	pt := orb.Point{106.8, 39.6}
	tests := []struct {
		name string
		f    models.Feature
		want render.Style
	}{
		{"mine", models.Feature{Layer: models.LayerMines, Geometry: poly}, styleMine},
		{"spoil heap", models.Feature{Layer: models.LayerSites, Attrs: models.Attrs{Kind: models.SiteSpoilHeap}}, styleSpoil},
		{"pit", models.Feature{Layer: models.LayerSites, Attrs: models.Attrs{Kind: models.SitePit}}, stylePit},
		{"gangue heap", models.Feature{Layer: models.LayerSites, Attrs: models.Attrs{Kind: models.SiteGangueHeap}}, styleGangue},
		{"waste yard", models.Feature{Layer: models.LayerSites, Attrs: models.Attrs{Kind: models.SiteWasteYard}}, styleWaste},
		{"other site", models.Feature{Layer: models.LayerSites, Attrs: models.Attrs{Kind: models.SiteOther}}, styleSite},
		{"site without kind", models.Feature{Layer: models.LayerSites}, styleSite},
		{"burning by status", models.Feature{Layer: models.LayerFirePoints, Geometry: pt, Attrs: models.Attrs{Status: "燃烧中"}}, styleBurning},
		{"extinguished by status", models.Feature{Layer: models.LayerFirePoints, Geometry: pt, Attrs: models.Attrs{Status: "已熄灭"}}, styleExtinguished},
		{"burning by property", models.Feature{Layer: models.LayerFirePoints, Props: []byte(`{"编号":"HD-1","状态":"燃烧中"}`)}, styleBurning},
		{"extinguished flag", models.Feature{Layer: models.LayerFirePoints, Props: []byte(`{"extinguished":true}`)}, styleExtinguished},
		{"not extinguished flag", models.Feature{Layer: models.LayerFirePoints, Props: []byte(`{"severity":"高","extinguished":false}`)}, styleBurning},
		{"fire, English status", models.Feature{Layer: models.LayerFirePoints, Props: []byte(`{"status":"Extinguished"}`)}, styleExtinguished},
		{"fire, status unknown", models.Feature{Layer: models.LayerFirePoints, Props: []byte(`{"状态":"待核实"}`)}, styleFireUnknown},
		{"fire, no properties", models.Feature{Layer: models.LayerFirePoints}, styleFireUnknown},
		{"fire, broken properties", models.Feature{Layer: models.LayerFirePoints, Props: []byte(`{"状态":`)}, styleFireUnknown},
		{"road", models.Feature{Layer: models.LayerRoads}, styleRoad},
		{"river", models.Feature{Layer: models.LayerReference, Attrs: models.Attrs{FeatureType: "river"}}, styleRiver},
		{"river in Chinese", models.Feature{Layer: models.LayerReference, Attrs: models.Attrs{FeatureType: "河流"}}, styleRiver},
		{"reserve", models.Feature{Layer: models.LayerReference, Attrs: models.Attrs{FeatureType: "自然保护区"}}, styleReserve},
		{"district", models.Feature{Layer: models.LayerReference, Attrs: models.Attrs{FeatureType: "District"}}, styleDistrict},
		{"other reference", models.Feature{Layer: models.LayerReference, Attrs: models.Attrs{FeatureType: "lake"}}, styleRefOther},
		{"zone", models.Feature{Layer: models.LayerZones}, styleZone},
		{"plan unit", models.Feature{Layer: models.LayerPlanUnits}, stylePlanUnit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := StyleFor(&tc.f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("StyleFor = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestSymbologyReadsAtAGlance checks the promises of the symbology: fire
// states differ in shape and fill, the reserve is hatched green, districts
// are dashed without fill, zones and plan units are see-through with bold
// outlines.
func TestSymbologyReadsAtAGlance(t *testing.T) {
	if styleBurning.PointShape == styleExtinguished.PointShape || styleBurning.Fill.A != 0xff || styleExtinguished.Fill.R != 0xff {
		t.Error("burning and extinguished fire points look alike")
	}
	if styleReserve.Hatch != render.HatchDiagonal || styleReserve.Stroke.G <= styleReserve.Stroke.R {
		t.Error("the reserve is not green-hatched")
	}
	if styleDistrict.Dash == nil || styleDistrict.Fill.A != 0 {
		t.Error("districts are not dashed outlines")
	}
	for _, s := range []render.Style{styleZone, stylePlanUnit} {
		if s.Fill.A == 0 || s.Fill.A > 0x80 || s.StrokeWidth < 2.5 {
			t.Errorf("zone style %+v is not semi-transparent with a bold outline", s)
		}
	}
	if styleRiver.Stroke.B <= styleRiver.Stroke.R {
		t.Error("rivers are not blue")
	}
}

// TestFireStatesOfSample: every fire point of the sample has a state the
// map can show, read from its 状态 property, and both states occur.
func TestFireStatesOfSample(t *testing.T) {
	st := sampleProject(t)
	count := map[FireState]int{}
	err := st.Features(context.Background(), models.LayerFirePoints, nil, func(f *models.Feature) error {
		s := FireStateOf(f)
		count[s]++
		want := FireUnknown
		switch {
		case strings.Contains(string(f.Props), `"状态":"燃烧中"`):
			want = FireBurning
		case strings.Contains(string(f.Props), `"状态":"已熄灭"`):
			want = FireExtinguished
		}
		if s != want {
			t.Errorf("fire point %d (%s): state %d, want %d", f.ID, f.Props, s, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count[FireBurning] == 0 || count[FireExtinguished] == 0 || count[FireUnknown] != 0 {
		t.Errorf("states of the sample's fire points: %v", count)
	}
}

func TestLabelFor(t *testing.T) {
	tests := []struct {
		f    models.Feature
		want string
	}{
		{models.Feature{Layer: models.LayerMines, Attrs: models.Attrs{Name: "海南区赛汗乌素煤矿", District: "海南区"}}, "赛汗乌素煤矿"},
		{models.Feature{Layer: models.LayerMines, Attrs: models.Attrs{Name: "乌达区五虎山煤矿", District: "海勃湾区"}}, "乌达区五虎山煤矿"},
		{models.Feature{Layer: models.LayerMines, Attrs: models.Attrs{Name: "海南区", District: "海南区"}}, "海南区"},
		{models.Feature{Layer: models.LayerMines, Attrs: models.Attrs{Name: " Mine A "}}, "Mine A"},
		{models.Feature{Layer: models.LayerMines}, ""},
		{models.Feature{Layer: models.LayerSites, Attrs: models.Attrs{Name: "1号排土场"}}, ""},
	}
	for _, tc := range tests {
		if got := LabelFor(&tc.f); got != tc.want {
			t.Errorf("LabelFor(%+v) = %q, want %q", tc.f.Attrs, got, tc.want)
		}
	}
}

func TestLabelStyleFor(t *testing.T) {
	f := &opentype.Font{}
	if LabelStyleFor(models.LayerMines, nil, 1) != nil {
		t.Error("a label style without a font")
	}
	if LabelStyleFor(models.LayerSites, f, 1) != nil {
		t.Error("sites are labelled")
	}
	s := LabelStyleFor(models.LayerMines, f, 2)
	if s == nil || s.Font != f || s.Size != 2*mineLabelSize || s.Halo.A == 0 {
		t.Errorf("mine label style at ratio 2: %+v", s)
	}
}

func TestScaleStyle(t *testing.T) {
	got := scaleStyle(styleDistrict, 2)
	if got.StrokeWidth != 2*styleDistrict.StrokeWidth || got.Dash[0] != 2*styleDistrict.Dash[0] {
		t.Errorf("scaled district style %+v", got)
	}
	if styleDistrict.Dash[0] != districtDash[0] || &got.Dash[0] == &styleDistrict.Dash[0] {
		t.Error("scaling changed the shared dash pattern")
	}
	if s := scaleStyle(styleReserve, 1); !reflect.DeepEqual(s, styleReserve) {
		t.Error("ratio 1 changed the style")
	}
}
