package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strconv"
)

// appName is mr_meta's app value: the mark of a minerehab project.
const appName = "minerehab"

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration upgrades the schema from version-1 to version inside one
// transaction. Steps SQL alone cannot express (creating GeoPackage feature
// tables with their index triggers and registrations) are Go; plain SQL
// lives in migrations/NNNN_name.sql and runs through sqlFile.
type migration struct {
	version int
	name    string
	up      func(ctx context.Context, tx *sql.Tx) error
}

// migrations, in order; version i+1 at index i. Never edit a released one:
// add the next.
var migrations = []migration{
	{1, "init", migrateInit},
	{2, "workspace", migrateWorkspace},
	{3, "planning", migratePlanning},
	{4, "surveys", migrateSurveys},
	{5, "render tokens", migrateRenderTokens},
	{6, "progress by day", migrateProgressByDay},
}

// SchemaVersion is the schema version this program writes and the newest
// it opens.
func SchemaVersion() int { return len(migrations) }

// sqlFile runs an embedded migrations/*.sql file (several statements).
func sqlFile(ctx context.Context, tx *sql.Tx, name string) error {
	b, err := migrationFiles.ReadFile("migrations/" + name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(b)); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// migrate runs every migration newer than the file's schema version, each
// in its own BEGIN IMMEDIATE transaction that also records the new version
// in mr_meta. The version is re-read inside each transaction, so two
// processes upgrading at once do not both apply a step.
func migrate(ctx context.Context, w *sql.DB, path string) error {
	for _, m := range migrations {
		if err := migrateOne(ctx, w, m); err != nil {
			return classify(fmt.Sprintf("migrate to schema %d (%s)", m.version, m.name), path, err)
		}
	}
	return nil
}

func migrateOne(ctx context.Context, w *sql.DB, m migration) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	current, err := schemaVersion(ctx, tx)
	if err != nil {
		return err
	}
	if current >= m.version {
		return nil
	}
	if current != m.version-1 {
		return fmt.Errorf("schema version %d cannot be upgraded to %d", current, m.version)
	}
	if err := m.up(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO mr_meta (key, value) VALUES ('schema_version', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.Itoa(m.version)); err != nil {
		return err
	}
	return tx.Commit()
}

// schemaVersion reads mr_meta's schema_version; 0 before migration 1.
func schemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'mr_meta'`).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, nil
	}
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM mr_meta WHERE key = 'schema_version'`).Scan(&v)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}
