package basemap

import (
	"context"
	"image"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// BenchmarkDraw paints a 1600×1000 view from an XYZ folder of PNG tiles at
// zoom 12 (about 60 tiles on screen): "warm" with the tiles cached (the
// resampling alone), "cold" with the cache emptied before every Draw
// (reading and decoding the tiles too).
func BenchmarkDraw(b *testing.B) {
	centre := orb.Point{106.85, 39.65}
	box := orb.Bound{Min: orb.Point{centre[0] - 0.45, centre[1] - 0.25}, Max: orb.Point{centre[0] + 0.45, centre[1] + 0.25}}
	dir := b.TempDir()
	writeXYZ(b, dir, gradientSet(b, box, 12, 12, 256), ".png")
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	v := render.View{Center: centre, MetresPerPixel: resAt(12, centre[1], 256) * 1.3, Width: 1600, Height: 1000}
	dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	ctx := context.Background()
	for _, c := range []struct {
		name string
		cold bool
	}{{"warm", false}, {"cold", true}} {
		b.Run(c.name, func(b *testing.B) {
			if err := Draw(ctx, dst, v, s, 1); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if c.cold {
					tiles.purge(s)
				}
				clear(dst.Pix)
				if err := Draw(ctx, dst, v, s, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
