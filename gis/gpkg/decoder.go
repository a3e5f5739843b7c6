package gpkg

import "github.com/paulmach/orb"

// Decoder decodes GeoPackage geometry blobs as Decode does, into memory it
// reuses from one call to the next: the geometry a call returns is valid
// only until the next call. A loop that measures each geometry and drops
// it (a screening of a hundred thousand features) then makes no garbage.
// The zero Decoder is ready; it is not safe for concurrent use.
type Decoder struct {
	pts   []orb.Point
	mpts  []orb.Point
	rings []orb.Ring
	lines []orb.LineString
	polys []orb.Polygon
	geoms []orb.Geometry
}

// Decode is Decode, reusing d's memory.
func (d *Decoder) Decode(b []byte) (orb.Geometry, int32, error) {
	h, err := parseHeader(b)
	if err != nil {
		return nil, 0, err
	}
	w := b[h.size:]
	n, points, err := countWKB(w)
	if err != nil {
		return nil, h.srsID, err
	}
	if d.pts == nil || cap(d.pts) < points {
		d.pts = make([]orb.Point, max(points+points/2, 64))
	}
	d.mpts, d.rings, d.lines, d.polys, d.geoms = d.mpts[:0], d.rings[:0], d.lines[:0], d.polys[:0], d.geoms[:0]
	r := wkbReader{b: w[:n], pts: d.pts[:points:points], dec: d}
	return r.geometry(), h.srsID, nil
}

// takeFrom returns n elements from the arena of d that arena picks (a
// fresh slice when d is nil), capped so that appending to it never reaches
// the next. When the arena runs out it is replaced, and what earlier slices
// hold stays where it is.
func takeFrom[T any](d *Decoder, arena func(*Decoder) *[]T, n int) []T {
	if d == nil {
		return make([]T, n)
	}
	a := arena(d)
	if *a == nil || cap(*a)-len(*a) < n { // never nil: Decode gives empty, not nil, slices
		*a = make([]T, 0, max(2*cap(*a), n, 16))
	}
	lo := len(*a)
	*a = (*a)[:lo+n]
	return (*a)[lo : lo+n : lo+n]
}
