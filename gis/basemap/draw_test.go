package basemap

import (
	"context"
	"errors"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// Independent Web Mercator (EPSG:3857) formulas for the checks.
const testR = 6378137.0

// globalPixel returns the continuous pixel position of lon/lat in the
// whole-world image of zoom z with ts-pixel tiles, via projected metres.
func globalPixel(p orb.Point, z, ts int) (gx, gy float64) {
	mx := testR * p[0] * math.Pi / 180
	my := testR * math.Log(math.Tan(math.Pi/4+p[1]*math.Pi/360))
	res := 2 * math.Pi * testR / (float64(ts) * math.Pow(2, float64(z)))
	return (mx + math.Pi*testR) / res, (math.Pi*testR - my) / res
}

// resAt is the ground size of a tile pixel at zoom z and latitude lat.
func resAt(z int, lat float64, ts int) float64 {
	return 2 * math.Pi * testR * math.Cos(lat*math.Pi/180) / (float64(ts) * math.Pow(2, float64(z)))
}

// expectZoom is the first zoom at least as fine as mpp, clamped.
func expectZoom(mpp, lat float64, ts, lo, hi int) int {
	z := 0
	for resAt(z, lat, ts) > mpp*(1+1e-12) {
		z++
	}
	return min(max(z, lo), hi)
}

// checkGradient compares every view pixel whose bilinear taps fall inside
// one tile with the gradient tile it must come from; it returns how many
// pixels were opaque and transparent as expected.
func checkGradient(t *testing.T, dst *image.RGBA, v render.View, z, ts int, have func(tileAddr) bool) (opaque, clear int) {
	t.Helper()
	tol := 1.0
	if ts != 256 {
		tol = 1.5
	}
	bad := 0
	for j := range v.Height {
		for i := range v.Width {
			gx, gy := globalPixel(v.ToLonLat(float64(i)+0.5, float64(j)+0.5), z, ts)
			tx, ty := math.Floor(gx/float64(ts)), math.Floor(gy/float64(ts))
			ix, iy := gx-tx*float64(ts), gy-ty*float64(ts)
			if ix < 1.5 || ix > float64(ts)-1.5 || iy < 1.5 || iy > float64(ts)-1.5 {
				continue
			}
			a := tileAddr{z, int(tx), int(ty)}
			got := dst.RGBAAt(dst.Rect.Min.X+i, dst.Rect.Min.Y+j)
			if !have(a) {
				if got.A != 0 {
					bad++
					if bad < 5 {
						t.Errorf("pixel (%d, %d) in missing tile %v = %v, want transparent", i, j, a, got)
					}
				}
				clear++
				continue
			}
			wr, wg := (ix-0.5)*256/float64(ts), (iy-0.5)*256/float64(ts)
			if got.A != 255 || got.B != tileMark(a[0], a[1], a[2]) || math.Abs(float64(got.R)-wr) > tol || math.Abs(float64(got.G)-wg) > tol {
				bad++
				if bad < 5 {
					t.Errorf("pixel (%d, %d) = %v, want tile %v mark %d at (%.2f, %.2f)", i, j, got, a, tileMark(a[0], a[1], a[2]), wr, wg)
				}
			}
			opaque++
		}
	}
	if bad > 0 {
		t.Fatalf("%d pixels wrong", bad)
	}
	return opaque, clear
}

func TestDrawPlacement(t *testing.T) {
	f := fixtures(t)
	// 512-pixel tiles in a folder of their own.
	dir := t.TempDir()
	big := gradientSet(t, wuhai, 8, 10, 512)
	writeXYZ(t, filepath.Join(dir, "xyz512"), big, ".png")
	centre := orb.Point{106.85, 39.65} // inside the missing tile at zoom 11
	lat := centre[1]
	views := []struct {
		name      string
		mpp       float64
		w, h      int
		wantClear bool // the view shows part of the missing tile
	}{
		{"z10", resAt(10, lat, 256) * 1.3, 200, 150, false},
		{"z9", resAt(9, lat, 256) * 1.7, 160, 120, false},
		{"z11 exact", resAt(11, lat, 256), 200, 150, true},
		{"above max zoom, upsampled", resAt(11, lat, 256) * 0.3, 200, 150, true},
		{"below min zoom", resAt(8, lat, 256) * 2.5, 160, 120, true},
	}
	kinds := []struct {
		kind  string
		path  string
		ts    int
		tiles map[tileAddr][]byte
	}{
		{"xyz", f.paths["xyz"], 256, f.tiles},
		{"xyz-tms", f.paths["xyz-tms"], 256, f.tiles},
		{"mbtiles", f.paths["mbtiles"], 256, f.tiles},
		{"mbtiles-bare", f.paths["mbtiles-bare"], 256, f.tiles},
		{"pmtiles", f.paths["pmtiles"], 256, f.tiles},
		{"pmtiles-leaves", f.paths["pmtiles-leaves"], 256, f.tiles},
		{"xyz512", filepath.Join(dir, "xyz512"), 512, big},
	}
	for _, k := range kinds {
		s, err := Open(k.path)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := s.Zooms()
		for _, vc := range views {
			t.Run(k.kind+"/"+vc.name, func(t *testing.T) {
				v := render.View{Center: centre, MetresPerPixel: vc.mpp, Width: vc.w, Height: vc.h}
				dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
				if err := Draw(context.Background(), dst, v, s, 1); err != nil {
					t.Fatal(err)
				}
				z := expectZoom(vc.mpp, lat, k.ts, lo, hi)
				have := func(a tileAddr) bool { _, ok := k.tiles[a]; return ok }
				opaque, clear := checkGradient(t, dst, v, z, k.ts, have)
				if opaque == 0 || opaque+clear < v.Width*v.Height/5 {
					t.Errorf("only %d opaque and %d transparent pixels checked", opaque, clear)
				}
				if k.ts == 256 && vc.wantClear && clear == 0 {
					t.Errorf("no pixel of the missing tile checked")
				}
			})
		}
		s.Close()
	}
}

func TestChooseZoom(t *testing.T) {
	for _, c := range []struct {
		mpp, lat float64
		ts       int
	}{
		{1, 39.65, 256}, {0.07, 39.65, 256}, {150, 39.65, 256}, {152.9, 0, 256},
		{152.874056, 0, 256}, {resAt(10, 0, 256), 0, 256}, {resAt(13, 39.65, 256), 39.65, 256}, {10000, 60, 256}, {3, 39.65, 512}, {1e6, 0, 256},
	} {
		want := expectZoom(c.mpp, c.lat, c.ts, 0, MaxZoom)
		if got := chooseZoom(c.mpp, c.lat, c.ts, 0, MaxZoom); got != want {
			t.Errorf("chooseZoom(%g m, %g°, %d px) = %d, want %d", c.mpp, c.lat, c.ts, got, want)
		}
	}
	if got := chooseZoom(0.001, 39.65, 256, 3, 12); got != 12 {
		t.Errorf("clamp high: %d", got)
	}
	if got := chooseZoom(1e5, 39.65, 256, 3, 12); got != 3 {
		t.Errorf("clamp low: %d", got)
	}
}

// solidSource writes an XYZ folder where tile z/x/y has colour col(x, y).
func solidSource(t *testing.T, z int, col func(x, y int) color.NRGBA) Source {
	t.Helper()
	set := map[tileAddr][]byte{}
	n := 1 << z
	for x := range n {
		for y := range n {
			set[tileAddr{z, x, y}] = encodePNG(t, solidTile(col(x, y), 256))
		}
	}
	dir := t.TempDir()
	writeXYZ(t, dir, set, ".png")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fill(m *image.RGBA, c color.RGBA) {
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, c.A
	}
}

func TestDrawOpacity(t *testing.T) {
	orange := solidSource(t, 2, func(x, y int) color.NRGBA { return color.NRGBA{200, 100, 0, 255} })
	glass := solidSource(t, 2, func(x, y int) color.NRGBA { return color.NRGBA{0, 0, 255, 128} })
	white := color.RGBA{255, 255, 255, 255}
	v := render.View{Center: orb.Point{106.85, 39.65}, MetresPerPixel: resAt(2, 39.65, 256) * 1.2, Width: 64, Height: 48}
	for _, c := range []struct {
		name    string
		src     Source
		bg      color.RGBA
		opacity float64
		want    color.RGBA
	}{
		{"opaque", orange, white, 1, color.RGBA{200, 100, 0, 255}},
		{"above 1 is 1", orange, white, 7, color.RGBA{200, 100, 0, 255}},
		{"half over white", orange, white, 0.5, color.RGBA{228, 178, 128, 255}},
		{"half over nothing", orange, color.RGBA{}, 0.5, color.RGBA{100, 50, 0, 128}},
		{"zero", orange, white, 0, white},
		{"NaN", orange, white, math.NaN(), white},
		{"translucent tile over white", glass, white, 1, color.RGBA{127, 127, 255, 255}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
			fill(dst, c.bg)
			if err := Draw(context.Background(), dst, v, c.src, c.opacity); err != nil {
				t.Fatal(err)
			}
			got := dst.RGBAAt(v.Width/2, v.Height/2)
			if absDiff(got.R, c.want.R) > 1 || absDiff(got.G, c.want.G) > 1 || absDiff(got.B, c.want.B) > 1 || absDiff(got.A, c.want.A) > 1 {
				t.Fatalf("centre pixel %v, want %v", got, c.want)
			}
		})
	}
}

func TestDrawAntimeridian(t *testing.T) {
	red, green := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 255, 0, 255}
	s := solidSource(t, 2, func(x, y int) color.NRGBA {
		switch x {
		case 3:
			return red
		case 0:
			return green
		}
		return color.NRGBA{0, 0, 255, 255}
	})
	v := render.View{Center: orb.Point{180, 10}, MetresPerPixel: resAt(2, 10, 256) * 1.2, Width: 200, Height: 100}
	dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	if err := Draw(context.Background(), dst, v, s, 1); err != nil {
		t.Fatal(err)
	}
	if got := dst.RGBAAt(50, 50); got != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("west of 180°: %v, want red (tile x=3)", got)
	}
	if got := dst.RGBAAt(150, 50); got != (color.RGBA{0, 255, 0, 255}) {
		t.Errorf("east of 180°: %v, want green (tile x=0)", got)
	}
}

// TestDrawFetchOnce: tiles outside the declared bounds are not asked for,
// each needed tile is read once, and a second Draw reads none.
func TestDrawFetchOnce(t *testing.T) {
	f := fixtures(t)
	inner, err := Open(f.paths["mbtiles"])
	if err != nil {
		t.Fatal(err)
	}
	s := &countingSource{Source: inner, asked: make(chan tileAddr, 10000)}
	defer s.Close()
	b, _ := s.Bounds()
	v := render.View{Center: orb.Point{106.85, 39.65}, MetresPerPixel: resAt(8, 39.65, 256) * 3, Width: 400, Height: 300}
	for round := range 2 {
		dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
		if err := Draw(context.Background(), dst, v, s, 1); err != nil {
			t.Fatal(err)
		}
		n := int(s.calls.Swap(0))
		seen := map[tileAddr]bool{}
		for range n {
			a := <-s.asked
			if seen[a] {
				t.Errorf("tile %v read twice", a)
			}
			seen[a] = true
			if a[1] < lonToTile(b.Min[0], a[0]) || a[1] > lonToTile(b.Max[0], a[0]) || a[2] < latToTile(b.Max[1], a[0]) || a[2] > latToTile(b.Min[1], a[0]) {
				t.Errorf("tile %v outside the declared bounds %v was read", a, b)
			}
		}
		switch {
		case round == 0 && n == 0:
			t.Fatal("first Draw read no tiles")
		case round == 1 && n != 0:
			t.Fatalf("second Draw read %d tiles, want 0 (cached)", n)
		}
	}
	// A view that does not reach the bounds reads nothing.
	far := v
	far.Center = orb.Point{20, 50}
	if err := Draw(context.Background(), image.NewRGBA(image.Rect(0, 0, v.Width, v.Height)), far, s, 1); err != nil {
		t.Fatal(err)
	}
	if n := s.calls.Load(); n != 0 {
		t.Fatalf("view far from the bounds read %d tiles", n)
	}
}

// TestDrawConcurrent: parallel Draws on one source agree with a lone one.
func TestDrawConcurrent(t *testing.T) {
	f := fixtures(t)
	s, err := Open(f.paths["pmtiles-leaves"])
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	views := []render.View{
		{Center: orb.Point{106.8, 39.6}, MetresPerPixel: 40, Width: 200, Height: 120},
		{Center: orb.Point{106.9, 39.7}, MetresPerPixel: 90, Width: 180, Height: 140},
		{Center: orb.Point{106.85, 39.65}, MetresPerPixel: 15, Width: 160, Height: 100},
	}
	want := make([]*image.RGBA, len(views))
	for i, v := range views {
		want[i] = image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
		if err := Draw(context.Background(), want[i], v, s, 1); err != nil {
			t.Fatal(err)
		}
	}
	tiles.purge(s)
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for k := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := views[k%len(views)]
			dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
			if err := Draw(context.Background(), dst, v, s, 1); err != nil {
				errs <- err
				return
			}
			if string(dst.Pix) != string(want[k%len(views)].Pix) {
				errs <- errors.New("concurrent Draw differs from a lone one")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestDrawCancel(t *testing.T) {
	f := fixtures(t)
	s, err := Open(f.paths["xyz"])
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v := render.View{Center: orb.Point{106.85, 39.65}, MetresPerPixel: 50, Width: 300, Height: 200}
	dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	for round := range 2 { // cold, then with the tiles cached
		if err := Draw(ctx, dst, v, s, 1); !errors.Is(err, context.Canceled) {
			t.Fatalf("round %d: %v, want context.Canceled", round, err)
		}
		if err := Draw(context.Background(), dst, v, s, 1); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDrawTileError: a damaged tile is reported, the rest is painted.
func TestDrawTileError(t *testing.T) {
	set := map[tileAddr][]byte{}
	for x := range 4 {
		for y := range 4 {
			set[tileAddr{2, x, y}] = encodePNG(t, solidTile(color.NRGBA{9, 9, 9, 255}, 256))
		}
	}
	// The tile under Wuhai at zoom 2 is 2/3/1.
	set[tileAddr{2, 3, 1}] = []byte("\x89PNG\r\n\x1a\ntruncated")
	p := filepath.Join(t.TempDir(), "d.mbtiles")
	writeMBTiles(t, p, nil, set)
	s, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := render.View{Center: orb.Point{90, 40}, MetresPerPixel: resAt(2, 40, 256) * 1.5, Width: 300, Height: 150}
	dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	err = Draw(context.Background(), dst, v, s, 1)
	wantCode(t, err, CodeCorrupt)
	px, py := v.ToPixel(orb.Point{106.85, 39.65})
	if got := dst.RGBAAt(int(px), int(py)); got.A != 0 {
		t.Errorf("damaged tile area painted %v", got)
	}
	px, py = v.ToPixel(orb.Point{60, 20})
	if got := dst.RGBAAt(int(px), int(py)); got != (color.RGBA{9, 9, 9, 255}) {
		t.Errorf("good tile area %v", got)
	}
}

// TestDrawDst: a bad view is refused; dst with an offset origin or another
// size gets the same pixels as the view-sized picture.
func TestDrawDst(t *testing.T) {
	f := fixtures(t)
	s, err := Open(f.paths["xyz"])
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := Draw(ctx, image.NewRGBA(image.Rect(0, 0, 10, 10)), render.View{Center: orb.Point{0, 95}, MetresPerPixel: 1, Width: 10, Height: 10}, s, 1); err == nil {
		t.Fatal("bad view accepted")
	}
	v := render.View{Center: orb.Point{106.85, 39.65}, MetresPerPixel: 60, Width: 120, Height: 80}
	full := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	if err := Draw(ctx, full, v, s, 1); err != nil {
		t.Fatal(err)
	}
	for _, r := range []image.Rectangle{image.Rect(10, 20, 130, 100), image.Rect(-5, -5, 50, 40), image.Rect(0, 0, 200, 200)} {
		dst := image.NewRGBA(r)
		if err := Draw(ctx, dst, v, s, 1); err != nil {
			t.Fatal(err)
		}
		w, h := min(v.Width, r.Dx()), min(v.Height, r.Dy())
		for j := range r.Dy() {
			for i := range r.Dx() {
				got := dst.RGBAAt(r.Min.X+i, r.Min.Y+j)
				want := color.RGBA{}
				if i < w && j < h {
					want = full.RGBAAt(i, j)
				}
				if got != want {
					t.Fatalf("dst %v pixel (%d, %d) = %v, want %v", r, i, j, got, want)
				}
			}
		}
	}
}

// TestDrawFarBelowMinZoom: a small high-zoom source seen from far away is
// drawn when its declared bounds keep the tile count low, and left blank,
// without reading a tile, when nothing bounds it.
func TestDrawFarBelowMinZoom(t *testing.T) {
	box := orb.Bound{Min: orb.Point{106.80, 39.64}, Max: orb.Point{106.82, 39.66}}
	set := map[tileAddr][]byte{}
	for x := lonToTile(box.Min[0], 14); x <= lonToTile(box.Max[0], 14); x++ {
		for y := latToTile(box.Max[1], 14); y <= latToTile(box.Min[1], 14); y++ {
			set[tileAddr{14, x, y}] = encodePNG(t, solidTile(color.NRGBA{0, 0, 200, 255}, 256))
		}
	}
	dir := t.TempDir()
	mb := filepath.Join(dir, "small.mbtiles")
	writeMBTiles(t, mb, map[string]string{"minzoom": "14", "maxzoom": "14", "bounds": "106.80,39.64,106.82,39.66"}, set)
	xyz := filepath.Join(dir, "xyz")
	writeXYZ(t, xyz, set, ".png")
	v := render.View{Center: orb.Point{106.85, 39.65}, MetresPerPixel: resAt(9, 39.65, 256) * 1.2, Width: 400, Height: 300}
	for _, c := range []struct {
		path  string
		drawn bool
	}{{mb, true}, {xyz, false}} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			inner, err := Open(c.path)
			if err != nil {
				t.Fatal(err)
			}
			s := &countingSource{Source: inner}
			defer s.Close()
			dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
			if err := Draw(context.Background(), dst, v, s, 1); err != nil {
				t.Fatal(err)
			}
			px, py := v.ToPixel(orb.Point{106.81, 39.65})
			got := dst.RGBAAt(int(px), int(py))
			if c.drawn && got != (color.RGBA{0, 0, 200, 255}) {
				t.Errorf("source area pixel %v, want the tile colour", got)
			}
			if !c.drawn {
				if got.A != 0 {
					t.Errorf("source area pixel %v, want blank", got)
				}
				if n := s.calls.Load(); n != 0 {
					t.Errorf("%d tiles read for a blank view", n)
				}
			}
		})
	}
}
