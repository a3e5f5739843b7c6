// Package proximity owns "how far is this geometry from these lines": the
// distance in metres from a point, line or polygon to a set of lines (river
// centre lines, say), and the prefilter that makes a screening of hundreds of
// thousands of geometries against a few hundred line vertices cheap.
//
// Input geometries are orb geometries in longitude/latitude order, degrees,
// on CGCS2000 (EPSG:4490; WGS 84 is treated as the same datum, as package crs
// does). Distances are metres, never degrees: both geometries are projected
// into a CGCS2000 3-degree Gauss-Kruger zone (by default the zone of the
// measured geometry's centre, EPSG:4534–4554 without the zone prefix;
// Options.EPSG fixes one) and the shortest planar distance is taken there,
// exactly as GDAL/SpatiaLite's ST_Distance does on data transformed to that
// EPSG code. Within a zone the Gauss-Kruger scale error is below 0.04 %
// (1.2 m on 3 km), and the value is the one a planner's GIS gives.
//
// A polygon that a line crosses, touches or contains (a river through a
// consolidation zone) is at distance 0, as is a line that crosses a line;
// holes are respected (a river in a hole is measured to the hole's edge).
//
// The prefilter grows a bounding box by the distance converted to degrees
// conservatively for the latitude (Grow): whatever is within d metres has a
// bounding box meeting the grown one. Index.Boxes gives those grown boxes
// for a spatial index (an R-tree) to select candidates, and Index.Far tells
// from a candidate's index box alone, conservatively, that it holds nothing
// within the distance (far.go).
//
// Within first measures in the affine approximation of the zone's projection
// at the region's grid cell, then measures exactly only the pairs (edge or
// point, line segment) that the approximation's error bound cannot rule
// out; the answer is the exact Gauss-Kruger distance, equal to Distance's
// (refine.go).
//
// OverlapArea is the area on the ellipsoid shared by two polygons (edges
// straight in lon/lat), measured in the cylindrical equal-area plane of the
// authalic latitude with package clip (overlap.go).
//
// The package is domain-free: it knows nothing of mines, rivers or projects.
package proximity
