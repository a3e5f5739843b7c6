package store

import (
	"context"
	"database/sql"
	"time"

	"minerehab/gis/gpkg"
)

// SRSID is the spatial reference system of every feature table: EPSG:4490,
// CGCS2000 geographic, longitude/latitude in degrees.
const SRSID = 4490

// GeomColumn is the geometry column of every feature table.
const GeomColumn = "geom"

// Schema 1 as released; later schemas change it through new migrations,
// never by editing these lists.
var (
	init1Layers = []struct{ name, geomType string }{
		{"mines", "MULTIPOLYGON"},
		{"sites", "MULTIPOLYGON"},
		{"fire_points", "POINT"},
		{"roads", "MULTILINESTRING"},
		{"reference", "GEOMETRY"},
		{"zones", "MULTIPOLYGON"},
		{"plan_units", "MULTIPOLYGON"},
	}
	init1Columns = []gpkg.Column{
		{Name: "name", Type: "TEXT"},
		{Name: "licence", Type: "TEXT"},
		{Name: "district", Type: "TEXT"},
		{Name: "mineral", Type: "TEXT"},
		{Name: "method", Type: "TEXT"},
		{Name: "status", Type: "TEXT"},
		{Name: "kind", Type: "TEXT"},
		{Name: "feature_type", Type: "TEXT"},
		{Name: "area_m2", Type: "REAL"},
		{Name: "properties", Type: "TEXT", MimeType: "application/json", Title: "properties",
			Description: "the feature's original properties object, byte for byte"},
		{Name: "src_epsg", Type: "INTEGER"},
		{Name: "src_geom", Type: "BLOB"},
		{Name: "imported_at", Type: "TEXT"},
	}
)

// migrateInit creates the GeoPackage core, the feature tables with their
// spatial indexes, then runs 0001_init.sql (mr_meta, licence indexes) and
// records the project's identity.
func migrateInit(ctx context.Context, tx *sql.Tx) error {
	if err := gpkg.InitCore(ctx, tx); err != nil {
		return err
	}
	for _, l := range init1Layers {
		if err := gpkg.CreateFeatureTable(ctx, tx, l.name, GeomColumn, l.geomType, SRSID, init1Columns); err != nil {
			return err
		}
	}
	if err := sqlFile(ctx, tx, "0001_init.sql"); err != nil {
		return err
	}
	id, err := newUUID()
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO mr_meta (key, value) VALUES ('project_id', ?), ('created_at', ?), ('app', ?)`,
		id, time.Now().UTC().Format(timeFormat), appName)
	return err
}

// timeFormat is how times are written: UTC, milliseconds, as GeoPackage
// writes last_change.
const timeFormat = "2006-01-02T15:04:05.000Z"
