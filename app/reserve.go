package app

import (
	"context"
	"errors"

	"minerehab/models"
)

// The nature-reserve check: mines and sites overlapping a reserve polygon
// (reference features typed reserve / 自然保护区), with the overlap area. A
// flagged mine cannot count as meeting the green-mine prerequisites.

// ErrNoReserveCheck is returned when the project's store cannot check reserves.
var ErrNoReserveCheck = errors.New("this project store cannot check nature reserves")

// CheckReserves lists every mine and site overlapping a reserve. A project
// without reserves gives an empty result (Reserves is empty), not an error.
func CheckReserves(ctx context.Context, st models.Store) (*models.ReserveCheck, error) {
	rc, ok := st.(models.ReserveChecker)
	if !ok {
		return nil, ErrNoReserveCheck
	}
	return rc.CheckReserves(ctx)
}

// ReserveFlags is what the dashboard and the green-mine check ask: the
// overlap area in m² of each flagged mine, by licence. Mines without a
// licence are left out (they cannot be asked for by licence).
func ReserveFlags(ctx context.Context, st models.Store) (map[string]float64, error) {
	c, err := CheckReserves(ctx, st)
	if err != nil {
		return nil, err
	}
	return c.FlaggedLicences(), nil
}

// IsReserveFlagged reports whether the mine with this licence overlaps a
// nature reserve, and by how many square metres. It runs the whole check;
// callers asking about many mines use ReserveFlags once.
func IsReserveFlagged(ctx context.Context, st models.Store, licence string) (bool, float64, error) {
	f, err := ReserveFlags(ctx, st)
	if err != nil {
		return false, 0, err
	}
	m2, ok := f[licence]
	return ok && m2 > 0, m2, nil
}
