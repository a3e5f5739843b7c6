package store

import (
	"context"
	"database/sql"
)

// migrateWorkspace is schema 2: see migrations/0002_workspace.sql.
func migrateWorkspace(ctx context.Context, tx *sql.Tx) error {
	return sqlFile(ctx, tx, "0002_workspace.sql")
}
