// Package measure owns every geodesic measurement in minerehab: the area of
// polygons, the length of lines and perimeters, and the distance between two
// points. It is the one place in the project that computes area.
//
// Input geometries are orb geometries in longitude/latitude order, in
// degrees, on the GRS80 ellipsoid (the ellipsoid of CGCS2000; WGS84 differs
// only in the 11th significant digit of the flattening, which is negligible
// here). Results are in metres (Length, Distance) and square metres (Area);
// Hectares and Mu convert square metres to hectares and 亩.
//
// Edges are geodesics (shortest paths on the ellipsoid), as in GeographicLib's
// Planimeter. Distance and Length solve the inverse geodesic problem with
// C. F. F. Karney's method ("Algorithms for geodesics", J. Geodesy 87, 43–55,
// 2013), written here from the paper; they agree with GeodSolve to a few
// nanometres. Area sums, edge by edge, the area between the edge and the
// equator: for short edges (under about 220 m) as the spherical excess on
// the authalic (equal-area) sphere, which is fast and exact to about
// 2e-6 m² per metre of edge; for longer edges as Karney's exact geodesic
// term S12. Areas of the test shapes (1 km² to 10⁷ km², real boundaries
// included) agree with Planimeter to 5e-11 relative or better.
//
// The package is domain-free: it knows nothing of mines or projects.
package measure
