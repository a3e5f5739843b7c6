package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"

	"minerehab/models"
)

// ScoringSheets lists the sheets kept in the project, by id.
func (s *Store) ScoringSheets(ctx context.Context) ([]*models.ScoringSheet, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, body FROM mr_scoring_sheets ORDER BY id`)
	if err != nil {
		return nil, classify("read scoring sheets", s.path, err)
	}
	defer rows.Close()
	var out []*models.ScoringSheet
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, classify("read scoring sheets", s.path, err)
		}
		sh, err := models.ParseScoringSheet([]byte(body))
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, classify("read scoring sheets", s.path, rows.Err())
}

// PutScoringSheet adds or replaces a sheet (by id) after checking it.
func (s *Store) PutScoringSheet(ctx context.Context, sh *models.ScoringSheet) error {
	body, err := json.Marshal(sh)
	if err != nil {
		return &models.PlanError{Code: models.CodeBadScoring, Detail: err.Error()}
	}
	if _, err := models.ParseScoringSheet(body); err != nil {
		return err
	}
	return s.writeTx(ctx, "write scoring sheet", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mr_scoring_sheets (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body`, sh.ID, string(body))
		return err
	})
}

// GreenScores reads the indicator scores of a green record.
func (s *Store) GreenScores(ctx context.Context, greenID int64) (map[string]float64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT indicator, score FROM mr_green_scores WHERE green_id = ?`, greenID)
	if err != nil {
		return nil, classify("read scores", s.path, err)
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var k string
		var v float64
		if err := rows.Scan(&k, &v); err != nil {
			return nil, classify("read scores", s.path, err)
		}
		out[k] = v
	}
	return out, classify("read scores", s.path, rows.Err())
}

// PutGreenScores replaces the indicator scores of a green record.
func (s *Store) PutGreenScores(ctx context.Context, greenID int64, scores map[string]float64) error {
	for k, v := range scores {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return &models.PlanError{Code: models.CodeBadQuantity, Field: k, Value: fmt.Sprint(v)}
		}
	}
	return s.writeTx(ctx, "write scores", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_green WHERE id = ?`, greenID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "green", Value: fmt.Sprint(greenID)}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mr_green_scores WHERE green_id = ?`, greenID); err != nil {
			return err
		}
		for _, k := range sortedKeys(scores) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO mr_green_scores (green_id, indicator, score) VALUES (?, ?, ?)`, greenID, k, scores[k]); err != nil {
				return err
			}
		}
		return nil
	})
}

// ZoneShare is the member share of a zone (models.DefaultMemberShare when unset).
func (s *Store) ZoneShare(ctx context.Context, zoneID int64) (float64, error) {
	var v float64
	err := s.r.QueryRowContext(ctx, `SELECT member_share FROM mr_zone_settings WHERE zone_fid = ?`, zoneID).Scan(&v)
	if err == sql.ErrNoRows {
		return models.DefaultMemberShare, nil
	}
	return v, classify("read zone", s.path, err)
}

// SetZoneShare sets the member share of a zone, in (0, 1].
func (s *Store) SetZoneShare(ctx context.Context, zoneID int64, share float64) error {
	if !(share > 0 && share <= 1) {
		return &models.PlanError{Code: models.CodeBadShare, Value: fmt.Sprint(share)}
	}
	return s.writeTx(ctx, "write zone", func(tx *sql.Tx) error {
		if err := checkFeature(ctx, tx, "zones", zoneID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO mr_zone_settings (zone_fid, member_share) VALUES (?, ?)
			ON CONFLICT (zone_fid) DO UPDATE SET member_share = excluded.member_share`, zoneID, share)
		return err
	})
}

// Milestones lists a zone's milestones by due date; a zone with none gets
// the policy's defaults (unsaved, id 0).
func (s *Store) Milestones(ctx context.Context, zoneID int64) ([]models.ZoneMilestone, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, zone_fid, key, due, done, note FROM mr_zone_milestones WHERE zone_fid = ? ORDER BY due, id`, zoneID)
	if err != nil {
		return nil, classify("read milestones", s.path, err)
	}
	defer rows.Close()
	var out []models.ZoneMilestone
	for rows.Next() {
		var m models.ZoneMilestone
		if err := rows.Scan(&m.ID, &m.ZoneID, &m.Key, scanDate(&m.Due), scanDate(&m.Done), &m.Note); err != nil {
			return nil, classify("read milestones", s.path, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, classify("read milestones", s.path, err)
	}
	if len(out) == 0 {
		out = models.DefaultZoneMilestones()
		for i := range out {
			out[i].ZoneID = zoneID
		}
	}
	return out, nil
}

// PutMilestone adds or replaces the zone's milestone of the same key.
func (s *Store) PutMilestone(ctx context.Context, m models.ZoneMilestone) (int64, error) {
	if m.Key == "" || m.Due.IsZero() {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "milestone"}
	}
	var id int64
	err := s.writeTx(ctx, "write milestone", func(tx *sql.Tx) error {
		if err := checkFeature(ctx, tx, "zones", m.ZoneID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO mr_zone_milestones (zone_fid, key, due, done, note) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (zone_fid, key) DO UPDATE SET due = excluded.due, done = excluded.done, note = excluded.note RETURNING id`,
			m.ZoneID, m.Key, m.Due.String(), dateArg(m.Done), m.Note).Scan(&id)
	})
	return id, err
}

// PlanUnits lists the plan units by id.
func (s *Store) PlanUnits(ctx context.Context) ([]models.PlanUnit, error) {
	var out []models.PlanUnit
	err := s.readRaw(ctx, "read plan units", `SELECT id, name, mine_fid, zone_fid, shape_fid, note FROM mr_plan_units ORDER BY id`, nil, 6,
		func(v []driver.Value) error {
			out = append(out, models.PlanUnit{ID: intValue(v[0]), Name: textValue(v[1]), MineID: intValue(v[2]), ZoneID: intValue(v[3]),
				ShapeID: intValue(v[4]), Note: textValue(v[5])})
			return nil
		})
	return out, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// PutPlanUnit adds u (ID 0) or replaces the unit with its ID.
func (s *Store) PutPlanUnit(ctx context.Context, u models.PlanUnit) (int64, error) {
	id := u.ID
	err := s.writeTx(ctx, "write plan unit", func(tx *sql.Tx) error {
		for _, ref := range []struct {
			layer string
			id    int64
		}{{"mines", u.MineID}, {"zones", u.ZoneID}, {"plan_units", u.ShapeID}} {
			if ref.id != 0 {
				if err := checkFeature(ctx, tx, ref.layer, ref.id); err != nil {
					return err
				}
			}
		}
		args := []any{u.Name, nullID(u.MineID), nullID(u.ZoneID), nullID(u.ShapeID), u.Note}
		if id == 0 {
			return tx.QueryRowContext(ctx, `INSERT INTO mr_plan_units (name, mine_fid, zone_fid, shape_fid, note) VALUES (?, ?, ?, ?, ?) RETURNING id`, args...).Scan(&id)
		}
		res, err := tx.ExecContext(ctx, `UPDATE mr_plan_units SET name = ?, mine_fid = ?, zone_fid = ?, shape_fid = ?, note = ? WHERE id = ?`, append(args, id)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "plan_unit", Value: fmt.Sprint(id)}
		}
		return nil
	})
	return id, err
}

// DeletePlanUnit deletes a unit with its measures, progress and photos.
func (s *Store) DeletePlanUnit(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "delete plan unit", "mr_plan_units", "plan_unit", id)
}

// Measures lists the measures of a unit (all when unitID is 0), by id.
func (s *Store) Measures(ctx context.Context, unitID int64) ([]models.Measure, error) {
	q := `SELECT id, unit_id, kind, area_ha, volume_m3, budget_wan, responsible, start, end, note FROM mr_measures`
	var args []any
	if unitID != 0 {
		q += ` WHERE unit_id = ?`
		args = append(args, unitID)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, classify("read measures", s.path, err)
	}
	defer rows.Close()
	var out []models.Measure
	for rows.Next() {
		var m models.Measure
		var kind string
		if err := rows.Scan(&m.ID, &m.UnitID, &kind, &m.AreaHa, &m.VolumeM3, &m.BudgetWan, &m.Responsible, scanDate(&m.Start), scanDate(&m.End), &m.Note); err != nil {
			return nil, classify("read measures", s.path, err)
		}
		m.Kind = models.MeasureKind(kind)
		out = append(out, m)
	}
	return out, classify("read measures", s.path, rows.Err())
}

// PutMeasure adds m (ID 0) or replaces the measure with its ID.
func (s *Store) PutMeasure(ctx context.Context, m models.Measure) (int64, error) {
	if err := m.Check(); err != nil {
		return 0, err
	}
	id := m.ID
	err := s.writeTx(ctx, "write measure", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_plan_units WHERE id = ?`, m.UnitID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "plan_unit", Value: fmt.Sprint(m.UnitID)}
		}
		args := []any{m.UnitID, string(m.Kind), m.AreaHa, m.VolumeM3, m.BudgetWan, m.Responsible, dateArg(m.Start), dateArg(m.End), m.Note}
		if id == 0 {
			return tx.QueryRowContext(ctx, `INSERT INTO mr_measures (unit_id, kind, area_ha, volume_m3, budget_wan, responsible, start, end, note)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...).Scan(&id)
		}
		res, err := tx.ExecContext(ctx, `UPDATE mr_measures SET unit_id = ?, kind = ?, area_ha = ?, volume_m3 = ?, budget_wan = ?, responsible = ?,
			start = ?, end = ?, note = ? WHERE id = ?`, append(args, id)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "measure", Value: fmt.Sprint(id)}
		}
		return nil
	})
	return id, err
}

// DeleteMeasure deletes a measure with its progress and photos.
func (s *Store) DeleteMeasure(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "delete measure", "mr_measures", "measure", id)
}

// Progress lists a measure's entries by date (all when measureID is 0, by
// measure then date), with the names of their photos.
func (s *Store) Progress(ctx context.Context, measureID int64) ([]models.ProgressEntry, error) {
	q := `SELECT p.id, p.measure_id, p.date, p.area_ha, p.volume_m3, p.note, (SELECT json_group_array(name) FROM mr_photos WHERE progress_id = p.id)
		FROM mr_progress p`
	var args []any
	if measureID != 0 {
		q += ` WHERE p.measure_id = ?`
		args = append(args, measureID)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY p.measure_id, p.date, p.id`, args...)
	if err != nil {
		return nil, classify("read progress", s.path, err)
	}
	defer rows.Close()
	var out []models.ProgressEntry
	for rows.Next() {
		var e models.ProgressEntry
		var photos string
		if err := rows.Scan(&e.ID, &e.MeasureID, scanDate(&e.Date), &e.AreaHa, &e.VolumeM3, &e.Note, &photos); err != nil {
			return nil, classify("read progress", s.path, err)
		}
		if photos != "[]" {
			_ = json.Unmarshal([]byte(photos), &e.Photos)
		}
		out = append(out, e)
	}
	return out, classify("read progress", s.path, rows.Err())
}

// ProgressTotals sums every measure's entries dated on or before d.
func (s *Store) ProgressTotals(ctx context.Context, d models.Date) (map[int64]models.ProgressTotal, error) {
	out := map[int64]models.ProgressTotal{}
	err := s.readRaw(ctx, "read progress", s.progressTotalsQuery(), []any{d.String()}, 4, func(v []driver.Value) error {
		out[intValue(v[0])] = models.ProgressTotal{AreaHa: floatValue(v[1]), VolumeM3: floatValue(v[2]), Entries: int(intValue(v[3]))}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// progressTotalsQuery gives, for ?1 a date, each measure's totals on that
// date. Measures with nothing after it take their running totals; the
// others take their latest day on or before it from mr_progress_by_day
// (schema 6: two seeks per measure), or, in an older file opened read-only,
// sum their entries through the covering index (CROSS JOIN keeps the
// totals as the outer loop: left to itself SQLite walks all of mr_progress
// in index order to save the GROUP BY's sort).
func (s *Store) progressTotalsQuery() string {
	const current = `SELECT measure_id, area_ha, volume_m3, entries FROM mr_progress_totals WHERE last_date <= ?1 AND entries > 0
		UNION ALL `
	if s.version < 6 {
		return current + `SELECT t.measure_id, total(p.area_ha), total(p.volume_m3), count(*) FROM mr_progress_totals t
			CROSS JOIN mr_progress p INDEXED BY mr_progress_measure ON p.measure_id = t.measure_id AND p.date <= ?1
		WHERE t.last_date > ?1 GROUP BY t.measure_id`
	}
	return current + `SELECT t.measure_id, b.area_ha, b.volume_m3, b.entries FROM mr_progress_totals t
			CROSS JOIN mr_progress_by_day b ON b.measure_id = t.measure_id
				AND b.date = (SELECT max(date) FROM mr_progress_by_day WHERE measure_id = t.measure_id AND date <= ?1)
		WHERE t.last_date > ?1`
}

// DeleteProgress deletes a progress entry with its photos.
func (s *Store) DeleteProgress(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "delete progress", "mr_progress", "progress", id)
}

// AddPhoto stores a photo of a progress entry in the project.
func (s *Store) AddPhoto(ctx context.Context, progressID int64, name, mime string, data []byte) (int64, error) {
	if name == "" || len(data) == 0 {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "photo"}
	}
	var id int64
	err := s.writeTx(ctx, "write photo", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_progress WHERE id = ?`, progressID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "progress", Value: fmt.Sprint(progressID)}
		}
		return tx.QueryRowContext(ctx, `INSERT INTO mr_photos (progress_id, name, mime, data) VALUES (?, ?, ?, ?) RETURNING id`, progressID, name, mime, data).Scan(&id)
	})
	return id, err
}

// Photo reads a stored photo.
func (s *Store) Photo(ctx context.Context, id int64) (string, string, []byte, error) {
	var name, mime string
	var data []byte
	err := s.r.QueryRowContext(ctx, `SELECT name, mime, data FROM mr_photos WHERE id = ?`, id).Scan(&name, &mime, &data)
	if err == sql.ErrNoRows {
		return "", "", nil, &models.PlanError{Code: models.CodeUnknownRecord, Field: "photo", Value: fmt.Sprint(id)}
	}
	return name, mime, data, classify("read photo", s.path, err)
}

// SiteRemaining lists a site's remaining area and volume by date.
func (s *Store) SiteRemaining(ctx context.Context, siteID int64) ([]models.SiteRemaining, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, site_fid, date, area_ha, volume_m3, reuse, note FROM mr_site_remaining WHERE site_fid = ? ORDER BY date, id`, siteID)
	if err != nil {
		return nil, classify("read site", s.path, err)
	}
	defer rows.Close()
	var out []models.SiteRemaining
	for rows.Next() {
		var r models.SiteRemaining
		var reuse string
		if err := rows.Scan(&r.ID, &r.SiteID, scanDate(&r.Date), &r.AreaHa, &r.VolumeM3, &reuse, &r.Note); err != nil {
			return nil, classify("read site", s.path, err)
		}
		r.Reuse = models.ReuseMode(reuse)
		out = append(out, r)
	}
	return out, classify("read site", s.path, rows.Err())
}

// AddSiteRemaining records a site's remaining area and volume on a date.
func (s *Store) AddSiteRemaining(ctx context.Context, r models.SiteRemaining) (int64, error) {
	res, err := s.Record(ctx, &models.RecordBatch{Sites: []models.SiteRemaining{r}})
	if err != nil {
		return 0, err
	}
	return res.IDs[0], nil
}

// Problems lists a mine's problem list (all mines when mineID is 0).
func (s *Store) Problems(ctx context.Context, mineID int64) ([]models.MineProblem, error) {
	q := `SELECT id, mine_fid, found, category, description, deadline, responsible, state, closed, evidence FROM mr_problems`
	var args []any
	if mineID != 0 {
		q += ` WHERE mine_fid = ?`
		args = append(args, mineID)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY mine_fid, found, id`, args...)
	if err != nil {
		return nil, classify("read problems", s.path, err)
	}
	defer rows.Close()
	var out []models.MineProblem
	for rows.Next() {
		var p models.MineProblem
		var st string
		if err := rows.Scan(&p.ID, &p.MineID, scanDate(&p.Found), &p.Category, &p.Description, scanDate(&p.Deadline), &p.Responsible, &st, scanDate(&p.Closed), &p.Evidence); err != nil {
			return nil, classify("read problems", s.path, err)
		}
		p.State = models.ProblemState(st)
		out = append(out, p)
	}
	return out, classify("read problems", s.path, rows.Err())
}

// PutProblem adds p (ID 0) or replaces the problem with its ID.
func (s *Store) PutProblem(ctx context.Context, p models.MineProblem) (int64, error) {
	var id int64
	err := s.writeTx(ctx, "write problem", func(tx *sql.Tx) error {
		if err := checkFeature(ctx, tx, "mines", p.MineID); err != nil {
			return err
		}
		var err error
		id, err = putProblem(ctx, tx, p)
		return err
	})
	return id, err
}

func putProblem(ctx context.Context, tx *sql.Tx, p models.MineProblem) (int64, error) {
	switch {
	case p.State != models.ProblemOpen && p.State != models.ProblemRectifying && p.State != models.ProblemClosed:
		return 0, &models.PlanError{Code: models.CodeBadProblemState, Value: string(p.State)}
	case p.Found.IsZero():
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "found"}
	case p.Description == "":
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "description"}
	case !p.Deadline.IsZero() && p.Deadline < p.Found:
		return 0, &models.PlanError{Code: models.CodeEndBeforeStart, Field: "deadline", Value: p.Deadline.String()}
	}
	args := []any{p.MineID, p.Found.String(), p.Category, p.Description, dateArg(p.Deadline), p.Responsible, string(p.State), dateArg(p.Closed), p.Evidence}
	if p.ID == 0 {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO mr_problems (mine_fid, found, category, description, deadline, responsible, state, closed, evidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...).Scan(&id)
		return id, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE mr_problems SET mine_fid = ?, found = ?, category = ?, description = ?, deadline = ?, responsible = ?,
		state = ?, closed = ?, evidence = ? WHERE id = ?`, append(args, p.ID)...)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, &models.PlanError{Code: models.CodeUnknownRecord, Field: "problem", Value: fmt.Sprint(p.ID)}
	}
	return p.ID, nil
}

// DeleteProblem deletes a problem.
func (s *Store) DeleteProblem(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "delete problem", "mr_problems", "problem", id)
}

// FireLogs lists every fire point's log, by point then date (same-day
// reports by id). The rows are read in table order and sorted here: the
// ORDER BY would walk the (point, date, state) index and look every row
// up in the table for its id and note, three times the work.
func (s *Store) FireLogs(ctx context.Context) (map[int64][]models.FireLog, error) {
	out := map[int64][]models.FireLog{}
	err := s.readRaw(ctx, "read fire log", `SELECT id, point_fid, date, state, note FROM mr_fire_log`, nil, 5, func(v []driver.Value) error {
		f := models.FireLog{ID: intValue(v[0]), PointID: intValue(v[1]), State: models.FireState(textValue(v[3])), Note: textValue(v[4])}
		if err := scanDate(&f.Date).Scan(v[2]); err != nil {
			return err
		}
		out[f.PointID] = append(out[f.PointID], f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, l := range out {
		models.SortFireLog(l)
	}
	return out, nil
}
