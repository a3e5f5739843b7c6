package pdf

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"minerehab/gis/render"
)

// TestSimplificationInvisibleAt300dpi: a dense map drawn with the canvas's
// simplification and without it, rasterised by pdftoppm at 300 dpi, looks
// the same (the "no visible difference at 300 dpi"): all but
// 0.01% of the pixels of one have a pixel within two dots (0.17 mm) in the
// other of nearly the same colour. Simplification moves an edge by at most
// half a dot and the 1/600-inch coordinates by another half; that changes
// anti-aliased edge pixels, not what a reviewer sees.
func TestSimplificationInvisibleAt300dpi(t *testing.T) {
	draw := func(tol float64) string {
		d := New(Options{})
		p, err := d.AddPage(420/25.4*72, 297/25.4*72) // A3 landscape, points
		if err != nil {
			t.Fatal(err)
		}
		c := NewCanvas(p, 72.0/300) // one canvas pixel = one 300-dpi dot
		c.Tolerance = tol
		rng := rand.New(rand.NewPCG(3, 4))
		for range 400 {
			cx, cy := 100+rng.Float64()*4700, 100+rng.Float64()*3300
			r := 10 + rng.Float64()*80
			var path render.Path
			// Dense, wobbly rings: 400 vertices a few tenths of a dot apart.
			for i := range 400 {
				a := 2 * math.Pi * float64(i) / 400
				rr := r * (1 + 0.08*math.Sin(7*a))
				path.LineTo(cx+rr*math.Cos(a), cy+rr*math.Sin(a))
			}
			path.Close()
			c.FillPath(&path, color.NRGBA{0xc0, 0x60, 0x20, 0x80})
			c.StrokePath(&path, 2, color.NRGBA{0x60, 0x30, 0x10, 0xff}, nil)
		}
		return writeTemp(t, d)
	}
	simp, full := draw(0.5), draw(0)
	sa, _ := os.Stat(simp)
	fa, _ := os.Stat(full)
	t.Logf("simplified %d bytes, full %d bytes", sa.Size(), fa.Size())
	if sa.Size() >= fa.Size() {
		t.Errorf("simplification did not shrink the file: %d >= %d", sa.Size(), fa.Size())
	}
	dir := t.TempDir()
	poppler(t, "pdftoppm", "-r", "300", "-png", "-singlefile", simp, filepath.Join(dir, "simp"))
	poppler(t, "pdftoppm", "-r", "300", "-png", "-singlefile", full, filepath.Join(dir, "full"))
	a, b := readPNG(t, filepath.Join(dir, "simp.png")), readPNG(t, filepath.Join(dir, "full.png"))
	if a.Bounds() != b.Bounds() {
		t.Fatalf("sizes %v %v", a.Bounds(), b.Bounds())
	}
	bad, total := 0, 0
	bb := a.Bounds()
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		for x := bb.Min.X; x < bb.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if max(diff(r1, r2), diff(g1, g2), diff(b1, b2))>>8 == 0 {
				continue
			}
			total++
			// The nearest match within two dots.
			best := uint32(math.MaxUint32)
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					r3, g3, b3, _ := b.At(x+dx, y+dy).RGBA()
					best = min(best, max(diff(r1, r3), diff(g1, g3), diff(b1, b3))>>8)
				}
			}
			if best > 48 {
				bad++
			}
		}
	}
	n := bb.Dx() * bb.Dy()
	t.Logf("%d of %d pixels differ at all, %d by more than 48 levels from every pixel within two dots", total, n, bad)
	if float64(bad) > 1e-4*float64(n) {
		t.Errorf("%d pixels (%.4f%%) differ visibly at 300 dpi", bad, 100*float64(bad)/float64(n))
	}
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
