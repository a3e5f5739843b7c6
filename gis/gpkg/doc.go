// Package gpkg is domain-free OGC GeoPackage plumbing on top of SQLite
// (modernc.org/sqlite, driver name "sqlite"): the GeoPackage binary geometry
// format (Encode, Decode, Envelope; a Decoder reuses its memory from one
// geometry to the next), the core tables and spatial reference
// systems, feature tables with their R*Tree spatial index and the triggers
// that keep it current, the ST_* SQL functions those triggers call, and a
// reader for feature tables of any GeoPackage (e.g. one written by ogr2ogr),
// and a bulk loader that packs a whole spatial index at once.
//
// Geometry in memory is orb (github.com/paulmach/orb), 2D only: Z and M
// ordinates of decoded geometries are dropped. Coordinates are stored as
// given, in the units and axis order of the table's spatial reference system
// (for EPSG:4326 and EPSG:4490 that is longitude, latitude in degrees, as the
// GeoPackage specification requires). Geometry blobs are written little-endian
// with an [minx, maxx, miny, maxy] envelope (none for points and empty
// geometries) followed by ISO WKB.
//
// WKB is written and read by direct orb encoders that produce the same
// bytes and geometries as go-geom (github.com/twpayne/go-geom) at a third of
// its CPU cost (BenchmarkEncode, BenchmarkDecode); go-geom stays behind the
// converters ToGoGeom and FromGoGeom and DecodeGoGeom, against which the
// tests and FuzzDecode hold the direct code. The package knows nothing of
// mines and never imports Fyne.
package gpkg
