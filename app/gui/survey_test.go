package gui

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
	"minerehab/models/store"
)

// surveyProject is the two-mines project with a district polygon (海勃湾区)
// around them, so a site drawn there defaults to that district.
func surveyProject(t *testing.T) string {
	t.Helper()
	path, _, _ := twoMinesProject(t)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tx, err := st.BeginImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d := &models.Feature{Layer: models.LayerReference,
		Geometry: orb.MultiPolygon{{{{106.70, 39.50}, {106.95, 39.50}, {106.95, 39.70}, {106.70, 39.70}, {106.70, 39.50}}}},
		Attrs:    models.Attrs{Name: "海勃湾区", FeatureType: "district"}}
	if _, err := tx.Put(d, models.KeySpec{}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openSurveyWindow opens path in a 1200×800 window.
func openSurveyWindow(t *testing.T, path string, l i18n.Lang) *MainWindow {
	t.Helper()
	m := newTestWindow(t, test.NewTempApp(t), realConfig(l))
	act(m, func() { m.win.Resize(fyne.NewSize(1200, 800)) })
	act(m, func() { m.OpenProject(path) })
	return m
}

// storedSurveys reads the project's survey records through the window's store.
func storedSurveys(t *testing.T, m *MainWindow) []*models.Survey {
	t.Helper()
	var ss []*models.Survey
	var err error
	m.io.Go(func() { ss, err = app.Surveys(context.Background(), m.store, "") })
	m.io.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// drawSurveyArea draws a square survey area of half-side d degrees around
// c with snapping off and presses Enter: the survey form opens.
func drawSurveyArea(t *testing.T, m *MainWindow, c orb.Point, d float64) *surveyForm {
	t.Helper()
	act(m, func() { m.startSurveyDraw(drawPolygon) })
	if _, ok := m.mapView.tool.(*sketchTool); !ok {
		t.Fatalf("tool %T", m.mapView.tool)
	}
	act(m, func() { m.mapView.TypedRune('s') })
	for _, p := range []orb.Point{{c[0] - d, c[1] - d}, {c[0] + d, c[1] - d}, {c[0] + d, c[1] + d}, {c[0] - d, c[1] + d}} {
		clickAt(m, p)
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	f := m.surveys.form
	if f == nil {
		t.Fatalf("no survey form after Enter; status %q", m.status.text())
	}
	return f
}

// submitForm presses Save and waits for the store.
func submitForm(m *MainWindow, f *surveyForm) bool {
	var ok bool
	act(m, func() { ok = f.submit() })
	return ok
}

// TestSurveyDrawAreaSave draws a survey area by clicks: the form opens
// with the polygon's area, today's date and the district the site lies
// in; Save stores the record (one undoable edit) and the site is drawn on
// the map.
func TestSurveyDrawAreaSave(t *testing.T) {
	m := openSurveyWindow(t, surveyProject(t), i18n.ZH)
	c := orb.Point{106.83, 39.62}
	f := drawSurveyArea(t, m, c, 0.002)
	wantA, _ := app.Measure(orb.Polygon{{{c[0] - 0.002, c[1] - 0.002}, {c[0] + 0.002, c[1] - 0.002}, {c[0] + 0.002, c[1] + 0.002},
		{c[0] - 0.002, c[1] + 0.002}, {c[0] - 0.002, c[1] - 0.002}}})
	a, ok := parseArea(f.area.Text)
	if !ok || math.Abs(a-wantA) > 0.1*wantA/100 {
		t.Errorf("area default %q, want about %.1f", f.area.Text, wantA)
	}
	if f.date.Text != models.Today().String() {
		t.Errorf("date default %q", f.date.Text)
	}
	if f.district.Text != "海勃湾区" || !slices.Contains(f.districts, "海勃湾区") {
		t.Errorf("district %q, options %q", f.district.Text, f.districts)
	}
	act(m, func() {
		f.site.SetText("五虎山渣堆")
		f.surveyors.SetText("张伟，李娜, 王强")
		f.disturbance.SetSelected("渣堆（排土场）")
		f.hazards[models.HazardCombustion].SetChecked(true)
		f.hazards[models.HazardDust].SetChecked(true)
		f.reuse.SetSelected("修复绿化")
		f.priority.SetSelected("1（最高）")
		f.landCover.SetText("裸地")
		f.measures.SetText("削坡、覆土、种草")
		f.date.SetText("2024年5月17日")
	})
	if !submitForm(m, f) {
		t.Fatalf("form refused: %q", f.errLabel.Text)
	}
	ss := storedSurveys(t, m)
	if len(ss) != 1 {
		t.Fatalf("%d surveys stored", len(ss))
	}
	s := ss[0]
	if s.SiteName != "五虎山渣堆" || s.District != "海勃湾区" || s.Date != "2024-05-17" || s.Disturbance != models.DisturbHeap ||
		s.Priority != 1 || s.Reuse != "修复绿化" || s.LandCover != "裸地" || !slices.Equal(s.Surveyors, []string{"张伟", "李娜", "王强"}) ||
		!slices.Equal(s.Hazards, []models.Hazard{models.HazardCombustion, models.HazardDust}) {
		t.Errorf("stored %+v", s)
	}
	if _, ok := s.Geometry.(orb.Polygon); !ok || math.Abs(s.DisturbedM2-a) > 0.05 || math.Abs(s.DisturbedM2-wantA) > 1e-4*wantA {
		t.Errorf("geometry %T, area %.1f want %.1f", s.Geometry, s.DisturbedM2, wantA)
	}
	if m.surveys.form != nil || m.mapView.tool != nil {
		t.Errorf("after saving: form %v, tool %T", m.surveys.form != nil, m.mapView.tool)
	}
	if m.mapView.under == nil || len(m.surveys.all) != 1 {
		t.Errorf("the survey site is not drawn on the map (%d loaded)", len(m.surveys.all))
	}
	if got := m.status.text(); got != "已添加调查“五虎山渣堆”（可用 Ctrl+Z 撤销）" {
		t.Errorf("status %q", got)
	}
	if it := menuItem(t, m, "编辑", "撤销：添加调查“五虎山渣堆”"); it.Disabled {
		t.Error("Undo is disabled after a survey was added")
	}
}

// TestSurveyFormValidation: each mistake keeps the form open and names
// the field in the planner's language; the date forms models.ParseDate
// reads are accepted.
func TestSurveyFormValidation(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		m := openSurveyWindow(t, surveyProject(t), lang)
		f := drawSurveyArea(t, m, orb.Point{106.83, 39.62}, 0.001)
		for _, tc := range []struct {
			site, date, area string
			want             string // in the error, "" when valid
			wantDate         string
		}{
			{"甲", "2021-03-05", "", "", "2021-03-05"},
			{"甲", "2021/3/5", "1,234.5", "", "2021-03-05"},
			{"甲", "2021年3月5日", "１２３", "", "2021-03-05"},
			{"甲", "2021-13-45", "", fieldLabel(lang, "survey_date"), ""},
			{"甲", "2999-01-01", "", fieldLabel(lang, "survey_date"), ""},
			{"甲", "", "", fieldLabel(lang, "survey_date"), ""},
			{"", "2021-03-05", "", fieldLabel(lang, "site_name"), ""},
			{"甲", "2021-03-05", "-5", fieldLabel(lang, "disturbed_m2"), ""},
			{"甲", "2021-03-05", "许多", fieldLabel(lang, "disturbed_m2"), ""},
		} {
			var s *models.Survey
			var msg string
			act(m, func() {
				f.site.SetText(tc.site)
				f.date.SetText(tc.date)
				f.area.SetText(tc.area)
				s, msg, _ = f.collect()
			})
			if tc.want == "" {
				if s == nil || s.Date != tc.wantDate {
					t.Errorf("%s %q %q %q: refused %q", lang, tc.site, tc.date, tc.area, msg)
				}
				continue
			}
			if s != nil || !strings.Contains(msg, tc.want) {
				t.Errorf("%s %q %q %q: message %q lacks %q", lang, tc.site, tc.date, tc.area, msg, tc.want)
			}
		}
		// Submitting a mistake keeps the form open with the reason.
		act(m, func() { f.date.SetText("2021-02-30") })
		if submitForm(m, f) || m.surveys.form != f || !strings.Contains(f.errLabel.Text, "2021-02-30") {
			t.Errorf("%s: bad date submitted: form %v, error %q", lang, m.surveys.form == f, f.errLabel.Text)
		}
		if n := len(storedSurveys(t, m)); n != 0 {
			t.Errorf("%s: %d surveys stored after refused submits", lang, n)
		}
	}
}

// TestSurveyPointEditDelete marks a survey point, then clicks it on the
// map: its form opens (not the feature selection); a change is saved;
// Delete asks and removes it; each step is undoable.
func TestSurveyPointEditDelete(t *testing.T) {
	m := openSurveyWindow(t, surveyProject(t), i18n.EN)
	p := orb.Point{106.84, 39.63}
	act(m, func() { m.startSurveyDraw(drawPoint) })
	act(m, func() { m.mapView.TypedRune('s') })
	clickAt(m, p)
	f := m.surveys.form
	if f == nil {
		t.Fatal("no form after the point click")
	}
	if f.area.Text != "" {
		t.Errorf("a point's area default %q", f.area.Text)
	}
	act(m, func() { f.site.SetText("Wuhushan pit") })
	if !submitForm(m, f) {
		t.Fatalf("refused: %q", f.errLabel.Text)
	}
	ss := storedSurveys(t, m)
	if len(ss) != 1 {
		t.Fatalf("%d surveys stored", len(ss))
	}
	if pt, ok := ss[0].Geometry.(orb.Point); !ok || math.Abs(pt[0]-p[0]) > 1e-6 || math.Abs(pt[1]-p[1]) > 1e-6 || ss[0].DisturbedM2 != 0 {
		t.Fatalf("stored %v", ss)
	}
	uid := ss[0].UID

	// A click on the site opens its form.
	clickAt(m, p)
	f = m.surveys.form
	if f == nil || f.isNew || f.orig.UID != uid || f.site.Text != "Wuhushan pit" {
		t.Fatalf("clicking the site: form %+v", f)
	}
	if len(m.selected) != 0 {
		t.Errorf("the click also selected %v", selectedIDs(m))
	}
	act(m, func() { f.priority.SetSelected("2 (medium)") })
	if !submitForm(m, f) {
		t.Fatalf("refused: %q", f.errLabel.Text)
	}
	if ss := storedSurveys(t, m); len(ss) != 1 || ss[0].Priority != 2 || ss[0].UID != uid {
		t.Fatalf("after the change %+v", ss[0])
	}
	if m.history.undo == nil || m.history.undo.Key != "edit.survey.change" {
		t.Errorf("history top %+v", m.history.undo)
	}

	// Delete: the form's button asks first.
	clickAt(m, p)
	f = m.surveys.form
	var del *fyneButton
	if del = findButton(m.win.Canvas().Overlays().Top(), "Delete…"); del == nil {
		t.Fatal("no Delete button in the form")
	}
	act(m, func() { test.Tap(del) })
	ok := findButton(m.win.Canvas().Overlays().Top(), "Delete")
	if ok == nil || !slices.Contains(dialogTexts(m), "Delete survey “Wuhushan pit” and its photos? Ctrl+Z undoes it.") {
		t.Fatalf("no confirmation: %q", dialogTexts(m))
	}
	act(m, func() { test.Tap(ok) })
	if ss := storedSurveys(t, m); len(ss) != 0 {
		t.Fatalf("%d surveys after Delete", len(ss))
	}
	if m.surveys.form != nil || len(m.surveys.all) != 0 || m.mapView.under != nil {
		t.Errorf("after delete: form %v, loaded %d, overlay %v", m.surveys.form != nil, len(m.surveys.all), m.mapView.under != nil)
	}
	// Undo brings it back with its change; undo again the change.
	act(m, m.undo)
	if ss := storedSurveys(t, m); len(ss) != 1 || ss[0].Priority != 2 || len(m.surveys.all) != 1 {
		t.Fatalf("after undoing the delete: %v (loaded %d)", ss, len(m.surveys.all))
	}
	act(m, m.undo)
	if ss := storedSurveys(t, m); len(ss) != 1 || ss[0].Priority != 0 {
		t.Fatalf("after undoing the change: %+v", ss)
	}
}

// TestSurveyUndoAdd: Ctrl+Z removes a survey just added (and an open form
// of it closes), Ctrl+Y brings it back; the map and the list follow.
func TestSurveyUndoAdd(t *testing.T) {
	m := openSurveyWindow(t, surveyProject(t), i18n.ZH)
	f := drawSurveyArea(t, m, orb.Point{106.83, 39.62}, 0.002)
	act(m, func() { f.site.SetText("乌达采坑") })
	if !submitForm(m, f) {
		t.Fatalf("refused: %q", f.errLabel.Text)
	}
	act(m, m.showSurveyList)
	sl := m.surveys.list
	if sl == nil || len(sl.rows) != 1 {
		t.Fatalf("list %v", sl)
	}
	act(m, func() { sl.openRow(0) })
	if m.surveys.form == nil {
		t.Fatal("a row did not open its form")
	}
	act(m, m.undo)
	if n := len(storedSurveys(t, m)); n != 0 {
		t.Fatalf("%d surveys after undo", n)
	}
	if m.surveys.form != nil || len(sl.rows) != 0 || m.mapView.under != nil {
		t.Errorf("after undo: form open %v, rows %d, overlay %v", m.surveys.form != nil, len(sl.rows), m.mapView.under != nil)
	}
	if got := m.status.text(); got != "已撤销：添加调查“乌达采坑”" {
		t.Errorf("status %q", got)
	}
	act(m, m.redo)
	if ss := storedSurveys(t, m); len(ss) != 1 || ss[0].SiteName != "乌达采坑" || len(sl.rows) != 1 || m.mapView.under == nil {
		t.Errorf("after redo: %v, rows %d", ss, len(sl.rows))
	}
}

// TestSurveyPhotos adds photo fixtures to a survey: with EXIF GPS, without
// GPS, a text file and a PNG claiming 400 megapixels; the first two are
// shown with what EXIF said and stored on Save, the others refused with a
// sentence.
func TestSurveyPhotos(t *testing.T) {
	m := openSurveyWindow(t, surveyProject(t), i18n.ZH)
	f := drawSurveyArea(t, m, orb.Point{106.83, 39.62}, 0.002)
	act(m, func() { f.site.SetText("拍照地块") })
	for _, tc := range []struct {
		file    string
		caption []string // of the new thumbnail
		msg     string   // the strip's message
	}{
		{"survey_gps.jpg", []string{"survey_gps.jpg", "拍摄：2024-05-17 10:32", "位置：106.82340, 39.65120", "（尚未保存）"}, ""},
		{"survey_nogps.jpg", []string{"survey_nogps.jpg", "拍摄：2024-05-18 15:04", "无 GPS 位置", "（尚未保存）"}, ""},
		{"survey_notphoto.jpg", nil, "survey_notphoto.jpg 不是 JPEG 或 PNG 照片"},
		{"survey_huge.png", nil, "survey_huge.png 过大，无法读取（超过 2.5 亿像素）"},
	} {
		before := len(f.photos.added)
		act(m, func() { f.photos.addFile(filepath.Join("testdata", tc.file)) })
		if tc.caption == nil {
			if len(f.photos.added) != before || f.photos.msg.Text != tc.msg || f.photos.msg.Importance != widget.DangerImportance {
				t.Errorf("%s: added %d, message %q want %q", tc.file, len(f.photos.added)-before, f.photos.msg.Text, tc.msg)
			}
			continue
		}
		if len(f.photos.added) != before+1 {
			t.Fatalf("%s: not added (message %q)", tc.file, f.photos.msg.Text)
		}
		th := f.photos.row.Objects[len(f.photos.row.Objects)-1].(*photoThumb)
		if !slices.Equal(th.lines, tc.caption) || th.img == nil {
			t.Errorf("%s: caption %q, want %q (thumbnail %v)", tc.file, th.lines, tc.caption, th.img != nil)
		}
	}
	if !submitForm(m, f) {
		t.Fatalf("refused: %q", f.errLabel.Text)
	}
	ss := storedSurveys(t, m)
	if len(ss) != 1 {
		t.Fatalf("%d surveys", len(ss))
	}
	var ps []models.SurveyPhoto
	m.io.Go(func() { ps, _ = app.SurveyPhotos(context.Background(), m.store, ss[0].UID) })
	m.io.Wait()
	if len(ps) != 2 || ps[0].Lon == nil || math.Abs(*ps[0].Lon-106.8234) > 1e-6 || ps[1].Lat != nil {
		t.Fatalf("stored photos %+v", ps)
	}
	if m.surveys.photos[ss[0].UID] != 2 {
		t.Errorf("photo count %d", m.surveys.photos[ss[0].UID])
	}
	// Opened again, the form shows the stored photos.
	act(m, func() { m.surveys.openForm(ss[0]) })
	f = m.surveys.form
	if len(f.photos.stored) != 2 || len(f.photos.added) != 0 {
		t.Fatalf("reopened: %d stored, %d added", len(f.photos.stored), len(f.photos.added))
	}
	th := f.photos.row.Objects[0].(*photoThumb)
	if !slices.Equal(th.lines, []string{"survey_gps.jpg", "拍摄：2024-05-17 10:32", "位置：106.82340, 39.65120"}) {
		t.Errorf("stored caption %q", th.lines)
	}
}

// FuzzParseArea: the area box never panics and accepts only finite,
// non-negative areas.
func FuzzParseArea(f *testing.F) {
	for _, s := range []string{"", "0", "12,345.6", "１２３．５", "168682.6 m²", "-5", "许多", "1e400", "NaN", "  7  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := parseArea(s)
		if ok && (v < 0 || math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Errorf("parseArea(%q) = %v", s, v)
		}
	})
}

// TestSplitSurveyors: names separated by ASCII or full-width commas,
// 顿号 or semicolons, blanks dropped.
func TestSplitSurveyors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"张伟, 李娜", []string{"张伟", "李娜"}},
		{"张伟，李娜、王强；赵敏", []string{"张伟", "李娜", "王强", "赵敏"}},
		{" , ,", nil},
		{"Zhang Wei; Li Na", []string{"Zhang Wei", "Li Na"}},
	} {
		if got := splitSurveyors(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitSurveyors(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
