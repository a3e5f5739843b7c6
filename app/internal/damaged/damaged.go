// Package damaged writes, for tests, project files whose geometry blob
// another program damaged: the map's, the window's and the CLI's tests
// share it.
package damaged

import (
	"context"
	"database/sql"
	"testing"

	"minerehab/models"
	"minerehab/models/store"
)

// Project creates a project at path holding feats, then sets the geometry
// of the mines named name to the SQL expression damage (of geom) through
// plain sql, whose connection runs the file's triggers as the store does.
// It returns the damaged feature's fid.
func Project(tb testing.TB, path string, feats []*models.Feature, name, damage string) int64 {
	tb.Helper()
	st, err := store.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	tx, err := st.BeginImport(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range feats {
		if _, err := tx.Put(f, models.KeySpec{}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var fid int64
	if err := db.QueryRow("SELECT fid FROM mines WHERE name = ?", name).Scan(&fid); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec("UPDATE mines SET geom = "+damage+" WHERE fid = ?", fid); err != nil {
		tb.Fatal(err)
	}
	return fid
}
