// Package hit answers "is this geometry under the cursor?" and "does it
// meet this box?" for picking and box selection on a map.
//
// Geometries are orb, lon/lat degrees. NearPixel works in screen pixels
// through a projection function the caller supplies (a map view), so the
// tolerance is what the user sees; Intersects works in the geometry's own
// planar coordinates (degrees), which is exact for axis-aligned boxes drawn
// on a map whose projection keeps meridians and parallels straight at the
// scale of a selection box.
package hit
