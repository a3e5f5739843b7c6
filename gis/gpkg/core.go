package gpkg

import (
	"context"
	"fmt"
)

// ApplicationID is the SQLite application_id of a GeoPackage ("GPKG").
const ApplicationID = 0x47504B47

// UserVersion is the GeoPackage version written to PRAGMA user_version:
// 1.3.0. GDAL 3.6's validate_gpkg.py accepts >= 10200; the R*Tree triggers
// written here are the 1.3 ones (insert, update1..update4, delete) that the
// validator checks for.
const UserVersion = 10300

// Extension definitions recorded in gpkg_extensions.
const (
	defRTree  = "http://www.geopackage.org/spec130/#extension_rtree"
	defSchema = "http://www.geopackage.org/spec130/#extension_schema"
)

// coreDDL creates the mandatory GeoPackage tables plus the schema
// extension's data columns tables and the (empty) tile matrix tables, with
// the exact column definitions GDAL writes and its validator checks.
var coreDDL = []string{
	`CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
		organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`,
	`CREATE TABLE IF NOT EXISTS gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
		identifier TEXT UNIQUE, description TEXT DEFAULT '',
		last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
		min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
		CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`,
	`CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
		geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
		CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
		CONSTRAINT uk_gc_table_name UNIQUE (table_name),
		CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
		CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
	`CREATE TABLE IF NOT EXISTS gpkg_tile_matrix_set (table_name TEXT NOT NULL PRIMARY KEY, srs_id INTEGER NOT NULL,
		min_x DOUBLE NOT NULL, min_y DOUBLE NOT NULL, max_x DOUBLE NOT NULL, max_y DOUBLE NOT NULL,
		CONSTRAINT fk_gtms_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
		CONSTRAINT fk_gtms_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
	`CREATE TABLE IF NOT EXISTS gpkg_tile_matrix (table_name TEXT NOT NULL, zoom_level INTEGER NOT NULL,
		matrix_width INTEGER NOT NULL, matrix_height INTEGER NOT NULL, tile_width INTEGER NOT NULL,
		tile_height INTEGER NOT NULL, pixel_x_size DOUBLE NOT NULL, pixel_y_size DOUBLE NOT NULL,
		CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level),
		CONSTRAINT fk_tmm_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name))`,
	`CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
		definition TEXT NOT NULL, scope TEXT NOT NULL,
		CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))`,
	`CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
		name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT,
		CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
		CONSTRAINT gdc_tn UNIQUE (table_name, name))`,
	`CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL,
		constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC,
		max_is_inclusive BOOLEAN, description TEXT,
		CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))`,
	`INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
		SELECT t, NULL, 'gpkg_schema', '` + defSchema + `', 'read-write'
		FROM (SELECT 'gpkg_data_columns' AS t UNION ALL SELECT 'gpkg_data_column_constraints')
		WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions e WHERE e.table_name = t AND e.extension_name = 'gpkg_schema')`,
}

// InitCore makes the database a GeoPackage: it sets application_id and
// user_version and creates the core tables with the DefaultSRS rows. It is
// idempotent. Run it inside the transaction that creates the first tables.
func InitCore(ctx context.Context, q Querier) error {
	stmts := append([]string{
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		fmt.Sprintf("PRAGMA user_version = %d", UserVersion),
	}, coreDDL...)
	for _, s := range stmts {
		if _, err := q.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("gpkg: creating core tables: %w", err)
		}
	}
	for _, s := range DefaultSRS {
		if err := AddSRS(ctx, q, s); err != nil {
			return err
		}
	}
	return nil
}
