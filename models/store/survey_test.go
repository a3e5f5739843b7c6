package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

func survey(name, district string, x, y float64) *models.Survey {
	return &models.Survey{
		Geometry: orb.Polygon{ring(x, y, 0.002, 0.0015, 12)}, District: district, SiteName: name, Date: "2021-05-20",
		Surveyors: []string{"张三", "李四"}, Disturbance: models.DisturbBoth, DisturbedM2: 12000,
		Hazards: []models.Hazard{models.HazardUnstableSlope, models.HazardDust}, LandCover: "裸地",
		Measures: "削坡、覆土、种草", Reuse: "生态修复", Priority: 1,
	}
}

func surveyCode(err error) string {
	var se *models.SurveyError
	if errors.As(err, &se) {
		return se.Code
	}
	return fmt.Sprint(err)
}

func TestSurveyCRUD(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	a := survey("乌兰木伦沟采坑", "海南区", 106.9, 39.4)
	if err := s.PutSurvey(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.UID == "" || a.UpdatedAt.IsZero() {
		t.Fatalf("saved %+v", a)
	}
	got, err := s.Survey(ctx, a.UID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SiteName != a.SiteName || !slices.Equal(got.Surveyors, a.Surveyors) || !slices.Equal(got.Hazards, a.Hazards) ||
		got.Priority != 1 || got.DisturbedM2 != 12000 || got.ContentHash(nil) == "" {
		t.Errorf("read back %+v", got)
	}
	pt := &models.Survey{Geometry: orb.Point{106.8, 39.6}, District: "乌达区", SiteName: "点位"}
	if err := s.PutSurvey(ctx, pt); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Surveys(ctx, "")
	hn, _ := s.Surveys(ctx, "海南区")
	if len(all) != 2 || len(hn) != 1 {
		t.Errorf("%d surveys, %d in 海南区", len(all), len(hn))
	}
	for _, bad := range []*models.Survey{
		{Geometry: orb.LineString{{1, 1}, {2, 2}}},
		{Geometry: orb.Point{200, 1}},
		{Geometry: orb.Point{1, 1}, Date: "2021-13-40"},
		{Geometry: orb.Point{1, 1}, Disturbance: "crater"},
		{Geometry: orb.Point{1, 1}, Hazards: []models.Hazard{"ghosts"}},
		{Geometry: orb.Point{1, 1}, Priority: 9},
		{Geometry: orb.Point{1, 1}, DisturbedM2: -1},
	} {
		if err := s.PutSurvey(ctx, bad); surveyCode(err) != models.CodeSurveyBadField {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if err := s.DeleteSurvey(ctx, pt.UID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSurvey(ctx, pt.UID); surveyCode(err) != models.CodeSurveyNotFound {
		t.Errorf("delete twice: %v", err)
	}
	if _, err := s.Survey(ctx, "nope"); surveyCode(err) != models.CodeSurveyNotFound {
		t.Errorf("missing: %v", err)
	}
}

// The merge-conflict matrix: every combination of "changed here" and
// "changed in the package" for records that left in a package.
func TestSurveyPackageMerge(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	recs := map[string]*models.Survey{}
	for i, name := range []string{"A", "B", "C", "D", "E"} {
		recs[name] = survey(name, "海南区", 106.9+0.01*float64(i), 39.4)
		if err := s.PutSurvey(ctx, recs[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutSurvey(ctx, survey("F", "乌达区", 106.7, 39.5)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "海南区调查包.gpkg")
	n, err := s.ExportSurveys(ctx, path, "海南区")
	if err != nil || n != 5 {
		t.Fatalf("export: %d, %v", n, err)
	}
	if _, err := s.ExportSurveys(ctx, path, "海南区"); surveyCode(err) != models.CodeSurveyExists {
		t.Errorf("export over a file: %v", err)
	}
	// The consultant's side.
	pkg, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(st *Store, name string, f func(*models.Survey)) {
		t.Helper()
		sv, err := st.Survey(ctx, recs[name].UID)
		if err != nil {
			t.Fatal(err)
		}
		f(sv)
		if err := st.PutSurvey(ctx, sv); err != nil {
			t.Fatal(err)
		}
	}
	edit(pkg, "B", func(sv *models.Survey) { sv.Notes = "顾问补充：有积水" })
	edit(pkg, "D", func(sv *models.Survey) { sv.Priority = 3 })
	edit(pkg, "E", func(sv *models.Survey) { sv.Reuse = "光伏" })
	g := survey("G", "海南区", 106.99, 39.45)
	if err := pkg.PutSurvey(ctx, g); err != nil {
		t.Fatal(err)
	}
	pkg.Close()
	// The bureau's side meanwhile.
	edit(s, "C", func(sv *models.Survey) { sv.Measures = "局部回填" })
	edit(s, "D", func(sv *models.Survey) { sv.Priority = 2 })
	edit(s, "E", func(sv *models.Survey) { sv.Reuse = "光伏" })

	rep, err := s.ImportSurveys(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	uid := func(names ...string) []string {
		var out []string
		for _, n := range names {
			if n == "G" {
				out = append(out, g.UID)
			} else {
				out = append(out, recs[n].UID)
			}
		}
		slices.Sort(out)
		return out
	}
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	if !slices.Equal(sorted(rep.Added), uid("G")) || !slices.Equal(sorted(rep.Updated), uid("B")) ||
		!slices.Equal(sorted(rep.KeptMine), uid("C")) || !slices.Equal(sorted(rep.Unchanged), uid("A", "E")) ||
		len(rep.Conflicts) != 1 || rep.Conflicts[0].UID != recs["D"].UID {
		t.Fatalf("report %+v", rep)
	}
	if c := rep.Conflicts[0]; c.Mine.Priority != 2 || c.Theirs.Priority != 3 {
		t.Errorf("conflict mine %d theirs %d", c.Mine.Priority, c.Theirs.Priority)
	}
	// Nothing overwritten silently: D is still ours, B is theirs, C ours.
	for name, check := range map[string]func(*models.Survey) bool{
		"D": func(sv *models.Survey) bool { return sv.Priority == 2 },
		"B": func(sv *models.Survey) bool { return sv.Notes == "顾问补充：有积水" },
		"C": func(sv *models.Survey) bool { return sv.Measures == "局部回填" },
	} {
		sv, _ := s.Survey(ctx, recs[name].UID)
		if !check(sv) {
			t.Errorf("%s after import: %+v", name, sv)
		}
	}
	cs, err := s.SurveyConflicts(ctx)
	if err != nil || len(cs) != 1 || cs[0].Theirs.Priority != 3 || cs[0].Mine.Priority != 2 || cs[0].Theirs.Geometry == nil {
		t.Fatalf("conflicts %+v %v", cs, err)
	}
	// The planner takes theirs.
	if err := s.ResolveSurveyConflict(ctx, cs[0].Theirs); err != nil {
		t.Fatal(err)
	}
	if err := s.ResolveSurveyConflict(ctx, cs[0].Theirs); surveyCode(err) != models.CodeSurveyNoConflict {
		t.Errorf("resolve twice: %v", err)
	}
	if cs, _ := s.SurveyConflicts(ctx); len(cs) != 0 {
		t.Errorf("conflicts left: %+v", cs)
	}
	// The same package again: nothing new, no conflict.
	rep, err = s.ImportSurveys(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added)+len(rep.Updated)+len(rep.Conflicts) != 0 || !slices.Equal(sorted(rep.KeptMine), uid("C")) {
		t.Errorf("second import %+v", rep)
	}
	var imports int
	s.r.QueryRow(`SELECT count(*) FROM mr_survey_imports`).Scan(&imports)
	if imports != 2 {
		t.Errorf("%d imports logged", imports)
	}
}

func TestSurveyPackageRefused(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.PutSurvey(ctx, survey("A", "海南区", 106.9, 39.4)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// From another project.
	other := newStore(t)
	if err := other.PutSurvey(ctx, survey("X", "海南区", 106.9, 39.4)); err != nil {
		t.Fatal(err)
	}
	otherPkg := filepath.Join(dir, "other.gpkg")
	if _, err := other.ExportSurveys(ctx, otherPkg, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSurveys(ctx, otherPkg); surveyCode(err) != models.CodeSurveyOtherProject {
		t.Errorf("other project: %v", err)
	}
	// A project, not a package.
	if _, err := s.ImportSurveys(ctx, other.Path()); surveyCode(err) != models.CodeSurveyNotPackage {
		t.Errorf("a project: %v", err)
	}
	// Not a database at all.
	junk := filepath.Join(dir, "junk.gpkg")
	os.WriteFile(junk, []byte("PK\x03\x04 this is a zip"), 0o644)
	if _, err := s.ImportSurveys(ctx, junk); surveyCode(err) != models.CodeSurveyNotPackage {
		t.Errorf("junk: %v", err)
	}
	// A newer schema.
	newer := filepath.Join(dir, "newer.gpkg")
	if _, err := s.ExportSurveys(ctx, newer, ""); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE mr_meta SET value = '99' WHERE key = 'schema_version'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := s.Surveys(ctx, "")
	if _, err := s.ImportSurveys(ctx, newer); surveyCode(err) != models.CodeSurveyTooNew {
		t.Errorf("newer schema: %v", err)
	}
	after, _ := s.Surveys(ctx, "")
	if len(after) != len(before) {
		t.Errorf("a refused package changed the project")
	}
}

// BenchmarkSurveyImport merges a package of 1,000 records, each with a
// photo (a 1024×768 JPEG, thumbnail beside it), of which a third changed
// in the package and each gained a second photo there.
func BenchmarkSurveyImport(b *testing.B) {
	ctx := context.Background()
	photo := benchPhoto(b, 1024, 768)
	thumb := benchPhoto(b, 256, 192)
	for b.Loop() {
		b.StopTimer()
		s := newStore(b)
		for i := range 1000 {
			sv := survey(fmt.Sprint("S", i), "海南区", 106.6+float64(i%100)*0.005, 39.2+float64(i/100)*0.01)
			if err := s.PutSurvey(ctx, sv); err != nil {
				b.Fatal(err)
			}
			if err := s.AddSurveyPhoto(ctx, &models.PhotoData{Photo: models.SurveyPhoto{SurveyUID: sv.UID, FileName: "a.jpg",
				MIME: "image/jpeg", Width: 1024, Height: 768}, Image: photo, Thumb: thumb}); err != nil {
				b.Fatal(err)
			}
		}
		path := filepath.Join(b.TempDir(), "p.gpkg")
		if _, err := s.ExportSurveys(ctx, path, ""); err != nil {
			b.Fatal(err)
		}
		pkg, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		all, _ := pkg.Surveys(ctx, "")
		for i, sv := range all {
			if i%3 == 0 {
				sv.Notes = "changed"
				pkg.PutSurvey(ctx, sv)
				if err := pkg.AddSurveyPhoto(ctx, &models.PhotoData{Photo: models.SurveyPhoto{SurveyUID: sv.UID, FileName: "b.jpg",
					MIME: "image/jpeg", Width: 1024, Height: 768}, Image: photo, Thumb: thumb}); err != nil {
					b.Fatal(err)
				}
			}
		}
		pkg.Close()
		b.StartTimer()
		rep, err := s.ImportSurveys(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(rep.Updated)), "updated")
		b.ReportMetric(float64(rep.Photos), "photos")
	}
}

// benchPhoto is a w×h JPEG of a gradient.
func benchPhoto(b *testing.B, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
