package corners

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"minerehab/gis/crs"
)

// Geometry is the parcel as an orb.Polygon (one outer ring) or
// orb.MultiPolygon, in the coordinate system's axis order: (easting,
// northing) or (lon, lat). A ring inside another is its hole (inside a
// hole: an island, a new polygon). Rings keep their points, start and
// direction as written; polygons follow the order of their outer rings.
func (p *Parcel) Geometry() orb.Geometry {
	rings := make([]orb.Ring, len(p.Rings))
	for i, r := range p.Rings {
		ring := make(orb.Ring, len(r.Points))
		for j, pt := range r.Points {
			ring[j] = orb.Point{pt.Y, pt.X}
		}
		rings[i] = ring
	}
	mp := nest(rings)
	if len(mp) == 1 {
		return mp[0]
	}
	return mp
}

// nest groups rings into polygons by containment depth.
func nest(rings []orb.Ring) orb.MultiPolygon {
	n := len(rings)
	area := make([]float64, n)
	for i, r := range rings {
		area[i] = math.Abs(planar.Area(r))
	}
	// parent[i]: the smallest ring containing ring i, or -1.
	parent := make([]int, n)
	depth := make([]int, n)
	for i := range rings {
		parent[i] = -1
		for j := range rings {
			if i == j || area[j] <= area[i] || !inside(rings[i], rings[j]) {
				continue
			}
			depth[i]++
			if parent[i] < 0 || area[j] < area[parent[i]] {
				parent[i] = j
			}
		}
	}
	var mp orb.MultiPolygon
	index := map[int]int{} // outer ring -> polygon
	for i := range rings {
		if depth[i]%2 == 0 {
			index[i] = len(mp)
			mp = append(mp, orb.Polygon{rings[i]})
		}
	}
	for i := range rings {
		if depth[i]%2 == 1 {
			k := index[parent[i]]
			mp[k] = append(mp[k], rings[i])
		}
	}
	return mp
}

// inside reports whether ring a lies inside ring b, judged by its first
// vertex not on b's boundary.
func inside(a, b orb.Ring) bool {
	for _, pt := range a {
		if onBoundary(b, pt) {
			continue
		}
		return planar.RingContains(b, pt)
	}
	return false
}

func onBoundary(r orb.Ring, pt orb.Point) bool {
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		cross := (b[0]-a[0])*(pt[1]-a[1]) - (b[1]-a[1])*(pt[0]-a[0])
		if cross == 0 && pt[0] >= math.Min(a[0], b[0]) && pt[0] <= math.Max(a[0], b[0]) &&
			pt[1] >= math.Min(a[1], b[1]) && pt[1] <= math.Max(a[1], b[1]) {
			return true
		}
	}
	return false
}

// ToLonLat converts a geometry in the given coordinate system's axis order
// to lon/lat degrees, as an orb.MultiPolygon.
func ToLonLat(g orb.Geometry, epsg int) (orb.MultiPolygon, error) {
	c, err := crs.ByEPSG(epsg)
	if err != nil {
		return nil, err
	}
	var mp orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	default:
		return nil, fmt.Errorf("corners: %T is not a polygon", g)
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, r := range poly {
			ring := make(orb.Ring, len(r))
			for k, pt := range r {
				lon, lat, err := c.ToLonLat(pt[0], pt[1])
				if err != nil {
					return nil, err
				}
				ring[k] = orb.Point{lon, lat}
			}
			out[i][j] = ring
		}
	}
	return out, nil
}

// NewParcel builds a parcel from polygon geometry in (easting, northing) or
// (lon, lat) order, for writing: points are named J1, J2, … through the
// parcel, each ring closed by repeating its first point, rings numbered 1,
// 2, … through the parcel. attrs are header fields by name (HeaderFields
// or 字段N); 界址点数 is counted.
func NewParcel(g orb.Geometry, attrs map[string]string) (*Parcel, error) {
	var mp orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	default:
		return nil, errors.New("corners: only polygons have corner coordinates")
	}
	p := &Parcel{Attrs: map[string]string{}}
	for k, v := range attrs {
		if v != "" && k != FieldCount {
			p.Attrs[k] = v
		}
	}
	seq := 0
	for _, poly := range mp {
		for _, r := range poly {
			if len(r) == 0 {
				continue
			}
			if r[0] != r[len(r)-1] {
				r = append(r[:len(r):len(r)], r[0])
			}
			ring := Ring{No: len(p.Rings) + 1}
			first := ""
			for i, pt := range r {
				name := first
				if i < len(r)-1 {
					seq++
					name = fmt.Sprintf("J%d", seq)
					if i == 0 {
						first = name
					}
				}
				ring.Points = append(ring.Points, Point{Name: name, X: pt[1], Y: pt[0]})
			}
			p.Rings = append(p.Rings, ring)
		}
	}
	return p, nil
}

// headerFields lays out a parcel's header fields: Fields as parsed, else
// Attrs by name; 界址点数 is always the count of point lines.
func (p *Parcel) headerFields() []string {
	var out []string
	if p.Fields != nil {
		out = append(out, p.Fields...)
	} else {
		extra := []string{}
		for k := range p.Attrs {
			if i := fieldIndex(k); i >= len(HeaderFields) && i < 100 {
				extra = append(extra, k)
			}
		}
		sort.Slice(extra, func(i, j int) bool { return fieldIndex(extra[i]) < fieldIndex(extra[j]) })
		n := len(HeaderFields)
		if len(extra) > 0 {
			n = fieldIndex(extra[len(extra)-1]) + 1
		}
		out = make([]string, n)
		for i := range out {
			out[i] = p.Attrs[fieldName(i)]
		}
	}
	for len(out) < len(HeaderFields) {
		out = append(out, "")
	}
	out[0] = fmt.Sprint(p.Points())
	if out[4] == "" {
		out[4] = "面"
	}
	return out
}

// fieldIndex is the position of a header field name, or a large number
// for names that are none.
func fieldIndex(name string) int {
	for i, h := range HeaderFields {
		if h == name {
			return i
		}
	}
	var n int
	if _, err := fmt.Sscanf(name, "字段%d", &n); err == nil && n > len(HeaderFields) && n < 100 {
		return n - 1
	}
	return 1 << 20
}
