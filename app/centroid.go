package app

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// planarCentroid is the area-weighted centroid in degrees; at the size of a
// mine the distortion of treating lon/lat as planar is far below a metre.
func planarCentroid(g orb.Geometry) (orb.Point, float64) {
	return planar.CentroidArea(g)
}
