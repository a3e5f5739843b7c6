package app

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"minerehab/gis/basemap"
)

// xyzFolder writes solid tiles of colour c at zoom z covering the lon/lat
// box, as an XYZ folder.
func xyzFolder(t *testing.T, z int, minLon, minLat, maxLon, maxLat float64, c color.NRGBA) string {
	t.Helper()
	dir := t.TempDir()
	n := math.Exp2(float64(z))
	tx := func(lon float64) int { return int((lon + 180) / 360 * n) }
	ty := func(lat float64) int {
		r := lat * math.Pi / 180
		return int((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * n)
	}
	tile := image.NewNRGBA(image.Rect(0, 0, 256, 256))
	for i := range tile.Pix {
		tile.Pix[i] = []uint8{c.R, c.G, c.B, c.A}[i%4]
	}
	for x := tx(minLon); x <= tx(maxLon); x++ {
		for y := ty(maxLat); y <= ty(minLat); y++ {
			d := filepath.Join(dir, strconv.Itoa(z), strconv.Itoa(x))
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			f, err := os.Create(filepath.Join(d, strconv.Itoa(y)+".png"))
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(f, tile)
			f.Close()
		}
	}
	return dir
}

// TestRenderMapBasemap: an offline basemap shows where no feature covers
// it, under the features, and not at all without it.
func TestRenderMapBasemap(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 400, 300)
	b := v.Bound()
	teal := color.NRGBA{0x20, 0xa0, 0xa0, 0xff}
	src, err := basemap.Open(xyzFolder(t, 9, b.Min[0], b.Min[1], b.Max[0], b.Max[1], teal))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	plain, err := RenderMap(context.Background(), st, v, MapOptions{PixelRatio: 1})
	if err != nil {
		t.Fatal(err)
	}
	img, err := RenderMap(context.Background(), st, v, MapOptions{PixelRatio: 1, Basemap: src})
	if err != nil {
		t.Fatal(err)
	}
	isTeal := near(teal, 12)
	if n0, n := countPixels(plain, isTeal), countPixels(img, isTeal); n0 != 0 || n < 400*300/4 {
		t.Errorf("teal pixels: %d without the basemap, %d with", n0, n)
	}
	// The features are still drawn over it: where the plain map shows a
	// feature, the basemap map does not show bare basemap.
	covered, feat := 0, 0
	bg := MapBackground
	for i := 0; i < len(plain.Pix); i += 4 {
		p := plain.Pix[i : i+4]
		if p[0] == bg.R && p[1] == bg.G && p[2] == bg.B {
			continue
		}
		feat++
		if q := img.Pix[i : i+4]; isTeal(q[0], q[1], q[2], q[3]) {
			covered++
		}
	}
	if feat == 0 || covered > feat/10 {
		t.Errorf("%d of %d feature pixels show bare basemap", covered, feat)
	}
}
