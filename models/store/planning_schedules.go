package store

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"minerehab/models"
)

// The deadline board reads every measure and problem of a project (tens of
// thousands in the benchmark one) but only what their status on a date
// needs. Each column costs the driver several calls into SQLite, so these
// reads leave out budgets, responsible units, notes and descriptions, and
// go to the driver directly (rawQuery).

// MeasureSchedules lists every measure, by id, with only what its status
// needs: id, unit, kind, planned area and volume, start and end (budget,
// responsible unit and note are left empty).
func (s *Store) MeasureSchedules(ctx context.Context) ([]models.Measure, error) {
	var out []models.Measure
	err := s.readRaw(ctx, "read measures", `SELECT id, unit_id, kind, area_ha, volume_m3, start, end FROM mr_measures ORDER BY id`, nil, 7,
		func(v []driver.Value) error {
			m := models.Measure{ID: intValue(v[0]), UnitID: intValue(v[1]), Kind: models.MeasureKind(textValue(v[2])),
				AreaHa: floatValue(v[3]), VolumeM3: floatValue(v[4])}
			if err := scanDate(&m.Start).Scan(v[5]); err != nil {
				return err
			}
			if err := scanDate(&m.End).Scan(v[6]); err != nil {
				return err
			}
			out = append(out, m)
			return nil
		})
	return out, err
}

// ProblemSchedules lists every problem, by mine, date found and id, with
// only what its status needs: id, mine, found, category, deadline, state
// and closing date (description, responsible unit and evidence are left
// empty).
func (s *Store) ProblemSchedules(ctx context.Context) ([]models.MineProblem, error) {
	var out []models.MineProblem
	err := s.readRaw(ctx, "read problems", `SELECT id, mine_fid, found, category, deadline, state, closed FROM mr_problems ORDER BY mine_fid, found, id`, nil, 7,
		func(v []driver.Value) error {
			p := models.MineProblem{ID: intValue(v[0]), MineID: intValue(v[1]), Category: textValue(v[3]), State: models.ProblemState(textValue(v[5]))}
			for _, d := range []struct {
				v  driver.Value
				to *models.Date
			}{{v[2], &p.Found}, {v[4], &p.Deadline}, {v[6], &p.Closed}} {
				if err := scanDate(d.to).Scan(d.v); err != nil {
					return err
				}
			}
			out = append(out, p)
			return nil
		})
	return out, err
}

// readRaw runs q on a pooled read connection through rawQuery; op names
// the work in errors.
func (s *Store) readRaw(ctx context.Context, op, q string, args []any, cols int, fn func(v []driver.Value) error) error {
	conn, err := s.r.Conn(ctx)
	if err != nil {
		return classify(op, s.path, err)
	}
	defer conn.Close()
	return classify(op, s.path, rawQuery(ctx, conn, q, args, cols, fn))
}

// intValue is an integer column's value as sql.NullInt64.Scan gives it
// (0 for NULL or a value that is not a number).
func intValue(v driver.Value) int64 {
	if i, ok := v.(int64); ok {
		return i
	}
	var n sql.NullInt64
	n.Scan(v)
	return n.Int64
}

// floatValue is a real column's value as sql.NullFloat64.Scan gives it
// (0 for NULL or a value that is not a number).
func floatValue(v driver.Value) float64 {
	if f, ok := v.(float64); ok {
		return f
	}
	var n sql.NullFloat64
	n.Scan(v)
	return n.Float64
}
