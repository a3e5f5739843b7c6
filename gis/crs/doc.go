// Package crs owns the coordinate reference systems minerehab understands and
// the conversions between them and geographic longitude/latitude.
//
// Supported (EPSG codes): 4326 (WGS 84) and 4490 (CGCS2000) geographic;
// the CGCS2000 Gauss-Kruger families 4491–4501 (6° zones 13–23, zone number
// prefixed on the easting), 4502–4512 (6° CM 75E–135E), 4513–4533 (3° zones
// 25–45, prefixed) and 4534–4554 (3° CM 75E–135E); WGS 84 / UTM 48N and 49N
// (32648, 32649); and WGS 84 / Pseudo-Mercator (3857). CGCS2000 and WGS 84
// are treated as the same datum: no datum shift is ever applied, only the
// ellipsoid differs (GRS 80-valued CGCS2000 ellipsoid for the 449x/45xx
// codes, WGS 84 for 4326, UTM and 3857), exactly as PROJ does.
//
// Coordinates: geographic values are always longitude then latitude, in
// decimal degrees (the GeoJSON/GDAL "traditional GIS order", whatever the
// EPSG authority axis order says). Projected values are always easting (x)
// then northing (y), in metres; for the prefixed Gauss-Kruger codes the
// easting includes the zone number (e.g. 36 396782.44 for 3° zone 36).
//
// The transverse Mercator is the Krüger series to sixth order in the third
// flattening n (Karney 2011; Poder/Engsager), the algorithm PROJ uses for
// +proj=tmerc/utm by default; it agrees with PROJ 9 to well under a
// micrometre within the supported zones. Web Mercator uses the spherical
// formulas on a = 6378137 m.
//
// Errors are *Error values with a machine-readable Code (see errors.go);
// a conversion never returns NaN or Inf silently.
//
// The package knows nothing of mines and has no dependencies beyond the
// standard library.
package crs
