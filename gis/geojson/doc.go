// Package geojson owns reading and writing GeoJSON files: a streaming,
// allocation-light reader for imports and a streaming FeatureCollection
// writer for exports.
//
// Coordinate system and units: none are imposed. The reader returns
// coordinates exactly as they are in the file (RFC 7946 files are WGS 84
// longitude/latitude in degrees; legacy files may declare another CRS in a
// "crs" member, reported by Reader.CRS and never applied here). Z and M
// values are dropped (Feature.HasZ records that a Z was present). The writer
// writes the numbers it is given, with at most 7 decimals (about 1 cm in
// degrees), and orients rings as RFC 7946 asks (exterior counter-clockwise,
// holes clockwise).
//
// Reading is done in two passes over each feature, both over a window that
// holds only the current feature: pass 1 finds where the feature ends
// (brackets and strings only), pass 2 validates it strictly as JSON (UTF-8,
// escapes, number grammar, no NaN) and builds the orb geometry, keeping
// "properties" and "id" as raw bytes, byte-exact. Memory is bounded by the
// largest feature (Options.MaxFeatureBytes), nesting by Options.MaxDepth,
// and no recursion depends on the input except the fixed four levels of
// coordinates.
//
// Errors are typed and carry a machine-readable Code: *SyntaxError for
// file-level problems (fatal), *FeatureError for one bad feature
// (recoverable: the reader continues with the next), *LateCRSError when a
// FeatureCollection's "crs" comes after its features. What the reader does
// with each kind of bad input, including the 39 edge-case files in
// shared/data/geojson-edge-cases, is listed in RULES.md next to this file;
// the tests check every row of that table.
//
// Geometry semantics (ring closure, minimum vertex counts, winding order,
// self-intersection, coordinate range) are not checked here; only
// structure is.
package geojson
