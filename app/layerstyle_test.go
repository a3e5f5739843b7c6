package app

import (
	"context"
	"image"
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

// TestRenderMapStyles: a layer style's colour, width and opacity reach
// the picture, through RenderMap and the cache alike.
func TestRenderMapStyles(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 800, 600)
	magenta := color.NRGBA{255, 0, 255, 255}
	styled := []models.LayerStyle{
		{Layer: models.LayerMines, Visible: true, Order: 2, Opacity: 1, Stroke: &magenta, StrokePx: 3},
		{Layer: models.LayerSites, Visible: true, Order: 4, Opacity: 0},
	}
	isMagenta := near(magenta, 30)
	cache := NewMapCache(st)
	for _, draw := range []struct {
		name string
		fn   func(MapOptions) (*image.RGBA, error)
	}{
		{"RenderMap", func(o MapOptions) (*image.RGBA, error) { return RenderMap(context.Background(), st, v, o) }},
		{"cache", func(o MapOptions) (*image.RGBA, error) { return cache.Render(context.Background(), v, o) }},
	} {
		plain, err := draw.fn(MapOptions{PixelRatio: 1})
		if err != nil {
			t.Fatal(err)
		}
		img, err := draw.fn(MapOptions{PixelRatio: 1, Styles: styled})
		if err != nil {
			t.Fatal(err)
		}
		if n0, n := countPixels(plain, isMagenta), countPixels(img, isMagenta); n0 != 0 || n < 500 {
			t.Errorf("%s: magenta pixels %d plain, %d styled", draw.name, n0, n)
		}
		spoil := near(StyleFor(&models.Feature{Layer: models.LayerSites, Attrs: models.Attrs{Kind: models.SiteSpoilHeap}}).Stroke, 8)
		if n0, n := countPixels(plain, spoil), countPixels(img, spoil); n0 == 0 || n >= n0/4 {
			t.Errorf("%s: spoil-heap outline pixels %d plain, %d with sites at opacity 0", draw.name, n0, n)
		}
	}
}
