package render

import (
	"context"
	"errors"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// recorder is a Canvas that records what it is asked to draw.
type recorder struct {
	fills, strokes, hatches int
	points                  int // path points received
	maxPathPoints           int
	texts                   []recText
}

type recText struct {
	x, y float64
	text string
	s    *LabelStyle
}

func (r *recorder) path(p *Path) {
	r.points += p.Len()
	r.maxPathPoints = max(r.maxPathPoints, p.Len())
}
func (r *recorder) FillPath(p *Path, c color.NRGBA) { r.fills++; r.path(p) }
func (r *recorder) HatchPath(p *Path, h Hatch)      { r.hatches++; r.path(p) }
func (r *recorder) StrokePath(p *Path, w float64, c color.NRGBA, dash []float64) {
	r.strokes++
	r.path(p)
}
func (r *recorder) DrawText(x, y float64, text string, s *LabelStyle) {
	r.texts = append(r.texts, recText{x, y, text, s})
}

// circleRing returns an n-vertex closed ring approximating the circle of
// radius rpx pixels around pixel (cx, cy) of v.
func circleRing(v View, cx, cy, rpx float64, n int, reverse bool) orb.Ring {
	r := make(orb.Ring, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		if reverse {
			a = -a
		}
		r[i] = v.ToLonLat(cx+rpx*math.Cos(a), cy+rpx*math.Sin(a))
	}
	r[n] = r[0]
	return r
}

var bigView = View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}

func TestMillionVertexPolygon(t *testing.T) {
	v := bigView
	const n = 1_000_000
	// The hole runs the same way as the outer ring: Draw must still cut it.
	pg := orb.Polygon{circleRing(v, 800, 500, 450, n, false), circleRing(v, 700, 450, 150, n/4, false)}
	layers := []Layer{{Opacity: 1, Features: []Feature{{Geometry: pg, Style: Style{Fill: dark}}}}}

	var rec recorder
	if err := Draw(context.Background(), &rec, v, layers); err != nil {
		t.Fatal(err)
	}
	// Half-pixel level of detail: about 2πr/0.5 points at most.
	if limit := int(math.Ceil(2 * math.Pi * (450 + 150) / lodTol * 1.1)); rec.maxPathPoints > limit {
		t.Errorf("canvas got a %d-point path, want at most %d", rec.maxPathPoints, limit)
	}

	img := render(t, v, layers)
	if pngDir != "" {
		writePNG(t, "million_vertex", &Raster{img: img})
	}
	want := math.Pi * (450*450 - 150*150)
	within(t, "coverage", coverage(img, dark), want, 0.002)
	if c := img.RGBAAt(700, 450); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("hole centre painted %v", c)
	}
}

func TestZoomedInClipsHugePolygon(t *testing.T) {
	// 1e5 vertices, zoomed so the circle is 1e6 pixels across: the visible
	// frame is inside it and must be filled entirely.
	v := View{Center: wuhai, MetresPerPixel: 0.01, Width: 320, Height: 200}
	r := circleRing(v, 160, 100+4e5, 4e5+50, 100_000, false)
	img := render(t, v, []Layer{{Opacity: 1, Features: []Feature{{Geometry: orb.Polygon{r}, Style: Style{Fill: dark, Stroke: red, StrokeWidth: 3}}}}})
	// The circle's top edge crosses y = 50 (near-straight); below it all dark.
	for _, pt := range [][2]int{{0, 199}, {319, 199}, {160, 60}, {160, 150}} {
		if c := img.RGBAAt(pt[0], pt[1]); c.R != dark.R {
			t.Errorf("pixel %v = %v, want fill", pt, c)
		}
	}
	if c := img.RGBAAt(160, 50); c.R != red.R || c.G != red.G {
		t.Errorf("outline at (160,50) = %v, want stroke", c)
	}
	if c := img.RGBAAt(160, 30); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("outside at (160,30) = %v", c)
	}
}

func TestDrawCulls(t *testing.T) {
	v := smallView
	in := orb.Polygon{ring(v, 10, 10, 50, 10, 50, 50)}
	out := orb.Polygon{ring(v, 300, 10, 350, 10, 350, 50)}
	edge := orb.LineString(px(v, -20, -20, -1, -1)) // within stroke margin
	fs := []Feature{
		{Geometry: in, Style: Style{Fill: dark}},
		{Geometry: out, Style: Style{Fill: dark}},
		{Geometry: edge, Style: Style{Stroke: dark, StrokeWidth: 4}},
		{Geometry: orb.Point{0, 0}, Style: Style{Fill: dark}},
		{Geometry: nil},
		{Geometry: orb.LineString{}, Style: Style{Stroke: dark, StrokeWidth: 1}},
		{Geometry: orb.Collection{in, out, orb.Point{200, 200}}, Style: Style{Fill: dark}},
	}
	st, err := drawLayers(context.Background(), &recorder{}, v, []Layer{{Opacity: 1, Features: fs}})
	if err != nil {
		t.Fatal(err)
	}
	if st.features != 3 {
		t.Errorf("drew %d features, want 3 (in, edge, collection's in)", st.features)
	}
}

func TestDrawOpacityAndHiddenLayers(t *testing.T) {
	v := smallView
	sq := orb.Polygon{ring(v, 0, 0, 200, 0, 200, 150, 0, 150)}
	f := []Feature{{Geometry: sq, Style: Style{Fill: color.NRGBA{0, 0, 0, 255}}}}
	for _, tc := range []struct {
		op   float64
		want uint8
	}{{1, 0}, {0.5, 127}, {0, 255}, {-1, 255}, {math.NaN(), 255}, {7, 0}} {
		img := render(t, v, []Layer{{Opacity: tc.op, Features: f}})
		if got := img.RGBAAt(100, 75).R; absDiff(got, tc.want) > 1 {
			t.Errorf("opacity %g: pixel %d, want %d", tc.op, got, tc.want)
		}
	}
}

func TestDrawCancel(t *testing.T) {
	v := smallView
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Draw(ctx, &recorder{}, v, []Layer{{Opacity: 1, Features: []Feature{{Geometry: orb.Point{1, 1}}}}})
	var re *Error
	if !errors.As(err, &re) || re.Code != CodeCanceled || !errors.Is(err, context.Canceled) {
		t.Fatalf("pre-cancelled Draw: %v", err)
	}

	// Cancel while streaming: Draw must stop pulling features soon after.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	pulled := 0
	seq := func(yield func(Feature) bool) {
		for i := 0; i < 1_000_000; i++ {
			pulled++
			if i == 100 {
				cancel()
			}
			if !yield(Feature{Geometry: v.ToLonLat(float64(i%200), 50), Style: Style{Fill: dark}}) {
				return
			}
		}
	}
	err = Draw(ctx, &recorder{}, v, []Layer{{Opacity: 1, Iter: seq}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Draw after cancel: %v", err)
	}
	if pulled > 101+checkEvery {
		t.Errorf("pulled %d features after cancelling at 101", pulled)
	}

	// Cancellation inside one huge feature's neighbours: a deadline already
	// passed is seen within checkWork vertices.
	ctx, cancel2 := context.WithTimeout(context.Background(), 0)
	defer cancel2()
	big := orb.Polygon{circleRing(v, 100, 75, 50, 200_000, false)}
	var rec recorder
	err = Draw(ctx, &rec, v, []Layer{{Opacity: 1, Features: []Feature{{Geometry: big, Style: Style{Fill: dark}}, {Geometry: big, Style: Style{Fill: dark}}}}})
	if !errors.Is(err, context.DeadlineExceeded) || rec.fills > 1 {
		t.Errorf("deadline: err %v after %d fills", err, rec.fills)
	}
}

func TestDrawBadView(t *testing.T) {
	var re *Error
	err := Draw(context.Background(), &recorder{}, View{}, nil)
	if !errors.As(err, &re) || re.Code != CodeBadView {
		t.Errorf("zero view: %v", err)
	}
}

func TestDrawRingOrientation(t *testing.T) {
	// Every combination of ring directions must show the hole.
	v := smallView
	for _, outerRev := range []bool{false, true} {
		for _, holeRev := range []bool{false, true} {
			pg := orb.Polygon{circleRing(v, 100, 75, 60, 64, outerRev), circleRing(v, 100, 75, 25, 32, holeRev)}
			img := render(t, v, []Layer{{Opacity: 1, Features: []Feature{{Geometry: pg, Style: Style{Fill: dark}}}}})
			if c := img.RGBAAt(100, 75); c.R != 255 {
				t.Errorf("outer reversed %v, hole reversed %v: hole centre %v", outerRev, holeRev, c)
			}
			if c := img.RGBAAt(100, 30); c.R != dark.R {
				t.Errorf("outer reversed %v, hole reversed %v: body %v", outerRev, holeRev, c)
			}
		}
	}
}

func TestLabelsNeverOverlap(t *testing.T) {
	f := cjkFont(t)
	ls := &LabelStyle{Font: f, Size: 12, Color: dark, Halo: white}
	v := View{Center: wuhai, MetresPerPixel: 5, Width: 640, Height: 400}
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"乌海", "海勃湾区", "Wuda", "排土场 3", "复垦区 A-12", "黄河"}
	var pts, polys []Feature
	for i := range 400 {
		x, y := rng.Float64()*700-30, rng.Float64()*460-30
		pts = append(pts, Feature{Geometry: v.ToLonLat(x, y), Style: Style{Fill: red}, Label: names[i%len(names)]})
	}
	for i := range 60 {
		x, y := rng.Float64()*640, rng.Float64()*400
		polys = append(polys, Feature{Geometry: orb.Polygon{ring(v, x, y, x+60, y, x+60, y+40, x, y+40)},
			Style: Style{Fill: color.NRGBA{200, 230, 200, 255}}, Label: names[i%len(names)]})
	}
	var rec recorder
	layers := []Layer{{Opacity: 1, LabelStyle: ls, Features: polys}, {Opacity: 1, LabelStyle: ls, Features: pts}}
	st, err := drawLayers(context.Background(), &rec, v, layers)
	if err != nil {
		t.Fatal(err)
	}
	if st.labels != len(rec.texts) || st.labels < 30 {
		t.Fatalf("placed %d labels (%d drawn)", st.labels, len(rec.texts))
	}
	var ts typesetter
	frame := Rect{0, 0, 640, 400}
	boxes := make([]Rect, len(rec.texts))
	for i, tx := range rec.texts {
		w, asc, desc := ts.measure(tx.s, tx.text)
		boxes[i] = Rect{tx.x, tx.y - asc, tx.x + w, tx.y + desc}
		if !frame.Contains(boxes[i]) {
			t.Errorf("label %q at %v leaves the frame", tx.text, boxes[i])
		}
		for j := range i {
			a, b := boxes[i], boxes[j]
			if a.MinX < b.MaxX && b.MinX < a.MaxX && a.MinY < b.MaxY && b.MinY < a.MaxY {
				t.Errorf("labels %q %v and %q %v overlap", rec.texts[i].text, a, rec.texts[j].text, b)
			}
		}
	}
	// The top layer (points) is placed first.
	if rec.texts[0].s != ls || len(rec.texts) == 0 {
		t.Fatal("no labels")
	}
	if pngDir != "" {
		r := NewRaster(v.Width, v.Height, white)
		if err := Draw(context.Background(), r, v, layers); err != nil {
			t.Fatal(err)
		}
		writePNG(t, "labels_dense", r)
	}
}

func TestCollapseChangesNothing(t *testing.T) {
	// A detailed polygon and line zoomed in so most vertices are far off
	// screen, wandering around the frame: collapsing off-frame runs must
	// give the same picture as drawing every vertex.
	base := View{Center: wuhai, MetresPerPixel: 10, Width: 160, Height: 120}
	rng := rand.New(rand.NewPCG(5, 6))
	var rg orb.Ring
	var ls orb.LineString
	for i := range 20_000 {
		a := 2 * math.Pi * float64(i) / 20_000
		r := 50 + 8*math.Sin(7*a) + rng.Float64()
		rg = append(rg, base.ToLonLat(80+r*math.Cos(a), 60+r*math.Sin(a)))
		ls = append(ls, base.ToLonLat(80+0.6*r*math.Cos(3*a), 60+0.6*r*math.Sin(2*a)))
	}
	rg = append(rg, rg[0])
	layers := []Layer{{Opacity: 1, Features: []Feature{
		{Geometry: orb.Polygon{rg}, Style: Style{Fill: green, Stroke: dark, StrokeWidth: 3}},
		{Geometry: ls, Style: Style{Stroke: red, StrokeWidth: 5}},
	}}}
	for _, z := range []float64{1, 8, 40} {
		v := base.ZoomAt(z, 30, 20)
		collapseRuns = false
		want := render(t, v, layers)
		collapseRuns = true
		var rec recorder
		if err := Draw(context.Background(), &rec, v, layers); err != nil {
			t.Fatal(err)
		}
		got := render(t, v, layers)
		for i := range got.Pix {
			if absDiff(got.Pix[i], want.Pix[i]) > 1 {
				t.Fatalf("zoom %g: byte %d differs: %d vs %d", z, i, got.Pix[i], want.Pix[i])
			}
		}
		if z == 40 && rec.points > 20_000 {
			t.Errorf("zoom %g: canvas got %d points; off-frame runs not collapsed", z, rec.points)
		}
	}
}
