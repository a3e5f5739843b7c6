// Package store keeps a minerehab project in one OGC GeoPackage file (SQLite
// through modernc.org/sqlite) and implements models.Store over it.
//
// The file holds the GeoPackage core tables, one feature table per layer of
// models.Layers (mines, sites, fire_points, roads, reference, zones,
// plan_units), each with an R*Tree spatial index, and mr_meta (schema
// version, project id, creation time). QGIS and GDAL open it as it is.
// Geometry is stored in EPSG:4490 (CGCS2000 longitude, latitude in degrees);
// when a feature came from a projected file its original geometry is kept as
// WKB in src_geom with its EPSG code in src_epsg, in the source's units.
// Areas (area_m2) are square metres on the ellipsoid, computed by the caller.
//
// The schema is created and upgraded by numbered migrations (Go steps and
// embedded SQL, migrations/NNNN_name.sql), each in its own transaction. The
// database runs in WAL mode with one writer connection and a separate pool
// of read-only connections. Opening refuses, without writing anything,
// files that are missing, not SQLite, not a project, from a newer program,
// read-only (unless Options.ReadOnly) or locked by another writer; the
// errors wrap the sentinels of package models.
package store
