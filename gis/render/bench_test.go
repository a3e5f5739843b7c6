package render

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// syntheticPolygons returns n irregular polygons (6 to 24 vertices, a few
// to a few tens of pixels across) spread over v, some with holes.
func syntheticPolygons(v View, n int) []Feature {
	rng := rand.New(rand.NewPCG(7, 11))
	fs := make([]Feature, n)
	for i := range fs {
		cx := rng.Float64() * float64(v.Width)
		cy := rng.Float64() * float64(v.Height)
		r := 2 + rng.ExpFloat64()*6
		k := 6 + rng.IntN(19)
		ring := make(orb.Ring, k+1)
		for j := range k {
			a := 2 * math.Pi * float64(j) / float64(k)
			rr := r * (0.6 + 0.4*rng.Float64())
			ring[j] = v.ToLonLat(cx+rr*math.Cos(a), cy+rr*math.Sin(a))
		}
		ring[k] = ring[0]
		pg := orb.Polygon{ring}
		if i%10 == 0 {
			pg = append(pg, circleRing(v, cx, cy, r/3, 8, true))
		}
		fs[i] = Feature{Geometry: pg, Style: Style{
			Fill:   color.NRGBA{uint8(rng.IntN(256)), 180, 120, 200},
			Stroke: color.NRGBA{40, 40, 40, 255}, StrokeWidth: 1,
		}}
	}
	return fs
}

// benchClock measures wall and process CPU time; on a shared machine the
// CPU time per op is the steadier number.
type benchClock struct {
	wall time.Time
	cpu  time.Duration
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startClock() benchClock { return benchClock{time.Now(), processCPU()} }

func (c benchClock) report(b *testing.B) {
	b.ReportMetric(float64(time.Since(c.wall).Microseconds())/1000/float64(b.N), "ms/op")
	b.ReportMetric(float64((processCPU()-c.cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkDraw renders 50,000 filled and outlined polygons in a 1600×1000
// view.
func BenchmarkDraw(b *testing.B) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}
	layers := []Layer{{Opacity: 1, Features: syntheticPolygons(v, 50_000)}}
	r := NewRaster(v.Width, v.Height, white)
	ctx := context.Background()
	b.ResetTimer()
	clock := startClock()
	for b.Loop() {
		r.Clear(white)
		if err := Draw(ctx, r, v, layers); err != nil {
			b.Fatal(err)
		}
	}
	clock.report(b)
}

// BenchmarkDrawFillOnly is BenchmarkDraw without outlines.
func BenchmarkDrawFillOnly(b *testing.B) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}
	fs := syntheticPolygons(v, 50_000)
	for i := range fs {
		fs[i].Style.StrokeWidth = 0
	}
	layers := []Layer{{Opacity: 1, Features: fs}}
	r := NewRaster(v.Width, v.Height, white)
	b.ResetTimer()
	clock := startClock()
	for b.Loop() {
		if err := Draw(context.Background(), r, v, layers); err != nil {
			b.Fatal(err)
		}
	}
	clock.report(b)
}

// BenchmarkMillionVertex renders one 1,000,000-vertex polygon (with a
// 250,000-vertex hole) filled and outlined, covering most of a 1600×1000
// view.
func BenchmarkMillionVertex(b *testing.B) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}
	pg := orb.Polygon{circleRing(v, 800, 500, 450, 1_000_000, false), circleRing(v, 700, 450, 150, 250_000, false)}
	layers := []Layer{{Opacity: 1, Features: []Feature{{Geometry: pg, Style: Style{Fill: green, Stroke: dark, StrokeWidth: 2}}}}}
	r := NewRaster(v.Width, v.Height, white)
	b.ResetTimer()
	clock := startClock()
	for b.Loop() {
		if err := Draw(context.Background(), r, v, layers); err != nil {
			b.Fatal(err)
		}
	}
	clock.report(b)
}

// BenchmarkMillionVertexZoomed is the same polygon zoomed in 1000×: most
// vertices are off screen and the frame lies inside the fill. Solid
// outlines let off-frame runs collapse; dashed ones keep every vertex.
func BenchmarkMillionVertexZoomed(b *testing.B) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}
	pg := orb.Polygon{circleRing(v, 800, 500, 450, 1_000_000, false)}
	z := v.ZoomAt(1000, 800, 50)
	for _, tc := range []struct {
		name string
		dash []float64
	}{{"solid", nil}, {"dashed", []float64{8, 4}}} {
		b.Run(tc.name, func(b *testing.B) {
			layers := []Layer{{Opacity: 1, Features: []Feature{{Geometry: pg, Style: Style{Fill: green, Stroke: dark, StrokeWidth: 2, Dash: tc.dash}}}}}
			r := NewRaster(v.Width, v.Height, white)
			b.ResetTimer()
			clock := startClock()
			for b.Loop() {
				if err := Draw(context.Background(), r, z, layers); err != nil {
					b.Fatal(err)
				}
			}
			clock.report(b)
		})
	}
}

// BenchmarkLabels places 2,000 CJK point labels (most collide) in a
// 1600×1000 view.
func BenchmarkLabels(b *testing.B) {
	f := cjkFont(b)
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}
	rng := rand.New(rand.NewPCG(3, 4))
	names := []string{"乌海", "海勃湾区", "Wuda", "排土场 3", "复垦区 A-12", "黄河"}
	fs := make([]Feature, 2000)
	for i := range fs {
		fs[i] = Feature{Geometry: v.ToLonLat(rng.Float64()*1600, rng.Float64()*1000), Style: Style{Fill: red}, Label: names[i%len(names)]}
	}
	layers := []Layer{{Opacity: 1, Features: fs, LabelStyle: &LabelStyle{Font: f, Size: 13, Color: dark, Halo: white}}}
	r := NewRaster(v.Width, v.Height, white)
	b.ResetTimer()
	clock := startClock()
	for b.Loop() {
		if err := Draw(context.Background(), r, v, layers); err != nil {
			b.Fatal(err)
		}
	}
	clock.report(b)
}

// BenchmarkStrokeOutlines strokes the outlines of 50,000 small polygons
// (as an overview outlines mines and heaps) 1 and 2 pixels wide: through
// the outline and the accumulator (StrokePath, "exact") and through the
// hairliner (strokeThin, what Draw uses for them).
func BenchmarkStrokeOutlines(b *testing.B) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}
	fs := syntheticPolygons(v, 50_000)
	paths := make([]Path, len(fs))
	for i, f := range fs {
		for _, ring := range f.Geometry.(orb.Polygon) {
			for j, p := range ring {
				x, y := v.ToPixel(p)
				if j == 0 {
					paths[i].MoveTo(x, y)
				} else {
					paths[i].LineTo(x, y)
				}
			}
		}
	}
	r := NewRaster(v.Width, v.Height, white)
	for _, w := range []float64{1, 2} {
		for _, way := range []string{"exact", "hair"} {
			b.Run(fmt.Sprintf("w%g/%s", w, way), func(b *testing.B) {
				for b.Loop() {
					for i := range paths {
						if way == "exact" {
							r.StrokePath(&paths[i], w, dark, nil)
						} else {
							r.strokeThin(&paths[i], w, dark, nil)
						}
					}
				}
			})
		}
	}
}
