package basemap

import (
	"math"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/paulmach/orb"
)

// info is what every source declares about itself.
type info struct {
	name       string
	minZ, maxZ int
	bound      orb.Bound
	hasBound   bool
	tileSize   int
	closed     atomic.Bool
}

func (i *info) Zooms() (min, max int)     { return i.minZ, i.maxZ }
func (i *info) Bounds() (orb.Bound, bool) { return i.bound, i.hasBound }
func (i *info) Name() string              { return i.name }

// TileSize returns the tile edge in pixels, as found in the source's first
// tile (DefaultTileSize when that could not be read).
func (i *info) TileSize() int {
	if i.tileSize <= 0 {
		return DefaultTileSize
	}
	return i.tileSize
}

// parseBounds reads "west,south,east,north" in degrees, as MBTiles and
// TileJSON write it. ok is false for anything that is not a sensible
// lon/lat box.
func parseBounds(s string) (orb.Bound, bool) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, false
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return orb.Bound{}, false
		}
		v[i] = f
	}
	return makeBound(v[0], v[1], v[2], v[3])
}

// makeBound checks and builds a lon/lat box.
func makeBound(w, s, e, n float64) (orb.Bound, bool) {
	for _, f := range []float64{w, s, e, n} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return orb.Bound{}, false
		}
	}
	if w < -180 || e > 180 || s < -90 || n > 90 || w > e || s > n {
		return orb.Bound{}, false
	}
	return orb.Bound{Min: orb.Point{w, s}, Max: orb.Point{e, n}}, true
}

// clampZooms puts a declared zoom range inside 0..MaxZoom.
func clampZooms(lo, hi int) (int, int) {
	lo = min(max(lo, 0), MaxZoom)
	hi = min(max(hi, lo), MaxZoom)
	return lo, hi
}

var nanValue = math.NaN()
