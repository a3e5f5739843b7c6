package cli

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/models"
)

func testPhotoJPEG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := range 300 {
		for x := range 400 {
			img.Set(x, y, color.RGBA{uint8(x / 2), uint8(y), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSurveyDossierAndTableCommands(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	p := newProject(t)
	a := &models.Survey{Geometry: orb.Polygon{{{106.88, 39.48}, {106.89, 39.48}, {106.89, 39.49}, {106.88, 39.48}}}, District: "海南区",
		SiteName: "甲采坑", Date: "2024-05-03", Disturbance: models.DisturbPit, DisturbedM2: 3000, Priority: 1}
	b := &models.Survey{Geometry: orb.Point{106.8, 39.6}, District: "乌达区", SiteName: "乙排土场", Disturbance: models.DisturbHeap, DisturbedM2: 1500.25}
	addSurveys(t, p, a, b)
	mustRun(t, "survey", "photo", p, a.UID, writeFile(t, "现场.jpg", string(testPhotoJPEG(t))))
	dir := t.TempDir()

	// Tables: CSV parsed back, XLSX read by GDAL.
	csvPath := filepath.Join(dir, "all.csv")
	if out := mustRun(t, "survey", "table", p, "-o", csvPath); !strings.Contains(out, "wrote 2 surveys to") {
		t.Errorf("table: %s", out)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(recs) != 4 || recs[0][0] != "Survey id" || recs[3][0] != "Total (2 sites)" || recs[3][6] != "4500.25" {
		t.Errorf("csv %q %v", recs, err)
	}
	hn := filepath.Join(dir, "海南区.csv")
	mustRun(t, "survey", "table", p, "--district", "海南区", "-o", hn)
	if data, _ := os.ReadFile(hn); !bytes.Contains(data, []byte("甲采坑")) || bytes.Contains(data, []byte("乙排土场")) || !bytes.Contains(data, []byte(",1,1,")) {
		t.Errorf("district table:\n%s", data)
	}
	xlsx := filepath.Join(dir, "all.xlsx")
	mustRun(t, "survey", "table", p, "-o", xlsx)
	if _, err := exec.LookPath("ogrinfo"); err == nil {
		out, err := exec.Command("ogrinfo", "-al", "-so", xlsx).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Feature Count: 3") {
			t.Errorf("ogrinfo: %v\n%s", err, out)
		}
	}

	// Dossiers.
	if _, err := app.PlateFont(); err == nil {
		one := filepath.Join(dir, "甲.pdf")
		if out := mustRun(t, "survey", "dossier", p, "--uid", a.UID, "-o", one); !strings.Contains(out, "wrote the survey dossier") {
			t.Errorf("dossier: %s", out)
		}
		if st, err := os.Stat(one); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("dossier file: %v %v", st, err)
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			out, err := exec.Command("pdftotext", one, "-").CombinedOutput()
			if err != nil || !strings.Contains(string(out), "甲采坑") || !strings.Contains(string(out), "现场.jpg") || !strings.Contains(string(out), "Disturbance") {
				t.Errorf("pdftotext: %v\n%s", err, out)
			}
		}
		out := mustRun(t, "survey", "dossier", p, "--district", "乌达区", "-o", filepath.Join(dir, "乌达区"))
		if !strings.Contains(out, "wrote the dossiers of 1 sites") || !strings.Contains(out, "乌达区_乙排土场_") {
			t.Errorf("district dossiers: %s", out)
		}
		if files, _ := filepath.Glob(filepath.Join(dir, "乌达区", "*.pdf")); len(files) != 1 {
			t.Errorf("files %v", files)
		}
	}

	// Mistakes: one line saying what to do, nothing written.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"survey", "dossier", p, "-o", filepath.Join(dir, "x.pdf")}, "either --uid UID or --district D"},
		{[]string{"survey", "dossier", p, "--uid", a.UID, "--district", "海南区", "-o", filepath.Join(dir, "x.pdf")}, "either --uid"},
		{[]string{"survey", "dossier", p, "--uid", a.UID}, "dossier needs -o"},
		{[]string{"survey", "dossier", p, "--uid", a.UID, "-o", filepath.Join(dir, "x.txt")}, "must be a .pdf file"},
		{[]string{"survey", "dossier", p, "--uid", "nope", "-o", filepath.Join(dir, "x.pdf")}, "no survey with id nope"},
		{[]string{"survey", "dossier", p, "--district", "海勃湾区", "-o", filepath.Join(dir, "x")}, "district “海勃湾区” has no survey records"},
		{[]string{"survey", "table", p, "--district", "海勃湾区", "-o", filepath.Join(dir, "x.csv")}, "district “海勃湾区” has no survey records"},
		{[]string{"survey", "table", p, "-o", filepath.Join(dir, "x.ods")}, "cannot tell the table format"},
		{[]string{"survey", "table", p}, "table needs -o"},
		{[]string{"survey", "frobnicate", p}, "use list, export, import, conflicts, resolve, photo, dossier or table"},
	} {
		code, _, errs := run(t, tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, %q, want %q", tc.args[1:3], code, errs, tc.want)
		}
	}
	for _, f := range []string{"x.pdf", "x.txt", "x", "x.csv", "x.ods"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written after an error", f)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// Help tells of both commands.
	for _, args := range [][]string{{"survey", "--help"}, {"survey", "dossier", "--help"}} {
		if code, out, _ := run(t, args...); code != 0 || !strings.Contains(out, "dossier (--uid UID or --district D)") || !strings.Contains(out, "table [--district D]") {
			t.Errorf("%v: %d\n%s", args, code, out)
		}
	}
	t.Setenv("MINEREHAB_LANG", "zh-CN")
	if code, _, errs := run(t, "survey", "table", p, "--district", "海勃湾区", "-o", filepath.Join(dir, "x.xlsx")); code != 1 || !strings.Contains(errs, "行政区“海勃湾区”没有调查记录") {
		t.Errorf("zh: %d %q", code, errs)
	}
}
