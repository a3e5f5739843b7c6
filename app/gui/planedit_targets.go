package gui

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The green-mine targets (Tools > Targets…): each target's deadline, rate
// and optional minimum count with what it needs on the editor's date (the
// figures of `minerehab progress`), added, edited and deleted. A new
// project has the policy's two: 47.6% by 2023-12-31 and 100% by
// 2025-12-31.

type targetsEditor struct {
	*planEditor
	rows []app.TargetRow
	prog *models.Progress

	summary                  *widget.Label
	list                     *fyne.Container
	editing                  int64
	mode                     *widget.Label
	date, rate, count, label *widget.Entry
}

var targetCols = cols{120, 90, 90, 100, 90, 90, 0, 190}

// showTargets opens the targets window.
func (m *MainWindow) showTargets() *targetsEditor {
	var te *targetsEditor
	m.openPlanEditor("targets", m.t("planedit.targets.title", nil), fyne.NewSize(980, 520), func(e *planEditor) fyne.CanvasObject {
		te = &targetsEditor{planEditor: e}
		e.load = te.load
		return te.build()
	})
	return te
}

func (te *targetsEditor) build() fyne.CanvasObject {
	m := te.m
	te.summary = widget.NewLabel("")
	te.summary.TextStyle.Bold = true
	te.list = container.NewVBox()
	te.mode = widget.NewLabel("")
	te.mode.TextStyle.Bold = true
	te.date = entryWith("", "2025-12-31")
	te.rate = entryWith("", "47.6%")
	te.count = entryWith("", m.t("planedit.optional", nil))
	te.label = entryWith("", m.t("planedit.optional", nil))
	save := widget.NewButtonWithIcon(m.t("planedit.save", nil), theme.DocumentSaveIcon(), te.save)
	save.Importance = widget.HighImportance
	clear := widget.NewButtonWithIcon(m.t("planedit.new", nil), theme.ContentClearIcon(), te.clear)
	form := formGrid(2, m.lbl("planedit.col.deadline"), te.date, m.lbl("planedit.col.rate"), te.rate,
		m.lbl("planedit.col.min_count"), te.count, m.lbl("planedit.col.label"), te.label)
	head := row(targetCols, headCell(m.heading("planedit.col.deadline")), headCell(m.heading("planedit.col.rate")), headCell(m.heading("planedit.col.min_count")),
		headCell(m.heading("planedit.col.required")), headCell(m.heading("planedit.col.needed")), headCell(m.heading("planedit.col.days_left")),
		headCell(m.heading("planedit.col.label")), widget.NewLabel(""))
	te.clear()
	return container.NewBorder(container.NewVBox(te.summary, head), container.NewVBox(widget.NewSeparator(), te.mode, form, container.NewHBox(save, clear)),
		nil, nil, te.vscroll(te.list))
}

func (te *targetsEditor) load() {
	d, ok := te.planEditor.date()
	if !ok {
		return
	}
	type result struct {
		rows []app.TargetRow
		p    *models.Progress
	}
	te.read(func(ctx context.Context, p app.Planning) (any, error) {
		rows, prog, err := app.TargetsOn(ctx, p, d)
		return result{rows, prog}, err
	}, func(v any) {
		r := v.(result)
		te.rows, te.prog = r.rows, r.p
		te.show()
	})
}

func (te *targetsEditor) show() {
	m, p := te.m, te.prog
	te.summary.SetText(m.t("planedit.targets.summary", i18n.Args{"date": p.AsOf.String(), "counted": p.Counted, "green": p.Green,
		"rate": fmt.Sprintf("%.1f%%", 100*p.Rate)}))
	te.list.RemoveAll()
	if len(te.rows) == 0 {
		te.list.Add(widget.NewLabel(m.t("planedit.targets.none", nil)))
	}
	for _, r := range te.rows {
		edit := smallButton(m.t("planedit.edit", nil), theme.DocumentCreateIcon(), func() { te.edit(r.Target) })
		del := smallButton(m.t("planedit.delete", nil), theme.DeleteIcon(), func() {
			te.write(editLabel("target_delete", map[string]string{"date": r.Date.String()}), func(ctx context.Context, p app.Planning) (string, error) {
				return "", p.DeleteTarget(ctx, r.ID)
			}, func() {
				if te.editing == r.ID {
					te.clear()
				}
			})
		})
		min := "—"
		if r.MinCount > 0 {
			min = strconv.Itoa(r.MinCount)
		}
		needed := cell(strconv.Itoa(r.Progress.Needed))
		if r.Progress.Needed > 0 {
			needed.Importance = widget.DangerImportance
			needed.TextStyle.Bold = true
		} else {
			needed.Importance = widget.SuccessImportance
		}
		te.list.Add(row(targetCols, cell(r.Date.String()), cell(ratePct(r.Rate)), cell(min),
			cell(strconv.Itoa(r.Progress.Required)), needed, cell(strconv.Itoa(r.Progress.DaysLeft)), cell(r.Label), container.NewHBox(edit, del)))
	}
	te.list.Refresh()
	te.relayout()
}

func (te *targetsEditor) clear() {
	te.editing = 0
	te.mode.SetText(te.t("planedit.targets.adding", nil))
	for _, e := range []*widget.Entry{te.date, te.rate, te.count, te.label} {
		e.SetText("")
	}
}

func (te *targetsEditor) edit(t models.Target) {
	te.editing = t.ID
	te.mode.SetText(te.t("planedit.targets.editing", i18n.Args{"date": t.Date.String()}))
	te.date.SetText(t.Date.String())
	te.rate.SetText(ratePct(t.Rate))
	te.count.SetText("")
	if t.MinCount > 0 {
		te.count.SetText(strconv.Itoa(t.MinCount))
	}
	te.label.SetText(t.Label)
}

func (te *targetsEditor) save() {
	id, date, rate, count, label := te.editing, te.date.Text, te.rate.Text, te.count.Text, te.label.Text
	key := "target_add"
	if id != 0 {
		key = "target_edit"
	}
	te.write(editLabel(key, map[string]string{"date": date, "rate": rate}), func(ctx context.Context, p app.Planning) (string, error) {
		_, err := app.SaveTarget(ctx, p, id, date, rate, count, label)
		return "", err
	}, te.clear)
}

// ratePct writes a rate as a percentage without float noise: 0.476 is
// 47.6%, not 47.599999999999994% (rates are kept to six decimals).
func ratePct(rate float64) string {
	return strconv.FormatFloat(math.Round(rate*1e6)/1e4, 'f', -1, 64) + "%"
}
