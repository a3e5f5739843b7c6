package gui

import (
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// TestCornersDialog pastes a 界址点 file into the box: the check lists the
// parcels and marks them on the map; a file with an open ring names the
// line at fault.
func TestCornersDialog(t *testing.T) {
	good, err := os.ReadFile("../../gis/corners/testdata/exchange_zone36.txt")
	if err != nil {
		t.Skip(err)
	}
	bad, _ := os.ReadFile("../../gis/corners/testdata/bad_ring_open.txt")
	m := openSample(t, &renderLog{})
	act(m, m.showCornersDialog)
	act(m, func() { m.cornersText.SetText(string(good)); m.cornersParse() })
	txt := strings.Join(dialogTexts(m), "|")
	if !strings.Contains(txt, "解析出 2 个地块") || len(m.mapView.warn) != 2 {
		t.Errorf("check of a good file: %q, %d marked", txt, len(m.mapView.warn))
	}
	act(m, func() { m.cornersText.SetText(string(bad)); m.cornersParse() })
	if txt := strings.Join(dialogTexts(m), "|"); !strings.Contains(txt, "行") {
		t.Errorf("check of an open ring does not name the line: %q", txt)
	}
}

// TestCornersReplace: with a mine selected, pasted corners replace its
// geometry (attributes kept, source corners stored); undo restores it.
func TestCornersReplace(t *testing.T) {
	list, err := os.ReadFile("../../gis/corners/testdata/list_fullwidth.txt")
	if err != nil {
		t.Skip(err)
	}
	m := openSample(t, &renderLog{})
	mine := sampleFeatures(t, m, models.LayerMines)[0]
	act(m, func() { m.setSelection([]*models.Feature{mine}, 0) })
	act(m, m.showCornersDialog)
	if !m.cornersReplace.Visible() {
		t.Fatal("no replace option with a mine selected")
	}
	act(m, func() {
		m.cornersText.SetText(string(list))
		m.cornersReplace.SetChecked(true)
		m.cornersSave()
	})
	settle(m)
	got := m.selected[0]
	if got.ID != mine.ID || got.Attrs.Name != mine.Attrs.Name || got.Source == nil || got.Source.EPSG != 4524 {
		t.Fatalf("replaced mine: id %d name %q source %+v", got.ID, got.Attrs.Name, got.Source)
	}
	if orb.Equal(got.Geometry, mine.Geometry) {
		t.Error("geometry unchanged")
	}
	act(m, m.undo)
	if !orb.Equal(m.selected[0].Geometry, mine.Geometry) {
		t.Error("undo did not restore the mine's geometry")
	}
}
