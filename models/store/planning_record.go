package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"minerehab/models"
)

// Record writes a batch of records in one transaction, checking each: the
// mine (fire point, measure) exists, states are known, a green record is
// not dated before the mine's licence, quantities are not negative and a
// measure's progress does not pass its planned quantity. The first bad
// record rolls the whole batch back. A status, green or fire record equal
// to a stored one (same feature, date and state), a progress entry equal to
// a stored one (same measure, date, quantities and note) and a problem with
// the same mine, found date and description are counted Unchanged.
func (s *Store) Record(ctx context.Context, b *models.RecordBatch) (models.RecordResult, error) {
	var res models.RecordResult
	err := s.writeTx(ctx, "record", func(tx *sql.Tx) error {
		res = models.RecordResult{}
		known := map[string]bool{}
		exists := func(layer string, fid int64) error {
			k := fmt.Sprint(layer, fid)
			if known[k] {
				return nil
			}
			if err := checkFeature(ctx, tx, layer, fid); err != nil {
				return err
			}
			known[k] = true
			return nil
		}
		add := func(r sql.Result, err error) error {
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			if n == 0 {
				res.Unchanged++
				res.IDs = append(res.IDs, 0)
				return nil
			}
			id, err := r.LastInsertId()
			res.Added++
			res.IDs = append(res.IDs, id)
			return err
		}
		for _, r := range b.Status {
			if !validStatus(r.Status) {
				return &models.PlanError{Code: models.CodeBadStatus, Value: string(r.Status)}
			}
			if r.Date.IsZero() {
				return &models.PlanError{Code: models.CodeMissingField, Field: "date"}
			}
			if err := exists("mines", r.MineID); err != nil {
				return err
			}
			if err := add(tx.ExecContext(ctx, `INSERT INTO mr_mine_status (mine_fid, date, status, note) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				r.MineID, r.Date.String(), string(r.Status), r.Note)); err != nil {
				return err
			}
		}
		for _, r := range b.Green {
			if err := s.checkGreen(ctx, tx, r, exists); err != nil {
				return err
			}
			var score any
			if r.HasScore() {
				score = r.Score
			}
			if err := add(tx.ExecContext(ctx, `INSERT INTO mr_green (mine_fid, date, state, level, score, sheet, note) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				r.MineID, r.Date.String(), string(r.State), string(r.Level), score, r.Sheet, r.Note)); err != nil {
				return err
			}
		}
		for _, p := range b.Progress {
			// An entry equal to a stored one (a spreadsheet sent twice) is left as it is.
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_progress WHERE measure_id = ? AND date = ? AND area_ha = ? AND volume_m3 = ? AND note = ?`,
				p.MeasureID, p.Date.String(), p.AreaHa, p.VolumeM3, p.Note).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				res.Unchanged++
				res.IDs = append(res.IDs, 0)
				continue
			}
			if err := checkProgress(ctx, tx, p); err != nil {
				return err
			}
			if err := add(tx.ExecContext(ctx, `INSERT INTO mr_progress (measure_id, date, area_ha, volume_m3, note) VALUES (?, ?, ?, ?, ?)`,
				p.MeasureID, p.Date.String(), p.AreaHa, p.VolumeM3, p.Note)); err != nil {
				return err
			}
		}
		for _, p := range b.Problems {
			if err := exists("mines", p.MineID); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_problems WHERE mine_fid = ? AND found = ? AND description = ?`,
				p.MineID, p.Found.String(), p.Description).Scan(&n); err != nil {
				return err
			}
			if n > 0 && p.ID == 0 {
				res.Unchanged++
				res.IDs = append(res.IDs, 0)
				continue
			}
			id, err := putProblem(ctx, tx, p)
			if err != nil {
				return err
			}
			res.Added++
			res.IDs = append(res.IDs, id)
		}
		for _, f := range b.Fire {
			if _, ok := models.ParseFireState(string(f.State)); !ok || f.State == "" {
				return &models.PlanError{Code: models.CodeBadFireState, Value: string(f.State)}
			}
			if f.Date.IsZero() {
				return &models.PlanError{Code: models.CodeMissingField, Field: "date"}
			}
			if err := exists("fire_points", f.PointID); err != nil {
				return err
			}
			if err := add(tx.ExecContext(ctx, `INSERT INTO mr_fire_log (point_fid, date, state, note) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				f.PointID, f.Date.String(), string(f.State), f.Note)); err != nil {
				return err
			}
		}
		for _, r := range b.Sites {
			if err := checkSite(r); err != nil {
				return err
			}
			if err := exists("sites", r.SiteID); err != nil {
				return err
			}
			if err := add(tx.ExecContext(ctx, `INSERT INTO mr_site_remaining (site_fid, date, area_ha, volume_m3, reuse, note) VALUES (?, ?, ?, ?, ?, ?)`,
				r.SiteID, r.Date.String(), r.AreaHa, r.VolumeM3, string(r.Reuse), r.Note)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return models.RecordResult{}, err
	}
	return res, nil
}

// checkSite refuses negative remainders, unknown reuse modes, no date.
func checkSite(r models.SiteRemaining) error {
	for _, q := range []struct {
		f string
		v float64
	}{{"area_ha", r.AreaHa}, {"volume_m3", r.VolumeM3}} {
		if q.v < 0 || math.IsNaN(q.v) || math.IsInf(q.v, 0) {
			return &models.PlanError{Code: models.CodeBadQuantity, Field: q.f, Value: fmt.Sprint(q.v)}
		}
	}
	if _, ok := models.ParseReuseMode(string(r.Reuse)); r.Reuse != "" && !ok {
		return &models.PlanError{Code: models.CodeBadReuse, Value: string(r.Reuse)}
	}
	if r.Date.IsZero() {
		return &models.PlanError{Code: models.CodeMissingField, Field: "date"}
	}
	return nil
}

func validStatus(s models.MineStatus) bool {
	for _, x := range models.MineStatuses {
		if x == s {
			return true
		}
	}
	return false
}

func (s *Store) checkGreen(ctx context.Context, tx *sql.Tx, r models.GreenRecord, exists func(string, int64) error) error {
	valid := false
	for _, x := range models.GreenStates {
		valid = valid || x == r.State
	}
	if !valid {
		return &models.PlanError{Code: models.CodeBadGreenState, Value: string(r.State)}
	}
	if r.Level != models.LevelNone && r.Level != models.LevelRegional && r.Level != models.LevelNational {
		return &models.PlanError{Code: models.CodeBadGreenLevel, Value: string(r.Level)}
	}
	if r.Date.IsZero() {
		return &models.PlanError{Code: models.CodeMissingField, Field: "date"}
	}
	if r.HasScore() && (r.Score < 0 || math.IsInf(r.Score, 0)) {
		return &models.PlanError{Code: models.CodeBadQuantity, Field: "score", Value: fmt.Sprint(r.Score)}
	}
	if err := exists("mines", r.MineID); err != nil {
		return err
	}
	var from models.Date
	err := tx.QueryRowContext(ctx, `SELECT licence_from FROM mr_mine_info WHERE mine_fid = ?`, r.MineID).Scan(scanDate(&from))
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if !from.IsZero() && r.Date < from {
		return &models.PlanError{Code: models.CodeBeforeLicence, Field: "date", Value: r.Date.String(), Detail: from.String()}
	}
	return nil
}

// checkProgress refuses negative quantities, an unknown measure and work
// beyond the measure's planned area or volume.
func checkProgress(ctx context.Context, tx *sql.Tx, p models.ProgressEntry) error {
	for _, q := range []struct {
		f string
		v float64
	}{{"area_ha", p.AreaHa}, {"volume_m3", p.VolumeM3}} {
		if q.v < 0 || math.IsNaN(q.v) || math.IsInf(q.v, 0) {
			return &models.PlanError{Code: models.CodeBadQuantity, Field: q.f, Value: fmt.Sprint(q.v)}
		}
	}
	if p.Date.IsZero() {
		return &models.PlanError{Code: models.CodeMissingField, Field: "date"}
	}
	var planA, planV, doneA, doneV float64
	err := tx.QueryRowContext(ctx, `SELECT m.area_ha, m.volume_m3, coalesce(sum(p.area_ha), 0), coalesce(sum(p.volume_m3), 0)
		FROM mr_measures m LEFT JOIN mr_progress p ON p.measure_id = m.id WHERE m.id = ? GROUP BY m.id`, p.MeasureID).Scan(&planA, &planV, &doneA, &doneV)
	if err == sql.ErrNoRows {
		return &models.PlanError{Code: models.CodeUnknownRecord, Field: "measure", Value: fmt.Sprint(p.MeasureID)}
	}
	if err != nil {
		return err
	}
	const slack = 1e-9
	if planA > 0 && doneA+p.AreaHa > planA*(1+slack) {
		return &models.PlanError{Code: models.CodeOverPlanned, Field: "area_ha", Value: fmt.Sprint(p.AreaHa),
			Detail: fmt.Sprintf("%g of %g ha done already", doneA, planA)}
	}
	if planV > 0 && doneV+p.VolumeM3 > planV*(1+slack) {
		return &models.PlanError{Code: models.CodeOverPlanned, Field: "volume_m3", Value: fmt.Sprint(p.VolumeM3),
			Detail: fmt.Sprintf("%g of %g m³ done already", doneV, planV)}
	}
	return nil
}
