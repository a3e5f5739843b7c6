package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"minerehab/models"
)

// TestImportDialog: the options dialog previews a GK-zone file (the
// coordinate system found, each feature's layer, the refused one), and
// the import with "skip invalid" adds the good features and lists the bad
// one with its reason.
func TestImportDialog(t *testing.T) {
	m := openSample(t, &renderLog{})
	path := filepath.Join(t.TempDir(), "新矿.geojson")
	data := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"矿山名称":"新甲矿","采矿许可证号":"C150300NEW0001","类型":"矿界"},"geometry":{"type":"Polygon","coordinates":[[[36432100,4391200],[36432600,4391200],[36432600,4391700],[36432100,4391200]]]}},
{"type":"Feature","properties":{"矿山名称":"坏矿","类型":"矿界"},"geometry":{"type":"Polygon","coordinates":[[[36432100,4391200],[36432600,4391700],[36432600,4391200],[36432100,4391700],[36432100,4391200]]]}},
{"type":"Feature","properties":{"矿山名称":"新乙矿","采矿许可证号":"C150300NEW0002","类型":"矿界"},"geometry":{"type":"Polygon","coordinates":[[[36433100,4392200],[36433600,4392200],[36433600,4392700],[36433100,4392200]]]}}
]}`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	before := layerCount(m, models.LayerMines)
	var f *importForm
	act(m, func() { f = m.showImportOptions(path) })
	if len(f.rows) != 3 {
		t.Fatalf("preview rows %d (note %q)", len(f.rows), f.note.Text)
	}
	if !strings.Contains(f.note.Text, "36") || !strings.Contains(f.note.Text, "EPSG:4524") {
		t.Errorf("preview note %q does not name the GK zone", f.note.Text)
	}
	if got := f.cell(1, 1); got != "矿山" {
		t.Errorf("row 1 layer %q", got)
	}
	if got := f.cell(2, 1); got != "将被拒绝" || !strings.Contains(f.cell(2, 5), "自相交") {
		t.Errorf("row 2: %q %q", got, f.cell(2, 5))
	}
	// Without "skip invalid" the whole file is refused and nothing changes.
	act(m, func() { m.runImport(f.request()) })
	if got := layerCount(m, models.LayerMines); got != before {
		t.Errorf("refused import changed the mines: %d -> %d", before, got)
	}
	if txt := strings.Join(dialogTexts(m), "|"); !strings.Contains(txt, "未导入") {
		t.Errorf("refusal dialog says %q", txt)
	}
	act(m, func() { f.skip.SetChecked(true); m.runImport(f.request()) })
	if got := layerCount(m, models.LayerMines); got != before+2 {
		t.Errorf("mines %d after import, want %d", got, before+2)
	}
	if txt := strings.Join(dialogTexts(m), "|"); !strings.Contains(txt, "新增 2 个") || !strings.Contains(txt, "跳过 1 个") {
		t.Errorf("result dialog says %q", txt)
	}
}

func layerCount(m *MainWindow, layer string) int {
	if li, ok := layerInfo(m.info, layer); ok {
		return li.Count
	}
	return 0
}
