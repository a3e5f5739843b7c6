package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// Survey records live in the mr_surveys feature table (schema 4). A survey
// package is a project file of its own holding one district's records,
// marked in its mr_meta with the project it came from
// (survey_package_of); base_sha256 on each record is its content hash when
// it last left or entered in a package, which lets a merge tell who changed
// what since.

var _ models.SurveyStore = (*Store)(nil)

const surveyColumns = "uid, geom, district, site_name, survey_date, surveyors, disturbance, disturbed_m2, hazards, land_cover, measures, reuse, priority, notes, updated_at, base_sha256"

// surveyRow is a survey with what the table keeps beside it.
type surveyRow struct {
	s    *models.Survey
	wkb  []byte // geometry as WKB, for hashing
	base string // base_sha256, "" when never exchanged
}

func (r *surveyRow) hash() string { return r.s.ContentHash(r.wkb) }

type rowScanner interface{ Scan(dest ...any) error }

func scanSurvey(sc rowScanner) (*surveyRow, error) {
	var (
		s                                                    models.Survey
		blob                                                 []byte
		district, site, date, surveyors, dist, hazards, land sql.NullString
		measures, reuse, notes, updated, base                sql.NullString
		area                                                 sql.NullFloat64
		prio                                                 sql.NullInt64
	)
	if err := sc.Scan(&s.UID, &blob, &district, &site, &date, &surveyors, &dist, &area, &hazards, &land, &measures, &reuse, &prio, &notes, &updated, &base); err != nil {
		return nil, err
	}
	g, _, err := gpkg.Decode(blob)
	if err != nil {
		return nil, fmt.Errorf("survey %s: %w", s.UID, err)
	}
	s.Geometry = g
	s.District, s.SiteName, s.Date = district.String, site.String, date.String
	s.Disturbance, s.DisturbedM2 = models.Disturbance(dist.String), area.Float64
	s.LandCover, s.Measures, s.Reuse, s.Notes, s.Priority = land.String, measures.String, reuse.String, notes.String, int(prio.Int64)
	if surveyors.String != "" {
		if err := json.Unmarshal([]byte(surveyors.String), &s.Surveyors); err != nil {
			return nil, fmt.Errorf("survey %s surveyors: %w", s.UID, err)
		}
	}
	if hazards.String != "" {
		if err := json.Unmarshal([]byte(hazards.String), &s.Hazards); err != nil {
			return nil, fmt.Errorf("survey %s hazards: %w", s.UID, err)
		}
	}
	s.UpdatedAt, _ = time.Parse(timeFormat, updated.String)
	wkb, err := gpkg.EncodeWKB(g)
	if err != nil {
		return nil, err
	}
	return &surveyRow{s: &s, wkb: wkb, base: base.String}, nil
}

// execer is a *sql.DB or *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// writeSurvey inserts or replaces a record by UID with the given base hash
// (nil keeps the stored one).
func writeSurvey(ctx context.Context, x execer, s *models.Survey, base *string) error {
	blob, err := gpkg.Encode(s.Geometry, SRSID)
	if err != nil {
		return &models.SurveyError{Code: models.CodeSurveyBadField, Field: "geometry", Value: s.UID, Err: err}
	}
	surveyors, _ := json.Marshal(nonNil(s.Surveyors))
	hazards, _ := json.Marshal(nonNil(s.Hazards))
	var b any
	if base != nil {
		b = *base
	}
	args := []any{blob, s.District, s.SiteName, s.Date, string(surveyors), string(s.Disturbance), s.DisturbedM2, string(hazards),
		s.LandCover, s.Measures, s.Reuse, s.Priority, s.Notes, s.UpdatedAt.UTC().Format(timeFormat), b, s.UID}
	// UPDATE, then INSERT when there was nothing to update (an upsert
	// would trip the GeoPackage spatial index triggers).
	r, err := x.ExecContext(ctx, `UPDATE mr_surveys SET geom = ?, district = ?, site_name = ?, survey_date = ?, surveyors = ?,
		disturbance = ?, disturbed_m2 = ?, hazards = ?, land_cover = ?, measures = ?, reuse = ?, priority = ?, notes = ?,
		updated_at = ?, base_sha256 = coalesce(?, base_sha256) WHERE uid = ?`, args...)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n > 0 {
		return nil
	}
	_, err = x.ExecContext(ctx, `INSERT INTO mr_surveys (geom, district, site_name, survey_date, surveyors, disturbance,
		disturbed_m2, hazards, land_cover, measures, reuse, priority, notes, updated_at, base_sha256, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	return err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// surveyTx runs fn in one write transaction, keeping survey errors as they are.
func (s *Store) surveyTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
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
		var se *models.SurveyError
		if errors.As(err, &se) {
			return err
		}
		return classify(op, s.path, err)
	}
	if err := rec.finish(ctx, tx); err != nil {
		return classify(op, s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// PutSurvey implements models.SurveyStore.
func (s *Store) PutSurvey(ctx context.Context, sv *models.Survey) error {
	if err := sv.Validate(); err != nil {
		return err
	}
	if sv.UID == "" {
		id, err := newUUID()
		if err != nil {
			return err
		}
		sv.UID = id
	}
	sv.UpdatedAt = time.Now().UTC().Truncate(time.Millisecond)
	return s.surveyTx(ctx, "save survey", func(tx *sql.Tx) error { return writeSurvey(ctx, tx, sv, nil) })
}

// Survey implements models.SurveyStore.
func (s *Store) Survey(ctx context.Context, uid string) (*models.Survey, error) {
	r, err := scanSurvey(s.r.QueryRowContext(ctx, `SELECT `+surveyColumns+` FROM mr_surveys WHERE uid = ?`, uid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &models.SurveyError{Code: models.CodeSurveyNotFound, Value: uid}
	}
	if err != nil {
		return nil, classify("read survey from", s.path, err)
	}
	return r.s, nil
}

// Surveys implements models.SurveyStore.
func (s *Store) Surveys(ctx context.Context, district string) ([]*models.Survey, error) {
	rows, err := s.surveyRows(ctx, s.r, district)
	if err != nil {
		return nil, err
	}
	out := make([]*models.Survey, len(rows))
	for i, r := range rows {
		out[i] = r.s
	}
	return out, nil
}

// queryer is a *sql.DB or *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) surveyRows(ctx context.Context, q queryer, district string) ([]*surveyRow, error) {
	query := `SELECT ` + surveyColumns + ` FROM mr_surveys`
	var args []any
	if district != "" {
		query += ` WHERE district = ?`
		args = append(args, district)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY uid`, args...)
	if err != nil {
		return nil, classify("read surveys from", s.path, err)
	}
	defer rows.Close()
	var out []*surveyRow
	for rows.Next() {
		r, err := scanSurvey(rows)
		if err != nil {
			return nil, classify("read surveys from", s.path, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, classify("read surveys from", s.path, err)
	}
	return out, nil
}

// DeleteSurvey implements models.SurveyStore.
func (s *Store) DeleteSurvey(ctx context.Context, uid string) error {
	return s.surveyTx(ctx, "delete survey", func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM mr_surveys WHERE uid = ?`, uid)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return &models.SurveyError{Code: models.CodeSurveyNotFound, Value: uid}
		}
		return nil
	})
}

// ExportSurveys implements models.SurveyStore. The package is written
// whole or not at all; then the exported records' base hashes are set here.
func (s *Store) ExportSurveys(ctx context.Context, path, district string) (int, error) {
	if s.w == nil {
		return 0, refuse("export surveys", s.path, models.ErrReadOnly, "the project was opened read-only")
	}
	rows, err := s.surveyRows(ctx, s.r, district)
	if err != nil {
		return 0, err
	}
	pkg, err := Create(path)
	if errors.Is(err, fs.ErrExist) {
		return 0, &models.SurveyError{Code: models.CodeSurveyExists, Value: path, Err: err}
	}
	if err != nil {
		return 0, err
	}
	err = pkg.surveyTx(ctx, "write survey package", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mr_meta (key, value) VALUES ('survey_package_of', ?), ('survey_package_district', ?), ('survey_package_exported_at', ?)`,
			s.projectID, district, time.Now().UTC().Format(timeFormat)); err != nil {
			return err
		}
		uids := make([]string, len(rows))
		for i, r := range rows {
			h := r.hash()
			if err := writeSurvey(ctx, tx, r.s, &h); err != nil {
				return err
			}
			uids[i] = r.s.UID
		}
		_, err := copyPhotos(ctx, s, tx, uids)
		return err
	})
	if cerr := pkg.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
			os.Remove(p)
		}
		return 0, err
	}
	err = s.surveyTx(ctx, "export surveys", func(tx *sql.Tx) error {
		for _, r := range rows {
			if _, err := tx.ExecContext(ctx, `UPDATE mr_surveys SET base_sha256 = ? WHERE uid = ?`, r.hash(), r.s.UID); err != nil {
				return err
			}
		}
		return nil
	})
	return len(rows), err
}

// conflictJSON is how the package's side of a conflict is kept.
type conflictJSON struct {
	Survey *models.Survey `json:"survey"`
	Geom   []byte         `json:"geom"` // GeoPackage blob
	Base   string         `json:"base_sha256"`
}

// ImportSurveys implements models.SurveyStore.
func (s *Store) ImportSurveys(ctx context.Context, path string) (*models.SurveyImport, error) {
	if s.w == nil {
		return nil, refuse("import surveys", s.path, models.ErrReadOnly, "the project was opened read-only")
	}
	pkg, err := Open(path, Options{ReadOnly: true})
	switch {
	case errors.Is(err, models.ErrTooNew):
		return nil, &models.SurveyError{Code: models.CodeSurveyTooNew, Value: path, Err: err}
	case errors.Is(err, models.ErrNotProject), errors.Is(err, models.ErrNotSQLite):
		return nil, &models.SurveyError{Code: models.CodeSurveyNotPackage, Value: path, Err: err}
	case err != nil:
		return nil, err
	}
	defer pkg.Close()
	var of string
	err = pkg.r.QueryRowContext(ctx, `SELECT value FROM mr_meta WHERE key = 'survey_package_of'`).Scan(&of)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &models.SurveyError{Code: models.CodeSurveyNotPackage, Value: path}
	}
	if err != nil {
		return nil, classify("read survey package", path, err)
	}
	if of != s.projectID {
		return nil, &models.SurveyError{Code: models.CodeSurveyOtherProject, Value: path}
	}
	theirs, err := pkg.surveyRows(ctx, pkg.r, "")
	if err != nil {
		return nil, err
	}
	rep := &models.SurveyImport{Package: path, Added: []string{}, Updated: []string{}, Unchanged: []string{}, KeptMine: []string{}, Conflicts: []models.SurveyConflict{}}
	err = s.surveyTx(ctx, "import surveys", func(tx *sql.Tx) error {
		mine, err := s.surveyRows(ctx, tx, "")
		if err != nil {
			return err
		}
		byUID := map[string]*surveyRow{}
		for _, r := range mine {
			byUID[r.s.UID] = r
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO mr_survey_imports (imported_at, package, package_id, report) VALUES (?, ?, ?, '{}')`,
			time.Now().UTC().Format(timeFormat), path, pkg.projectID)
		if err != nil {
			return err
		}
		importID, _ := res.LastInsertId()
		for _, t := range theirs {
			th := t.hash()
			o, ok := byUID[t.s.UID]
			switch {
			case !ok:
				if err := writeSurvey(ctx, tx, t.s, &th); err != nil {
					return err
				}
				rep.Added = append(rep.Added, t.s.UID)
			case o.hash() == th:
				if _, err := tx.ExecContext(ctx, `UPDATE mr_surveys SET base_sha256 = ? WHERE uid = ?`, th, t.s.UID); err != nil {
					return err
				}
				rep.Unchanged = append(rep.Unchanged, t.s.UID)
			case o.hash() == o.base: // changed only in the package
				if err := writeSurvey(ctx, tx, t.s, &th); err != nil {
					return err
				}
				rep.Updated = append(rep.Updated, t.s.UID)
			case th == t.base: // changed only here
				rep.KeptMine = append(rep.KeptMine, t.s.UID)
			default:
				blob, err := gpkg.Encode(t.s.Geometry, SRSID)
				if err != nil {
					return err
				}
				js, err := json.Marshal(conflictJSON{Survey: t.s, Geom: blob, Base: th})
				if err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO mr_survey_conflicts (survey_uid, import_id, theirs) VALUES (?, ?, ?)
					ON CONFLICT (survey_uid) DO UPDATE SET import_id = excluded.import_id, theirs = excluded.theirs`, t.s.UID, importID, string(js)); err != nil {
					return err
				}
				rep.Conflicts = append(rep.Conflicts, models.SurveyConflict{UID: t.s.UID, Mine: o.s, Theirs: t.s})
			}
		}
		uids := make([]string, len(theirs))
		for i, t := range theirs {
			uids[i] = t.s.UID
		}
		if rep.Photos, err = copyPhotos(ctx, pkg, tx, uids); err != nil {
			return err
		}
		js, _ := json.Marshal(rep)
		_, err = tx.ExecContext(ctx, `UPDATE mr_survey_imports SET report = ? WHERE id = ?`, string(js), importID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// SurveyConflicts implements models.SurveyStore.
func (s *Store) SurveyConflicts(ctx context.Context) ([]models.SurveyConflict, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT survey_uid, theirs FROM mr_survey_conflicts ORDER BY survey_uid`)
	if err != nil {
		return nil, classify("read survey conflicts from", s.path, err)
	}
	type pending struct{ uid, js string }
	var ps []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.uid, &p.js); err != nil {
			rows.Close()
			return nil, classify("read survey conflicts from", s.path, err)
		}
		ps = append(ps, p)
	}
	rows.Close()
	out := []models.SurveyConflict{}
	for _, p := range ps {
		var c conflictJSON
		if err := json.Unmarshal([]byte(p.js), &c); err != nil {
			return nil, &Error{Code: CodeSQL, Op: "read survey conflict " + p.uid + " from", Path: s.path, Err: err}
		}
		if c.Survey.Geometry, _, err = gpkg.Decode(c.Geom); err != nil {
			return nil, &Error{Code: CodeSQL, Op: "read survey conflict " + p.uid + " from", Path: s.path, Err: err}
		}
		mine, err := s.Survey(ctx, p.uid)
		if err != nil {
			return nil, err
		}
		out = append(out, models.SurveyConflict{UID: p.uid, Mine: mine, Theirs: c.Survey})
	}
	return out, nil
}

// ResolveSurveyConflict implements models.SurveyStore. The kept record's
// base becomes the package's version, so a later package that did not
// change the record again merges without a new conflict.
func (s *Store) ResolveSurveyConflict(ctx context.Context, keep *models.Survey) error {
	if err := keep.Validate(); err != nil {
		return err
	}
	return s.surveyTx(ctx, "resolve survey conflict", func(tx *sql.Tx) error {
		var js string
		err := tx.QueryRowContext(ctx, `SELECT theirs FROM mr_survey_conflicts WHERE survey_uid = ?`, keep.UID).Scan(&js)
		if errors.Is(err, sql.ErrNoRows) {
			return &models.SurveyError{Code: models.CodeSurveyNoConflict, Value: keep.UID}
		}
		if err != nil {
			return err
		}
		var c conflictJSON
		if err := json.Unmarshal([]byte(js), &c); err != nil {
			return err
		}
		keep.UpdatedAt = time.Now().UTC().Truncate(time.Millisecond)
		if err := writeSurvey(ctx, tx, keep, &c.Base); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM mr_survey_conflicts WHERE survey_uid = ?`, keep.UID)
		return err
	})
}
