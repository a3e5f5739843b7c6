package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"minerehab/app/i18n"
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

// TestImportPreviewMapping opens the dialog on the bundled sample's mines
// file, in both languages: the preview says which source key filled which
// field and which keys are only kept, and selecting a row says where that
// feature goes and why.
func TestImportPreviewMapping(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", "sampledata", "mines.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang        i18n.Lang
		used, kept  string
		hint, route string
	}{
		{i18n.ZH, "属性对应：名称←矿山名称；采矿许可证号←采矿许可证号；行政区←行政区", "原样保留（不对应字段）：绿色矿山、绿色矿山级别",
			"选中一行", "第 1 个要素 → 矿山：类型属性为“mine_boundary”"},
		{i18n.EN, "Property mapping: Name ← 矿山名称; Licence no. ← 采矿许可证号; District ← 行政区", "Kept as they are (no field): 绿色矿山, 绿色矿山级别",
			"Select a row", "Feature 1 → Mines: its type is “mine_boundary”"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			m := newTestWindow(t, test.NewTempApp(t), realConfig(tc.lang))
			act(m, func() { m.OpenProject(sampleProjectFile(t)) })
			var f *importForm
			act(m, func() { f = m.showImportOptions(src) })
			shown := strings.Join(dialogTexts(m), "|")
			for _, want := range []string{tc.used, tc.kept, "企业名称", tc.hint} {
				if !strings.Contains(shown, want) {
					t.Errorf("dialog does not show %q:\n%s", want, shown)
				}
			}
			act(m, func() { f.table.Select(widget.TableCellID{Row: 1, Col: 2}) })
			if shown := strings.Join(dialogTexts(m), "|"); !strings.Contains(shown, tc.route) {
				t.Errorf("row 1 selected: dialog does not show %q:\n%s", tc.route, shown)
			}
		})
	}
}
