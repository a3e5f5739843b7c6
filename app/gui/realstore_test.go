package gui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
	"minerehab/models/store"
)

// realConfig wires the window to the real GeoPackage store.
func realConfig(l i18n.Lang) Config {
	return Config{
		Open:   func(p string) (models.Store, error) { return store.Open(p, store.Options{}) },
		Create: func(p string) (models.Store, error) { return store.Create(p) },
		Lang:   l,
		// The sentences main.go wires in.
		ErrorText: app.Message,
	}
}

// TestRealStore creates a project through the window the way File > New
// does (Fyne's save dialog leaves an empty file first), closes it, adds a
// mine with the store, and opens it again through the window.
func TestRealStore(t *testing.T) {
	dir := t.TempDir()
	chosen := filepath.Join(dir, "p.gpkg")
	if err := os.WriteFile(chosen, nil, 0o644); err != nil { // what the save dialog leaves
		t.Fatal(err)
	}
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.ZH))
	m.create(chosen, true)
	settle(m)
	if m.ProjectPath() != chosen || dialogTexts(m) != nil {
		t.Fatalf("project %q, dialog %q", m.ProjectPath(), dialogTexts(m))
	}
	rows := layerRows(m)
	if len(rows) != len(models.Layers) || !slices.Equal(rows["矿山"], []string{"0"}) || rows["火点"][0] != "0" {
		t.Errorf("rows of a new project: %q", rows)
	}
	summary := strings.Join(summaryTexts(m), "|")
	if want := "数据结构版本|" + formatCount(store.SchemaVersion()); !strings.Contains(summary, want) {
		t.Errorf("summary %q lacks %q", summary, want)
	}
	m.CloseProject()
	settle(m)

	// A 15 ha mine (225 亩), added with the store as an import would.
	st, err := store.Open(chosen, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := st.BeginImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mine := &models.Feature{
		Layer:    models.LayerMines,
		Geometry: orb.MultiPolygon{{{{106.80, 39.60}, {106.81, 39.60}, {106.81, 39.61}, {106.80, 39.61}, {106.80, 39.60}}}},
		Attrs:    models.Attrs{Name: "乌海测试煤矿", Licence: "C1503002009071120030001", Status: models.StatusProducing},
		AreaM2:   150_000,
	}
	if _, err := tx.Put(mine, models.KeySpec{Field: "licence"}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	m.OpenProject(chosen)
	settle(m)
	if got := dialogTexts(m); got != nil {
		t.Fatalf("reopening showed %q", got)
	}
	if got := layerRows(m)["矿山"]; !slices.Equal(got, []string{"15.00 公顷 · 225.0 亩", "1"}) {
		t.Errorf("mines row %q", got)
	}
	if s := strings.Join(summaryTexts(m), "|"); !strings.Contains(s, "范围|东经 106.800°–106.810°，北纬 39.600°–39.610°") {
		t.Errorf("summary %q lacks the mine's extent", s)
	}

	// A file that is not a project: the store's error reaches a dialog.
	junk := filepath.Join(dir, "junk.gpkg")
	if err := os.WriteFile(junk, []byte("not a geopackage at all, just text"), 0o644); err != nil {
		t.Fatal(err)
	}
	m.OpenProject(junk)
	settle(m)
	if got := dialogTexts(m); !slices.Contains(got, "无法打开项目 "+junk) {
		t.Errorf("dialog for a junk file: %q", got)
	}
	if m.ProjectPath() != chosen {
		t.Errorf("project %q after a failed open, want %q still open", m.ProjectPath(), chosen)
	}
}
