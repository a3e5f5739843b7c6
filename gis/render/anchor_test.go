package render

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestLabelAnchor checks that labels placed at anchors kept by the caller
// (Feature.Anchor, from LabelAnchor) are where drawing puts them when it
// finds them on screen, for polygons wholly in view of every shape: convex,
// concave, with a hole, multi-part; and that features partly in view, or
// with something to draw, do not use the anchor.
func TestLabelAnchor(t *testing.T) {
	f := cjkFont(t)
	ls := &LabelStyle{Font: f, Size: 12, Color: dark, Halo: white}
	v := View{Center: wuhai, MetresPerPixel: 5, Width: 800, Height: 600}
	shapes := []struct {
		name string
		g    orb.Geometry
	}{
		{"square", orb.Polygon{ring(v, 100, 100, 160, 100, 160, 150, 100, 150)}},
		{"L", orb.Polygon{ring(v, 300, 100, 400, 100, 400, 120, 320, 120, 320, 220, 300, 220)}},
		{"hole", orb.Polygon{ring(v, 500, 100, 700, 100, 700, 300, 500, 300), ring(v, 550, 150, 650, 150, 650, 250, 550, 250)}},
		{"two parts", orb.MultiPolygon{{ring(v, 100, 400, 130, 400, 130, 420, 100, 420)}, {ring(v, 200, 380, 300, 380, 290, 500, 210, 520)}}},
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20 { // irregular stars
		cx, cy := 350+rng.Float64()*100, 350+rng.Float64()*100
		var xy []float64
		for k := range 11 {
			a, r := float64(k)*2*math.Pi/11, 20+rng.Float64()*60
			xy = append(xy, cx+r*math.Cos(a), cy+r*math.Sin(a))
		}
		shapes = append(shapes, struct {
			name string
			g    orb.Geometry
		}{"star", orb.Polygon{ring(v, xy...)}})
	}
	place := func(fs []Feature) []recText {
		var rec recorder
		if _, err := drawLayers(context.Background(), &rec, v, []Layer{{Opacity: 1, LabelStyle: ls, Features: fs}}); err != nil {
			t.Fatal(err)
		}
		return rec.texts
	}
	for _, s := range shapes {
		a, ok := LabelAnchor(s.g)
		if !ok {
			t.Fatalf("%s: no anchor", s.name)
		}
		plain := Feature{Geometry: s.g, Label: "乌海"}
		kept := plain
		kept.Anchor = &a
		want, got := place([]Feature{plain}), place([]Feature{kept})
		if len(want) != 1 || len(got) != 1 {
			t.Fatalf("%s: %d labels found on screen, %d at the anchor", s.name, len(want), len(got))
		}
		if dx, dy := got[0].x-want[0].x, got[0].y-want[0].y; math.Hypot(dx, dy) > 1e-6 {
			t.Errorf("%s: label at (%.3f, %.3f) from the anchor, (%.3f, %.3f) found on screen", s.name, got[0].x, got[0].y, want[0].x, want[0].y)
		}
	}
	// A wrong anchor shows where it is used: not for a feature partly out
	// of view, nor for one with a fill to draw.
	far := orb.Point{0, 0}
	partly := Feature{Geometry: orb.Polygon{ring(v, 700, 500, 900, 500, 900, 700, 700, 700)}, Label: "乌海", Anchor: &far}
	if got := place([]Feature{partly}); len(got) != 1 || got[0].x < 700 {
		t.Errorf("partly in view: labels %v, want one found on screen", got)
	}
	filled := Feature{Geometry: shapes[0].g, Label: "乌海", Anchor: &far, Style: Style{Fill: dark}}
	if got := place([]Feature{filled}); len(got) != 1 || got[0].x < 50 {
		t.Errorf("filled: labels %v, want one found on screen", got)
	}
	for _, g := range []orb.Geometry{orb.Point{1, 2}, orb.LineString{{1, 2}, {3, 4}}, orb.Polygon{}, orb.Polygon{{{1, 1}, {2, 2}, {1, 1}}}} {
		if _, ok := LabelAnchor(g); ok {
			t.Errorf("anchor for %T %v", g, g)
		}
	}
}
