package store

import (
	"context"
	"database/sql"
)

// migratePlanning is schema 3: the planning and green-mine tables of
// migrations/0003_planning.sql (status and green histories, targets,
// scoring sheets, zone milestones, plan units, measures, progress, photos,
// site remainders, problem lists, fire logs).
func migratePlanning(ctx context.Context, tx *sql.Tx) error {
	return sqlFile(ctx, tx, "0003_planning.sql")
}
