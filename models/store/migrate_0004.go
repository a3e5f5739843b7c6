package store

import (
	"context"
	"database/sql"

	"minerehab/gis/gpkg"
)

// surveyTable is the feature table of abandoned-mine field surveys.
const surveyTable = "mr_surveys"

// Schema 4's survey columns as released; later schemas change them through
// new migrations. uid is the survey's stable identity across projects and
// packages (a random UUID): merging a package matches records by uid.
// base_sha256 is the content hash of the record when it last left or
// entered this file in a package, so a merge can tell who changed it.
var survey4Columns = []gpkg.Column{
	{Name: "uid", Type: "TEXT NOT NULL UNIQUE"},
	{Name: "district", Type: "TEXT"},
	{Name: "site_name", Type: "TEXT"},
	{Name: "survey_date", Type: "TEXT"},
	{Name: "surveyors", Type: "TEXT"},
	{Name: "disturbance", Type: "TEXT"},
	{Name: "disturbed_m2", Type: "REAL"},
	{Name: "hazards", Type: "TEXT"},
	{Name: "land_cover", Type: "TEXT"},
	{Name: "measures", Type: "TEXT"},
	{Name: "reuse", Type: "TEXT"},
	{Name: "priority", Type: "INTEGER"},
	{Name: "notes", Type: "TEXT"},
	{Name: "updated_at", Type: "TEXT"},
	{Name: "base_sha256", Type: "TEXT"},
}

// migrateSurveys is schema 4: the survey feature table (with its spatial
// index), then migrations/0004_surveys.sql.
func migrateSurveys(ctx context.Context, tx *sql.Tx) error {
	if err := gpkg.CreateFeatureTable(ctx, tx, surveyTable, GeomColumn, "GEOMETRY", SRSID, survey4Columns); err != nil {
		return err
	}
	return sqlFile(ctx, tx, "0004_surveys.sql")
}
