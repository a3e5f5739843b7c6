package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// Editing: every change to features goes through models.Edit, applied in
// one transaction together with its mr_history row, so the edit and the
// record of it land together or not at all, and undo works after the
// project is closed and reopened.

var _ models.EditStore = (*Store)(nil)

// Feature reads one feature.
func (s *Store) Feature(ctx context.Context, layer string, id int64) (*models.Feature, error) {
	if err := s.checkLayer("read", layer); err != nil {
		return nil, err
	}
	return readFeature(ctx, s.r, s.path, layer, id)
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readFeature(ctx context.Context, q querier, path, layer string, id int64) (*models.Feature, error) {
	row := q.QueryRowContext(ctx, "SELECT "+featureSelect+" FROM "+gpkg.QuoteIdent(layer)+" WHERE fid = ?", id)
	var sc featureScan
	if err := row.Scan(sc.dest()...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%s fid %d: %w", layer, id, models.ErrNoFeature)
		}
		return nil, classify("read "+layer+" from", path, err)
	}
	return sc.feature(layer, path)
}

// Do applies e and records it in the history.
func (s *Store) Do(ctx context.Context, e *models.Edit) (*models.Edit, error) {
	var out *models.Edit
	err := s.editTx(ctx, "edit", func(tx *sql.Tx) error {
		var err error
		if out, err = applyEdit(ctx, tx, e); err != nil {
			return err
		}
		return appendHistory(ctx, tx, out)
	})
	return out, err
}

// Undo reverts the newest applied history entry.
func (s *Store) Undo(ctx context.Context) (*models.Edit, error) {
	return s.step(ctx, "undo", `SELECT seq, cmd FROM mr_history WHERE undone = 0 ORDER BY seq DESC LIMIT 1`, 1, models.ErrNothingToUndo)
}

// Redo applies the oldest undone history entry again.
func (s *Store) Redo(ctx context.Context) (*models.Edit, error) {
	return s.step(ctx, "redo", `SELECT seq, cmd FROM mr_history WHERE undone = 1 ORDER BY seq ASC LIMIT 1`, 0, models.ErrNothingToRedo)
}

// step undoes (undone = 1: apply the inverse) or redoes (undone = 0) one
// entry and marks it.
func (s *Store) step(ctx context.Context, op, pick string, undone int, none error) (*models.Edit, error) {
	var out *models.Edit
	err := s.editTx(ctx, op, func(tx *sql.Tx) error {
		var seq int64
		var cmd string
		if err := tx.QueryRowContext(ctx, pick).Scan(&seq, &cmd); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return none
			}
			return err
		}
		e, err := decodeEdit(cmd)
		if err != nil {
			return fmt.Errorf("history entry %d: %w", seq, err)
		}
		if undone == 1 {
			e = e.Inverse()
		}
		if out, err = applyEdit(ctx, tx, e); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE mr_history SET undone = ? WHERE seq = ?`, undone, seq)
		return err
	})
	return out, err
}

// History lists the history, oldest first.
func (s *Store) History(ctx context.Context) ([]models.HistoryEntry, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT seq, at, label, undone FROM mr_history ORDER BY seq`)
	if err != nil {
		return nil, classify("read history of", s.path, err)
	}
	defer rows.Close()
	var out []models.HistoryEntry
	for rows.Next() {
		var h models.HistoryEntry
		var at, label string
		if err := rows.Scan(&h.Seq, &at, &label, &h.Undone); err != nil {
			return nil, classify("read history of", s.path, err)
		}
		h.At, _ = time.Parse(timeFormat, at)
		_ = json.Unmarshal([]byte(label), &h.Label)
		out = append(out, h)
	}
	return out, rows.Err()
}

// editTx runs fn in one write transaction. It refuses while an import of
// this store is open (the import holds the writer).
func (s *Store) editTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	if s.w == nil {
		return refuse(op+" in", s.path, models.ErrReadOnly, "the store is open read-only")
	}
	select {
	case s.importing <- struct{}{}:
	default:
		return &Error{Code: CodeImportBusy, Op: op + " in", Path: s.path, Err: errors.New("an import is open")}
	}
	defer func() { <-s.importing }()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(op+" in", s.path, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		var se *Error
		if errors.As(err, &se) || errors.Is(err, models.ErrEditConflict) || errors.Is(err, models.ErrNoFeature) ||
			errors.Is(err, models.ErrNothingToUndo) || errors.Is(err, models.ErrNothingToRedo) {
			return err
		}
		return classify(op+" in", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return classify(op+" in", s.path, err)
	}
	return nil
}

// applyEdit applies each change after checking the feature is in the
// change's Before state. It returns a copy of e whose added features carry
// their new fid.
func applyEdit(ctx context.Context, tx *sql.Tx, e *models.Edit) (*models.Edit, error) {
	out := &models.Edit{Label: e.Label, Changes: make([]models.Change, len(e.Changes))}
	grown := map[string]*orb.Bound{}
	var rowCols map[string][]string
	for i, c := range e.Changes {
		if c.Row != nil {
			if rowCols == nil {
				// A cascade of a record's children comes back after its
				// parent: the keys are checked when the edit commits.
				if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
					return nil, err
				}
				rowCols = map[string][]string{}
			}
			if err := applyRow(ctx, tx, c.Row, rowCols); err != nil {
				return nil, err
			}
			out.Changes[i] = c
			continue
		}
		if _, ok := models.LayerByName(c.Layer); !ok {
			return nil, &Error{Code: CodeUnknownLayer, Op: "edit", Err: fmt.Errorf("no layer %q", c.Layer)}
		}
		t := gpkg.QuoteIdent(c.Layer)
		cur, err := readFeature(ctx, tx, "", c.Layer, c.ID)
		exists := err == nil
		if err != nil && !errors.Is(err, models.ErrNoFeature) {
			return nil, err
		}
		if exists && cur.GeomErr != nil {
			// Its before would be a nil geometry: applying (or undoing)
			// the edit would replace the stored bytes with nothing.
			return nil, cur.GeomErr
		}
		if c.Before == nil && c.ID == 0 {
			exists = false
		}
		if err := sameState(c, cur, exists); err != nil {
			return nil, err
		}
		out.Changes[i] = c
		if c.After == nil {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE fid = ?", c.ID); err != nil {
				return nil, err
			}
			continue
		}
		after := *c.After
		after.Layer = c.Layer
		r, err := Encode(&after)
		if err != nil {
			return nil, fmt.Errorf("%s fid %d: %w", c.Layer, c.ID, err)
		}
		args := rowArgs(r, time.Now().UTC().Format(timeFormat))
		cols := strings.Split(featureCols, ", ")
		if exists {
			_, err = tx.ExecContext(ctx, "UPDATE "+t+" SET geom = ?, "+strings.Join(cols, " = ?, ")+" = ? WHERE fid = ?", append(args, c.ID)...)
		} else if c.ID != 0 {
			_, err = tx.ExecContext(ctx, "INSERT INTO "+t+" (fid, geom, "+featureCols+") VALUES (?, ?"+strings.Repeat(", ?", len(cols))+")", append([]any{c.ID}, args...)...)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, "INSERT INTO "+t+" (geom, "+featureCols+") VALUES (?"+strings.Repeat(", ?", len(cols))+")", args...)
			if err == nil {
				out.Changes[i].ID, err = res.LastInsertId()
			}
		}
		if err != nil {
			return nil, err
		}
		after.ID = out.Changes[i].ID
		out.Changes[i].After = &after
		if g := grown[c.Layer]; g != nil {
			*g = g.Union(r.Bound)
		} else {
			b := r.Bound
			grown[c.Layer] = &b
		}
	}
	// gpkg_contents' extent grows with what was written; a deletion may
	// leave it larger than the data, which the GeoPackage standard allows
	// (it is informative).
	for layer, g := range grown {
		ext, err := gpkg.ContentsExtent(ctx, tx, layer)
		if err != nil {
			return nil, err
		}
		b := *g
		if ext != nil {
			b = b.Union(*ext)
		}
		if err := gpkg.SetContentsExtent(ctx, tx, layer, &b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sameState checks the stored feature is what the change expects to find.
func sameState(c models.Change, cur *models.Feature, exists bool) error {
	conflict := func(why string) error {
		return fmt.Errorf("%s fid %d: %s: %w", c.Layer, c.ID, why, models.ErrEditConflict)
	}
	if c.Before == nil {
		if exists {
			return conflict("a feature with this fid exists")
		}
		return nil
	}
	if !exists {
		return fmt.Errorf("%s fid %d: %w", c.Layer, c.ID, models.ErrNoFeature)
	}
	before := *c.Before
	before.Layer = c.Layer
	want, err := Encode(&before)
	if err != nil {
		return err
	}
	got, err := Encode(cur)
	if err != nil {
		return err
	}
	switch {
	case !bytes.Equal(want.Geom, got.Geom):
		return conflict("geometry differs")
	case want.Attrs != got.Attrs:
		return conflict("attributes differ")
	case !bytes.Equal(want.Props, got.Props):
		return conflict("properties differ")
	}
	return nil
}
