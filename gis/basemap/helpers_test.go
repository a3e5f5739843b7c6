package basemap

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/paulmach/orb"
)

// tileAddr is z, x, y (XYZ numbering).
type tileAddr [3]int

// tileMark is the blue value that identifies tile z/x/y in test tiles.
func tileMark(z, x, y int) uint8 { return uint8((z*37 + x*11 + y*5) % 251) }

// gradientTile is a ts-pixel tile whose red is the pixel column, green the
// pixel row (scaled to 0..255) and blue tileMark: a bilinear sample of it
// tells exactly where it was taken.
func gradientTile(z, x, y, ts int) image.Image {
	m := image.NewNRGBA(image.Rect(0, 0, ts, ts))
	b := tileMark(z, x, y)
	for j := range ts {
		for i := range ts {
			m.SetNRGBA(i, j, color.NRGBA{uint8(i * 256 / ts), uint8(j * 256 / ts), b, 255})
		}
	}
	return m
}

func solidTile(c color.NRGBA, ts int) image.Image {
	m := image.NewNRGBA(image.Rect(0, 0, ts, ts))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return m
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lonToTile and latToTile are the OSM wiki slippy-map formulas.
func lonToTile(lon float64, z int) int {
	return int(math.Floor((lon + 180) / 360 * math.Exp2(float64(z))))
}

func latToTile(lat float64, z int) int {
	r := lat * math.Pi / 180
	return int(math.Floor((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * math.Exp2(float64(z))))
}

// gradientSet returns PNG gradient tiles covering box at zooms z0..z1.
func gradientSet(t testing.TB, box orb.Bound, z0, z1, ts int) map[tileAddr][]byte {
	t.Helper()
	out := map[tileAddr][]byte{}
	for z := z0; z <= z1; z++ {
		for x := lonToTile(box.Min[0], z); x <= lonToTile(box.Max[0], z); x++ {
			for y := latToTile(box.Max[1], z); y <= latToTile(box.Min[1], z); y++ {
				out[tileAddr{z, x, y}] = encodePNG(t, gradientTile(z, x, y, ts))
			}
		}
	}
	return out
}

// writeXYZ writes tiles as dir/z/x/y.ext.
func writeXYZ(t testing.TB, dir string, tiles map[tileAddr][]byte, ext string) {
	t.Helper()
	for a, b := range tiles {
		d := filepath.Join(dir, strconv.Itoa(a[0]), strconv.Itoa(a[1]))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, strconv.Itoa(a[2])+ext), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeMBTiles writes an MBTiles 1.3 file with the standard schema; rows
// are stored in TMS order as the specification says.
func writeMBTiles(t testing.TB, path string, meta map[string]string, tiles map[tileAddr][]byte) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE metadata (name text, value text)`,
		`CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)`,
		`CREATE UNIQUE INDEX tile_index on tiles (zoom_level, tile_column, tile_row)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range meta {
		if _, err := tx.Exec(`INSERT INTO metadata VALUES (?, ?)`, k, v); err != nil {
			t.Fatal(err)
		}
	}
	for a, b := range tiles {
		if _, err := tx.Exec(`INSERT INTO tiles VALUES (?, ?, ?, ?)`, a[0], a[1], (1<<a[0])-1-a[2], b); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// pmOpts controls the PMTiles writer below.
type pmOpts struct {
	internalComp, tileComp uint8 // pmCompNone or pmCompGzip
	tileType               uint8
	leafSize               int // entries per leaf directory; 0 puts all in the root
	minZ, maxZ             uint8
	bounds                 [4]float64 // w, s, e, n; all zero for none
	metadata               string     // JSON
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// encodeDir serialises directory entries the PMTiles v3 way.
func encodeDir(es []pmEntry) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(es)))
	var last uint64
	for _, e := range es {
		b = binary.AppendUvarint(b, e.tileID-last)
		last = e.tileID
	}
	for _, e := range es {
		b = binary.AppendUvarint(b, uint64(e.runLength))
	}
	for _, e := range es {
		b = binary.AppendUvarint(b, uint64(e.length))
	}
	for i, e := range es {
		if i > 0 && e.offset == es[i-1].offset+uint64(es[i-1].length) {
			b = binary.AppendUvarint(b, 0)
		} else {
			b = binary.AppendUvarint(b, e.offset+1)
		}
	}
	return b
}

// buildPMTiles writes a PMTiles v3 archive: header, root directory,
// metadata, leaf directories, tile data. Identical tiles are stored once;
// identical consecutive tiles become one run.
func buildPMTiles(t testing.TB, tiles map[tileAddr][]byte, o pmOpts) []byte {
	t.Helper()
	type kv struct {
		id   uint64
		data []byte
	}
	var all []kv
	for a, b := range tiles {
		if o.tileComp == pmCompGzip {
			b = gz(t, b)
		}
		all = append(all, kv{tileID(a[0], a[1], a[2]), b})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].id < all[j].id })
	var data []byte
	seen := map[string]uint64{}
	var es []pmEntry
	for _, t := range all {
		if n := len(es); n > 0 {
			p := &es[n-1]
			if p.tileID+uint64(p.runLength) == t.id && bytes.Equal(data[p.offset:p.offset+uint64(p.length)], t.data) {
				p.runLength++
				continue
			}
		}
		off, ok := seen[string(t.data)]
		if !ok {
			off = uint64(len(data))
			seen[string(t.data)] = off
			data = append(data, t.data...)
		}
		es = append(es, pmEntry{tileID: t.id, offset: off, length: uint32(len(t.data)), runLength: 1})
	}
	comp := func(b []byte) []byte {
		if o.internalComp == pmCompGzip {
			return gz(t, b)
		}
		return b
	}
	var root, leaves []byte
	if o.leafSize > 0 {
		var rootEs []pmEntry
		for i := 0; i < len(es); i += o.leafSize {
			chunk := es[i:min(i+o.leafSize, len(es))]
			lb := comp(encodeDir(chunk))
			rootEs = append(rootEs, pmEntry{tileID: chunk[0].tileID, offset: uint64(len(leaves)), length: uint32(len(lb))})
			leaves = append(leaves, lb...)
		}
		root = comp(encodeDir(rootEs))
	} else {
		root = comp(encodeDir(es))
	}
	meta := comp([]byte(o.metadata))
	h := make([]byte, pmHeaderLen)
	copy(h, "PMTiles\x03")
	put := func(off int, v uint64) { binary.LittleEndian.PutUint64(h[off:], v) }
	rootOff := uint64(pmHeaderLen)
	metaOff := rootOff + uint64(len(root))
	leafOff := metaOff + uint64(len(meta))
	dataOff := leafOff + uint64(len(leaves))
	put(8, rootOff)
	put(16, uint64(len(root)))
	put(24, metaOff)
	put(32, uint64(len(meta)))
	put(40, leafOff)
	put(48, uint64(len(leaves)))
	put(56, dataOff)
	put(64, uint64(len(data)))
	put(72, uint64(len(all)))
	put(80, uint64(len(es)))
	put(88, uint64(len(seen)))
	h[96] = 1
	h[97], h[98], h[99] = o.internalComp, o.tileComp, o.tileType
	h[100], h[101] = o.minZ, o.maxZ
	for i, f := range o.bounds {
		binary.LittleEndian.PutUint32(h[102+4*i:], uint32(int32(math.Round(f*1e7))))
	}
	h[118] = o.minZ
	out := append(h, root...)
	out = append(out, meta...)
	out = append(out, leaves...)
	return append(out, data...)
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// zoomsOf returns the smallest and largest zoom in tiles.
func zoomsOf(tiles map[tileAddr][]byte) (lo, hi uint8) {
	lo = 255
	for a := range tiles {
		lo, hi = min(lo, uint8(a[0])), max(hi, uint8(a[0]))
	}
	return lo, hi
}

// countingSource counts Tile calls per address.
type countingSource struct {
	Source
	calls atomic.Int64
	asked chan tileAddr // nil or buffered
}

func (c *countingSource) Tile(ctx context.Context, z, x, y int) (image.Image, error) {
	c.calls.Add(1)
	if c.asked != nil {
		select {
		case c.asked <- tileAddr{z, x, y}:
		default:
		}
	}
	return c.Source.Tile(ctx, z, x, y)
}

func (c *countingSource) Close() error {
	tiles.purge(c)
	return c.Source.Close()
}

// wantCode fails unless err is an *Error with the given code.
func wantCode(t *testing.T, err error, code string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want *Error %s", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("code %q (%v), want %q", e.Code, err, code)
	}
	return e
}

func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func mustExec(t testing.TB, db *sql.DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}
