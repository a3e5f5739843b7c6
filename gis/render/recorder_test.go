package render

import (
	"bytes"
	"context"
	"image/color"
	"testing"

	"github.com/paulmach/orb"
)

// TestRecorder: drawing onto a Recorder and replaying it gives the
// picture drawing directly gives, also when the drawer reuses its paths.
func TestRecorder(t *testing.T) {
	v := smallView
	fnt := cjkFont(t)
	ls := &LabelStyle{Font: fnt, Size: 12, Color: color.NRGBA{0, 0, 0, 255}, Halo: color.NRGBA{255, 255, 255, 255}, HaloWidth: 1.5}
	layers := []Layer{
		{Opacity: 1, Features: []Feature{
			{Geometry: orb.Polygon{ring(v, 20, 20, 120, 30, 90, 120)}, Style: Style{Fill: color.NRGBA{40, 140, 60, 200}, Stroke: dark, StrokeWidth: 1.5, Hatch: HatchDiagonal}},
			{Geometry: orb.LineString(px(v, 10, 140, 190, 100)), Style: Style{Stroke: color.NRGBA{0, 0, 200, 255}, StrokeWidth: 3, Dash: []float64{6, 3}}},
		}},
		{Opacity: 1, LabelStyle: ls, Features: []Feature{{Geometry: orb.Polygon{ring(v, 20, 20, 120, 30, 90, 120)}, Label: "乌达煤矿"}}},
	}
	direct := NewRaster(v.Width, v.Height, white)
	if err := Draw(context.Background(), direct, v, layers); err != nil {
		t.Fatal(err)
	}
	var rec Recorder
	if err := Draw(context.Background(), &rec, v, layers); err != nil {
		t.Fatal(err)
	}
	if len(rec.ops) < 4 {
		t.Fatalf("%d calls recorded, want the fill, hatch, strokes and label", len(rec.ops))
	}
	replayed := NewRaster(v.Width, v.Height, white)
	rec.Replay(replayed)
	if !bytes.Equal(direct.img.Pix, replayed.img.Pix) {
		t.Error("the replayed picture differs from the one drawn directly")
	}
}
