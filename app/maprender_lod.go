package app

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// Levels of detail of the map. A frame whose scale is at least
// lodLevels[k] metres per pixel draws level k of each layer: its features
// with their outlines simplified to a quarter of a pixel at that scale
// (lodTolPx × lodLevels[k] metres) and their coordinates stored as float32
// offsets from the feature's first point (a few millimetres at worst). At
// the coarsest level a frame's scale is at least lodLevels[k], at the
// others below lodLevels[k+1] = 4 × lodLevels[k], so the shapes move by
// less than a quarter of a pixel; the renderer then simplifies to half a
// pixel anyway. Finer frames draw the stored geometry as it is. Whether a
// level comes from the render cache (maprender_cache.go) or is computed
// from the store for the frame, it is the same function of the features,
// so `minerehab render` and the window draw the same picture.
var lodLevels = []float64{4, 16, 64, 256, 1024}

// lodTolPx is the simplification tolerance of a level, in pixels at the
// level's own scale.
const lodTolPx = 0.5

// lodLevel returns the level a frame of mpp metres per pixel draws, -1
// for the stored geometry.
func lodLevel(mpp float64) int {
	k := -1
	for i, m := range lodLevels {
		if mpp >= m {
			k = i
		}
	}
	return k
}

// lodRecord is one feature as the render cache keeps it: its geometry
// (simplified and quantised for a level) and the attributes the symbology
// reads (a fire point's state folded into its status, its properties
// dropped).
type lodRecord struct {
	geom  orb.Geometry
	attrs [numLodAttrs]string
}

// The attributes of a lodRecord.
const (
	lodName = iota
	lodDistrict
	lodStatus
	lodKind
	lodFeatureType
	numLodAttrs
)

// lodRecordOf is the record of f with its geometry as it is.
func lodRecordOf(f *models.Feature) lodRecord {
	r := lodRecord{geom: f.Geometry}
	r.attrs[lodName] = f.Attrs.Name
	r.attrs[lodDistrict] = f.Attrs.District
	r.attrs[lodStatus] = string(f.Attrs.Status)
	r.attrs[lodKind] = string(f.Attrs.Kind)
	r.attrs[lodFeatureType] = f.Attrs.FeatureType
	if f.Layer == models.LayerFirePoints {
		// The state is all the symbology reads of a fire point's
		// status and properties.
		switch FireStateOf(f) {
		case FireBurning:
			r.attrs[lodStatus] = "burning"
		case FireExtinguished:
			r.attrs[lodStatus] = "extinguished"
		default:
			r.attrs[lodStatus] = ""
		}
	}
	return r
}

// feature is the record as a Feature of layer, for the symbology.
func (r *lodRecord) feature(layer string) models.Feature {
	return models.Feature{Layer: layer, Geometry: r.geom, Attrs: models.Attrs{
		Name: r.attrs[lodName], District: r.attrs[lodDistrict], Status: models.MineStatus(r.attrs[lodStatus]),
		Kind: models.SiteKind(r.attrs[lodKind]), FeatureType: r.attrs[lodFeatureType]}}
}

// appendRecord adds the record to ml, styled and labelled (labels
// with labels set), unless it has no geometry.
func (ml *mapLayer) appendRecord(r *lodRecord, labels bool) {
	if r.geom == nil {
		return
	}
	f := r.feature(ml.name)
	ml.feats = append(ml.feats, mapFeature{})
	mf := &ml.feats[len(ml.feats)-1]
	mf.geom, mf.bound, mf.style = r.geom, geomBound(r.geom), ml.styleIndex(StyleFor(&f))
	if labels {
		mf.label = mapLabel(&f)
	}
}

// referenceOrder is the permutation that puts the reference layer's
// records in drawing order: districts first, then other areas, the
// reserve, rivers on top (stable).
func referenceOrder(recs []lodRecord) []int {
	rank := map[ReferenceKind]int{RefDistrict: 0, RefOther: 1, RefReserve: 2, RefRiver: 3}
	ranks := make([]int, len(recs))
	order := make([]int, len(recs))
	for i := range recs {
		f := recs[i].feature(models.LayerReference)
		ranks[i], order[i] = rank[ReferenceKindOf(&f)], i
	}
	slices.SortStableFunc(order, func(a, b int) int { return ranks[a] - ranks[b] })
	return order
}

// permute returns recs in the order of perm.
func permute(recs []lodRecord, perm []int) []lodRecord {
	out := make([]lodRecord, len(recs))
	for i, j := range perm {
		out[i] = recs[j]
	}
	return out
}

// quantStep is the grid of level coordinates, degrees: 2⁻²⁴ (6.6 mm of
// latitude). Rounding to it is exact, and the render cache stores a
// coordinate as an int32 count of steps from the feature's first point,
// so a level read from the cache is bit for bit the level made here.
const quantStep = 1.0 / (1 << 24)

// quant rounds p to the grid of quantStep.
func quant(p orb.Point) orb.Point {
	return orb.Point{math.Round(p[0]/quantStep) * quantStep, math.Round(p[1]/quantStep) * quantStep}
}

// Metres per degree used for the tolerances (on the sphere; a tolerance
// is a bound, not a measurement).
const metresPerDegree = 111320.0

// lodGeometry returns g simplified for level k and rounded to the
// quantStep grid (a new geometry; g is not changed). Rings keep at least
// four points (three distinct), lines two.
func lodGeometry(g orb.Geometry, k int) orb.Geometry {
	var s lodSimplifier
	s.tol = lodTolPx * lodLevels[k]
	o, ok := first(g)
	if !ok {
		return nil // no points: nothing to draw (as the cache keeps it)
	}
	s.origin(o)
	switch g := g.(type) {
	case orb.Point:
		return quant(g)
	case orb.MultiPoint:
		return orb.MultiPoint(quantAll(g))
	case orb.LineString:
		return orb.LineString(s.line(g, false))
	case orb.MultiLineString:
		out := make(orb.MultiLineString, len(g))
		for i, l := range g {
			out[i] = s.line(l, false)
		}
		return out
	case orb.Polygon:
		return s.polygon(g)
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = s.polygon(p)
		}
		return out
	case orb.Collection:
		out := make(orb.Collection, 0, len(g))
		for _, m := range g {
			if lm := lodGeometry(m, k); lm != nil {
				out = append(out, lm)
			}
		}
		return out
	}
	return nil // nothing else comes from the store, and the cache keeps nothing else
}

// quantAll returns pts rounded to the quantStep grid.
func quantAll(pts []orb.Point) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = quant(p)
	}
	return out
}

// lodSimplifier simplifies the parts of one geometry in a plane scaled to
// metres at its first point.
type lodSimplifier struct {
	tol    float64 // metres
	sx, sy float64 // metres per degree
	pts    []orb.Point
}

func (s *lodSimplifier) origin(p orb.Point) *lodSimplifier {
	s.sx, s.sy = metresPerDegree*math.Cos(p[1]*math.Pi/180), metresPerDegree
	if !(s.sx > 1) { // poles and non-finite input: no simplification
		s.sx, s.sy = math.Inf(1), math.Inf(1)
	}
	return s
}

func (s *lodSimplifier) polygon(pg orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(pg))
	for i, r := range pg {
		out[i] = orb.Ring(s.line(r, true))
	}
	return out
}

// line simplifies a line (or, with ring, a closed ring) as the renderer
// does in pixels: points within tol of the last kept one dropped, then
// those within tol of the chord between their kept neighbours (runs of
// at most 32). The ends stay.
func (s *lodSimplifier) line(pts []orb.Point, ring bool) []orb.Point {
	n := len(pts)
	if n <= 2 || math.IsInf(s.sx, 1) {
		return quantAll(pts)
	}
	tol := s.tol
	kept := s.pts[:0]
	kept = append(kept, pts[0])
	for i := 1; i < n-1; i++ {
		p, l := pts[i], kept[len(kept)-1]
		if math.Abs(p[0]-l[0])*s.sx < tol && math.Abs(p[1]-l[1])*s.sy < tol {
			continue
		}
		kept = append(kept, p)
	}
	kept = append(kept, pts[n-1])
	kept = s.chords(kept, tol)
	if ring && len(kept) < 4 {
		// Keep a small triangle rather than lose the feature.
		kept = append(kept[:0], pts[0], pts[n/3], pts[2*n/3], pts[n-1])
		if n < 4 {
			kept = append(kept[:0], pts...)
		}
	}
	s.pts = kept
	return quantAll(kept)
}

// chords drops, in place, the points of pts within tol metres of the
// segment joining the kept points around them (as render's simplify).
func (s *lodSimplifier) chords(pts []orb.Point, tol float64) []orb.Point {
	n := len(pts)
	if n < 3 {
		return pts
	}
	tol2 := tol * tol
	out, a := 1, 0
	for j := 2; j < n; j++ {
		if j-a <= 32 && s.chordHolds(pts[a], pts[j], pts[a+1:j], tol2) {
			continue
		}
		pts[out] = pts[j-1]
		out++
		a = j - 1
	}
	pts[out] = pts[n-1]
	return pts[:out+1]
}

func (s *lodSimplifier) chordHolds(p, q orb.Point, mid []orb.Point, tol2 float64) bool {
	dx, dy := (q[0]-p[0])*s.sx, (q[1]-p[1])*s.sy
	l2 := dx*dx + dy*dy
	for _, m := range mid {
		mx, my := (m[0]-p[0])*s.sx, (m[1]-p[1])*s.sy
		t := 0.0
		if l2 > 0 {
			t = max(0, min(1, (mx*dx+my*dy)/l2))
		}
		ex, ey := mx-t*dx, my-t*dy
		if !(ex*ex+ey*ey <= tol2) {
			return false
		}
	}
	return true
}

// lodLayer is a layer's records at one level, ready to draw.
func lodLayer(name string, recs []lodRecord, labels bool) *mapLayer {
	ml := &mapLayer{name: name, feats: make([]mapFeature, 0, len(recs))}
	for i := range recs {
		ml.appendRecord(&recs[i], labels)
	}
	return ml
}
