package app

import (
	"image/color"
	"slices"
	"testing"

	"minerehab/models"
)

func TestLayerOrder(t *testing.T) {
	var def []string
	for _, l := range models.Layers {
		def = append(def, l.Name)
	}
	if got := LayerOrder(nil); !slices.Equal(got, def) {
		t.Errorf("default order %v", got)
	}
	// Zones raised above everything.
	got := LayerOrder([]models.LayerStyle{{Layer: models.LayerZones, Order: 100}})
	if got[len(got)-1] != models.LayerZones || len(got) != len(def) {
		t.Errorf("zones on top: %v", got)
	}
	// Mines sent to the bottom.
	got = LayerOrder([]models.LayerStyle{{Layer: models.LayerMines, Order: -1}})
	if got[0] != models.LayerMines {
		t.Errorf("mines at the bottom: %v", got)
	}
}

func TestStyledStyleAndLabel(t *testing.T) {
	mine := &models.Feature{Layer: models.LayerMines, Attrs: models.Attrs{Name: "海南区甲矿", District: "海南区", Licence: "C1"}}
	red := color.NRGBA{255, 0, 0, 255}
	s := StyledStyle(mine, models.LayerStyle{Layer: models.LayerMines, Stroke: &red, StrokePx: 4})
	if s.Stroke != red || s.StrokeWidth != 4 || s.Fill != StyleFor(mine).Fill {
		t.Errorf("styled %+v", s)
	}
	lic, none := "licence", ""
	tests := []struct {
		ls   models.LayerStyle
		want string
	}{
		{models.LayerStyle{}, "甲矿"},
		{models.LayerStyle{LabelField: &lic}, "C1"},
		{models.LayerStyle{LabelField: &none}, ""},
	}
	for _, tc := range tests {
		if got := StyledLabel(mine, tc.ls); got != tc.want {
			t.Errorf("label %q, want %q", got, tc.want)
		}
	}
	if !Labelled(models.LayerMines, models.LayerStyle{}) || Labelled(models.LayerSites, models.LayerStyle{}) || !Labelled(models.LayerSites, models.LayerStyle{LabelField: &lic}) {
		t.Error("Labelled")
	}
}
