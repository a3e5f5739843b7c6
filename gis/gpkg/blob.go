package gpkg

import (
	"encoding/binary"
	"math"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom/encoding/wkb"
	"github.com/twpayne/go-geom/encoding/wkbcommon"
)

// Encode writes g as a GeoPackage geometry blob: little-endian header with
// the given srs_id, an [minx, maxx, miny, maxy] envelope (omitted for points,
// as GDAL does, and for empty geometries, which get the empty flag), then ISO
// WKB. A geometry without coordinates is empty; the empty point is
// orb.Point{NaN, NaN}. orb.Ring and orb.Bound are written as polygons. Any
// other NaN or infinite coordinate is an error (CodeNonFinite).
//
// Encode is safe for concurrent use.
func Encode(g orb.Geometry, srsID int32) ([]byte, error) {
	return AppendEncode(nil, g, srsID)
}

// AppendEncode is Encode appending to dst.
func AppendEncode(dst []byte, g orb.Geometry, srsID int32) ([]byte, error) {
	n, ok := wkbSize(g)
	if !ok {
		return nil, errorf(CodeUnsupportedGeom, "cannot encode geometry of type %T", g)
	}
	_, isPoint := g.(orb.Point)
	hdr := headerMin
	if !isPoint {
		hdr += 32
	}
	start := len(dst)
	if cap(dst)-start < hdr+n {
		grown := make([]byte, start, start+hdr+n)
		copy(grown, dst)
		dst = grown
	}
	w := wkbWriter{b: dst[:start+hdr], finite: true}
	w.geometry(g)
	if !w.finite {
		return nil, errorf(CodeNonFinite, "geometry has a nan or infinite coordinate")
	}
	b := w.b
	h := b[start:]
	h[0], h[1], h[2] = 'G', 'P', 0
	binary.LittleEndian.PutUint32(h[4:], uint32(srsID))
	switch {
	case w.acc.n == 0:
		// Empty: no envelope. Drop the space reserved for one.
		if !isPoint {
			copy(h[headerMin:], h[hdr:])
			b = b[:len(b)-32]
		}
		h[3] = flagLittleEndian | flagEmpty
	case isPoint:
		h[3] = flagLittleEndian
	default:
		h[3] = flagLittleEndian | envXY<<envShift
		for i, v := range [4]float64{w.acc.minx, w.acc.maxx, w.acc.miny, w.acc.maxy} {
			binary.LittleEndian.PutUint64(h[headerMin+8*i:], math.Float64bits(v))
		}
	}
	return b, nil
}

// EncodeWKB writes g as little-endian ISO WKB without a GeoPackage header,
// with the same rules as Encode.
func EncodeWKB(g orb.Geometry) ([]byte, error) {
	n, ok := wkbSize(g)
	if !ok {
		return nil, errorf(CodeUnsupportedGeom, "cannot encode geometry of type %T", g)
	}
	w := wkbWriter{b: make([]byte, 0, n), finite: true}
	w.geometry(g)
	if !w.finite {
		return nil, errorf(CodeNonFinite, "geometry has a nan or infinite coordinate")
	}
	return w.b, nil
}

// Decode reads a GeoPackage geometry blob into orb (2D: Z and M are
// dropped) and returns the srs_id of its header. See DecodeWKB.
func Decode(b []byte) (orb.Geometry, int32, error) {
	h, err := parseHeader(b)
	if err != nil {
		return nil, 0, err
	}
	g, err := DecodeWKB(b[h.size:])
	if err != nil {
		return nil, h.srsID, err
	}
	return g, h.srsID, nil
}

// DecodeWKB reads ISO WKB (either byte order; Z and M dropped) into orb.
// The structure is checked first, so a corrupt count cannot make it
// allocate more than the blob holds. An empty point (NaN, NaN) decodes to
// orb.Point{NaN, NaN}.
func DecodeWKB(b []byte) (orb.Geometry, error) {
	n, points, err := countWKB(b)
	if err != nil {
		return nil, err
	}
	r := wkbReader{b: b[:n], pts: make([]orb.Point, points)}
	return r.geometry(), nil
}

// DecodeGoGeom is Decode through go-geom's WKB decoder and FromGoGeom. It
// gives the same geometry as Decode (the tests and FuzzDecode hold the two
// to that) at about five times the CPU cost, so Decode does not use it.
func DecodeGoGeom(b []byte) (orb.Geometry, int32, error) {
	h, err := parseHeader(b)
	if err != nil {
		return nil, 0, err
	}
	n, err := scanWKB(b[h.size:], nil)
	if err != nil {
		return nil, h.srsID, err
	}
	t, err := wkb.Unmarshal(b[h.size:h.size+n], wkbcommon.WKBOptionEmptyPointHandling(wkbcommon.EmptyPointHandlingNaN))
	if err != nil {
		return nil, h.srsID, &Error{Code: CodeBadWKB, Detail: "decoding wkb", Err: err}
	}
	g, err := FromGoGeom(t)
	return g, h.srsID, err
}

// Envelope returns the 2D extent of a GeoPackage geometry blob from its
// header, reading the WKB only when the header carries no envelope. empty is
// true for geometries without coordinates (the bounds are then zero).
func Envelope(b []byte) (minx, maxx, miny, maxy float64, empty bool, err error) {
	h, err := parseHeader(b)
	if err != nil {
		return 0, 0, 0, 0, false, err
	}
	if h.empty {
		return 0, 0, 0, 0, true, nil
	}
	if h.envCode != envNone {
		return h.env[0], h.env[1], h.env[2], h.env[3], false, nil
	}
	var acc bounds
	if _, err := scanWKB(b[h.size:], &acc); err != nil {
		return 0, 0, 0, 0, false, err
	}
	if acc.n == 0 {
		return 0, 0, 0, 0, true, nil
	}
	return acc.minx, acc.maxx, acc.miny, acc.maxy, false, nil
}

// Bound is Envelope as an orb.Bound; ok is false for empty geometries.
func Bound(b []byte) (bound orb.Bound, ok bool, err error) {
	minx, maxx, miny, maxy, empty, err := Envelope(b)
	if err != nil || empty {
		return orb.Bound{}, false, err
	}
	return orb.Bound{Min: orb.Point{minx, miny}, Max: orb.Point{maxx, maxy}}, true, nil
}

// SRSID returns the srs_id in the header of a GeoPackage geometry blob.
func SRSID(b []byte) (int32, error) {
	h, err := parseHeader(b)
	return h.srsID, err
}

// Verify checks a GeoPackage geometry blob more strictly than Decode: the
// WKB must be valid, and the header's empty flag and envelope (when present)
// must match the coordinates. It returns the header's srs_id.
func Verify(b []byte) (int32, error) {
	h, err := parseHeader(b)
	if err != nil {
		return 0, err
	}
	var acc bounds
	if _, err := scanWKB(b[h.size:], &acc); err != nil {
		return h.srsID, err
	}
	if h.empty != (acc.n == 0) {
		return h.srsID, errorf(CodeEnvelopeMismatch, "empty flag %v on a geometry with %d coordinates", h.empty, acc.n)
	}
	if h.envCode != envNone && acc.n > 0 {
		want := [4]float64{acc.minx, acc.maxx, acc.miny, acc.maxy}
		if h.env != want {
			return h.srsID, errorf(CodeEnvelopeMismatch, "header envelope %v, coordinates span %v", h.env, want)
		}
	}
	return h.srsID, nil
}
