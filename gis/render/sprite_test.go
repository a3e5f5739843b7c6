package render

import (
	"context"
	"image/color"
	"math/rand/v2"
	"testing"
)

// exactCanvas hides Raster's sprites: every marker is rasterised.
type exactCanvas struct{ r *Raster }

func (c exactCanvas) FillPath(p *Path, col color.NRGBA)              { c.r.FillPath(p, col) }
func (c exactCanvas) HatchPath(p *Path, h Hatch)                     { c.r.HatchPath(p, h) }
func (c exactCanvas) DrawText(x, y float64, s string, l *LabelStyle) { c.r.DrawText(x, y, s, l) }
func (c exactCanvas) StrokePath(p *Path, w float64, col color.NRGBA, dash []float64) {
	c.r.StrokePath(p, w, col, dash)
}

// TestSpriteMarkers: a dense marker layer drawn from sprites looks like
// the one rasterised marker by marker: every pixel within a few levels
// (markers move by at most 1/32 px), and the first spriteAfter markers
// exactly the same.
func TestSpriteMarkers(t *testing.T) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 300, Height: 200}
	rng := rand.New(rand.NewPCG(3, 4))
	var fs []Feature
	styles := []Style{
		{Fill: color.NRGBA{220, 30, 30, 255}, Stroke: color.NRGBA{120, 0, 0, 255}, StrokeWidth: 1.5, PointShape: PointTriangle, PointSize: 12},
		{Fill: color.NRGBA{255, 255, 255, 160}, Stroke: color.NRGBA{128, 128, 128, 255}, StrokeWidth: 1.5, PointShape: PointCircle, PointSize: 9},
		{Fill: color.NRGBA{20, 120, 20, 200}, PointShape: PointSquare, PointSize: 5},
		{Stroke: color.NRGBA{0, 0, 200, 255}, StrokeWidth: 2, PointShape: PointCross, PointSize: 8},
	}
	for i := range 3000 {
		p := v.ToLonLat(rng.Float64()*320-10, rng.Float64()*220-10)
		fs = append(fs, Feature{Geometry: p, Style: styles[i%len(styles)]})
	}
	layers := []Layer{{Opacity: 0.9, Features: fs}}
	a := NewRaster(v.Width, v.Height, white)
	b := NewRaster(v.Width, v.Height, white)
	if err := Draw(context.Background(), a, v, layers); err != nil {
		t.Fatal(err)
	}
	if err := Draw(context.Background(), exactCanvas{b}, v, layers); err != nil {
		t.Fatal(err)
	}
	sum, worst := 0, 0
	defer func() { t.Logf("mean %.3f, worst %d levels", float64(sum)/float64(len(a.img.Pix)), worst) }()
	for i := range a.img.Pix {
		d := int(absDiff(a.img.Pix[i], b.img.Pix[i]))
		sum += d
		worst = max(worst, d)
	}
	if mean := float64(sum) / float64(len(a.img.Pix)); mean > 1 || worst > 40 {
		t.Errorf("sprites differ from exact markers: mean %.2f, worst %d levels", mean, worst)
	}
	// Few markers: exact.
	layers[0].Features = fs[:spriteAfter]
	a = NewRaster(v.Width, v.Height, white)
	b = NewRaster(v.Width, v.Height, white)
	Draw(context.Background(), a, v, layers)
	Draw(context.Background(), exactCanvas{b}, v, layers)
	for i := range a.img.Pix {
		if a.img.Pix[i] != b.img.Pix[i] {
			t.Fatalf("%d markers: byte %d differs", spriteAfter, i)
		}
	}
}

// TestUnderNothing: a colour painted under a pixel nothing was painted on
// is the colour itself (blendPainted writes it as it is there).
func TestUnderNothing(t *testing.T) {
	for a := range 256 {
		for c := 0; c <= a; c += 3 {
			s := uint32(c) | uint32(a-c/2)<<8 | uint32(c/3)<<16 | uint32(a)<<24
			if got := under(0, s&0x00ff00ff, s>>8&0x00ff00ff); got != s {
				t.Fatalf("under(0, %08x) = %08x", s, got)
			}
		}
	}
}

// TestAllNearOpaque checks eightOpaque against the one-pixel test for
// every alpha in every place of eight: it holds only while nearOpaque is
// a run of high bits.
func TestAllNearOpaque(t *testing.T) {
	for place := range 8 {
		for a := range 256 {
			al := []uint8{255, 255, 255, 255, 255, 255, 255, 255}
			al[place] = uint8(a)
			if got, want := eightOpaque(al), a >= nearOpaque; got != want {
				t.Fatalf("alpha %d in place %d: all near opaque %v, want %v", a, place, got, want)
			}
		}
	}
}

// TestSpriteCache: a raster's index keeps a slot per marker style and
// sub-pixel offset; a sprite kept is found again under its own key only,
// and a style pushed out by newer ones comes back empty, never with
// another style's sprite.
func TestSpriteCache(t *testing.T) {
	var c spriteCache
	key := func(style, fx, fy int) paintKey {
		// Styles 0 and 3 differ in colour only, 1 and 4, 2 and 5 too.
		return paintKey{spriteKey{shape: PointTriangle, size: float64(8 + style%3), sw: 1, fx: uint8(fx), fy: uint8(fy)},
			color.NRGBA{uint8(40 * style), 0, 0, 255}, color.NRGBA{0, 0, 0, 255}}
	}
	kept := map[paintKey]*paintedSprite{}
	for step := range 2000 {
		style, fx, fy := step*7%6, step*5%(spriteSteps+1), step*3%(spriteSteps+1)
		k := key(style, fx, fy)
		slot := c.slot(k)
		if *slot != nil && *slot != kept[k] {
			t.Fatalf("step %d: style %d at (%d, %d) finds another key's sprite", step, style, fx, fy)
		}
		if *slot == nil {
			*slot = &paintedSprite{w: step + 1} // a sprite of its own
			kept[k] = *slot
		}
	}
	// Within the styles kept, every offset has its own slot.
	k := key(9, 0, 0)
	seen := map[**paintedSprite]bool{}
	for fx := range spriteSteps + 1 {
		for fy := range spriteSteps + 1 {
			k.fx, k.fy = uint8(fx), uint8(fy)
			s := c.slot(k)
			if seen[s] {
				t.Fatalf("offset (%d, %d) shares a slot", fx, fy)
			}
			seen[s] = true
		}
	}
}
