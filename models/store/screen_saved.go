package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"minerehab/models"
)

// SaveScreening implements models.Screener.
func (s *Store) SaveScreening(ctx context.Context, name string, sc *models.Screening) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return &models.ScreenError{Code: models.CodeScreenBadName}
	}
	params, err := json.Marshal(sc.Params)
	if err != nil {
		return err
	}
	rivers, err := json.Marshal(sc.Rivers)
	if err != nil {
		return err
	}
	at := sc.At
	if at.IsZero() {
		at = time.Now()
	}
	var id int64
	err = s.screenTx(ctx, "save screening", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_screenings WHERE name = ?`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &models.ScreenError{Code: models.CodeScreenNameTaken, Detail: name}
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO mr_screenings (name, created_at, distance_m, params, rivers, rivers_sha256, hit_count)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, name, at.UTC().Format(timeFormat), sc.DistanceM, string(params), string(rivers), sc.RiversSHA256, len(sc.Hits))
		if err != nil {
			return err
		}
		if id, err = r.LastInsertId(); err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO mr_screening_hits (screening_id, layer, fid, licence, name, kind, district, distance_m)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, h := range sc.Hits {
			if _, err := st.ExecContext(ctx, id, h.Layer, h.ID, h.Licence, h.Name, string(h.Kind), h.District, h.DistanceM); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sc.ID, sc.Name, sc.At = id, name, at.UTC().Truncate(time.Millisecond)
	return nil
}

// screenTx runs fn in one write transaction; a read-only store refuses.
func (s *Store) screenTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	if s.w == nil {
		return refuse(op, s.path, models.ErrReadOnly, "the project was opened read-only")
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(op, s.path, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		var se *models.ScreenError
		if errors.As(err, &se) {
			return err
		}
		return classify(op, s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// Screenings implements models.Screener.
func (s *Store) Screenings(ctx context.Context) ([]models.ScreeningInfo, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, created_at, distance_m, params, hit_count FROM mr_screenings ORDER BY created_at DESC, id DESC`)
	if err != nil {
		return nil, classify("list screenings in", s.path, err)
	}
	defer rows.Close()
	out := []models.ScreeningInfo{}
	for rows.Next() {
		var in models.ScreeningInfo
		var at, params string
		if err := rows.Scan(&in.ID, &in.Name, &at, &in.DistanceM, &params, &in.Hits); err != nil {
			return nil, classify("list screenings in", s.path, err)
		}
		in.At, _ = time.Parse(timeFormat, at)
		var p models.ScreenParams
		if json.Unmarshal([]byte(params), &p) == nil {
			in.Rivers = p.Rivers
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, classify("list screenings in", s.path, err)
	}
	return out, nil
}

// LoadScreening implements models.Screener.
func (s *Store) LoadScreening(ctx context.Context, name string) (*models.Screening, error) {
	name = strings.TrimSpace(name)
	sc := &models.Screening{Hits: []models.ScreenHit{}}
	var at, params, rivers string
	err := s.r.QueryRowContext(ctx, `SELECT id, name, created_at, distance_m, params, rivers, rivers_sha256 FROM mr_screenings WHERE name = ?`, name).
		Scan(&sc.ID, &sc.Name, &at, &sc.DistanceM, &params, &rivers, &sc.RiversSHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &models.ScreenError{Code: models.CodeScreenNotFound, Detail: name}
	}
	if err != nil {
		return nil, classify("read screening from", s.path, err)
	}
	sc.At, _ = time.Parse(timeFormat, at)
	if err := json.Unmarshal([]byte(params), &sc.Params); err != nil {
		return nil, &Error{Code: CodeSQL, Op: "read screening " + name + " from", Path: s.path, Err: err}
	}
	if err := json.Unmarshal([]byte(rivers), &sc.Rivers); err != nil {
		return nil, &Error{Code: CodeSQL, Op: "read screening " + name + " from", Path: s.path, Err: err}
	}
	rows, err := s.r.QueryContext(ctx, `SELECT layer, fid, licence, name, kind, district, distance_m FROM mr_screening_hits WHERE screening_id = ?`, sc.ID)
	if err != nil {
		return nil, classify("read screening from", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h models.ScreenHit
		var lic, nm, kind, district sql.NullString
		if err := rows.Scan(&h.Layer, &h.ID, &lic, &nm, &kind, &district, &h.DistanceM); err != nil {
			return nil, classify("read screening from", s.path, err)
		}
		h.Licence, h.Name, h.Kind, h.District = lic.String, nm.String, models.SiteKind(kind.String), district.String
		sc.Hits = append(sc.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, classify("read screening from", s.path, err)
	}
	models.SortHits(sc.Hits)
	return sc, nil
}

// DeleteScreening implements models.Screener.
func (s *Store) DeleteScreening(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	return s.screenTx(ctx, "delete screening", func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM mr_screenings WHERE name = ?`, name).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return &models.ScreenError{Code: models.CodeScreenNotFound, Detail: name}
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mr_screening_hits WHERE screening_id = ?`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM mr_screenings WHERE id = ?`, id)
		return err
	})
}
