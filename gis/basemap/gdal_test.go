package basemap

import (
	"context"
	"image"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// TestGDALReference tiles a georeferenced image with GDAL (gdal_translate
// -of MBTILES, and gdal2tiles.py for XYZ and TMS folders) and checks that
// Draw puts every block of the image where Web Mercator says it belongs.
// Skipped where GDAL is not installed.
func TestGDALReference(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate not installed")
	}
	const (
		z      = 10
		x0, y0 = 815, 389 // the tiles over Wuhai
		size   = 512      // 2×2 tiles
		block  = 64
	)
	blockColour := func(bx, by int) color.NRGBA {
		return color.NRGBA{uint8(bx*32 + 16), uint8(by*32 + 16), uint8((bx + by) * 16), 255}
	}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			img.SetNRGBA(x, y, blockColour(x/block, y/block))
		}
	}
	dir := t.TempDir()
	png := filepath.Join(dir, "src.png")
	writeFile(t, png, encodePNG(t, img))
	res := 2 * math.Pi * testR / (256 * math.Pow(2, z))
	ulx, uly := -math.Pi*testR+x0*256*res, math.Pi*testR-y0*256*res
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	tif := filepath.Join(dir, "src.tif")
	run(t, "gdal_translate", "-q", "-a_srs", "EPSG:3857", "-a_ullr", f(ulx), f(uly), f(ulx+size*res), f(uly-size*res), png, tif)
	mb := filepath.Join(dir, "gdal.mbtiles")
	run(t, "gdal_translate", "-q", "-of", "MBTILES", tif, mb)
	outputs := []struct{ name, path string }{{"mbtiles", mb}}
	if _, err := exec.LookPath("gdal2tiles.py"); err == nil {
		xyz, tms := filepath.Join(dir, "xyz"), filepath.Join(dir, "tms")
		run(t, "gdal2tiles.py", "-q", "-z", strconv.Itoa(z), "-r", "near", "-w", "none", "--xyz", tif, xyz)
		run(t, "gdal2tiles.py", "-q", "-z", strconv.Itoa(z), "-r", "near", "-w", "none", tif, tms)
		outputs = append(outputs, struct{ name, path string }{"gdal2tiles-xyz", xyz}, struct{ name, path string }{"gdal2tiles-tms", tms})
	}
	// The image's lon/lat corners, by the inverse Web Mercator formulas.
	lon := func(mx float64) float64 { return mx / testR * 180 / math.Pi }
	lat := func(my float64) float64 { return (2*math.Atan(math.Exp(my/testR)) - math.Pi/2) * 180 / math.Pi }
	wantBound := orb.Bound{Min: orb.Point{lon(ulx), lat(uly - size*res)}, Max: orb.Point{lon(ulx + size*res), lat(uly)}}
	centre := orb.Point{lon(ulx + size/2*res), lat(uly - size/2*res)}

	for _, o := range outputs {
		s, err := Open(o.path)
		if err != nil {
			t.Fatalf("%s: %v", o.name, err)
		}
		if lo, hi := s.Zooms(); lo != z || hi != z {
			t.Errorf("%s: zooms %d..%d, want %d", o.name, lo, hi, z)
		}
		if b, ok := s.Bounds(); o.name != "gdal2tiles-xyz" && (!ok || !boundNear(b, wantBound, 1e-6)) {
			t.Errorf("%s: bounds %v %v, want %v", o.name, b, ok, wantBound)
		}
		for _, scale := range []float64{1, 0.45, 1.6} {
			t.Run(o.name+"/"+f(scale), func(t *testing.T) {
				v := render.View{Center: centre, MetresPerPixel: resAt(z, centre[1], 256) * scale, Width: 360, Height: 280}
				dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
				if err := Draw(context.Background(), dst, v, s, 1); err != nil {
					t.Fatal(err)
				}
				inside, outside, bad := 0, 0, 0
				for j := range v.Height {
					for i := range v.Width {
						gx, gy := globalPixel(v.ToLonLat(float64(i)+0.5, float64(j)+0.5), z, 256)
						sx, sy := gx-x0*256, gy-y0*256
						got := dst.RGBAAt(i, j)
						if sx < -2 || sy < -2 || sx > size+2 || sy > size+2 {
							outside++
							if got.A != 0 {
								bad++
							}
							continue
						}
						mx, my := math.Mod(sx, block), math.Mod(sy, block)
						if sx < 0 || sy < 0 || sx >= size || sy >= size || mx < 2 || mx > block-2 || my < 2 || my > block-2 {
							continue
						}
						inside++
						w := blockColour(int(sx)/block, int(sy)/block)
						if absDiff(got.R, w.R) > 1 || absDiff(got.G, w.G) > 1 || absDiff(got.B, w.B) > 1 || got.A != 255 {
							bad++
							if bad < 5 {
								t.Errorf("pixel (%d, %d) = %v, want block colour %v", i, j, got, w)
							}
						}
					}
				}
				if bad > 0 {
					t.Fatalf("%d pixels wrong (%d inside checked, %d outside)", bad, inside, outside)
				}
				if inside < 1000 {
					t.Fatalf("only %d pixels checked", inside)
				}
			})
		}
		s.Close()
	}
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "GDAL_PAM_ENABLED=NO")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}
