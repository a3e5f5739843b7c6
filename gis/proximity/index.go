package proximity

import (
	"math"
	"sync"

	"github.com/paulmach/orb"

	"minerehab/gis/crs"
)

// chunkSize is how many consecutive segments share one bounding box in the
// first level of the prefilter (and in Boxes).
const chunkSize = 16

// Options of NewIndex.
type Options struct {
	// EPSG fixes the Gauss-Kruger CRS distances are measured in (any
	// projected code of package crs, e.g. 4545). 0 picks, for each measured
	// geometry, the CGCS2000 3-degree zone of its centre (EPSG:4534–4554).
	EPSG int
}

// Index is a set of lines prepared for distance queries. It is immutable
// after NewIndex and safe for concurrent use.
type Index struct {
	opt    Options
	verts  []orb.Point // every vertex, lon/lat, lines one after another
	segs   []int32     // segment i runs from verts[segs[i]] to verts[segs[i]+1]
	segBox []orb.Bound
	chunks []chunk
	bound  orb.Bound
	lines  int

	mu    sync.Mutex
	zones map[int]*zone // projected vertices by EPSG code
}

// chunk is a run of consecutive segments segs[lo:hi] and their bounding box.
type chunk struct {
	lo, hi int
	box    orb.Bound
}

// zone holds the vertices projected into one CRS; bad[i] marks a vertex
// that could not be projected there (err says why).
type zone struct {
	c  *crs.CRS
	xy []xy
	// affines caches affine approximations by grid cell (see affineNear).
	affines sync.Map
	bad     []bool
	err     []error
}

// NewIndex prepares the lines of gs (LineString, MultiLineString, and those
// inside a Collection; other geometry types are skipped and counted in
// skipped). Repeated vertices are dropped. It fails with CodeNoLines when
// no line has two distinct vertices, and CodeBadCoordinate for a vertex
// that is not a finite lon/lat.
func NewIndex(gs []orb.Geometry, opt Options) (ix *Index, skipped int, err error) {
	ix = &Index{opt: opt, zones: map[int]*zone{}}
	if opt.EPSG != 0 {
		c, err := crs.ByEPSG(opt.EPSG)
		if err != nil {
			return nil, 0, newError(CodeProjection, err, "EPSG:%d", opt.EPSG)
		}
		if c.Geographic {
			return nil, 0, newError(CodeProjection, nil, "EPSG:%d is geographic: distances need a projected crs", opt.EPSG)
		}
	}
	var add func(g orb.Geometry) error
	add = func(g orb.Geometry) error {
		switch g := g.(type) {
		case orb.LineString:
			return ix.addLine(g)
		case orb.MultiLineString:
			for _, l := range g {
				if err := ix.addLine(l); err != nil {
					return err
				}
			}
		case orb.Collection:
			for _, m := range g {
				if err := add(m); err != nil {
					return err
				}
			}
		default:
			skipped++
		}
		return nil
	}
	for _, g := range gs {
		if err := add(g); err != nil {
			return nil, 0, err
		}
	}
	if len(ix.segs) == 0 {
		return nil, skipped, newError(CodeNoLines, nil, "no line with two distinct vertices among %d geometries", len(gs))
	}
	ix.bound = ix.segBox[0]
	for lo := 0; lo < len(ix.segs); lo += chunkSize {
		hi := min(lo+chunkSize, len(ix.segs))
		c := chunk{lo: lo, hi: hi, box: ix.segBox[lo]}
		for _, b := range ix.segBox[lo+1 : hi] {
			c.box = c.box.Union(b)
		}
		ix.bound = ix.bound.Union(c.box)
		ix.chunks = append(ix.chunks, c)
	}
	return ix, skipped, nil
}

func validLonLat(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && math.Abs(p[0]) <= 180 && math.Abs(p[1]) <= 90
}

func (ix *Index) addLine(l orb.LineString) error {
	start := len(ix.verts)
	for _, p := range l {
		if !validLonLat(p) {
			return newError(CodeBadCoordinate, nil, "line vertex %v", p)
		}
		if len(ix.verts) > start && ix.verts[len(ix.verts)-1] == p {
			continue
		}
		ix.verts = append(ix.verts, p)
	}
	if len(ix.verts)-start < 2 {
		ix.verts = ix.verts[:start]
		return nil
	}
	ix.lines++
	for i := start; i < len(ix.verts)-1; i++ {
		ix.segs = append(ix.segs, int32(i))
		ix.segBox = append(ix.segBox, orb.Bound{Min: ix.verts[i], Max: ix.verts[i]}.Extend(ix.verts[i+1]))
	}
	return nil
}

// Bound is the bounding box of every line, lon/lat.
func (ix *Index) Bound() orb.Bound { return ix.bound }

// Lines and Segments count what the index holds.
func (ix *Index) Lines() int    { return ix.lines }
func (ix *Index) Segments() int { return len(ix.segs) }

// Boxes returns bounding boxes (lon/lat) covering every point within d
// metres of the lines: one per run of up to 16 consecutive segments, grown
// by d (see Grow). A spatial index queried with each box finds every
// geometry that may be within d; a geometry may turn up in several boxes.
func (ix *Index) Boxes(d float64) ([]orb.Bound, error) {
	if err := checkDistance(d); err != nil {
		return nil, err
	}
	out := make([]orb.Bound, len(ix.chunks))
	for i, c := range ix.chunks {
		out[i] = Grow(c.box, d)
	}
	return out, nil
}

func checkDistance(d float64) error {
	if math.IsNaN(d) || math.IsInf(d, 0) || d < 0 {
		return newError(CodeBadDistance, nil, "%g metres", d)
	}
	return nil
}

// zoneFor returns the vertices projected into the CRS with the given EPSG
// code, projecting them on first use.
func (ix *Index) zoneFor(epsg int) (*zone, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if z, ok := ix.zones[epsg]; ok {
		return z, nil
	}
	c, err := crs.ByEPSG(epsg)
	if err != nil {
		return nil, newError(CodeProjection, err, "EPSG:%d", epsg)
	}
	z := &zone{c: c, xy: make([]xy, len(ix.verts)), bad: make([]bool, len(ix.verts)), err: make([]error, len(ix.verts))}
	for i, p := range ix.verts {
		x, y, err := c.FromLonLat(p[0], p[1])
		if err != nil {
			z.bad[i], z.err[i] = true, err
			continue
		}
		z.xy[i] = xy{x, y}
	}
	ix.zones[epsg] = z
	return z, nil
}

// epsgFor picks the CRS a geometry with bound b is measured in.
func (ix *Index) epsgFor(b orb.Bound) (int, error) {
	if ix.opt.EPSG != 0 {
		return ix.opt.EPSG, nil
	}
	lon := (b.Min[0] + b.Max[0]) / 2
	code, err := crs.GK3EPSG(crs.GK3ZoneForLon(lon), false)
	if err != nil {
		return 0, newError(CodeProjection, err, "longitude %g is outside the cgcs2000 gauss-kruger zones (75°E–135°E)", lon)
	}
	return code, nil
}
