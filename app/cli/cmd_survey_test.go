package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/models"
)

// addSurveys stores records the way the survey form does.
func addSurveys(t *testing.T, path string, ss ...*models.Survey) {
	t.Helper()
	st, err := app.OpenProject(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, s := range ss {
		if err := app.SaveSurvey(context.Background(), st, s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSurveyCommands(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	p := newProject(t)
	a := &models.Survey{Geometry: orb.Point{106.9, 39.4}, District: "海南区", SiteName: "甲采坑", Disturbance: models.DisturbPit, Priority: 1}
	b := &models.Survey{Geometry: orb.Point{106.8, 39.6}, District: "乌达区", SiteName: "乙排土场", Disturbance: models.DisturbHeap}
	addSurveys(t, p, a, b)
	if out := mustRun(t, "survey", "list", p, "--district", "海南区"); !strings.Contains(out, "甲采坑") || strings.Contains(out, "乙排土场") {
		t.Errorf("list:\n%s", out)
	}
	pkg := filepath.Join(t.TempDir(), "海南区.gpkg")
	if out := mustRun(t, "survey", "export", p, "--district", "海南区", "-o", pkg); !strings.Contains(out, "wrote 1 surveys") {
		t.Errorf("export: %s", out)
	}
	// The consultant edits the package; the bureau edits the same record.
	edit := func(path, notes string) {
		st, err := app.OpenProject(path, false)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ss, err := app.Surveys(context.Background(), st, "海南区")
		if err != nil || len(ss) != 1 {
			t.Fatalf("%v %v", ss, err)
		}
		ss[0].Notes = notes
		if err := app.SaveSurvey(context.Background(), st, ss[0]); err != nil {
			t.Fatal(err)
		}
	}
	edit(pkg, "theirs")
	edit(p, "mine")
	var rep models.SurveyImport
	if err := json.Unmarshal([]byte(mustRun(t, "survey", "import", p, pkg, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].UID != a.UID {
		t.Fatalf("import report %+v", rep)
	}
	if out := mustRun(t, "survey", "conflicts", p); !strings.Contains(out, "notes") || !strings.Contains(out, "mine") || !strings.Contains(out, "theirs") {
		t.Errorf("conflicts:\n%s", out)
	}
	if code, _, errs := run(t, "survey", "resolve", p, a.UID); code != 1 || !strings.Contains(errs, "--keep") {
		t.Errorf("resolve without --keep: %d %q", code, errs)
	}
	mustRun(t, "survey", "resolve", p, a.UID, "--keep", "theirs")
	if out := mustRun(t, "survey", "conflicts", p); out != "" {
		t.Errorf("conflicts left:\n%s", out)
	}
	// A package from another project is refused and changes nothing.
	other := newProject(t)
	addSurveys(t, other, &models.Survey{Geometry: orb.Point{106.9, 39.4}, District: "海南区", SiteName: "丙"})
	otherPkg := filepath.Join(t.TempDir(), "other.gpkg")
	mustRun(t, "survey", "export", other, "-o", otherPkg)
	if code, _, errs := run(t, "survey", "import", p, otherPkg); code != 1 || !strings.Contains(errs, "another project") {
		t.Errorf("other project: %d %q", code, errs)
	}
	if code, _, errs := run(t, "survey", "import", p, other); code != 1 || !strings.Contains(errs, "not a survey package") {
		t.Errorf("a project as package: %d %q", code, errs)
	}
	if code, _, errs := run(t, "survey", "export", p, "-o", pkg); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("export over a file: %d %q", code, errs)
	}
	// Photos: a real image is added, a text file is refused.
	img := writeFile(t, "site.png", string(tinyPNG(t)))
	if out := mustRun(t, "survey", "photo", p, a.UID, img); !strings.Contains(out, "added site.png: 4×3") {
		t.Errorf("photo: %s", out)
	}
	txt := writeFile(t, "notes.jpg", "not a photo")
	if code, _, errs := run(t, "survey", "photo", p, a.UID, txt); code != 1 || !strings.Contains(errs, "not a JPEG or PNG photo") {
		t.Errorf("not a photo: %d %q", code, errs)
	}
	if code, _, errs := run(t, "survey", "frobnicate", p); code != 1 || !strings.Contains(errs, "unknown survey command") {
		t.Errorf("unknown sub: %d %q", code, errs)
	}
}

func tinyPNG(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
