package gpkg

import (
	"math"

	"github.com/paulmach/orb"
)

// wkbReader builds orb geometry from WKB that countWKB has already
// validated, so it does no bounds checks of its own beyond Go's. Every
// coordinate goes into one backing array allocated up front; each ring or
// line is a capped slice of it, so appending to one never overwrites
// another.
type wkbReader struct {
	b   []byte
	off int
	pts []orb.Point // backing array, consumed from the front
	dec *Decoder    // when set, slices come from its arenas
}

func (r *wkbReader) u32(be bool) int {
	v := u32(r.b[r.off:], be)
	r.off += 4
	return int(v)
}

func (r *wkbReader) f64(be bool) float64 {
	v := math.Float64frombits(u64(r.b[r.off:], be))
	r.off += 8
	return v
}

// points reads n coordinates of d doubles each, keeping x and y.
func (r *wkbReader) points(n, d int, be bool) []orb.Point {
	ps := r.pts[:n:n]
	r.pts = r.pts[n:]
	for i := range ps {
		ps[i] = orb.Point{r.f64(be), r.f64(be)}
		r.off += 8 * (d - 2)
	}
	return ps
}

func (r *wkbReader) geometry() orb.Geometry {
	be := r.b[r.off] == 0
	r.off++
	code := r.u32(be)
	d := [4]int{2, 3, 3, 4}[code/1000]
	switch code % 1000 {
	case wkbPoint:
		return r.points(1, d, be)[0]
	case wkbLineString:
		return orb.LineString(r.points(r.u32(be), d, be))
	case wkbPolygon:
		return r.polygon(d, be)
	case wkbMultiPoint:
		mp := orb.MultiPoint(takeFrom(r.dec, func(d *Decoder) *[]orb.Point { return &d.mpts }, r.u32(be)))
		for i := range mp {
			mp[i] = r.geometry().(orb.Point)
		}
		return mp
	case wkbMultiLineString:
		mls := orb.MultiLineString(takeFrom(r.dec, func(d *Decoder) *[]orb.LineString { return &d.lines }, r.u32(be)))
		for i := range mls {
			mls[i] = r.geometry().(orb.LineString)
		}
		return mls
	case wkbMultiPolygon:
		mp := orb.MultiPolygon(takeFrom(r.dec, func(d *Decoder) *[]orb.Polygon { return &d.polys }, r.u32(be)))
		for i := range mp {
			mp[i] = r.geometry().(orb.Polygon)
		}
		return mp
	default: // wkbGeometryCollection
		c := orb.Collection(takeFrom(r.dec, func(d *Decoder) *[]orb.Geometry { return &d.geoms }, r.u32(be)))
		for i := range c {
			c[i] = r.geometry()
		}
		return c
	}
}

func (r *wkbReader) polygon(d int, be bool) orb.Polygon {
	p := orb.Polygon(takeFrom(r.dec, func(d *Decoder) *[]orb.Ring { return &d.rings }, r.u32(be)))
	for i := range p {
		p[i] = orb.Ring(r.points(r.u32(be), d, be))
	}
	return p
}
