package gpkg

import (
	"encoding/binary"
	"math"

	"github.com/paulmach/orb"
)

// The direct encoder writes little-endian ISO WKB from orb in one pass into a
// buffer sized up front, tracking the extent as it goes.

// wkbSize is the number of WKB bytes g needs; ok is false for types with no
// WKB form.
func wkbSize(g orb.Geometry) (int, bool) {
	switch g := g.(type) {
	case orb.Point:
		return 21, true
	case orb.MultiPoint:
		return 9 + 21*len(g), true
	case orb.LineString:
		return 9 + 16*len(g), true
	case orb.Ring:
		return 13 + 16*len(g), true
	case orb.Polygon:
		return polygonSize(g), true
	case orb.MultiLineString:
		n := 9
		for _, ls := range g {
			n += 9 + 16*len(ls)
		}
		return n, true
	case orb.MultiPolygon:
		n := 9
		for _, p := range g {
			n += polygonSize(p)
		}
		return n, true
	case orb.Collection:
		n := 9
		for _, m := range g {
			s, ok := wkbSize(m)
			if !ok {
				return 0, false
			}
			n += s
		}
		return n, true
	case orb.Bound:
		return 9 + 4 + 16*5, true
	}
	return 0, false
}

func polygonSize(p orb.Polygon) int {
	n := 9
	for _, r := range p {
		n += 4 + 16*len(r)
	}
	return n
}

// wkbWriter appends WKB to b (whose capacity is already sufficient).
type wkbWriter struct {
	b      []byte
	acc    bounds
	finite bool
}

func (w *wkbWriter) head(typ uint32) {
	w.b = append(w.b, 1)
	w.b = binary.LittleEndian.AppendUint32(w.b, typ)
}

func (w *wkbWriter) u32(n int) { w.b = binary.LittleEndian.AppendUint32(w.b, uint32(n)) }

func (w *wkbWriter) xy(p orb.Point) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(p[0]))
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(p[1]))
	if isFinite(p[0]) && isFinite(p[1]) {
		w.acc.add(p[0], p[1])
	} else {
		w.finite = false
	}
}

func (w *wkbWriter) points(ps []orb.Point) {
	w.u32(len(ps))
	for _, p := range ps {
		w.xy(p)
	}
}

// emptyNaN is the quiet NaN that GDAL and go-geom write for the
// coordinates of an empty point (Go's math.NaN() has other bits).
const emptyNaN = 0x7FF8000000000000

// point writes a point; NaN, NaN is the empty point and adds no extent.
func (w *wkbWriter) point(p orb.Point) {
	w.head(wkbPoint)
	if math.IsNaN(p[0]) && math.IsNaN(p[1]) {
		w.b = binary.LittleEndian.AppendUint64(w.b, emptyNaN)
		w.b = binary.LittleEndian.AppendUint64(w.b, emptyNaN)
		return
	}
	w.xy(p)
}

func (w *wkbWriter) polygon(p orb.Polygon) {
	w.head(wkbPolygon)
	w.u32(len(p))
	for _, r := range p {
		w.points(r)
	}
}

func (w *wkbWriter) geometry(g orb.Geometry) {
	switch g := g.(type) {
	case orb.Point:
		w.point(g)
	case orb.MultiPoint:
		w.head(wkbMultiPoint)
		w.u32(len(g))
		for _, p := range g {
			w.point(p)
		}
	case orb.LineString:
		w.head(wkbLineString)
		w.points(g)
	case orb.Ring:
		w.polygon(orb.Polygon{g})
	case orb.Polygon:
		w.polygon(g)
	case orb.MultiLineString:
		w.head(wkbMultiLineString)
		w.u32(len(g))
		for _, ls := range g {
			w.head(wkbLineString)
			w.points(ls)
		}
	case orb.MultiPolygon:
		w.head(wkbMultiPolygon)
		w.u32(len(g))
		for _, p := range g {
			w.polygon(p)
		}
	case orb.Collection:
		w.head(wkbGeometryCollection)
		w.u32(len(g))
		for _, m := range g {
			w.geometry(m)
		}
	case orb.Bound:
		w.polygon(g.ToPolygon())
	}
}

func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
