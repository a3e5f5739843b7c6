package store

import (
	"context"
	"database/sql"
)

// migrateProgressByDay is schema 6: migrations/0006_progress_by_day.sql,
// every measure's running progress totals per day, kept by triggers, so
// the totals on a past date take a seek per measure instead of a sum over
// its entries.
func migrateProgressByDay(ctx context.Context, tx *sql.Tx) error {
	return sqlFile(ctx, tx, "0006_progress_by_day.sql")
}
