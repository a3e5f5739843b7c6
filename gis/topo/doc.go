// Package topo owns the polygon operations of the editor: union of several
// polygons (merging a selection, building a zone from plan units), buffering
// by a distance in metres, splitting a polygon with a drawn line, repairing
// a self-intersecting drawing, and the overlay questions behind warnings
// (where do two polygons overlap, which part of a polygon lies outside
// another, where does a drawing cross itself).
//
// Coordinates: every argument and result is an orb geometry in longitude,
// latitude order, decimal degrees, CGCS2000 (no datum shift is ever
// applied). Union, Split, MakeValid, Overlap, Outside and Crossings work on
// lon/lat directly, taking edges as straight in lon/lat as the rest of
// minerehab stores and draws them: which rings cross and which areas
// overlap does not depend on the unit, and computing in degrees keeps
// input vertices bit for bit. Buffer needs metres: it projects to the
// CGCS2000 3° Gauss-Kruger zone of the data's centre (EPSG 4534–4554, via
// minerehab/gis/crs), buffers there and projects back; the zone's scale
// error (under 3e-4 anywhere in a 3° zone, 1.3e-4 at Wuhai) is the only
// distance error beyond the chords that approximate round joins.
//
// Results are orb.MultiPolygon (Split: []orb.Polygon) wound as RFC 7946
// asks (exterior rings counter-clockwise, holes clockwise), every ring
// closed exactly once with no repeated consecutive positions, and no empty
// parts; lines and points that an overlay may produce (two polygons that
// only touch) are dropped. An empty result is an empty MultiPolygon and a
// nil error.
//
// Why GEOS: overlay of real drawings (shared edges, vertices on edges,
// nearly collinear segments) is where hand-written polygon clipping goes
// wrong; GEOS's OverlayNG nodes robustly, with snapping fallbacks, and is
// the engine PostGIS, QGIS and GDAL use, so results match what planners see
// in those tools. orb ↔ GEOS conversion goes through WKB in one file
// (convert.go). Inputs are validated before any overlay: a polygon GEOS
// finds invalid gives an *Error with Code "invalid-input" (offer MakeValid
// and show Crossings), and a GEOS failure (a NULL result, or the panic
// go-geos raises for some) gives Code "geos". Each call uses its own GEOS
// context, so the functions are safe for concurrent use.
//
// The package is domain-free: it knows nothing of mines or projects and
// never imports the app or its models.
package topo
