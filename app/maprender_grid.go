package app

import (
	"math"
	"math/bits"
	"sync"

	"github.com/paulmach/orb"
)

// layerGrid files a layer's features (by index) under the cells of a
// regular lon/lat grid over the layer's extent that their boxes meet, so
// that a frame zoomed in on part of a large layer visits the features near
// its view instead of testing every box: each strip of a frame and the
// label pass tested all 500,000 boxes of the large benchmark project, a
// twentieth of a zoomed frame's work, reading 40 MB of feature records.
// Built once per loaded layer level, the first time a view needs it; read
// only afterwards, so frames share it.
type layerGrid struct {
	ext    orb.Bound
	nx, ny int
	sx, sy float64 // cells per degree
	start  []int32 // cell c holds idx[start[c]:start[c+1]], ascending
	idx    []int32
	big    []int32 // features on more than maxGridCells cells or with no finite box: always tested
	n      int     // features in the layer
}

const (
	// gridFeaturesPerCell sizes the grid: about this many features a
	// cell.
	gridFeaturesPerCell = 4
	// maxGridCells is the most cells a feature is filed under; larger
	// ones (rivers, districts, the reserve) are tested by every query.
	maxGridCells = 64
	// minGridFeatures: smaller layers are scanned, not indexed.
	minGridFeatures = 2048
)

// newLayerGrid indexes feats, whose finite boxes span ext (see
// featureExtent); nil when there are too few to gain.
func newLayerGrid(feats []mapFeature, ext orb.Bound) *layerGrid {
	if len(feats) < minGridFeatures || len(feats) > math.MaxInt32 {
		return nil
	}
	w, h := ext.Max[0]-ext.Min[0], ext.Max[1]-ext.Min[1]
	cells := float64(len(feats)) / gridFeaturesPerCell
	g := &layerGrid{ext: ext, n: len(feats), nx: 1, ny: 1}
	switch {
	case w > 0 && h > 0:
		g.nx = max(1, int(math.Sqrt(cells*w/h)))
		g.ny = max(1, int(cells)/g.nx)
	case w > 0:
		g.nx = max(1, int(cells))
	case h > 0:
		g.ny = max(1, int(cells))
	}
	g.nx, g.ny = min(g.nx, 4096), min(g.ny, 4096)
	if w > 0 {
		g.sx = float64(g.nx) / w
	}
	if h > 0 {
		g.sy = float64(g.ny) / h
	}
	// Counting sort: count each cell's features, then file them in
	// feature order, so that each cell's list ascends.
	g.start = make([]int32, g.nx*g.ny+1)
	each := func(fn func(i, c int)) {
		for i := range feats {
			b := feats[i].bound
			if !finiteBound(b) {
				fn(i, -1) // tested as the scan would
				continue
			}
			x0, y0, x1, y1 := g.cellRange(b)
			if (x1-x0+1)*(y1-y0+1) > maxGridCells {
				fn(i, -1)
				continue
			}
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					fn(i, y*g.nx+x)
				}
			}
		}
	}
	nbig := 0
	each(func(_, c int) {
		if c < 0 {
			nbig++
		} else {
			g.start[c+1]++
		}
	})
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	g.idx = make([]int32, g.start[len(g.start)-1])
	g.big = make([]int32, 0, nbig)
	next := append([]int32(nil), g.start[:len(g.start)-1]...)
	each(func(i, c int) {
		if c < 0 {
			g.big = append(g.big, int32(i))
			return
		}
		g.idx[next[c]] = int32(i)
		next[c]++
	})
	return g
}

// cellRange is the range of cells, inclusive, box b meets (clamped to
// the grid).
func (g *layerGrid) cellRange(b orb.Bound) (x0, y0, x1, y1 int) {
	cell := func(v, lo, s float64, n int) int {
		return int(min(float64(n-1), max(0, (v-lo)*s)))
	}
	return cell(b.Min[0], g.ext.Min[0], g.sx, g.nx), cell(b.Min[1], g.ext.Min[1], g.sy, g.ny),
		cell(b.Max[0], g.ext.Min[0], g.sx, g.nx), cell(b.Max[1], g.ext.Min[1], g.sy, g.ny)
}

// candidates marks in set (one bit a feature) the features filed under
// the cells box meets, and the big ones; false when box takes in so much
// of the grid that testing every feature is as quick.
func (g *layerGrid) candidates(box orb.Bound, set []uint64) bool {
	if meets(g.ext, box) {
		x0, y0, x1, y1 := g.cellRange(box)
		if 2*(x1-x0+1)*(y1-y0+1) > g.nx*g.ny {
			return false
		}
		for y := y0; y <= y1; y++ {
			row := y * g.nx
			for _, i := range g.idx[g.start[row+x0]:g.start[row+x1+1]] {
				set[i>>6] |= 1 << (i & 63)
			}
		}
	}
	for _, i := range g.big {
		set[i>>6] |= 1 << (i & 63)
	}
	return true
}

// featureSets recycles the candidate bit sets of the queries.
var featureSets sync.Pool

// gridViewShare: a query box at most this share of the layer's extent
// goes through the grid (building it the first time). Frames of the whole
// map (their strips a quarter of it) test every box instead, which costs
// them as little as the grid would save, and spares a one-off drawing of
// the whole map (the command line) building the grid for nothing.
const gridViewShare = 1.0 / 16

// visit calls fn with the index of each feature of ml whose box meets
// box, in order (last first when backward), until fn returns false.
func (ml *mapLayer) visit(box orb.Bound, backward bool, fn func(i int) bool) {
	feats := ml.feats
	var g *layerGrid
	if len(feats) >= minGridFeatures {
		if ext, ok := ml.extent(); ok && boundArea(box) <= gridViewShare*boundArea(ext) {
			ml.gridOnce.Do(func() { ml.grid = newLayerGrid(feats, ext) })
			g = ml.grid
		}
	}
	if g != nil {
		words := (g.n + 63) / 64
		sp, _ := featureSets.Get().(*[]uint64)
		if sp == nil || cap(*sp) < words {
			s := make([]uint64, words)
			sp = &s
		}
		set := (*sp)[:words]
		clear(set)
		defer featureSets.Put(sp)
		if g.candidates(box, set) {
			visitSet(set, backward, func(i int) bool {
				return !meets(feats[i].bound, box) || fn(i)
			})
			return
		}
	}
	if backward {
		for i := len(feats) - 1; i >= 0; i-- {
			if meets(feats[i].bound, box) && !fn(i) {
				return
			}
		}
		return
	}
	for i := range feats {
		if meets(feats[i].bound, box) && !fn(i) {
			return
		}
	}
}

// visitSet calls fn with the members of set in order (descending when
// backward) until fn returns false.
func visitSet(set []uint64, backward bool, fn func(i int) bool) {
	if backward {
		for w := len(set) - 1; w >= 0; w-- {
			for b := set[w]; b != 0; {
				k := 63 - bits.LeadingZeros64(b)
				b &^= 1 << k
				if !fn(w<<6 | k) {
					return
				}
			}
		}
		return
	}
	for w, b := range set {
		for b != 0 {
			k := bits.TrailingZeros64(b)
			b &= b - 1
			if !fn(w<<6 | k) {
				return
			}
		}
	}
}

// extent is the box of the features' finite boxes (computed once);
// false when none is finite.
func (ml *mapLayer) extent() (orb.Bound, bool) {
	ml.extOnce.Do(func() { ml.ext, ml.extOK = featureExtent(ml.feats) })
	return ml.ext, ml.extOK
}

// featureExtent is the box of the finite boxes of feats; false when none
// is.
func featureExtent(feats []mapFeature) (orb.Bound, bool) {
	ext, ok := orb.Bound{}, false
	for i := range feats {
		b := feats[i].bound
		if !finiteBound(b) {
			continue
		}
		if !ok {
			ext, ok = b, true
			continue
		}
		ext = ext.Union(b)
	}
	return ext, ok
}

func boundArea(b orb.Bound) float64 { return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1]) }

func finiteBound(b orb.Bound) bool {
	for _, v := range [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return b.Min[0] <= b.Max[0] && b.Min[1] <= b.Max[1]
}
