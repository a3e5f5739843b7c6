package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// Problem codes of Validate.
const (
	ProblemMissingTable      = "schema-missing-table"
	ProblemMissingColumn     = "schema-missing-column"
	ProblemGeometryColumn    = "schema-geometry-column" // not registered, or wrong type or srs
	ProblemMissingRTree      = "schema-missing-rtree"   // index table or its gpkg_extensions row
	ProblemMissingTrigger    = "schema-missing-trigger"
	ProblemApplicationID     = "schema-application-id"
	ProblemIntegrity         = "integrity"      // PRAGMA integrity_check
	ProblemForeignKey        = "foreign-key"    // PRAGMA foreign_key_check
	ProblemRTreeMismatch     = "rtree-mismatch" // index and table disagree
	ProblemGeometryNull      = "geometry-null"
	ProblemGeometryInvalid   = "geometry-invalid"        // the blob does not decode, or its header lies
	ProblemGeometrySRS       = "geometry-srs"            // srs_id in the blob is not SRSID
	ProblemGeometryType      = "geometry-type"           // does not fit the layer
	ProblemSourceGeometry    = "source-geometry-invalid" // src_geom does not decode, or src_epsg missing
	ProblemPropertiesInvalid = "properties-invalid"      // properties is not a JSON object
	ProblemReadError         = "read-error"              // a query failed: the file is damaged
)

var expectedColumns = append([]string{"fid", GeomColumn}, strings.Split(featureCols, ", ")...)

// Validate checks the schema (every layer's table, columns, geometry
// registration, spatial index and its six triggers), runs SQLite's
// integrity and foreign key checks, compares each spatial index with its
// table, and checks every stored geometry: it decodes, its header agrees
// with its coordinates, its srs is SRSID and its type fits the layer; and
// the source geometry and properties are well-formed. Findings come back as
// Problems; the error is for failures to run the checks at all.
func (s *Store) Validate(ctx context.Context) ([]models.Problem, error) {
	var ps []models.Problem
	add := func(layer string, id int64, code, format string, args ...any) {
		ps = append(ps, models.Problem{Layer: layer, ID: id, Code: code, Detail: fmt.Sprintf(format, args...)})
	}
	var appID int64
	if err := s.r.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return nil, classify("validate", s.path, err)
	}
	if appID != gpkg.ApplicationID {
		add("", 0, ProblemApplicationID, "application_id is 0x%08x, not GPKG", appID)
	}
	if err := s.integrity(ctx, add); err != nil {
		return ps, err
	}
	for _, def := range models.Layers {
		if s.validateSchema(ctx, def, add) {
			s.validateRTree(ctx, def.Name, add)
			s.validateRows(ctx, def, add)
		}
	}
	return ps, nil
}

type addFunc func(layer string, id int64, code, format string, args ...any)

func (s *Store) integrity(ctx context.Context, add addFunc) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		add("", 0, ProblemIntegrity, "integrity check cannot run: %v", err)
		return nil
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			add("", 0, ProblemIntegrity, "%v", err)
			return nil
		}
		if msg != "ok" {
			add("", 0, ProblemIntegrity, "%s", msg)
		}
	}
	if err := rows.Err(); err != nil {
		add("", 0, ProblemIntegrity, "%v", err)
	}
	rows.Close()
	rows, err = s.r.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		add("", 0, ProblemForeignKey, "foreign key check cannot run: %v", err)
		return nil
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			add("", 0, ProblemForeignKey, "%v", err)
			return nil
		}
		add(table, 0, ProblemForeignKey, "row %v of %s refers to a missing row of %s", rowid, table, parent)
	}
	return nil
}

// validateSchema checks one layer's table and its registrations; it
// reports whether the table is there to check further.
func (s *Store) validateSchema(ctx context.Context, def models.LayerDef, add addFunc) bool {
	name := def.Name
	cols := map[string]bool{}
	rows, err := s.r.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", name)
	if err != nil {
		add(name, 0, ProblemReadError, "reading the columns: %v", err)
		return false
	}
	for rows.Next() {
		var c string
		if rows.Scan(&c) == nil {
			cols[c] = true
		}
	}
	rows.Close()
	if len(cols) == 0 {
		add(name, 0, ProblemMissingTable, "table %s is missing", name)
		return false
	}
	for _, c := range expectedColumns {
		if !cols[c] {
			add(name, 0, ProblemMissingColumn, "column %s.%s is missing", name, c)
		}
	}
	var geomType string
	var srs int64
	err = s.r.QueryRowContext(ctx, `SELECT g.geometry_type_name, g.srs_id FROM gpkg_geometry_columns g
		JOIN gpkg_contents c ON c.table_name = g.table_name AND c.data_type = 'features'
		WHERE g.table_name = ? AND g.column_name = ?`, name, GeomColumn).Scan(&geomType, &srs)
	switch {
	case err != nil:
		add(name, 0, ProblemGeometryColumn, "%s.%s is not registered as a feature table's geometry: %v", name, GeomColumn, err)
	case geomType != string(def.Geometry) || srs != SRSID:
		add(name, 0, ProblemGeometryColumn, "%s.%s is registered as %s in srs %d, want %s in %d", name, GeomColumn, geomType, srs, def.Geometry, SRSID)
	}
	rt := gpkg.RTreeName(name, GeomColumn)
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", rt).Scan(&n); err != nil || n == 0 {
		add(name, 0, ProblemMissingRTree, "spatial index %s is missing", rt)
	}
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM gpkg_extensions WHERE table_name = ? AND column_name = ?
		AND extension_name = 'gpkg_rtree_index'`, name, GeomColumn).Scan(&n); err != nil || n == 0 {
		add(name, 0, ProblemMissingRTree, "gpkg_extensions does not register spatial index %s", rt)
	}
	for _, trig := range gpkg.RTreeTriggers(name, GeomColumn) {
		if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?", trig).Scan(&n); err != nil || n == 0 {
			add(name, 0, ProblemMissingTrigger, "trigger %s is missing", trig)
		}
	}
	return true
}

// validateRTree compares the spatial index with the table both ways.
func (s *Store) validateRTree(ctx context.Context, name string, add addFunc) {
	t, rt := gpkg.QuoteIdent(name), gpkg.QuoteIdent(gpkg.RTreeName(name, GeomColumn))
	checks := []struct{ query, detail string }{
		{"SELECT fid FROM " + t + " WHERE geom NOT NULL AND NOT coalesce(ST_IsEmpty(geom), 1) AND fid NOT IN (SELECT id FROM " + rt + ")",
			"feature is missing from the spatial index"},
		{"SELECT id FROM " + rt + " WHERE id NOT IN (SELECT fid FROM " + t + " WHERE geom NOT NULL)",
			"spatial index entry has no feature with a geometry"},
	}
	for _, c := range checks {
		rows, err := s.r.QueryContext(ctx, c.query)
		if err != nil {
			add(name, 0, ProblemReadError, "comparing the spatial index: %v", err)
			continue
		}
		for rows.Next() {
			var id int64
			if rows.Scan(&id) == nil {
				add(name, id, ProblemRTreeMismatch, "%s", c.detail)
			}
		}
		if err := rows.Err(); err != nil {
			add(name, 0, ProblemReadError, "comparing the spatial index: %v", err)
		}
		rows.Close()
	}
}

// validateRows checks every geometry, source geometry and properties.
func (s *Store) validateRows(ctx context.Context, def models.LayerDef, add addFunc) {
	name := def.Name
	rows, err := s.r.QueryContext(ctx, "SELECT fid, geom, src_epsg, src_geom, properties FROM "+gpkg.QuoteIdent(name)+" ORDER BY fid")
	if err != nil {
		add(name, 0, ProblemReadError, "reading features: %v", err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var fid int64
		var geom, srcGeom, props []byte
		var srcEPSG *int64
		if err := rows.Scan(&fid, &geom, &srcEPSG, &srcGeom, &props); err != nil {
			add(name, fid, ProblemReadError, "%v", err)
			continue
		}
		if geom == nil {
			add(name, fid, ProblemGeometryNull, "no geometry")
		} else if srs, err := gpkg.Verify(geom); err != nil {
			add(name, fid, ProblemGeometryInvalid, "%v", err)
		} else {
			if srs != SRSID {
				add(name, fid, ProblemGeometrySRS, "geometry in srs %d, want %d", srs, SRSID)
			}
			if g, _, err := gpkg.Decode(geom); err != nil {
				add(name, fid, ProblemGeometryInvalid, "%v", err)
			} else if !fitsExactly(def.Geometry, g.GeoJSONType()) {
				add(name, fid, ProblemGeometryType, "a %s in a %s layer", g.GeoJSONType(), def.Geometry)
			}
		}
		if srcGeom != nil {
			if _, err := gpkg.DecodeWKB(srcGeom); err != nil {
				add(name, fid, ProblemSourceGeometry, "%v", err)
			} else if srcEPSG == nil || *srcEPSG <= 0 {
				add(name, fid, ProblemSourceGeometry, "source geometry without src_epsg")
			}
		}
		if props != nil {
			if t := bytes.TrimSpace(props); !json.Valid(t) || len(t) == 0 || t[0] != '{' {
				add(name, fid, ProblemPropertiesInvalid, "properties are not a json object")
			}
		}
	}
	if err := rows.Err(); err != nil {
		add(name, 0, ProblemReadError, "reading features: %v", err)
	}
}

// fitsExactly is the GeoPackage rule: a typed layer holds that type only.
func fitsExactly(kind models.GeomKind, geojsonType string) bool {
	switch kind {
	case models.KindMultiPolygon:
		return geojsonType == "MultiPolygon"
	case models.KindMultiLineString:
		return geojsonType == "MultiLineString"
	case models.KindPoint:
		return geojsonType == "Point"
	}
	return true
}
