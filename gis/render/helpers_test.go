package render

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/image/font/opentype"
)

var update = flag.Bool("update", false, "rewrite golden PNGs under testdata/")

// pngDir, when set, receives a copy of every golden rendering (for looking
// at them).
var pngDir = os.Getenv("RENDER_PNG_DIR")

// wuhai is a view centre near Wuhai.
var wuhai = orb.Point{106.8, 39.65}

// smallView is the 200×150 view used by the golden scenes, 2 m per pixel.
var smallView = View{Center: wuhai, MetresPerPixel: 2, Width: 200, Height: 150}

// px converts pixel positions in v to a lon/lat ring, line or point list.
func px(v View, xy ...float64) []orb.Point {
	pts := make([]orb.Point, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		pts = append(pts, v.ToLonLat(xy[i], xy[i+1]))
	}
	return pts
}

func ring(v View, xy ...float64) orb.Ring {
	r := orb.Ring(px(v, xy...))
	return append(r, r[0])
}

var white = color.NRGBA{255, 255, 255, 255}

func render(t testing.TB, v View, layers []Layer) *image.RGBA {
	t.Helper()
	r := NewRaster(v.Width, v.Height, white)
	if err := Draw(context.Background(), r, v, layers); err != nil {
		t.Fatal(err)
	}
	return r.Image()
}

// checkGolden compares img with testdata/name.png, allowing each channel
// to differ by tol; with -update it rewrites the file.
func checkGolden(t *testing.T, name string, img *image.RGBA, tol int) {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	if pngDir != "" {
		if err := os.WriteFile(filepath.Join(pngDir, "render_"+name+".png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join("testdata", name+".png")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	bad := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			g := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if absDiff(g.R, c.R) > tol || absDiff(g.G, c.G) > tol || absDiff(g.B, c.B) > tol || absDiff(g.A, c.A) > tol {
				if bad < 5 {
					t.Errorf("%s: pixel (%d,%d) = %v, golden %v", name, x, y, c, g)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d pixels differ by more than %d", name, bad, tol)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

const cjkFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

// cjkFont loads the WenQuanYi Micro Hei collection, skipping the test when
// it is not installed.
func cjkFont(t testing.TB) *opentype.Font {
	t.Helper()
	if _, err := os.Stat(cjkFontPath); err != nil {
		t.Skipf("CJK font not installed: %v", err)
	}
	f, err := LoadFont(cjkFontPath)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// coverage returns the summed opacity (0..1 per pixel) of pixels that differ
// from white towards c, measured on the given channel-difference basis:
// for an opaque colour c drawn on white, the fraction painted.
func coverage(img *image.RGBA, c color.NRGBA) float64 {
	// Use the channel where c differs most from white.
	ch, d := 0, 0
	for i, v := range [3]uint8{c.R, c.G, c.B} {
		if dd := 255 - int(v); dd > d {
			ch, d = i, dd
		}
	}
	var sum float64
	for i := 0; i < len(img.Pix); i += 4 {
		sum += float64(255-int(img.Pix[i+ch])) / float64(d)
	}
	return sum
}

// writePNG saves r under pngDir (when set) for looking at.
func writePNG(t testing.TB, name string, r *Raster) {
	t.Helper()
	if pngDir == "" {
		return
	}
	f, err := os.Create(filepath.Join(pngDir, "render_"+name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := EncodePNG(f, r.Image()); err != nil {
		t.Fatal(err)
	}
}
