package gui

import (
	"os"
	"strings"
	"testing"
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
