package gui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/models"
)

// TestSurveyListOutputs: from the survey list, the district's dossiers are
// written one PDF per site and the summary table as CSV (read back) and
// XLSX; a district without surveys is said and writes nothing.
func TestSurveyListOutputs(t *testing.T) {
	m := openSample(t, &renderLog{})
	// No surveys yet: said, nothing written.
	act(m, m.showSurveyList)
	empty := t.TempDir()
	act(m, func() { m.surveys.list.writeDossiers(empty) })
	act(m, func() { m.surveys.list.writeTable(filepath.Join(empty, "x.csv")) })
	if left, _ := os.ReadDir(empty); len(left) != 0 {
		t.Errorf("files written without surveys: %v", left)
	}
	if txt := strings.Join(texts(m.surveys.list.win.Canvas().Overlays().Top()), "|"); !strings.Contains(txt, m.t("surveyout.failed", nil)) {
		t.Errorf("no surveys is not said: %q", txt)
	}
	act(m, func() { m.surveys.list.win.Close() })
	m.io.Go(func() {
		for i, name := range []string{"乌兰木伦沟采坑", "千里山排土场"} {
			s := &models.Survey{Geometry: orb.Point{106.83 + 0.01*float64(i), 39.65}, District: "海勃湾区", SiteName: name, Date: "2026-05-20",
				Disturbance: models.DisturbPit, DisturbedM2: 1000 * float64(i+1), Priority: 1}
			if err := app.SaveSurvey(m.ctx, m.store, s); err != nil {
				t.Error(err)
			}
		}
	})
	settle(m)
	act(m, m.surveys.reload)
	act(m, m.showSurveyList)
	sl := m.surveys.list
	if sl == nil {
		t.Fatal("no survey list")
	}
	dir := t.TempDir()
	act(m, func() { sl.writeDossiers(dir) })
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(pdfs) != 2 {
		t.Fatalf("dossiers %v", pdfs)
	}
	for _, p := range pdfs {
		if b, _ := os.ReadFile(p); !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("%s is not a PDF", p)
		}
	}
	csvPath := filepath.Join(dir, "表.csv")
	act(m, func() { sl.writeTable(csvPath) })
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 4 { // header, two sites, total
		t.Fatalf("csv rows %d %v", len(rows), err)
	}
	if !strings.Contains(strings.Join(rows[1], ",")+strings.Join(rows[2], ","), "千里山排土场") {
		t.Errorf("csv %q", rows)
	}
	xlsx := filepath.Join(dir, "表.xlsx")
	act(m, func() { sl.writeTable(xlsx) })
	if b, _ := os.ReadFile(xlsx); !strings.HasPrefix(string(b), "PK") {
		t.Error("no xlsx written")
	}

}
