package gui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The record editors: windows in which a planner keeps the planning data
// of one mine (status and green-mine histories, planning facts, problem
// list, plan units with measures and progress), one fire point (its daily
// log), one consolidation zone (milestones, member share) and the
// green-mine targets. They are opened from the inspector's Records…
// button and the Tools menu. Each reads through an app use case on the
// I/O worker; each write is one store call made with a labelled context
// (models.WithEditLabel), so it is one entry of the project's history,
// undone and redone by Ctrl+Z / Ctrl+Y like a feature edit (a changed
// mineral or method, attributes of the mines layer, are feature edits of
// their own). After a write,
// and after an undo or redo (dataChanged), every open editor re-reads its
// data and the map and the dashboard refresh. Values are checked as
// `minerehab record` checks a spreadsheet; a refusal is one sentence in
// red naming the field.

// planEditor is one open record window.
type planEditor struct {
	m    *MainWindow
	win  fyne.Window
	key  string // "mine:12", "fire:3", "zone:2", "targets": one window each
	path string // the project it edits

	asOf    *widget.Entry // the date the states are computed on ("" = today)
	errText *widget.Label // the last refusal, in red
	okText  *widget.Label // the last write, quietly
	// load re-reads the editor's data on the I/O worker and shows it.
	load func()
	// scrolls are the lists' scrolls, refitted when lists change length.
	scrolls []*container.Scroll
}

// planEditors are the open record windows of each main window; only the
// UI goroutine touches them (the lock keeps concurrent tests apart).
var planEditors = struct {
	sync.Mutex
	of map[*MainWindow]map[string]*planEditor
}{of: map[*MainWindow]map[string]*planEditor{}}

func (m *MainWindow) planEditor(key string) *planEditor {
	planEditors.Lock()
	defer planEditors.Unlock()
	return planEditors.of[m][key]
}

func (m *MainWindow) planEditorList() []*planEditor {
	planEditors.Lock()
	defer planEditors.Unlock()
	var out []*planEditor
	for _, e := range planEditors.of[m] {
		out = append(out, e)
	}
	return out
}

// openPlanEditor raises the window of key if it is open, else builds one
// with build (which sets e.load and the content) and shows it.
func (m *MainWindow) openPlanEditor(key, title string, size fyne.Size, build func(e *planEditor) fyne.CanvasObject) *planEditor {
	if m.path == "" || m.busy {
		return nil
	}
	if e := m.planEditor(key); e != nil {
		e.win.RequestFocus()
		e.load()
		return e
	}
	e := &planEditor{m: m, key: key, path: m.path, win: m.app.NewWindow(title), asOf: widget.NewEntry(),
		errText: widget.NewLabel(""), okText: widget.NewLabel("")}
	e.asOf.SetPlaceHolder(models.Today().String())
	e.errText.Importance = widget.DangerImportance
	e.errText.Wrapping = fyne.TextWrapWord
	e.errText.Hide()
	e.okText.Importance = widget.SuccessImportance
	e.okText.Truncation = fyne.TextTruncateEllipsis
	body := build(e)
	e.asOf.OnSubmitted = func(string) { e.load() }
	refresh := widget.NewButtonWithIcon(m.t("planedit.refresh", nil), theme.ViewRefreshIcon(), func() { e.load() })
	top := container.NewBorder(nil, nil, widget.NewLabel(m.t("planedit.as_of", nil)), refresh, e.asOf)
	e.win.SetContent(container.NewBorder(container.NewPadded(top), container.NewPadded(container.NewVBox(e.errText, e.okText)), nil, nil, body))
	e.win.Resize(size)
	e.win.SetOnClosed(func() {
		planEditors.Lock()
		delete(planEditors.of[m], key)
		planEditors.Unlock()
	})
	// Ctrl+Z / Ctrl+Y in an editor undo and redo in the project's history.
	m.addHistoryShortcuts(e.win.Canvas())
	planEditors.Lock()
	if planEditors.of[m] == nil {
		planEditors.of[m] = map[string]*planEditor{}
	}
	planEditors.of[m][key] = e
	planEditors.Unlock()
	e.win.Show()
	e.load()
	return e
}

// planDataChanged is dataChanged's part for the records: every open
// editor re-reads its data, and the dashboard its figures.
func (m *MainWindow) planDataChanged() {
	for _, e := range m.planEditorList() {
		e.load()
	}
	if m.dash != nil {
		m.dash.reread()
	}
}

// date is the editor's as-of date (0: today); a bad date is said in red.
func (e *planEditor) date() (models.Date, bool) {
	s := strings.TrimSpace(e.asOf.Text)
	if s == "" {
		return models.Today(), true
	}
	d, err := app.ParsePlanDate("date", s, true)
	if err != nil {
		e.setError(e.m.errorText(err))
		return 0, false
	}
	return d, true
}

// read runs fn on the I/O worker with the project's planning store and
// hands its result to show on the UI goroutine. An editor whose project
// was closed or replaced closes itself.
func (e *planEditor) read(fn func(ctx context.Context, p app.Planning) (any, error), show func(v any)) {
	m := e.m
	if m.path != e.path {
		e.win.Close()
		return
	}
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		p, err := app.PlanningOf(m.store)
		var v any
		if err == nil {
			v, err = fn(m.ctx, p)
		}
		m.ui(func() {
			if m.path != e.path {
				e.win.Close()
				return
			}
			if err != nil {
				e.setError(m.errorText(err))
				return
			}
			show(v)
		})
	})
}

// write makes one store change labelled label (one undoable edit) on the
// I/O worker. A refusal is shown in red and done is not called; otherwise
// done runs with the op's message (shown quietly, "" for none), and the
// map, the dashboard and every editor refresh.
func (e *planEditor) write(label models.Label, op func(ctx context.Context, p app.Planning) (string, error), done func()) {
	m := e.m
	if m.path != e.path {
		e.win.Close()
		return
	}
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		p, err := app.PlanningOf(m.store)
		var msg string
		if err == nil {
			msg, err = op(models.WithEditLabel(m.ctx, label), p)
		}
		h := m.readHistory()
		m.ui(func() {
			m.history = h
			m.refreshEditMenu()
			if err != nil {
				e.setError(m.errorText(err))
				m.status.show("gui.status.edit_refused", i18n.Args{"detail": m.errorText(err)})
				return
			}
			e.setError("")
			if msg == "" {
				msg = m.labelText(label)
			}
			e.okText.SetText(msg)
			m.status.show("gui.status.plain", i18n.Args{"text": msg})
			if done != nil {
				done()
			}
			m.dataChanged()
		})
	})
}

// relayout lays the whole window out again after lists changed length
// (a container's Refresh lays out itself and its children, not its parents).
func (e *planEditor) relayout() {
	for _, s := range e.scrolls {
		c := s.Content
		c.Resize(c.MinSize().Max(s.Size()))
		if cc, ok := c.(*fyne.Container); ok {
			cc.Refresh() // lays its rows out even when its size did not change
		}
		s.Refresh()
	}
}

// vscroll is a vertical scroll over o that relayout keeps fitted.
func (e *planEditor) vscroll(o fyne.CanvasObject) *container.Scroll {
	s := container.NewVScroll(o)
	e.scrolls = append(e.scrolls, s)
	return s
}

// sideForm puts a form column (fixed width) to the right of a list.
func sideForm(list fyne.CanvasObject, form ...fyne.CanvasObject) fyne.CanvasObject {
	w := canvas.NewRectangle(color.Transparent)
	w.SetMinSize(fyne.NewSize(400, 1))
	col := container.NewVBox(append([]fyne.CanvasObject{w}, form...)...)
	return container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewSeparator(), container.NewVScroll(col)), list)
}

// setError shows a refusal ("" hides it).
func (e *planEditor) setError(s string) {
	e.errText.SetText(s)
	if s == "" {
		e.errText.Hide()
	} else {
		e.okText.SetText("")
		e.errText.Show()
	}
}

func (e *planEditor) t(key string, args i18n.Args) string { return e.m.t(key, args) }

// editLabel is the history label of a record write.
func editLabel(key string, args map[string]string) models.Label {
	return models.Label{Key: "edit.plan." + key, Args: args}
}

// cols lays a row's cells out at fixed widths; a width of 0 takes what is
// left (at least its own minimum). Rows built with the same widths line up
// as a table.
type cols []float32

func (c cols) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		ms := o.MinSize()
		if i < len(c) && c[i] > 0 {
			w += c[i]
		} else {
			w += ms.Width
		}
		h = max(h, ms.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(max(0, len(objs)-1)), h)
}

func (c cols) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed, flex := float32(0), 0
	for i := range objs {
		if i < len(c) && c[i] > 0 {
			fixed += c[i]
		} else {
			flex++
		}
	}
	spare := size.Width - fixed - pad*float32(max(0, len(objs)-1))
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		if i < len(c) && c[i] > 0 {
			w = c[i]
		} else if flex > 0 {
			w = max(o.MinSize().Width, spare/float32(flex))
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// row lays cells out at widths.
func row(widths cols, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(widths, cells...)
}

// cell is a table cell: one line, cut with an ellipsis when too long.
func cell(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// headCell is a bold column heading.
func headCell(s string) *widget.Label {
	l := cell(s)
	l.TextStyle.Bold = true
	return l
}

// smallButton is a row's action.
func smallButton(text string, icon fyne.Resource, tap func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, icon, tap)
	b.Importance = widget.LowImportance
	return b
}

// choice is a drop-down of canonical values shown translated.
type choice struct {
	*widget.Select
	values []string
}

// newChoice lists values with labels from prefix+value (the value itself
// when the catalogue has none); first is selected when not "".
func (m *MainWindow) newChoice(prefix string, values []string, first string) *choice {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = m.valueText(prefix, v)
	}
	c := &choice{Select: widget.NewSelect(labels, nil), values: values}
	c.PlaceHolder = m.t("planedit.choose", nil)
	c.set(first)
	return c
}

// value is the canonical value picked ("" when none).
func (c *choice) value() string {
	i := c.SelectedIndex()
	if i < 0 || i >= len(c.values) {
		return ""
	}
	return c.values[i]
}

// set picks v ("" clears).
func (c *choice) set(v string) {
	for i, x := range c.values {
		if x == v {
			c.SetSelectedIndex(i)
			return
		}
	}
	c.ClearSelected()
}

// valueText translates a canonical value with prefix ("plan.green." …),
// or returns it as it is when the catalogue has no word for it.
func (m *MainWindow) valueText(prefix, v string) string {
	if s := m.t(prefix+v, nil); s != prefix+v {
		return s
	}
	return v
}

// entryWith is a one-line entry holding text, with a placeholder.
func entryWith(text, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// dateOrDash formats a date, "—" when there is none.
func dateOrDash(d models.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.String()
}

// number formats a quantity without trailing zeros ("—" for 0 when dash).
func number(v float64, dash bool) string {
	if v == 0 && dash {
		return "—"
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}

// formGrid lays label/widget pairs out in n columns of pairs.
func formGrid(n int, pairs ...fyne.CanvasObject) *fyne.Container {
	var columns []fyne.CanvasObject
	per := (len(pairs)/2 + n - 1) / n
	for c := 0; c < n; c++ {
		f := container.New(layout.NewFormLayout())
		for i := c * per * 2; i < min(len(pairs), (c+1)*per*2); i++ {
			f.Add(pairs[i])
		}
		columns = append(columns, f)
	}
	return container.NewGridWithColumns(n, columns...)
}

// lbl is a form label.
func (m *MainWindow) lbl(key string) *widget.Label { return widget.NewLabel(m.heading(key)) }

// heading is a label or column heading: the catalogue's field names are
// written for sentences ("licence start"), a heading starts with a capital.
func (m *MainWindow) heading(key string) string {
	s := m.t(key, nil)
	if r, n := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

// statusText words a deadline status with days late ("overdue, 12 days late").
func (m *MainWindow) statusText(st models.DeadlineStatus, late int) string {
	s := m.t("plan.status."+string(st), nil)
	if st == models.Done && late > 0 {
		return m.t("planedit.done_late", i18n.Args{"days": late})
	}
	if late > 0 {
		s = m.t("planedit.days_late", i18n.Args{"status": s, "days": late})
	}
	return s
}

// statusCell is a deadline status cell, red when overdue, orange-ish
// (warning) when behind.
func (m *MainWindow) statusCell(st models.DeadlineStatus, late int) *widget.Label {
	l := cell(m.statusText(st, late))
	switch st {
	case models.Overdue:
		l.Importance = widget.DangerImportance
		l.TextStyle.Bold = true
	case models.Behind:
		l.Importance = widget.WarningImportance
	case models.Done:
		l.Importance = widget.SuccessImportance
	}
	return l
}

// showRecords opens the editor that fits f: a mine's records, a fire
// point's log or a zone's milestones.
func (m *MainWindow) showRecords(f *models.Feature) {
	if f == nil {
		return
	}
	switch f.Layer {
	case models.LayerMines:
		m.showMineRecords(f.ID, f.Attrs.Name)
	case models.LayerFirePoints:
		m.showFireLog(f.ID, f.Attrs.Name)
	case models.LayerZones:
		m.showZoneRecords(f.ID, f.Attrs.Name)
	}
}

// hasRecords reports whether f has a record editor.
func hasRecords(f *models.Feature) bool {
	return f != nil && (f.Layer == models.LayerMines || f.Layer == models.LayerFirePoints || f.Layer == models.LayerZones)
}

// recordsKey is the inspector's button text for f's editor.
func recordsKey(f *models.Feature) string {
	switch f.Layer {
	case models.LayerFirePoints:
		return "planedit.button.fire"
	case models.LayerZones:
		return "planedit.button.zone"
	}
	return "planedit.button.mine"
}

// showSelectedRecords opens the records of the feature the inspector shows.
func (m *MainWindow) showSelectedRecords() {
	if m.current >= 0 && m.current < len(m.selected) {
		m.showRecords(m.selected[m.current])
	}
}

// selectedHasRecords: the feature the inspector shows has an editor.
func (m *MainWindow) selectedHasRecords() bool {
	return m.current >= 0 && m.current < len(m.selected) && hasRecords(m.selected[m.current])
}

// mineRecordsItem is Tools > Mine records…: the records of the selected mine.
func (m *MainWindow) mineRecordsItem() *fyne.MenuItem {
	it := fyne.NewMenuItem(m.t("planedit.menu.records", nil), m.showSelectedRecords)
	it.Disabled = m.path == "" || m.busy || !m.selectedHasRecords() || m.selected[m.current].Layer != models.LayerMines
	return it
}

// targetsItem is Tools > Targets….
func (m *MainWindow) targetsItem() *fyne.MenuItem {
	it := fyne.NewMenuItem(m.t("planedit.menu.targets", nil), func() { m.showTargets() })
	it.Disabled = m.path == "" || m.busy
	return it
}
