package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"

	"minerehab/models"
)

// The planning tables of schema 3 (migrations/0003_planning.sql) behind
// models.PlanningStore. Every write is one transaction on the writer.

var _ models.PlanningStore = (*Store)(nil)

// writeTx runs fn in one write transaction; a read-only store refuses.
func (s *Store) writeTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	if s.w == nil {
		return refuse(op, s.path, models.ErrReadOnly, "the project was opened read-only")
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(op, s.path, err)
	}
	defer tx.Rollback()
	rec, err := startCapture(ctx, tx)
	if err != nil {
		return classify(op, s.path, err)
	}
	if err := fn(tx); err != nil {
		return s.wrap(op, err)
	}
	if err := rec.finish(ctx, tx); err != nil {
		return classify(op, s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// wrap keeps planning errors as they are and classifies database ones.
func (s *Store) wrap(op string, err error) error {
	var pe *models.PlanError
	if err == nil || errors.As(err, &pe) {
		return err
	}
	return classify(op, s.path, err)
}

// dateArg is a date column's value: NULL for the zero date.
func dateArg(d models.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// nullDate reads a nullable date column.
type nullDate struct{ d *models.Date }

func (n nullDate) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*n.d = 0
		return nil
	case string:
		if d, ok := models.ParseISO(x); ok {
			*n.d = d
			return nil
		}
		d, err := models.ParseDate(x)
		*n.d = d
		return err
	case []byte:
		if d, ok := models.ParseISO(string(x)); ok {
			*n.d = d
			return nil
		}
		d, err := models.ParseDate(string(x))
		*n.d = d
		return err
	}
	return fmt.Errorf("date column holds %T", v)
}

func scanDate(d *models.Date) sql.Scanner { return nullDate{d} }

// MineFacts lists every mine of the mines layer, in fid order.
func (s *Store) MineFacts(ctx context.Context) ([]models.MineFacts, error) {
	var out []models.MineFacts
	err := s.readRaw(ctx, "read mines", `SELECT fid, licence, name, district, status FROM mines ORDER BY fid`, nil, 5, func(v []driver.Value) error {
		m := models.MineFacts{ID: intValue(v[0]), Licence: textValue(v[1]), Name: textValue(v[2]), District: textValue(v[3])}
		st := textValue(v[4])
		m.Status = models.MineStatus(st)
		if ps, ok := models.ParseMineStatus(st); ok {
			m.Status = ps
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// MinesByLicence returns the fids of the mines carrying licence.
func (s *Store) MinesByLicence(ctx context.Context, licence string) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT fid FROM mines WHERE licence = ? ORDER BY fid`, licence)
	if err != nil {
		return nil, classify("find mine", s.path, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, classify("find mine", s.path, err)
		}
		out = append(out, id)
	}
	return out, classify("find mine", s.path, rows.Err())
}

// GreenInput loads mines, both histories (sorted; the records carry id,
// mine, date and state only) and the targets. The four reads are
// independent and run at once on the reader connections.
func (s *Store) GreenInput(ctx context.Context) (*models.GreenInput, error) {
	in := &models.GreenInput{Status: map[int64][]models.StatusRecord{}, Green: map[int64][]models.GreenRecord{}}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	wg.Go(func() { in.Mines, errs[0] = s.MineFacts(ctx) })
	wg.Go(func() { in.Targets, errs[1] = s.Targets(ctx) })
	// Only what the arithmetic reads (id, mine, date, state): notes,
	// levels and scores stay in the database; sorted in Go.
	wg.Go(func() {
		errs[2] = s.readRaw(ctx, "read status history", `SELECT id, mine_fid, date, status FROM mr_mine_status`, nil, 4, func(v []driver.Value) error {
			r := models.StatusRecord{ID: intValue(v[0]), MineID: intValue(v[1]), Status: models.MineStatus(textValue(v[3]))}
			if err := scanDate(&r.Date).Scan(v[2]); err != nil {
				return err
			}
			in.Status[r.MineID] = append(in.Status[r.MineID], r)
			return nil
		})
		if errs[2] == nil {
			for _, h := range in.Status {
				models.SortStatus(h)
			}
		}
	})
	wg.Go(func() {
		errs[3] = s.readRaw(ctx, "read green history", `SELECT id, mine_fid, date, state FROM mr_green`, nil, 4, func(v []driver.Value) error {
			r := models.GreenRecord{ID: intValue(v[0]), MineID: intValue(v[1]), State: models.GreenState(textValue(v[3])), Score: math.NaN()}
			if err := scanDate(&r.Date).Scan(v[2]); err != nil {
				return err
			}
			in.Green[r.MineID] = append(in.Green[r.MineID], r)
			return nil
		})
		if errs[3] == nil {
			for _, h := range in.Green {
				models.SortGreen(h)
			}
		}
	})
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return in, nil
}

// scanRows runs a read query and calls fn for each row.
func (s *Store) scanRows(ctx context.Context, op, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return classify(op, s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return classify(op, s.path, err)
		}
	}
	return classify(op, s.path, rows.Err())
}

// StatusHistory lists a mine's status records by date.
func (s *Store) StatusHistory(ctx context.Context, mineID int64) ([]models.StatusRecord, error) {
	return s.statusRecords(ctx, " WHERE mine_fid = ?", mineID)
}

func (s *Store) statusRecords(ctx context.Context, where string, args ...any) ([]models.StatusRecord, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, mine_fid, date, status, note FROM mr_mine_status`+where+` ORDER BY mine_fid, date, id`, args...)
	if err != nil {
		return nil, classify("read status history", s.path, err)
	}
	defer rows.Close()
	var out []models.StatusRecord
	for rows.Next() {
		var r models.StatusRecord
		var st string
		if err := rows.Scan(&r.ID, &r.MineID, scanDate(&r.Date), &st, &r.Note); err != nil {
			return nil, classify("read status history", s.path, err)
		}
		r.Status = models.MineStatus(st)
		out = append(out, r)
	}
	return out, classify("read status history", s.path, rows.Err())
}

// GreenHistory lists a mine's green records by date.
func (s *Store) GreenHistory(ctx context.Context, mineID int64) ([]models.GreenRecord, error) {
	return s.greenRecords(ctx, " WHERE mine_fid = ?", mineID)
}

func (s *Store) greenRecords(ctx context.Context, where string, args ...any) ([]models.GreenRecord, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, mine_fid, date, state, level, score, sheet, note FROM mr_green`+where+` ORDER BY mine_fid, date, id`, args...)
	if err != nil {
		return nil, classify("read green history", s.path, err)
	}
	defer rows.Close()
	var out []models.GreenRecord
	for rows.Next() {
		var r models.GreenRecord
		var state, level string
		var score sql.NullFloat64
		if err := rows.Scan(&r.ID, &r.MineID, scanDate(&r.Date), &state, &level, &score, &r.Sheet, &r.Note); err != nil {
			return nil, classify("read green history", s.path, err)
		}
		r.State, r.Level, r.Score = models.GreenState(state), models.GreenLevel(level), math.NaN()
		if score.Valid {
			r.Score = score.Float64
		}
		out = append(out, r)
	}
	return out, classify("read green history", s.path, rows.Err())
}

// DeleteStatus deletes one status record.
func (s *Store) DeleteStatus(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "delete status record", "mr_mine_status", "status", id)
}

// DeleteGreen deletes one green record (with its indicator scores).
func (s *Store) DeleteGreen(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "delete green record", "mr_green", "green", id)
}

// deleteRow deletes the row id of a planning table; CodeUnknownRecord
// (naming field) when absent.
func (s *Store) deleteRow(ctx context.Context, op, table, field string, id int64) error {
	return s.writeTx(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: field, Value: fmt.Sprint(id)}
		}
		return nil
	})
}

// MineInfo reads what the planning keeps of a mine (zero values when nothing).
func (s *Store) MineInfo(ctx context.Context, mineID int64) (models.MineInfo, error) {
	info := models.MineInfo{MineID: mineID}
	var three int
	var zone sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT owner, licence_from, licence_to, three_rights, zone_fid, note FROM mr_mine_info WHERE mine_fid = ?`, mineID).
		Scan(&info.Owner, scanDate(&info.LicenceFrom), scanDate(&info.LicenceTo), &three, &zone, &info.Note)
	if err == sql.ErrNoRows {
		return info, nil
	}
	if err != nil {
		return info, classify("read mine info", s.path, err)
	}
	info.ThreeRights, info.ZoneID = three == 1, zone.Int64
	return info, nil
}

// MineInfos reads the planning facts of every mine that has some.
func (s *Store) MineInfos(ctx context.Context) (map[int64]models.MineInfo, error) {
	out := map[int64]models.MineInfo{}
	err := s.scanRows(ctx, "read mine info", `SELECT mine_fid, owner, licence_from, licence_to, three_rights, zone_fid, note FROM mr_mine_info`, func(rows *sql.Rows) error {
		var info models.MineInfo
		var three int
		var zone sql.NullInt64
		if err := rows.Scan(&info.MineID, &info.Owner, scanDate(&info.LicenceFrom), scanDate(&info.LicenceTo), &three, &zone, &info.Note); err != nil {
			return err
		}
		info.ThreeRights, info.ZoneID = three == 1, zone.Int64
		out[info.MineID] = info
		return nil
	})
	return out, err
}

// PutMineInfo writes what the planning keeps of a mine.
func (s *Store) PutMineInfo(ctx context.Context, info models.MineInfo) error {
	if !info.LicenceFrom.IsZero() && !info.LicenceTo.IsZero() && info.LicenceTo < info.LicenceFrom {
		return &models.PlanError{Code: models.CodeEndBeforeStart, Field: "licence_to", Value: info.LicenceTo.String()}
	}
	return s.writeTx(ctx, "write mine info", func(tx *sql.Tx) error {
		if err := checkFeature(ctx, tx, "mines", info.MineID); err != nil {
			return err
		}
		if info.ZoneID != 0 {
			if err := checkFeature(ctx, tx, "zones", info.ZoneID); err != nil {
				return err
			}
		}
		three := 0
		if info.ThreeRights {
			three = 1
		}
		var zone any
		if info.ZoneID != 0 {
			zone = info.ZoneID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO mr_mine_info (mine_fid, owner, licence_from, licence_to, three_rights, zone_fid, note)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mine_fid) DO UPDATE SET owner = excluded.owner, licence_from = excluded.licence_from,
			licence_to = excluded.licence_to, three_rights = excluded.three_rights, zone_fid = excluded.zone_fid, note = excluded.note`,
			info.MineID, info.Owner, dateArg(info.LicenceFrom), dateArg(info.LicenceTo), three, zone, info.Note)
		return err
	})
}

// checkFeature refuses an id that is not a feature of layer.
func checkFeature(ctx context.Context, tx *sql.Tx, layer string, fid int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+layer+` WHERE fid = ?`, fid).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		code := models.CodeUnknownRecord
		if layer == "mines" {
			code = models.CodeUnknownMine
		}
		return &models.PlanError{Code: code, Field: layer, Value: fmt.Sprint(fid)}
	}
	return nil
}

// Targets lists the targets by date.
func (s *Store) Targets(ctx context.Context) ([]models.Target, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, date, rate_ppm, min_count, label FROM mr_targets ORDER BY date, id`)
	if err != nil {
		return nil, classify("read targets", s.path, err)
	}
	defer rows.Close()
	var out []models.Target
	for rows.Next() {
		var t models.Target
		var ppm int64
		if err := rows.Scan(&t.ID, scanDate(&t.Date), &ppm, &t.MinCount, &t.Label); err != nil {
			return nil, classify("read targets", s.path, err)
		}
		t.Rate = float64(ppm) / 1e6
		out = append(out, t)
	}
	return out, classify("read targets", s.path, rows.Err())
}

// PutTarget adds t (ID 0) or replaces the target with its ID.
func (s *Store) PutTarget(ctx context.Context, t models.Target) (int64, error) {
	ppm := int64(math.Round(t.Rate * 1e6))
	switch {
	case t.Date.IsZero():
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "date"}
	case math.IsNaN(t.Rate) || ppm <= 0 || ppm > 1e6:
		return 0, &models.PlanError{Code: models.CodeBadRate, Value: fmt.Sprint(t.Rate)}
	case t.MinCount < 0:
		return 0, &models.PlanError{Code: models.CodeBadCount, Value: fmt.Sprint(t.MinCount)}
	}
	id := t.ID
	err := s.writeTx(ctx, "write target", func(tx *sql.Tx) error {
		if id == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO mr_targets (date, rate_ppm, min_count, label) VALUES (?, ?, ?, ?)`, t.Date.String(), ppm, t.MinCount, t.Label)
			if err != nil {
				return err
			}
			id, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE mr_targets SET date = ?, rate_ppm = ?, min_count = ?, label = ? WHERE id = ?`, t.Date.String(), ppm, t.MinCount, t.Label, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "target", Value: fmt.Sprint(id)}
		}
		return nil
	})
	return id, err
}

// DeleteTarget deletes a target.
func (s *Store) DeleteTarget(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "delete target", "mr_targets", "target", id)
}

// sortedKeys returns a map's keys in order (deterministic writes).
func sortedKeys(m map[string]float64) []string {
	k := make([]string, 0, len(m))
	for x := range m {
		k = append(k, x)
	}
	sort.Strings(k)
	return k
}
