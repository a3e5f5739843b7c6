// Package store keeps a minerehab project in one OGC GeoPackage file (SQLite
// through modernc.org/sqlite) and implements models.Store over it.
//
// The file holds the GeoPackage core tables, one feature table per layer of
// models.Layers (mines, sites, fire_points, roads, reference, zones,
// plan_units), each with an R*Tree spatial index, and mr_meta (schema
// version, project id, creation time, app). QGIS and GDAL open it as it is
// (GDAL lists mr_meta as a non-spatial table). Geometry is stored in
// EPSG:4490 (CGCS2000, longitude and latitude in degrees); when a feature
// came from a projected file its original geometry is kept as WKB in
// src_geom, in the source's units and axis order, with its EPSG code in
// src_epsg. Areas (area_m2) are square metres on the ellipsoid, computed by
// the caller.
//
// The schema is created and upgraded by numbered migrations (Go steps and
// embedded SQL, migrations/NNNN_name.sql), each in its own transaction.
// While a writer has the file open it runs in WAL mode with one writer
// connection and a pool of read-only connections, so reads never wait for
// an import; when the last writer closes, the file goes back to a rollback
// journal and is again one self-contained file. Opening refuses, without
// writing anything, files that are missing, not SQLite, not a project, from
// a newer program, read-only (unless Options.ReadOnly) or locked by another
// writer; the errors wrap the sentinels of package models.
//
// Imports keep the spatial index out of the way: its triggers are dropped
// for the transaction and the index written at Commit from bounds kept in
// memory, packed in one pass (gpkg.BulkLoadRTree) for a table that started
// empty. See BenchmarkImport50k for the figures.
package store
