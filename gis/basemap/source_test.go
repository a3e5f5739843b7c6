package basemap

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

// wuhai is the test area: Wuhai, Inner Mongolia.
var wuhai = orb.Bound{Min: orb.Point{106.6, 39.4}, Max: orb.Point{107.1, 39.9}}

const fixZ0, fixZ1 = 8, 11

// fixture is one tile set written in every supported form.
type fixture struct {
	tiles   map[tileAddr][]byte
	missing tileAddr // inside the area, deliberately left out
	paths   map[string]string
	bounds  map[string]orb.Bound // declared bounds per kind (absent: none)
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixDir  string
)

// TestMain removes the shared fixture directory.
func TestMain(m *testing.M) {
	code := m.Run()
	if fixDir != "" {
		os.RemoveAll(fixDir)
	}
	os.Exit(code)
}

// fixtures builds the shared tile set once per test binary.
func fixtures(t testing.TB) *fixture {
	t.Helper()
	fixOnce.Do(func() {
		dir, err := os.MkdirTemp("", "basemap-fixtures-")
		if err != nil {
			t.Fatal(err)
		}
		fixDir = dir
		f := &fixture{tiles: gradientSet(t, wuhai, fixZ0, fixZ1, 256), paths: map[string]string{}, bounds: map[string]orb.Bound{}}
		f.missing = tileAddr{fixZ1, lonToTile(106.85, fixZ1), latToTile(39.65, fixZ1)}
		delete(f.tiles, f.missing)
		declared := orb.Bound{Min: orb.Point{106.5, 39.3}, Max: orb.Point{107.2, 40}}
		boundsStr := "106.5,39.3,107.2,40"

		p := filepath.Join(dir, "xyz")
		writeXYZ(t, p, f.tiles, ".png")
		f.paths["xyz"] = p

		p = filepath.Join(dir, "xyz-tms")
		flipped := map[tileAddr][]byte{}
		for a, b := range f.tiles {
			flipped[tileAddr{a[0], a[1], (1 << a[0]) - 1 - a[2]}] = b
		}
		writeXYZ(t, p, flipped, ".png")
		meta, _ := json.Marshal(map[string]any{"name": "TMS folder", "scheme": "tms", "bounds": boundsStr, "format": "png"})
		writeFile(t, filepath.Join(p, "metadata.json"), meta)
		f.paths["xyz-tms"], f.bounds["xyz-tms"] = p, declared

		p = filepath.Join(dir, "full.mbtiles")
		writeMBTiles(t, p, map[string]string{"name": "Full", "format": "png", "minzoom": "8", "maxzoom": "11", "bounds": boundsStr}, f.tiles)
		f.paths["mbtiles"], f.bounds["mbtiles"] = p, declared

		p = filepath.Join(dir, "bare.mbtiles")
		writeMBTiles(t, p, nil, f.tiles)
		f.paths["mbtiles-bare"] = p

		lo, hi := zoomsOf(f.tiles)
		p = filepath.Join(dir, "plain.pmtiles")
		writeFile(t, p, buildPMTiles(t, f.tiles, pmOpts{internalComp: pmCompNone, tileComp: pmCompNone, tileType: pmTypePNG, minZ: lo, maxZ: hi, bounds: [4]float64{106.5, 39.3, 107.2, 40}, metadata: `{"name":"Plain"}`}))
		f.paths["pmtiles"], f.bounds["pmtiles"] = p, declared

		p = filepath.Join(dir, "leaves.pmtiles")
		writeFile(t, p, buildPMTiles(t, f.tiles, pmOpts{internalComp: pmCompGzip, tileComp: pmCompGzip, tileType: pmTypePNG, leafSize: 7, minZ: lo, maxZ: hi, metadata: `{"name":"Leaves"}`}))
		f.paths["pmtiles-leaves"] = p
		fix = f
	})
	if fix == nil {
		t.Fatal("fixtures failed")
	}
	return fix
}

func TestOpenFormats(t *testing.T) {
	f := fixtures(t)
	for _, c := range []struct {
		kind, name string
	}{
		{"xyz", "xyz"},
		{"xyz-tms", "TMS folder"},
		{"mbtiles", "Full"},
		{"mbtiles-bare", "bare"},
		{"pmtiles", "Plain"},
		{"pmtiles-leaves", "Leaves"},
	} {
		t.Run(c.kind, func(t *testing.T) {
			s, err := Open(f.paths[c.kind])
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if lo, hi := s.Zooms(); lo != fixZ0 || hi != fixZ1 {
				t.Errorf("Zooms = %d, %d; want %d, %d", lo, hi, fixZ0, fixZ1)
			}
			if s.Name() != c.name {
				t.Errorf("Name = %q, want %q", s.Name(), c.name)
			}
			b, ok := s.Bounds()
			wb, wok := f.bounds[c.kind]
			if ok != wok || !boundNear(b, wb, 1e-7) {
				t.Errorf("Bounds = %v, %v; want %v, %v", b, ok, wb, wok)
			}
			if ts := s.(tileSizer).TileSize(); ts != 256 {
				t.Errorf("TileSize = %d", ts)
			}
			ctx := context.Background()
			n := 0
			for a := range f.tiles {
				img, err := s.Tile(ctx, a[0], a[1], a[2])
				if err != nil {
					t.Fatalf("Tile %v: %v", a, err)
				}
				want := color.NRGBA{10, 20, tileMark(a[0], a[1], a[2]), 255}
				if got := color.NRGBAModel.Convert(img.At(img.Bounds().Min.X+10, img.Bounds().Min.Y+20)); got != want {
					t.Fatalf("tile %v pixel (10, 20) = %v, want %v", a, got, want)
				}
				n++
			}
			for _, a := range []tileAddr{f.missing, {fixZ1 + 1, 0, 0}, {fixZ0 - 1, 0, 0}, {fixZ1, -1, 3}, {fixZ1, 3, 1 << fixZ1}, {40, 0, 0}} {
				if _, err := s.Tile(ctx, a[0], a[1], a[2]); !errors.Is(err, ErrNoTile) {
					t.Errorf("Tile %v: %v, want ErrNoTile", a, err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Tile(ctx, fixZ0, 0, 0); err == nil || errors.Is(err, ErrNoTile) {
				t.Errorf("Tile after Close: %v, want an error", err)
			}
		})
	}
}

func boundNear(a, b orb.Bound, eps float64) bool {
	for i := range 2 {
		if d := a.Min[i] - b.Min[i]; d > eps || d < -eps {
			return false
		}
		if d := a.Max[i] - b.Max[i]; d > eps || d < -eps {
			return false
		}
	}
	return true
}

func TestOpenErrors(t *testing.T) {
	f := fixtures(t)
	dir := t.TempDir()
	png1 := encodePNG(t, solidTile(color.NRGBA{1, 2, 3, 255}, 256))
	webp := []byte("RIFF\x10\x00\x00\x00WEBPVP8L\x00\x00\x00\x00")
	pm := func(o pmOpts) []byte {
		return buildPMTiles(t, map[tileAddr][]byte{{0, 0, 0}: png1}, o)
	}
	plain, err := os.ReadFile(f.paths["pmtiles"])
	if err != nil {
		t.Fatal(err)
	}
	beyond := append([]byte(nil), plain...)
	binary.LittleEndian.PutUint64(beyond[8:], uint64(len(plain)+10)) // root offset past the end
	gpkg := filepath.Join(dir, "a.gpkg")
	{
		writeMBTiles(t, gpkg, nil, nil)
		db := openDB(t, gpkg)
		mustExec(t, db, `DROP TABLE tiles`, `CREATE TABLE gpkg_contents (table_name TEXT)`)
		db.Close()
	}
	noTiles := filepath.Join(dir, "notiles.mbtiles")
	{
		writeMBTiles(t, noTiles, nil, nil)
		db := openDB(t, noTiles)
		mustExec(t, db, `DROP TABLE tiles`)
		db.Close()
	}
	mvt := filepath.Join(dir, "vector.mbtiles")
	writeMBTiles(t, mvt, map[string]string{"format": "pbf"}, map[tileAddr][]byte{{0, 0, 0}: gz(t, []byte{0x1a, 0})})
	mvtNoFormat := filepath.Join(dir, "vector2.mbtiles")
	writeMBTiles(t, mvtNoFormat, nil, map[tileAddr][]byte{{0, 0, 0}: gz(t, []byte{0x1a, 0})})
	webpMB := filepath.Join(dir, "webp.mbtiles")
	writeMBTiles(t, webpMB, map[string]string{"format": "webp"}, map[tileAddr][]byte{{0, 0, 0}: webp})
	emptyMB := filepath.Join(dir, "empty.mbtiles")
	writeMBTiles(t, emptyMB, nil, nil)
	xyzWebp := filepath.Join(dir, "xyzwebp")
	writeXYZ(t, xyzWebp, map[tileAddr][]byte{{0, 0, 0}: webp}, ".webp")
	xyzPbf := filepath.Join(dir, "xyzpbf")
	writeXYZ(t, xyzPbf, map[tileAddr][]byte{{3, 1, 1}: gz(t, []byte{0x1a, 0})}, ".pbf")
	xyzEmpty := filepath.Join(dir, "xyzempty")
	if err := os.MkdirAll(filepath.Join(xyzEmpty, "3", "1"), 0o755); err != nil {
		t.Fatal(err)
	}
	geodetic := filepath.Join(dir, "geodetic")
	writeXYZ(t, geodetic, map[tileAddr][]byte{{0, 0, 0}: png1}, ".png")
	writeFile(t, filepath.Join(geodetic, "tilemapresource.xml"), []byte(`<?xml version="1.0"?><TileMap version="1.0.0"><TileSets profile="geodetic"><TileSet href="0" order="0"/></TileSets></TileMap>`))

	files := map[string][]byte{
		"empty.mbtiles":   nil,
		"text.mbtiles":    []byte("hello, not a database"),
		"trunc.mbtiles":   []byte("SQLite format 3\x00\x10\x00\x01\x01"),
		"a.geojson":       []byte(`{"type":"FeatureCollection","features":[]}`),
		"a.tif":           []byte("II*\x00\x08\x00\x00\x00"),
		"a.png":           png1,
		"a.zip":           []byte("PK\x03\x04rest"),
		"a.shp":           {0, 0, 0x27, 0x0a, 0, 0, 0, 0},
		"a.bin":           {0xde, 0xad, 0xbe, 0xef},
		"trunc.pmtiles":   plain[:100],
		"beyond.pmtiles":  beyond,
		"badroot.pmtiles": append(append([]byte(nil), plain[:pmHeaderLen]...), bytes.Repeat([]byte{0xff}, len(plain)-pmHeaderLen)...),
		"v2.pmtiles":      []byte("PM\x02\x00" + strings.Repeat("\x00", 600)),
		"text.pmtiles":    []byte("just text"),
		"mvt.pmtiles":     pm(pmOpts{internalComp: pmCompNone, tileComp: pmCompGzip, tileType: pmTypeMVT}),
		"webp.pmtiles":    pm(pmOpts{internalComp: pmCompNone, tileComp: pmCompNone, tileType: pmTypeWebP}),
		"brotli.pmtiles":  pm(pmOpts{internalComp: pmCompBrotli, tileComp: pmCompNone, tileType: pmTypePNG}),
		"zstd.pmtiles":    pm(pmOpts{internalComp: pmCompNone, tileComp: pmCompZstd, tileType: pmTypePNG}),
	}
	for name, b := range files {
		writeFile(t, filepath.Join(dir, name), b)
	}
	at := func(name string) string { return filepath.Join(dir, name) }
	for _, c := range []struct {
		path, code, says string
	}{
		{at("nothing-here.mbtiles"), CodeNotFound, ""},
		{at("empty.mbtiles"), CodeCorrupt, "empty"},
		{at("text.mbtiles"), CodeCorrupt, "not an SQLite database"},
		{at("trunc.mbtiles"), CodeCorrupt, ""},
		{at("a.geojson"), CodeUnknownFormat, "JSON"},
		{at("a.tif"), CodeUnknownFormat, "TIFF"},
		{at("a.png"), CodeUnknownFormat, "single PNG"},
		{at("a.zip"), CodeUnknownFormat, "ZIP"},
		{at("a.shp"), CodeUnknownFormat, "shapefile"},
		{at("a.bin"), CodeUnknownFormat, "no known format"},
		{gpkg, CodeUnknownFormat, "GeoPackage"},
		{noTiles, CodeUnknownFormat, "without a tiles table"},
		{emptyMB, CodeCorrupt, "empty"},
		{mvt, CodeUnsupported, "vector"},
		{mvtNoFormat, CodeUnsupported, "vector"},
		{webpMB, CodeUnsupported, "WebP"},
		{at("trunc.pmtiles"), CodeCorrupt, "header"},
		{at("beyond.pmtiles"), CodeCorrupt, "past the end"},
		{at("badroot.pmtiles"), CodeCorrupt, "root directory"},
		{at("v2.pmtiles"), CodeUnsupported, "version 2"},
		{at("text.pmtiles"), CodeCorrupt, "no PMTiles header"},
		{at("mvt.pmtiles"), CodeUnsupported, "MVT"},
		{at("webp.pmtiles"), CodeUnsupported, "WebP"},
		{at("brotli.pmtiles"), CodeUnsupported, "brotli"},
		{at("zstd.pmtiles"), CodeUnsupported, "zstd"},
		{xyzWebp, CodeUnsupported, "WebP"},
		{xyzPbf, CodeUnsupported, "vector"},
		{xyzEmpty, CodeUnknownFormat, "no .png"},
		{dir, CodeUnknownFormat, "without {z}/{x}/{y}"},
		{geodetic, CodeUnsupported, "geodetic"},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			s, err := Open(c.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want %s", c.code)
			}
			e := wantCode(t, err, c.code)
			if e.Path != c.path {
				t.Errorf("Path = %q, want %q", e.Path, c.path)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("message %q does not say %q", err, c.says)
			}
		})
	}
}

// TestTileErrors: damage found only when a tile is read.
func TestTileErrors(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	png1 := encodePNG(t, solidTile(color.NRGBA{1, 2, 3, 255}, 256))
	set := map[tileAddr][]byte{{2, 1, 1}: png1, {2, 1, 2}: []byte("\x89PNG\r\n\x1a\nbroken"), {2, 2, 2}: []byte("garbage"), {2, 2, 1}: []byte("RIFF\x10\x00\x00\x00WEBPVP8L")}
	mb := filepath.Join(dir, "a.mbtiles")
	writeMBTiles(t, mb, map[string]string{"minzoom": "2", "maxzoom": "2"}, set)
	xyz := filepath.Join(dir, "xyz")
	writeXYZ(t, xyz, set, ".png")
	pmb := buildPMTiles(t, set, pmOpts{internalComp: pmCompNone, tileComp: pmCompNone, tileType: pmTypeUnknown, minZ: 2, maxZ: 2})
	pmp := filepath.Join(dir, "a.pmtiles")
	writeFile(t, pmp, pmb)
	// A leaf directory whose bytes are damaged: the root still opens.
	leafy := buildPMTiles(t, set, pmOpts{internalComp: pmCompGzip, tileComp: pmCompNone, tileType: pmTypePNG, leafSize: 2, minZ: 2, maxZ: 2})
	leafOff := binary.LittleEndian.Uint64(leafy[40:])
	leafLen := binary.LittleEndian.Uint64(leafy[48:])
	for i := leafOff; i < leafOff+leafLen; i++ {
		leafy[i] = 0xff
	}
	leafp := filepath.Join(dir, "leafy.pmtiles")
	writeFile(t, leafp, leafy)

	for _, c := range []struct {
		path string
		addr tileAddr
		code string // "" for success
	}{
		{mb, tileAddr{2, 1, 1}, ""},
		{mb, tileAddr{2, 1, 2}, CodeCorrupt},
		{mb, tileAddr{2, 2, 2}, CodeCorrupt},
		{mb, tileAddr{2, 2, 1}, CodeUnsupported},
		{xyz, tileAddr{2, 1, 1}, ""},
		{xyz, tileAddr{2, 1, 2}, CodeCorrupt},
		{xyz, tileAddr{2, 2, 2}, CodeCorrupt},
		{pmp, tileAddr{2, 1, 1}, ""},
		{pmp, tileAddr{2, 1, 2}, CodeCorrupt},
		{pmp, tileAddr{2, 2, 1}, CodeUnsupported},
		{leafp, tileAddr{2, 1, 1}, CodeCorrupt},
	} {
		t.Run(filepath.Base(c.path)+"_"+strings.ReplaceAll(fmtAddr(c.addr), "/", "-"), func(t *testing.T) {
			s, err := Open(c.path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			img, err := s.Tile(ctx, c.addr[0], c.addr[1], c.addr[2])
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got := color.NRGBAModel.Convert(img.At(img.Bounds().Min.X, img.Bounds().Min.Y)); got != (color.NRGBA{1, 2, 3, 255}) {
					t.Fatalf("pixel %v", got)
				}
				return
			}
			wantCode(t, err, c.code)
		})
	}
}

func fmtAddr(a tileAddr) string { return where(a[0], a[1], a[2]) }

// TestDecodeTileSizes: oversized and odd tiles.
func TestDecodeTileSizes(t *testing.T) {
	big := encodePNG(t, image.NewGray(image.Rect(0, 0, maxTilePixels+1, 1)))
	if _, err := decodeTile(big, "p", "0/0/0"); err == nil {
		t.Fatal("decoded a tile wider than maxTilePixels")
	} else {
		wantCode(t, err, CodeCorrupt)
	}
	jp := encodeJPEG(t, solidTile(color.NRGBA{200, 100, 50, 255}, 512))
	if got := tileSizeOf(jp); got != 512 {
		t.Fatalf("tileSizeOf(512-px JPEG) = %d", got)
	}
	img, err := decodeTile(jp, "p", "0/0/0")
	if err != nil {
		t.Fatal(err)
	}
	c := color.NRGBAModel.Convert(img.At(100, 100)).(color.NRGBA)
	if absDiff(c.R, 200) > 3 || absDiff(c.G, 100) > 3 || absDiff(c.B, 50) > 3 {
		t.Fatalf("JPEG pixel %v", c)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
