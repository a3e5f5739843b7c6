package proximity

import (
	"math"

	"github.com/paulmach/orb"
	orbclip "github.com/paulmach/orb/clip"

	"minerehab/gis/clip"
)

// minOverlapM2 is the smallest overlap reported: below one square metre
// the "overlap" of polygons sharing an edge is rounding.
const minOverlapM2 = 1.0

// maxEdgeDeg is the longest edge, in degrees, kept as it is: longer ones
// are split, so that an edge straight in lon/lat (as GeoPackage stores it
// and GIS programs draw it) stays straight to well under a millimetre in
// the equal-area plane below.
const maxEdgeDeg = 0.001

// OverlapArea returns the area in square metres, on the GRS 80 ellipsoid,
// of the intersection of a and b (lon/lat polygons, edges straight in
// lon/lat); 0 when they only touch or are apart, or overlap by less than
// one square metre. b is first cut to a's bounding box (with orb/clip), long
// edges are split, and both are mapped into the cylindrical equal-area
// plane of the authalic latitude (x ∝ λ, y ∝ q(φ)), where area is the
// ellipsoidal area exactly; package clip measures the planar
// intersection there. Meridian and parallel edges stay straight in that
// plane, so features sharing such an edge do not overlap at all. opt is
// not used (the plane needs no zone); it is there for symmetry with the
// distance functions.
func OverlapArea(a, b orb.MultiPolygon, opt Options) (float64, error) {
	ab, bb := a.Bound(), b.Bound()
	if len(a) == 0 || len(b) == 0 || !ab.Intersects(bb) {
		return 0, nil
	}
	if !validLonLat(ab.Min) || !validLonLat(ab.Max) || !validLonLat(bb.Min) || !validLonLat(bb.Max) {
		return 0, newError(CodeBadCoordinate, nil, "polygon bounds %v, %v", ab, bb)
	}
	grown := orb.Bound{Min: orb.Point{ab.Min[0] - 1e-6, ab.Min[1] - 1e-6}, Max: orb.Point{ab.Max[0] + 1e-6, ab.Max[1] + 1e-6}}
	b = orbclip.MultiPolygon(grown, b.Clone())
	if len(b) == 0 {
		return 0, nil
	}
	pl := newEqualArea(ab.Center())
	pa, err := pl.multi(a)
	if err != nil {
		return 0, err
	}
	pb, err := pl.multi(b)
	if err != nil {
		return 0, err
	}
	m2 := clip.IntersectionArea(pa, pb)
	if m2 < minOverlapM2 {
		return 0, nil
	}
	return m2, nil
}

// equalArea is the cylindrical equal-area map of the ellipsoid through
// the authalic latitude, scaled so that it is conformal at the origin:
// x = a·c·(λ−λ0), y = a·(q(φ)−q(φ0))/(2c), c = cos φ0 / sqrt(1−e² sin² φ0)
// (so dx·dy = (a²/2)·dλ·dq, the ellipsoid's area element).
type equalArea struct {
	lon0, q0, sx, sy float64
}

const grsE2 = 0.00669438002290 // GRS 80 first eccentricity squared

func newEqualArea(o orb.Point) *equalArea {
	phi := o[1] * math.Pi / 180
	s := math.Sin(phi)
	c := math.Cos(phi) / math.Sqrt(1-grsE2*s*s)
	if c < 1e-6 {
		c = 1e-6
	}
	return &equalArea{lon0: o[0], q0: authalicQ(phi), sx: grsA * c * math.Pi / 180, sy: grsA / (2 * c)}
}

// authalicQ is q(φ) = (1−e²)·[sin φ/(1−e² sin² φ) − ln((1−e sin φ)/(1+e sin φ))/(2e)].
func authalicQ(phi float64) float64 {
	e := math.Sqrt(grsE2)
	s := math.Sin(phi)
	return (1 - grsE2) * (s/(1-grsE2*s*s) - math.Log((1-e*s)/(1+e*s))/(2*e))
}

func (m *equalArea) at(p orb.Point) orb.Point {
	return orb.Point{(p[0] - m.lon0) * m.sx, (authalicQ(p[1]*math.Pi/180) - m.q0) * m.sy}
}

// multi maps a multipolygon, splitting edges longer than maxEdgeDeg.
func (m *equalArea) multi(mp orb.MultiPolygon) (orb.MultiPolygon, error) {
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, p := range mp {
		q := make(orb.Polygon, 0, len(p))
		for _, r := range p {
			qr := make(orb.Ring, 0, len(r))
			for i, pt := range r {
				if !validLonLat(pt) {
					return nil, newError(CodeBadCoordinate, nil, "vertex %v", pt)
				}
				if i > 0 {
					prev := r[i-1]
					n := int(math.Ceil(math.Max(math.Abs(pt[0]-prev[0]), math.Abs(pt[1]-prev[1])) / maxEdgeDeg))
					for k := 1; k < n; k++ {
						f := float64(k) / float64(n)
						qr = append(qr, m.at(orb.Point{prev[0] + f*(pt[0]-prev[0]), prev[1] + f*(pt[1]-prev[1])}))
					}
				}
				qr = append(qr, m.at(pt))
			}
			q = append(q, qr)
		}
		out = append(out, q)
	}
	return out, nil
}
