// Package geomcheck validates and normalises orb geometries before they are
// measured, drawn or stored: finite coordinates, closed rings with enough
// positions, lines with at least two distinct positions, and polygons whose
// rings neither cross nor touch themselves and do not cross each other
// (rings of one polygon may touch at single points, as in OGC Simple
// Features).
//
// Coordinates are planar (x, y): either lon/lat in degrees (CheckLonLat adds
// the range check lon ∈ [−180, 180], lat ∈ [−90, 90]) or projected
// coordinates in any unit. Intersection tests use exact orientation
// predicates, so results do not depend on round-off. The package is
// domain-free: it knows nothing of mines or projects.
package geomcheck
