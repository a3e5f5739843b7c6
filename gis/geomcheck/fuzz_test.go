package geomcheck

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// Fuzz input format (decodeFuzz): byte 0 selects the geometry kind (bits
// 0–1: Polygon, MultiPolygon of two, LineString, Ring), the coordinate
// encoding (bit 2: float64 little-endian, else int8 — small integers make
// shared vertices and collinear edges likely) and whether rings are closed
// automatically (bit 3). Byte 1 gives the number of rings (1–4); each ring
// then starts with a length byte (0–63 positions) followed by its
// coordinates. Decoding stops when the data runs out.

func decodeFuzz(data []byte) orb.Geometry {
	if len(data) < 2 {
		return nil
	}
	flags, nrings := data[0], 1+int(data[1])%4
	data = data[2:]
	float := flags&4 != 0
	coord := func() (float64, bool) {
		if float {
			if len(data) < 8 {
				return 0, false
			}
			v := math.Float64frombits(binary.LittleEndian.Uint64(data))
			data = data[8:]
			return v, true
		}
		if len(data) < 1 {
			return 0, false
		}
		v := float64(int8(data[0]))
		data = data[1:]
		return v, true
	}
	var rings []orb.Ring
	for r := 0; r < nrings && len(data) > 0; r++ {
		n := int(data[0]) % 64
		data = data[1:]
		ring := orb.Ring{}
		for k := 0; k < n; k++ {
			x, ok1 := coord()
			y, ok2 := coord()
			if !ok1 || !ok2 {
				break
			}
			ring = append(ring, orb.Point{x, y})
		}
		if flags&8 != 0 && len(ring) > 0 {
			ring = append(ring, ring[0])
		}
		rings = append(rings, ring)
	}
	switch flags & 3 {
	case 0:
		return orb.Polygon(rings)
	case 1:
		h := (len(rings) + 1) / 2
		return orb.MultiPolygon{orb.Polygon(rings[:h]), orb.Polygon(rings[h:])}
	case 2:
		if len(rings) == 0 {
			return orb.LineString{}
		}
		return orb.LineString(rings[0])
	}
	if len(rings) == 0 {
		return orb.Ring{}
	}
	return rings[0]
}

// encodeFuzz is the inverse of decodeFuzz for float64 polygons, used to
// seed the corpus with real boundaries.
func encodeFuzz(p orb.Polygon) []byte {
	out := []byte{4, byte(len(p) - 1)}
	for _, r := range p {
		if len(r) > 63 {
			r = append(r[:62:62], r[0])
		}
		out = append(out, byte(len(r)))
		for _, pt := range r {
			out = binary.LittleEndian.AppendUint64(out, math.Float64bits(pt[0]))
			out = binary.LittleEndian.AppendUint64(out, math.Float64bits(pt[1]))
		}
	}
	return out
}

func FuzzCheck(f *testing.F) {
	// Hand-made seeds in the int8 encoding (closed automatically, flag 8).
	f.Add([]byte{8, 0, 4, 0, 0, 2, 2, 2, 0, 0, 2})                         // bow-tie
	f.Add([]byte{8, 0, 4, 0, 0, 4, 0, 4, 4, 0, 4})                         // square
	f.Add([]byte{8, 1, 4, 0, 0, 4, 0, 4, 4, 0, 4, 3, 0, 0, 1, 2, 2, 1})    // hole touching
	f.Add([]byte{8, 0, 6, 0, 0, 4, 0, 4, 4, 2, 4, 2, 6, 2, 4})             // spike
	f.Add([]byte{2, 0, 3, 1, 1, 1, 1, 1, 1})                               // short line
	f.Add([]byte{4, 0, 1, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f, 0, 0, 0, 0, 0, 0}) // NaN
	// Real boundaries.
	if dir := sharedDataDir(); dir != "" {
		for _, name := range []string{"admin/wuhai_districts_150300.json", "admin/inner_mongolia_cities_150000.json"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				continue
			}
			geoms, err := decodeGeoJSON(b)
			if err != nil {
				continue
			}
			for _, g := range geoms {
				for _, p := range g.(orb.MultiPolygon) {
					f.Add(encodeFuzz(p))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := decodeFuzz(data)
		err := Check(g)
		code := ""
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("error %v is not a *Problem", err)
			}
			switch p.Code {
			case CodeNonFinite, CodeRingNotClosed, CodeRingTooShort, CodeLineTooShort, CodeSelfIntersection, CodeEmpty:
			default:
				t.Fatalf("unexpected code %q", p.Code)
			}
			code = p.Code
			_ = p.Error()
		}
		if err := CheckLonLat(g); err == nil && code != "" {
			t.Fatalf("CheckLonLat passes but Check says %q", code)
		}
		// The sweep must agree with the exhaustive search.
		if segments(g) <= 400 {
			b := (&checker{brute: true}).geometry(g)
			if (b == nil) != (code == "") || (b != nil && b.Code != code) {
				t.Fatalf("sweep %q, all pairs %v", code, b)
			}
		}
		// Winding does not change validity.
		if g != nil {
			if got := problemCode(t, Check(Normalize(orb.Clone(g)))); got != code {
				t.Fatalf("after Normalize: %q, before %q", got, code)
			}
		}
		_ = ToMulti(g)
		_ = Bound(g)
	})
}

func segments(g orb.Geometry) int {
	n := 0
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			n += len(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			n += segments(p)
		}
	case orb.Ring:
		n = len(g)
	}
	return n
}

// sharedDataDir returns the path of /work/shared/data found relative to
// the module root, or "" when it is absent.
func sharedDataDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		return ""
	}
	return data
}
