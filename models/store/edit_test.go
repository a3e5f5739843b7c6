package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// TestEditUndoRedoAcrossReopen: an attribute edit, a move, an insert and a
// delete, each undone and redone, and the history still works after the
// project is closed and reopened.
func TestEditUndoRedoAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.gpkg")
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	importAll(t, s, models.KeySpec{}, mine(1, 106.80, 39.60), mine(2, 106.85, 39.65))

	cur, err := s.Feature(ctx, models.LayerMines, 1)
	if err != nil {
		t.Fatal(err)
	}
	renamed, err := models.SetAttribute(cur, "status", "停产")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(ctx, &models.Edit{Label: models.Label{Key: "edit.attr"},
		Changes: []models.Change{{Layer: models.LayerMines, ID: 1, Before: cur, After: renamed}}}); err != nil {
		t.Fatal(err)
	}
	// Move mine 2 far east: the spatial index must follow.
	m2, _ := s.Feature(ctx, models.LayerMines, 2)
	moved := *m2
	moved.Geometry = orb.MultiPolygon{{ring(107.2, 39.65, 0.004, 0.003, 30)}}
	if _, err := s.Do(ctx, &models.Edit{Label: models.Label{Key: "edit.move"},
		Changes: []models.Change{{Layer: models.LayerMines, ID: 2, Before: m2, After: &moved}}}); err != nil {
		t.Fatal(err)
	}
	// Add a zone, delete mine 1 (as one edit).
	zone := &models.Feature{Layer: models.LayerZones, Geometry: orb.MultiPolygon{{ring(106.8, 39.6, 0.02, 0.02, 8)}},
		Attrs: models.Attrs{Name: "乌达整合区"}}
	m1, _ := s.Feature(ctx, models.LayerMines, 1)
	done, err := s.Do(ctx, &models.Edit{Label: models.Label{Key: "edit.zone"}, Changes: []models.Change{
		{Layer: models.LayerZones, After: zone},
		{Layer: models.LayerMines, ID: 1, Before: m1},
	}})
	if err != nil {
		t.Fatal(err)
	}
	zoneID := done.Changes[0].ID
	if zoneID == 0 {
		t.Fatal("added feature got no fid")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	count := func(layer string, b *orb.Bound) int {
		t.Helper()
		n, err := s.Count(ctx, layer, b)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	east := &orb.Bound{Min: orb.Point{107.1, 39.5}, Max: orb.Point{107.3, 39.7}}
	steps := []struct {
		name         string
		op           func(context.Context) (*models.Edit, error)
		mines, zones int
		eastMines    int
		status1      models.MineStatus // "" when mine 1 is absent
		wantErr      error
	}{
		{"state after reopen", nil, 1, 1, 1, "", nil},
		{"undo zone+delete", s.Undo, 2, 0, 1, models.StatusSuspended, nil},
		{"undo move", s.Undo, 2, 0, 0, models.StatusSuspended, nil},
		{"undo attribute", s.Undo, 2, 0, 0, models.StatusProducing, nil},
		{"nothing to undo", s.Undo, 2, 0, 0, models.StatusProducing, models.ErrNothingToUndo},
		{"redo attribute", s.Redo, 2, 0, 0, models.StatusSuspended, nil},
		{"redo move", s.Redo, 2, 0, 1, models.StatusSuspended, nil},
		{"redo zone+delete", s.Redo, 1, 1, 1, "", nil},
		{"nothing to redo", s.Redo, 1, 1, 1, "", models.ErrNothingToRedo},
	}
	for _, st := range steps {
		if st.op != nil {
			_, err := st.op(ctx)
			if !errors.Is(err, st.wantErr) {
				t.Fatalf("%s: err %v, want %v", st.name, err, st.wantErr)
			}
		}
		if got := count(models.LayerMines, nil); got != st.mines {
			t.Errorf("%s: %d mines, want %d", st.name, got, st.mines)
		}
		if got := count(models.LayerZones, nil); got != st.zones {
			t.Errorf("%s: %d zones, want %d", st.name, got, st.zones)
		}
		if got := count(models.LayerMines, east); got != st.eastMines {
			t.Errorf("%s: %d mines in the east box, want %d (spatial index)", st.name, got, st.eastMines)
		}
		f, err := s.Feature(ctx, models.LayerMines, 1)
		switch {
		case st.status1 == "" && !errors.Is(err, models.ErrNoFeature):
			t.Errorf("%s: mine 1 present (%v)", st.name, err)
		case st.status1 != "" && (err != nil || f.Attrs.Status != st.status1):
			t.Errorf("%s: mine 1 %v %v, want status %s", st.name, f, err, st.status1)
		}
	}
	// The redone zone keeps its fid.
	if _, err := s.Feature(ctx, models.LayerZones, zoneID); err != nil {
		t.Errorf("zone fid %d after redo: %v", zoneID, err)
	}
	hist, err := s.History(ctx)
	if err != nil || len(hist) != 3 || hist[2].Label.Key != "edit.zone" || hist[0].Undone {
		t.Errorf("history %+v %v", hist, err)
	}
	// A new edit after an undo drops the redo branch.
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	m2, _ = s.Feature(ctx, models.LayerMines, 2)
	named, _ := models.SetAttribute(m2, "name", "新名")
	if _, err := s.Do(ctx, &models.Edit{Label: models.Label{Key: "edit.attr"},
		Changes: []models.Change{{Layer: models.LayerMines, ID: 2, Before: m2, After: named}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redo(ctx); !errors.Is(err, models.ErrNothingToRedo) {
		t.Errorf("redo after a new edit: %v, want nothing to redo", err)
	}
	if ps, err := s.Validate(ctx); err != nil || len(ps) != 0 {
		t.Errorf("validate after edits: %v %v", ps, err)
	}
}

// TestEditConflict: an edit whose Before is stale is refused and changes
// nothing.
func TestEditConflict(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	importAll(t, s, models.KeySpec{}, mine(1, 106.80, 39.60))
	stale, _ := s.Feature(ctx, models.LayerMines, 1)
	a, _ := models.SetAttribute(stale, "name", "甲")
	if _, err := s.Do(ctx, &models.Edit{Changes: []models.Change{{Layer: models.LayerMines, ID: 1, Before: stale, After: a}}}); err != nil {
		t.Fatal(err)
	}
	b, _ := models.SetAttribute(stale, "name", "乙")
	_, err := s.Do(ctx, &models.Edit{Changes: []models.Change{{Layer: models.LayerMines, ID: 1, Before: stale, After: b}}})
	if !errors.Is(err, models.ErrEditConflict) {
		t.Fatalf("stale edit: %v, want conflict", err)
	}
	f, _ := s.Feature(ctx, models.LayerMines, 1)
	if f.Attrs.Name != "甲" {
		t.Errorf("name %q after refused edit", f.Attrs.Name)
	}
	if h, _ := s.History(ctx); len(h) != 1 {
		t.Errorf("refused edit recorded: %d entries", len(h))
	}
	// Deleting a feature that is gone.
	_, err = s.Do(ctx, &models.Edit{Changes: []models.Change{{Layer: models.LayerMines, ID: 99, Before: f}}})
	if !errors.Is(err, models.ErrNoFeature) {
		t.Errorf("delete of a missing feature: %v", err)
	}
}

func TestEditReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.gpkg")
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	importAll(t, s, models.KeySpec{}, mine(1, 106.80, 39.60))
	s.Close()
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Undo(context.Background()); !errors.Is(err, models.ErrReadOnly) {
		t.Errorf("undo on a read-only store: %v", err)
	}
}

// BenchmarkEditDo is one attribute edit as the window saves it: read the
// feature, one transaction writing it and its history entry.
func BenchmarkEditDo(b *testing.B) {
	ctx := context.Background()
	s := newStore(b)
	var fs []*models.Feature
	for i := range 5000 {
		fs = append(fs, mine(i, 106.5+0.0001*float64(i), 39.6))
	}
	importAll(b, s, models.KeySpec{}, fs...)
	b.ResetTimer()
	for i := range b.N {
		id := int64(i%5000 + 1)
		cur, err := s.Feature(ctx, models.LayerMines, id)
		if err != nil {
			b.Fatal(err)
		}
		next, _ := models.SetAttribute(cur, "name", fmt.Sprint("名", i))
		if _, err := s.Do(ctx, &models.Edit{Changes: []models.Change{{Layer: models.LayerMines, ID: id, Before: cur, After: next}}}); err != nil {
			b.Fatal(err)
		}
	}
}
