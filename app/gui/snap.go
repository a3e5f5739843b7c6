package gui

import (
	"math"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// Snapping: while drawing or editing, the cursor snaps to the vertices
// and edges of the visible layers' features near it (within snapPx
// points). The index holds the features that meet the view when the tool
// started (or the view last moved far), in a hash grid in lon/lat, so a
// mouse move looks at a handful of cells, not every feature.

// snapPx is the default snapping distance, points; Tools > Snapping
// distance changes it (kept in the preferences).
const snapPx = 10

// snapDistances are the distances the menu offers, points.
var snapDistances = []float64{5, 10, 15, 20, 30}

// maxSnapVertices bounds the index; a view holding more (the whole of a
// large project) is too far out to snap sensibly anyway.
const maxSnapVertices = 400_000

// ringRef names one ring of one feature.
type ringRef struct {
	layer     string
	id        int64
	part, rng int
}

// snapVertex is a vertex of a ring (or line) with where it is.
type snapVertex struct {
	p   orb.Point
	ref ringRef
	idx int // index in the ring
}

// snapIndex is a hash grid of vertices and segments.
type snapIndex struct {
	cell   float64 // grid cell size, degrees
	rings  map[ringRef][]orb.Point
	closed map[ringRef]bool // polygon rings (the last point repeats the first)
	verts  map[[2]int32][]int32
	segs   map[[2]int32][]int32
	vs     []snapVertex // vertices; segment i runs from vs[i] to the next vertex of its ring
	full   bool         // more than maxSnapVertices were offered: some left out
}

// snapHit is where the cursor snaps.
type snapHit struct {
	p      orb.Point
	vertex bool // on a vertex (else on an edge)
	ref    ringRef
	idx    int // the vertex, or the edge's first vertex
}

func newSnapIndex(cell float64) *snapIndex {
	return &snapIndex{cell: cell, rings: map[ringRef][]orb.Point{}, closed: map[ringRef]bool{},
		verts: map[[2]int32][]int32{}, segs: map[[2]int32][]int32{}}
}

func (s *snapIndex) key(p orb.Point) [2]int32 {
	return [2]int32{int32(math.Floor(p[0] / s.cell)), int32(math.Floor(p[1] / s.cell))}
}

// add indexes the rings and lines of a feature.
func (s *snapIndex) add(f *models.Feature) {
	addRing := func(part, rng int, pts []orb.Point, closed bool) {
		if s.full || len(s.vs)+len(pts) > maxSnapVertices {
			s.full = true
			return
		}
		ref := ringRef{f.Layer, f.ID, part, rng}
		s.rings[ref], s.closed[ref] = pts, closed
		n := len(pts)
		if closed && n > 1 && pts[0] == pts[n-1] {
			n-- // the closing point is the first
		}
		for i := 0; i < n; i++ {
			k := int32(len(s.vs))
			s.vs = append(s.vs, snapVertex{p: pts[i], ref: ref, idx: i})
			s.verts[s.key(pts[i])] = append(s.verts[s.key(pts[i])], k)
			if i+1 < len(pts) {
				a, b := pts[i], pts[i+1]
				// An edge goes into every cell its bound covers.
				k0, k1 := s.key(orb.Point{math.Min(a[0], b[0]), math.Min(a[1], b[1])}), s.key(orb.Point{math.Max(a[0], b[0]), math.Max(a[1], b[1])})
				if int64(k1[0]-k0[0]+1)*int64(k1[1]-k0[1]+1) > 64 {
					continue // a very long edge: snapped to by its ends only
				}
				for x := k0[0]; x <= k1[0]; x++ {
					for y := k0[1]; y <= k1[1]; y++ {
						s.segs[[2]int32{x, y}] = append(s.segs[[2]int32{x, y}], k)
					}
				}
			}
		}
	}
	switch g := f.Geometry.(type) {
	case orb.MultiPolygon:
		for i, p := range g {
			for j, r := range p {
				addRing(i, j, r, true)
			}
		}
	case orb.Polygon:
		for j, r := range g {
			addRing(0, j, r, true)
		}
	case orb.MultiLineString:
		for i, l := range g {
			addRing(i, 0, l, false)
		}
	case orb.LineString:
		addRing(0, 0, g, false)
	case orb.Point:
		addRing(0, 0, []orb.Point{g}, false)
	}
}

// nearest finds the snap target within tol of p, measured with dist (in
// points on screen): the nearest vertex, else the nearest point on an
// edge. A vertex wins over a closer edge point within tol, as in QGIS:
// corners are what planners aim at.
func (s *snapIndex) nearest(p orb.Point, tolDeg float64, dist func(a, b orb.Point) float64, tol float64) (snapHit, bool) {
	if s == nil {
		return snapHit{}, false
	}
	k0 := s.key(orb.Point{p[0] - tolDeg, p[1] - tolDeg})
	k1 := s.key(orb.Point{p[0] + tolDeg, p[1] + tolDeg})
	best, bestD := snapHit{}, math.Inf(1)
	seen := map[int32]bool{}
	for x := k0[0]; x <= k1[0]; x++ {
		for y := k0[1]; y <= k1[1]; y++ {
			for _, i := range s.verts[[2]int32{x, y}] {
				if d := dist(s.vs[i].p, p); d < bestD {
					best, bestD = snapHit{p: s.vs[i].p, vertex: true, ref: s.vs[i].ref, idx: s.vs[i].idx}, d
				}
			}
		}
	}
	if bestD <= tol {
		return best, true
	}
	bestD = math.Inf(1)
	for x := k0[0]; x <= k1[0]; x++ {
		for y := k0[1]; y <= k1[1]; y++ {
			for _, i := range s.segs[[2]int32{x, y}] {
				if seen[i] {
					continue
				}
				seen[i] = true
				v := s.vs[i]
				ring := s.rings[v.ref]
				if v.idx+1 >= len(ring) {
					continue
				}
				q := closestOnSegment(ring[v.idx], ring[v.idx+1], p)
				if d := dist(q, p); d < bestD {
					best, bestD = snapHit{p: q, ref: v.ref, idx: v.idx}, d
				}
			}
		}
	}
	return best, bestD <= tol
}

// closestOnSegment is the point of a–b nearest p (planar in degrees,
// scaled for the latitude so "nearest" matches the screen).
func closestOnSegment(a, b, p orb.Point) orb.Point {
	k := math.Cos(p[1] * math.Pi / 180)
	dx, dy := (b[0]-a[0])*k, b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return a
	}
	t := ((p[0]-a[0])*k*dx + (p[1]-a[1])*dy) / l2
	t = max(0, min(1, t))
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// trace returns the vertices of a ring strictly between vertex i and
// vertex j, along the shorter way round (for a line: the way between), so
// an edge drawn from one snapped corner of a mine to another follows the
// mine's boundary vertex for vertex.
func (s *snapIndex) trace(ref ringRef, i, j int) []orb.Point {
	ring := s.rings[ref]
	if i == j || ring == nil {
		return nil
	}
	if !s.closed[ref] {
		var out []orb.Point
		if i < j {
			for k := i + 1; k < j; k++ {
				out = append(out, ring[k])
			}
		} else {
			for k := i - 1; k > j; k-- {
				out = append(out, ring[k])
			}
		}
		return out
	}
	n := len(ring)
	if n > 1 && ring[0] == ring[n-1] {
		n--
	}
	fwd := (j - i + n) % n
	var out []orb.Point
	if fwd <= n-fwd {
		for k := 1; k < fwd; k++ {
			out = append(out, ring[(i+k)%n])
		}
	} else {
		for k := 1; k < n-fwd; k++ {
			out = append(out, ring[(i-k+n)%n])
		}
	}
	return out
}
