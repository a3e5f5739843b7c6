package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The mine editor's plan units and measures: the mine's units, each with
// its measures (planned area, volume, budget, responsible unit, start and
// end) and where each stands on the editor's date (not started, on track,
// behind, overdue, done, with days late: models.MeasureStatusOnTotal
// through app.PlanOn); a measure's progress entries (date, quantity done,
// note) are listed and added below.

// unitsTab is the plan tab's widgets.
type unitsTab struct {
	list     *fyne.Container
	unitName *widget.Entry

	editing                                       int64 // the measure in the form, 0 for a new one
	mode                                          *widget.Label
	unit, kind                                    *choice
	area, volume, budget, resp, start, end, mNote *widget.Entry

	progFor                        int64 // the measure whose progress is shown, 0 when none
	progHead                       *widget.Label
	progList                       *fyne.Container
	progBox                        *fyne.Container
	progDate, progArea, progVolume *widget.Entry
	progNote                       *widget.Entry
}

var measureCols = cols{100, 110, 140, 110, 110, 95, 95, 55, 170, 0}
var progressCols = cols{110, 100, 110, 0, 110}

func measureValues() []string {
	out := make([]string, len(models.MeasureKinds))
	for i, k := range models.MeasureKinds {
		out[i] = string(k)
	}
	return out
}

func (me *mineEditor) buildUnits() fyne.CanvasObject {
	m, t := me.m, &me.units
	t.list = container.NewVBox()
	t.unitName = entryWith("", m.t("planedit.unit.name_hint", nil))
	addUnit := widget.NewButtonWithIcon(m.t("planedit.unit.add", nil), theme.ContentAddIcon(), me.addUnit)
	t.mode = widget.NewLabel("")
	t.mode.TextStyle.Bold = true
	t.unit = m.newChoice("", nil, "")
	t.kind = m.newChoice("plan.measure.", measureValues(), "")
	t.area = entryWith("", "0")
	t.volume = entryWith("", "0")
	t.budget = entryWith("", "0")
	t.resp = entryWith("", m.t("planedit.optional", nil))
	t.start = entryWith("", "2021-04-01")
	t.end = entryWith("", "2023-12-31")
	t.mNote = entryWith("", m.t("planedit.optional", nil))
	save := widget.NewButtonWithIcon(m.t("planedit.save", nil), theme.DocumentSaveIcon(), me.saveMeasure)
	save.Importance = widget.HighImportance
	clear := widget.NewButtonWithIcon(m.t("planedit.new", nil), theme.ContentClearIcon(), me.newMeasure)
	form := formGrid(2,
		m.lbl("plan.field.plan_unit"), t.unit, m.lbl("plan.field.kind"), t.kind,
		m.lbl("plan.field.area_ha"), t.area, m.lbl("plan.field.volume_m3"), t.volume,
		m.lbl("plan.field.budget_wan"), t.budget, m.lbl("plan.field.responsible"), t.resp,
		m.lbl("plan.field.start"), t.start, m.lbl("plan.field.end"), t.end,
		m.lbl("plan.field.note"), t.mNote)
	me.newMeasure()

	// Progress of one measure.
	t.progHead = heading("")
	t.progList = container.NewVBox()
	t.progDate = entryWith("", models.Today().String())
	t.progArea = entryWith("", "0")
	t.progVolume = entryWith("", "0")
	t.progNote = entryWith("", m.t("planedit.optional", nil))
	addProg := widget.NewButtonWithIcon(m.t("planedit.progress.add", nil), theme.ContentAddIcon(), me.addProgress)
	addProg.Importance = widget.HighImportance
	progForm := formGrid(2, m.lbl("plan.field.date"), t.progDate, m.lbl("plan.field.area_ha"), t.progArea,
		m.lbl("plan.field.volume_m3"), t.progVolume, m.lbl("plan.field.note"), t.progNote)
	t.progBox = container.NewVBox(widget.NewSeparator(), t.progHead,
		row(progressCols, headCell(m.heading("plan.field.date")), headCell(m.heading("plan.field.area_ha")), headCell(m.heading("plan.field.volume_m3")),
			headCell(m.heading("plan.field.note")), widget.NewLabel("")),
		t.progList, progForm, container.NewHBox(addProg))
	t.progBox.Hide()

	top := container.NewBorder(nil, nil, nil, addUnit, t.unitName)
	body := container.NewVBox(t.list, t.progBox, widget.NewSeparator(), t.mode, form, container.NewHBox(save, clear))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, me.vscroll(body))
}

func (me *mineEditor) addUnit() {
	name := me.units.unitName.Text
	me.write(editLabel("unit_add", me.labelArgs("unit", name)), func(ctx context.Context, p app.Planning) (string, error) {
		_, err := app.AddMineUnit(ctx, p, me.id, name)
		return "", err
	}, func() { me.units.unitName.SetText("") })
}

// newMeasure empties the measure form.
func (me *mineEditor) newMeasure() {
	t := &me.units
	t.editing = 0
	t.mode.SetText(me.t("planedit.measure.adding", nil))
	for _, e := range []*widget.Entry{t.area, t.volume, t.budget, t.resp, t.start, t.end, t.mNote} {
		e.SetText("")
	}
	t.kind.set("")
}

// editMeasure fills the form with a measure.
func (me *mineEditor) editMeasure(u app.UnitView, mv app.MeasureView) {
	t, m := &me.units, me.m
	t.editing = mv.ID
	t.mode.SetText(m.t("planedit.measure.editing", i18n.Args{"kind": m.valueText("plan.measure.", string(mv.Kind)), "unit": u.Name}))
	t.unit.set(fmt.Sprint(u.ID))
	t.kind.set(string(mv.Kind))
	t.area.SetText(number(mv.AreaHa, false))
	t.volume.SetText(number(mv.VolumeM3, false))
	t.budget.SetText(number(mv.BudgetWan, false))
	t.resp.SetText(mv.Responsible)
	t.start.SetText(mv.Start.String())
	t.end.SetText(mv.End.String())
	t.mNote.SetText(mv.Note)
}

func (me *mineEditor) saveMeasure() {
	t := &me.units
	f := app.MeasureForm{ID: t.editing, Kind: t.kind.value(), Area: t.area.Text, Volume: t.volume.Text, Budget: t.budget.Text,
		Responsible: t.resp.Text, Start: t.start.Text, End: t.end.Text, Note: t.mNote.Text}
	fmt.Sscan(t.unit.value(), &f.UnitID)
	if f.UnitID == 0 {
		me.setError(me.m.errorText(&models.PlanError{Code: models.CodeMissingField, Field: "plan_unit"}))
		return
	}
	key := "measure_add"
	if f.ID != 0 {
		key = "measure_edit"
	}
	me.write(editLabel(key, me.labelArgs("kind", f.Kind)), func(ctx context.Context, p app.Planning) (string, error) {
		_, err := app.SaveMeasure(ctx, p, f)
		return "", err
	}, me.newMeasure)
}

func (me *mineEditor) showUnits() {
	r, m, t := me.rec, me.m, &me.units
	// Units for the measure form's choice.
	var ids, names []string
	for _, u := range r.Units {
		ids = append(ids, fmt.Sprint(u.ID))
		names = append(names, u.Name)
	}
	cur := t.unit.value()
	t.unit.values, t.unit.Options = ids, names
	if cur == "" && len(ids) > 0 {
		cur = ids[0]
	}
	t.unit.set(cur)

	t.list.RemoveAll()
	if len(r.Units) == 0 {
		t.list.Add(widget.NewLabel(m.t("planedit.unit.none", nil)))
	}
	progShown := false
	for _, u := range r.Units {
		delUnit := smallButton(m.t("planedit.unit.delete", nil), theme.DeleteIcon(), func() {
			dialog.ShowConfirm(m.t("planedit.unit.delete", nil), m.t("planedit.unit.delete_ask", i18n.Args{"unit": u.Name, "n": len(u.Measures)}), func(ok bool) {
				if !ok {
					return
				}
				me.write(editLabel("unit_delete", me.labelArgs("unit", u.Name)), func(ctx context.Context, p app.Planning) (string, error) {
					return "", p.DeletePlanUnit(ctx, u.ID)
				}, nil)
			}, me.win)
		})
		title := heading(m.t("planedit.unit.head", i18n.Args{"unit": u.Name, "n": len(u.Measures), "budget": number(u.BudgetWan, false)}))
		t.list.Add(container.NewBorder(nil, nil, nil, delUnit, title))
		if len(u.Measures) == 0 {
			t.list.Add(widget.NewLabel(m.t("planedit.measure.none", nil)))
			continue
		}
		t.list.Add(row(measureCols, headCell(m.heading("plan.field.kind")), headCell(m.heading("planedit.col.area")), headCell(m.heading("planedit.col.volume")),
			headCell(m.heading("planedit.col.budget")), headCell(m.heading("plan.field.responsible")), headCell(m.heading("plan.field.start")),
			headCell(m.heading("plan.field.end")), headCell(m.heading("planedit.col.done")), headCell(m.heading("planedit.col.on_date")), widget.NewLabel("")))
		for _, mv := range u.Measures {
			prog := smallButton(m.t("planedit.measure.progress", nil), theme.ListIcon(), func() {
				t.progFor = mv.ID
				me.showUnits()
				me.relayout()
			})
			edit := smallButton(m.t("planedit.edit", nil), theme.DocumentCreateIcon(), func() { me.editMeasure(u, mv) })
			del := smallButton(m.t("planedit.delete", nil), theme.DeleteIcon(), func() {
				me.write(editLabel("measure_delete", me.labelArgs("kind", string(mv.Kind), "unit", u.Name)), func(ctx context.Context, p app.Planning) (string, error) {
					return "", p.DeleteMeasure(ctx, mv.ID)
				}, nil)
			})
			t.list.Add(row(measureCols, cell(m.valueText("plan.measure.", string(mv.Kind))),
				cell(m.t("planedit.of", i18n.Args{"done": number(mv.Total.AreaHa, false), "plan": number(mv.AreaHa, false)})),
				cell(m.t("planedit.of", i18n.Args{"done": number(mv.Total.VolumeM3, false), "plan": number(mv.VolumeM3, false)})),
				cell(number(mv.BudgetWan, true)), cell(mv.Responsible), cell(dateOrDash(mv.Start)), cell(dateOrDash(mv.End)),
				cell(fmt.Sprintf("%.0f%%", 100*mv.Done)), m.statusCell(mv.Status, mv.DaysLate), container.NewHBox(prog, edit, del)))
			if mv.ID == t.progFor {
				progShown = true
				me.showProgress(u, mv)
			}
		}
	}
	t.list.Refresh()
	if !progShown {
		t.progFor = 0
		t.progBox.Hide()
	}
}

// showProgress lists a measure's progress entries.
func (me *mineEditor) showProgress(u app.UnitView, mv app.MeasureView) {
	m, t := me.m, &me.units
	t.progHead.SetText(m.t("planedit.progress.head", i18n.Args{"kind": m.valueText("plan.measure.", string(mv.Kind)), "unit": u.Name,
		"area": number(mv.AreaHa, false), "volume": number(mv.VolumeM3, false)}))
	t.progList.RemoveAll()
	entries := me.rec.Progress[mv.ID]
	if len(entries) == 0 {
		t.progList.Add(widget.NewLabel(m.t("planedit.none", nil)))
	}
	for _, p := range entries {
		del := smallButton(m.t("planedit.delete", nil), theme.DeleteIcon(), func() {
			me.write(editLabel("progress_delete", me.labelArgs("date", p.Date.String())), func(ctx context.Context, ps app.Planning) (string, error) {
				return "", ps.DeleteProgress(ctx, p.ID)
			}, nil)
		})
		t.progList.Add(row(progressCols, cell(p.Date.String()), cell(number(p.AreaHa, true)), cell(number(p.VolumeM3, true)), cell(p.Note), del))
	}
	t.progList.Refresh()
	t.progBox.Show()
}

func (me *mineEditor) addProgress() {
	t := &me.units
	id := t.progFor
	date, area, volume, note := t.progDate.Text, t.progArea.Text, t.progVolume.Text, t.progNote.Text
	if date == "" {
		date = models.Today().String()
	}
	unchanged := me.t("planedit.unchanged", nil)
	me.write(editLabel("progress_add", me.labelArgs("date", date)), func(ctx context.Context, p app.Planning) (string, error) {
		added, err := app.AddProgressEntry(ctx, p, id, date, area, volume, note)
		if err == nil && !added {
			return unchanged, nil
		}
		return "", err
	}, func() {
		t.progArea.SetText("")
		t.progVolume.SetText("")
		t.progNote.SetText("")
	})
}
