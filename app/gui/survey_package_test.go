package gui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/models"
	"minerehab/models/store"
)

type fyneButton = widget.Button

// findButton is the button labelled text under o, nil when none.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
			return
		case *fyne.Container:
			for _, k := range w.Objects {
				walk(k)
			}
			return
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return found
}

// putSurveys stores records in the project at path, as a planner would.
func putSurveys(t *testing.T, path string, ss ...*models.Survey) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, s := range ss {
		if err := st.PutSurvey(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
}

func windowTexts(w fyne.Window) string { return strings.Join(texts(w.Canvas().Overlays().Top()), "|") }

// TestSurveyPackageRoundTrip exports a district's package from the list
// window, lets "the consultant" change two records in it while the planner
// changes one of them here, imports it back (report: updated 1, conflict
// 1), and resolves the conflict by taking theirs; undo brings the conflict
// back, and a per-field merge settles it again.
func TestSurveyPackageRoundTrip(t *testing.T) {
	path := surveyProject(t)
	a := &models.Survey{Geometry: orb.Point{106.82, 39.61}, District: "海勃湾区", SiteName: "甲渣堆", Date: "2024-05-01", Priority: 1, Notes: "原始"}
	b := &models.Survey{Geometry: orb.Point{106.83, 39.61}, District: "海勃湾区", SiteName: "乙采坑", Date: "2024-05-02"}
	c := &models.Survey{Geometry: orb.Point{106.84, 39.61}, District: "乌达区", SiteName: "丙塌陷", Date: "2024-05-03"}
	putSurveys(t, path, a, b, c)
	m := openSurveyWindow(t, path, i18n.ZH)
	act(m, m.showSurveyList)
	sl := m.surveys.list
	if sl == nil || len(sl.rows) != 3 {
		t.Fatalf("list rows %v", sl)
	}
	i := slices.Index(sl.district.Options, "海勃湾区（2）")
	if i < 0 {
		t.Fatalf("district filter %q", sl.district.Options)
	}
	act(m, func() { sl.district.SetSelectedIndex(i) })
	if len(sl.rows) != 2 || sl.cell(0, 0) != "海勃湾区" || sl.cell(0, 2) != "2024-05-02" {
		t.Fatalf("filtered rows %d, first %q %q", len(sl.rows), sl.cell(0, 0), sl.cell(0, 2))
	}
	pkg := filepath.Join(t.TempDir(), "海勃湾区调查包.gpkg")
	act(m, func() { sl.exportTo(pkg) })
	if got := windowTexts(sl.win); !strings.Contains(got, "已将 2 条调查记录写入调查包 "+pkg) {
		t.Fatalf("export dialog %q", got)
	}

	// The consultant's changes, in the package.
	ps, err := store.Open(pkg, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ta, _ := ps.Survey(context.Background(), a.UID)
	ta.Notes, ta.Priority = "对方备注", 3
	tb, _ := ps.Survey(context.Background(), b.UID)
	tb.LandCover = "草地"
	for _, s := range []*models.Survey{ta, tb} {
		if err := ps.PutSurvey(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	ps.Close()
	// The planner's change of 甲渣堆, through its form.
	act(m, func() { m.surveys.openForm(m.surveys.byUID(a.UID)) })
	f := m.surveys.form
	act(m, func() { f.notes.SetText("我的备注") })
	if !submitForm(m, f) {
		t.Fatalf("refused %q", f.errLabel.Text)
	}

	act(m, func() { sl.importFrom(pkg) })
	if got := windowTexts(sl.win); !strings.Contains(got, "新增 0 条，更新 1 条，未变 0 条，保留本地修改 0 条，冲突 1 条；新增照片 0 张。") ||
		!strings.Contains(got, "冲突：“甲渣堆”在本项目和调查包中都被修改过") {
		t.Fatalf("import report %q", got)
	}
	if m.surveys.conflicts != 1 || m.surveys.byUID(b.UID).LandCover != "草地" {
		t.Fatalf("conflicts %d, 乙 land cover %q", m.surveys.conflicts, m.surveys.byUID(b.UID).LandCover)
	}

	act(m, func() { m.surveys.showConflicts(sl.win) })
	cv := m.surveys.conflictView
	if cv == nil {
		t.Fatal("no conflict view")
	}
	var fields []string
	for k := range cv.picks {
		fields = append(fields, k)
	}
	slices.Sort(fields)
	if !slices.Equal(fields, []string{"notes", "priority"}) {
		t.Errorf("fields to decide %q", fields)
	}
	if got := windowTexts(sl.win); !strings.Contains(got, "我的备注") || !strings.Contains(got, "对方备注") || !strings.Contains(got, "3（低）") {
		t.Errorf("side by side %q", got)
	}
	act(m, func() { cv.choose("theirs") })
	got := m.surveys.byUID(a.UID)
	if got.Notes != "对方备注" || got.Priority != 3 || m.surveys.conflicts != 0 || m.surveys.conflictView != nil {
		t.Fatalf("after keeping theirs: notes %q priority %d, conflicts %d", got.Notes, got.Priority, m.surveys.conflicts)
	}
	if m.history.undo == nil || m.history.undo.Key != "edit.survey.resolve" {
		t.Errorf("history top %+v", m.history.undo)
	}

	// Undo: the conflict is back, mine as it was; a merge settles it.
	act(m, m.undo)
	if got := m.surveys.byUID(a.UID); got.Notes != "我的备注" || m.surveys.conflicts != 1 {
		t.Fatalf("after undo: notes %q, conflicts %d", got.Notes, m.surveys.conflicts)
	}
	act(m, func() { m.surveys.showConflicts(sl.win) })
	cv = m.surveys.conflictView
	_, theirs := cv.choiceText()
	act(m, func() { cv.picks["priority"].SetSelected(theirs) })
	act(m, func() { cv.choose("merged") })
	if got := m.surveys.byUID(a.UID); got.Notes != "我的备注" || got.Priority != 3 || m.surveys.conflicts != 0 {
		t.Errorf("merged: notes %q priority %d, conflicts %d", got.Notes, got.Priority, m.surveys.conflicts)
	}
}

// TestSurveyPackageRefused: a package from another project and a file
// that is no package are refused with the reason; nothing changes.
func TestSurveyPackageRefused(t *testing.T) {
	other := filepath.Join(t.TempDir(), "别的项目.gpkg")
	ost, err := store.Create(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := ost.PutSurvey(context.Background(), &models.Survey{Geometry: orb.Point{106.8, 39.6}, District: "海南区", SiteName: "外来"}); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(t.TempDir(), "外来调查包.gpkg")
	if _, err := ost.ExportSurveys(context.Background(), foreign, ""); err != nil {
		t.Fatal(err)
	}
	ost.Close()
	junk := filepath.Join(t.TempDir(), "笔记.gpkg")
	if err := os.WriteFile(junk, []byte("不是调查包"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := openSurveyWindow(t, surveyProject(t), i18n.ZH)
	act(m, m.showSurveyList)
	sl := m.surveys.list
	for _, tc := range []struct{ file, want string }{
		{foreign, foreign + " 导出自另一个项目，不能合并到本项目"},
		{junk, junk + " 不是 minerehab 导出的调查包"},
	} {
		act(m, func() { sl.importFrom(tc.file) })
		got := windowTexts(sl.win)
		if !strings.Contains(got, tc.want) || !strings.Contains(got, "项目未作任何改动") {
			t.Errorf("%s: dialog %q lacks %q", filepath.Base(tc.file), got, tc.want)
		}
	}
	if n := len(storedSurveys(t, m)); n != 0 {
		t.Errorf("%d surveys after refused imports", n)
	}
}
