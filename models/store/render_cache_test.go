package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"minerehab/models"
)

// TestLayerTokens: every layer has a token; an import, an edit, an undo
// and a plain SQL write (as another program would make) renew the token
// of the layer they change and no other; a layer whose triggers are gone
// has no token; a read-only open reads the same tokens.
func TestLayerTokens(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tokens := func() map[string][]byte {
		t.Helper()
		m, err := s.LayerTokens(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	before := tokens()
	for _, l := range models.Layers {
		if len(before[l.Name]) != 16 {
			t.Fatalf("layer %s: token %x", l.Name, before[l.Name])
		}
	}
	changed := func(step, layer string) {
		t.Helper()
		now := tokens()
		for _, l := range models.Layers {
			same := bytes.Equal(now[l.Name], before[l.Name])
			if l.Name == layer && same {
				t.Errorf("%s: token of %s unchanged", step, l.Name)
			}
			if l.Name != layer && !same {
				t.Errorf("%s: token of %s changed", step, l.Name)
			}
		}
		before = now
	}
	importAll(t, s, models.KeySpec{}, mine(1, 106.8, 39.6), mine(2, 106.9, 39.7))
	changed("import", models.LayerMines)

	cur, err := s.Feature(ctx, models.LayerMines, 1)
	if err != nil {
		t.Fatal(err)
	}
	renamed := *cur
	renamed.Attrs.Name = "改名煤矿"
	if _, err := s.Do(ctx, &models.Edit{Changes: []models.Change{{Layer: models.LayerMines, ID: 1, Before: cur, After: &renamed}}}); err != nil {
		t.Fatal(err)
	}
	changed("edit", models.LayerMines)
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	changed("undo", models.LayerMines)
	if _, err := s.w.ExecContext(ctx, `DELETE FROM roads`); err != nil {
		t.Fatal(err)
	}
	changed("delete of no rows", "") // no row, no trigger
	if _, err := s.w.ExecContext(ctx, `UPDATE mines SET name = 'x' WHERE fid = 2`); err != nil {
		t.Fatal(err)
	}
	changed("plain SQL", models.LayerMines)

	ro, err := Open(s.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rot, err := ro.LayerTokens(ctx)
	if err != nil || !bytes.Equal(rot[models.LayerMines], before[models.LayerMines]) {
		t.Errorf("read-only: %x, %v", rot[models.LayerMines], err)
	}

	if _, err := s.w.ExecContext(ctx, `DROP TRIGGER mr_token_sites_update`); err != nil {
		t.Fatal(err)
	}
	if now := tokens(); now[models.LayerSites] != nil || now[models.LayerMines] == nil {
		t.Errorf("without a trigger: sites %x, mines %x", now[models.LayerSites], now[models.LayerMines])
	}
}

// TestLayerTokensImportRollback: a rolled-back import leaves the tokens
// and their triggers as they were.
func TestLayerTokensImportRollback(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	before, _ := s.LayerTokens(ctx)
	im, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Put(mine(1, 106.8, 39.6), models.KeySpec{}); err != nil {
		t.Fatal(err)
	}
	if err := im.Rollback(); err != nil {
		t.Fatal(err)
	}
	after, _ := s.LayerTokens(ctx)
	if !bytes.Equal(before[models.LayerMines], after[models.LayerMines]) {
		t.Errorf("token changed by a rolled-back import")
	}
	importAll(t, s, models.KeySpec{}, mine(1, 106.8, 39.6))
	if _, err := s.w.ExecContext(ctx, `UPDATE mines SET name = 'y'`); err != nil {
		t.Fatal(err)
	}
	last, _ := s.LayerTokens(ctx)
	again, _ := s.LayerTokens(ctx)
	if bytes.Equal(last[models.LayerMines], after[models.LayerMines]) || !bytes.Equal(last[models.LayerMines], again[models.LayerMines]) {
		t.Errorf("triggers not back after an import")
	}
}

// TestLayerTokensOldSchema: a schema 4 file opened read-only has no
// tokens (nothing can be cached), and opening it for writing adds them.
func TestLayerTokensOldSchema(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "old.gpkg")
	s, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	downgradeTo5(t, s.w)
	for _, q := range []string{`DROP TABLE mr_layer_tokens`, `UPDATE mr_meta SET value = '4' WHERE key = 'schema_version'`} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range models.Layers {
		for _, ev := range tokenEvents {
			if _, err := s.w.ExecContext(ctx, "DROP TRIGGER "+tokenTrigger(l.Name, ev)); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close()
	ro, err := Open(p, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := ro.LayerTokens(ctx); err != nil || len(m) != 0 {
		t.Errorf("schema 4: %v, %v", m, err)
	}
	ro.Close()
	rw, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if m, err := rw.LayerTokens(ctx); err != nil || len(m) != len(models.Layers) {
		t.Errorf("migrated: %d tokens, %v", len(m), err)
	}
}
