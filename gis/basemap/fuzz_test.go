package basemap

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// pmSeeds are generated PMTiles archives: plain, gzip with leaves, runs of
// identical tiles, tile type left unknown (4-pixel tiles keep runs fast).
func pmSeeds(t testing.TB) [][]byte {
	red := encodePNG(t, solidTile(color.NRGBA{255, 0, 0, 255}, 4))
	blue := encodePNG(t, solidTile(color.NRGBA{0, 0, 255, 255}, 4))
	set := map[tileAddr][]byte{{0, 0, 0}: red}
	for x := range 2 {
		for y := range 2 {
			set[tileAddr{1, x, y}] = blue // a run of four identical tiles
		}
	}
	set[tileAddr{2, 1, 1}] = red
	return [][]byte{
		buildPMTiles(t, set, pmOpts{internalComp: pmCompNone, tileComp: pmCompNone, tileType: pmTypePNG, minZ: 0, maxZ: 2, bounds: [4]float64{-180, -85, 180, 85}, metadata: `{"name":"seed"}`}),
		buildPMTiles(t, set, pmOpts{internalComp: pmCompGzip, tileComp: pmCompGzip, tileType: pmTypePNG, leafSize: 2, minZ: 0, maxZ: 2}),
		buildPMTiles(t, set, pmOpts{internalComp: pmCompNone, tileComp: pmCompNone, tileType: pmTypeUnknown, leafSize: 1, minZ: 0, maxZ: 2}),
	}
}

// FuzzPMTiles opens arbitrary bytes as a PMTiles archive and reads and
// draws its tiles: no panic, and every failure is an *Error or ErrNoTile.
func FuzzPMTiles(f *testing.F) {
	for _, s := range pmSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := newPMTiles("fuzz.pmtiles", bytes.NewReader(b), int64(len(b)), nopCloser{})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not *Error", err)
			}
			return
		}
		defer s.Close()
		lo, hi := s.Zooms()
		if lo < 0 || hi > MaxZoom || lo > hi {
			t.Fatalf("zooms %d..%d", lo, hi)
		}
		ctx := context.Background()
		for z := lo; z <= min(hi, lo+2, 2); z++ {
			for x := range 1 << z {
				for y := range 1 << z {
					img, err := s.Tile(ctx, z, x, y)
					var e *Error
					switch {
					case err == nil && img == nil:
						t.Fatalf("tile %d/%d/%d: nil image and nil error", z, x, y)
					case err != nil && !errors.Is(err, ErrNoTile) && !errors.As(err, &e):
						t.Fatalf("tile %d/%d/%d: error %v is not *Error", z, x, y, err)
					}
				}
			}
		}
		v := render.View{Center: orb.Point{10, 20}, MetresPerPixel: 20000, Width: 16, Height: 12}
		_ = Draw(ctx, image.NewRGBA(image.Rect(0, 0, 16, 12)), v, s, 1)
	})
}

// FuzzPMTilesDirectory decodes arbitrary directory bytes; what decodes has
// strictly increasing tile IDs and re-encodes to a directory that decodes
// the same.
func FuzzPMTilesDirectory(f *testing.F) {
	f.Add([]byte{3, 5, 1, 4, 1, 2, 0, 100, 50, 30, 1, 0, 8})
	for _, seed := range pmSeeds(f) {
		h, err := parseHeader(seed, int64(len(seed)))
		if err != nil {
			f.Fatal(err)
		}
		if d, err := decompress(seed[h.rootOff:h.rootOff+h.rootLen], h.internalComp, maxDirBytes); err == nil {
			f.Add(d)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		es, err := parseDirectory(b)
		if err != nil {
			return
		}
		for i := 1; i < len(es); i++ {
			if es[i].tileID <= es[i-1].tileID {
				t.Fatalf("entry %d: tile ID %d after %d", i, es[i].tileID, es[i-1].tileID)
			}
		}
		again, err := parseDirectory(encodeDir(es))
		if err != nil {
			t.Fatalf("re-encoded directory: %v", err)
		}
		if len(again) != len(es) {
			t.Fatalf("re-encoded %d entries as %d", len(es), len(again))
		}
		for i := range es {
			if again[i] != es[i] {
				t.Fatalf("entry %d: %v became %v", i, es[i], again[i])
			}
		}
	})
}
