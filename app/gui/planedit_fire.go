package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// A fire point's daily log: its state on the editor's date, flagged red
// when it is still burning without a report for more than a day, the
// reports newest first, and a form to add today's.

type fireEditor struct {
	*planEditor
	id   int64
	name string
	rec  *app.FireRecords

	now   *widget.Label
	list  *fyne.Container
	date  *widget.Entry
	state *choice
	note  *widget.Entry
}

var fireCols = cols{120, 130, 0}

func fireValues() []string {
	return []string{string(models.FireBurning), string(models.FireTreating), string(models.FireExtinguished), string(models.FireReignited)}
}

// showFireLog opens the daily log of a fire point.
func (m *MainWindow) showFireLog(id int64, name string) *fireEditor {
	var fe *fireEditor
	m.openPlanEditor(fmt.Sprint("fire:", id), m.t("planedit.fire.title", i18n.Args{"name": name, "id": id}), fyne.NewSize(640, 620), func(e *planEditor) fyne.CanvasObject {
		fe = &fireEditor{planEditor: e, id: id, name: name}
		e.load = fe.load
		return fe.build()
	})
	return fe
}

func (fe *fireEditor) build() fyne.CanvasObject {
	m := fe.m
	fe.now = widget.NewLabel("")
	fe.now.TextStyle.Bold = true
	fe.now.Wrapping = fyne.TextWrapWord
	fe.list = container.NewVBox()
	fe.date = entryWith("", models.Today().String())
	fe.state = m.newChoice("plan.fire.", fireValues(), "")
	fe.note = entryWith("", m.t("planedit.optional", nil))
	add := widget.NewButtonWithIcon(m.t("planedit.fire.add", nil), theme.ContentAddIcon(), fe.add)
	add.Importance = widget.HighImportance
	form := formGrid(1, m.lbl("plan.field.date"), fe.date, m.lbl("plan.field.state"), fe.state, m.lbl("plan.field.note"), fe.note)
	head := row(fireCols, headCell(m.heading("plan.field.date")), headCell(m.heading("plan.field.state")), headCell(m.heading("plan.field.note")))
	return container.NewBorder(container.NewVBox(fe.now, head), container.NewVBox(widget.NewSeparator(), form, container.NewHBox(add)),
		nil, nil, fe.vscroll(fe.list))
}

func (fe *fireEditor) load() {
	d, ok := fe.planEditor.date()
	if !ok {
		return
	}
	fe.read(func(ctx context.Context, p app.Planning) (any, error) {
		return app.FireRecordsOn(ctx, p, fe.id, d)
	}, func(v any) {
		fe.rec = v.(*app.FireRecords)
		fe.show()
	})
}

func (fe *fireEditor) show() {
	r, m := fe.rec, fe.m
	if r.Point.Name != "" {
		fe.name = r.Point.Name
	}
	switch {
	case r.State == "":
		fe.now.SetText(m.t("planedit.fire.no_reports", i18n.Args{"date": r.AsOf.String()}))
		fe.now.Importance = widget.MediumImportance
	case r.Stale:
		fe.now.SetText(m.t("planedit.fire.stale", i18n.Args{"date": r.AsOf.String(), "state": m.valueText("plan.fire.", string(r.State)), "days": r.DaysSince}))
		fe.now.Importance = widget.DangerImportance
	default:
		fe.now.SetText(m.t("planedit.fire.now", i18n.Args{"date": r.AsOf.String(), "state": m.valueText("plan.fire.", string(r.State)), "days": r.DaysSince}))
		fe.now.Importance = widget.MediumImportance
		if r.State.Active() {
			fe.now.Importance = widget.WarningImportance
		}
	}
	fe.now.Refresh()
	fe.list.RemoveAll()
	if len(r.Log) == 0 {
		fe.list.Add(widget.NewLabel(m.t("planedit.none", nil)))
	}
	for i := len(r.Log) - 1; i >= 0; i-- {
		l := r.Log[i]
		st := cell(m.valueText("plan.fire.", string(l.State)))
		if l.State.Active() {
			st.Importance = widget.WarningImportance
		}
		fe.list.Add(row(fireCols, cell(l.Date.String()), st, cell(l.Note)))
	}
	fe.list.Refresh()
	fe.relayout()
}

func (fe *fireEditor) add() {
	date, state, note := fe.date.Text, fe.state.value(), fe.note.Text
	if date == "" {
		date = models.Today().String()
	}
	unchanged := fe.t("planedit.unchanged", nil)
	fe.write(editLabel("fire_add", map[string]string{"name": fe.name, "date": date, "state": state}), func(ctx context.Context, p app.Planning) (string, error) {
		added, err := app.AddFireLog(ctx, p, fe.id, date, state, note)
		if err == nil && !added {
			return unchanged, nil
		}
		return "", err
	}, func() { fe.note.SetText("") })
}
