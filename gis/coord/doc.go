// Package coord reads a coordinate as a planner types it into a "go to"
// box: decimal degrees (106.8, 39.6 — either order), degrees-minutes-seconds
// (106°48'30"E 39°36'N, 东经106度48分30秒 北纬39度36分) or CGCS2000 3°
// Gauss–Krüger metres (X northing and Y easting in either order, the
// easting with or without its zone prefix).
//
// The result is always lon/lat degrees on CGCS2000 (EPSG:4490), the
// in-memory coordinate system of the program; GK metres are converted
// through minerehab/gis/crs. Full-width digits and punctuation are
// accepted.
package coord
