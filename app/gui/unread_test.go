package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/app/internal/damaged"
	"minerehab/models"
)

// damagedProject holds two mines, the second ("坏矿", fid 2) with its
// geometry blob cut short after the header, as another program might
// leave it.
func damagedProject(t *testing.T) string {
	t.Helper()
	var feats []*models.Feature
	for i, name := range []string{"好矿", "坏矿"} {
		x := 106.80 + 0.05*float64(i)
		sq := orb.MultiPolygon{{{{x, 39.60}, {x + 0.02, 39.60}, {x + 0.02, 39.62}, {x, 39.62}, {x, 39.60}}}}
		feats = append(feats, &models.Feature{Layer: models.LayerMines, Attrs: models.Attrs{Name: name}, Geometry: sq})
	}
	path := filepath.Join(t.TempDir(), "damaged.gpkg")
	damaged.Project(t, path, feats, "坏矿", "substr(geom, 1, 45)")
	return path
}

// TestUnreadableGeometryWindow: the window opens a project with a damaged
// geometry and draws the map; the status bar names the feature left out;
// searching for it selects it (without zooming to nowhere) and the
// inspector says its geometry cannot be read, in both languages; a
// feature without geometry is said to have none.
func TestUnreadableGeometryWindow(t *testing.T) {
	path := damagedProject(t)
	for _, tc := range []struct {
		lang                   i18n.Lang
		status, damaged, empty string
	}{
		{i18n.ZH, "“矿山”图层中有 1 个要素的几何数据已损坏、无法读取（mines #2）", "该要素的几何数据已损坏，无法读取（数据不完整", "该要素没有几何图形"},
		{i18n.EN, "1 feature in layer Mines has a geometry that cannot be read (mines #2); it is not drawn", "cannot be read (the data ends before", "This feature has no geometry"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			m := newTestWindow(t, test.NewTempApp(t), realConfig(tc.lang))
			act(m, func() { m.OpenProject(path) })
			if m.mapView.frame == nil {
				t.Fatalf("no frame; status %q", m.status.text())
			}
			if got := m.status.text(); !strings.Contains(got, tc.status) {
				t.Errorf("status %q lacks %q", got, tc.status)
			}
			act(m, func() { m.search("坏矿") })
			settle(m)
			if len(m.selected) != 1 || m.selected[0].ID != 2 {
				t.Fatalf("search selected %v", selectedIDs(m))
			}
			if txt := strings.Join(texts(m.inspector), "|"); !strings.Contains(txt, tc.damaged) {
				t.Errorf("inspector of the damaged mine shows %q", txt)
			}
			act(m, func() { m.setSelection([]*models.Feature{{Layer: models.LayerMines, ID: 9}}, 0) })
			settle(m)
			if txt := strings.Join(texts(m.inspector), "|"); !strings.Contains(txt, tc.empty) {
				t.Errorf("inspector of a feature without geometry shows %q", txt)
			}
		})
	}
}
