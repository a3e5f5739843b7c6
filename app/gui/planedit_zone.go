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
)

// A consolidation zone's milestones (by default the policy's: plan
// 2021-04-30, demonstration 2021-12-31, basically complete 2022-12-31,
// complete 2023-12-31), each with its due and done dates and its status on
// the editor's date, and the member share (the part of a mine's area that
// must lie inside the zone for it to be a member).

type zoneEditor struct {
	*planEditor
	id   int64
	name string
	rec  *app.ZoneSummary

	summary *widget.Label
	share   *widget.Entry
	shareAt float64 // the stored share the entry was last filled with
	list    *fyne.Container
	newKey  *widget.Entry
	newDue  *widget.Entry
}

var milestoneCols = cols{180, 120, 120, 0, 160, 90}

// showZoneRecords opens the milestones of a zone.
func (m *MainWindow) showZoneRecords(id int64, name string) *zoneEditor {
	var ze *zoneEditor
	m.openPlanEditor(fmt.Sprint("zone:", id), m.t("planedit.zone.title", i18n.Args{"name": name}), fyne.NewSize(940, 560), func(e *planEditor) fyne.CanvasObject {
		ze = &zoneEditor{planEditor: e, id: id, name: name}
		e.load = ze.load
		return ze.build()
	})
	return ze
}

func (ze *zoneEditor) build() fyne.CanvasObject {
	m := ze.m
	ze.summary = widget.NewLabel("")
	ze.summary.Wrapping = fyne.TextWrapWord
	ze.share = entryWith("", "0.5")
	saveShare := widget.NewButtonWithIcon(m.t("planedit.save", nil), theme.DocumentSaveIcon(), ze.saveShare)
	shareRow := container.NewBorder(nil, nil, m.lbl("planedit.zone.share"), saveShare, ze.share)
	ze.list = container.NewVBox()
	ze.newKey = entryWith("", m.t("planedit.zone.key_hint", nil))
	ze.newDue = entryWith("", "2024-06-30")
	add := widget.NewButtonWithIcon(m.t("planedit.add", nil), theme.ContentAddIcon(), func() {
		key, due := ze.newKey.Text, ze.newDue.Text
		ze.write(editLabel("milestone", map[string]string{"name": ze.name, "milestone": key}), func(ctx context.Context, p app.Planning) (string, error) {
			if err := app.KeepDefaultMilestones(ze.m.ctx, p, ze.id); err != nil {
				return "", err
			}
			_, err := app.SaveMilestone(ctx, p, ze.id, key, due, "", "")
			return "", err
		}, func() { ze.newKey.SetText(""); ze.newDue.SetText("") })
	})
	head := row(milestoneCols, headCell(m.heading("plan.field.milestone")), headCell(m.heading("planedit.col.due")), headCell(m.heading("planedit.col.done_on")),
		headCell(m.heading("plan.field.note")), headCell(m.heading("planedit.col.on_date")), widget.NewLabel(""))
	addRow := container.NewBorder(nil, nil, m.lbl("planedit.zone.add"), add, container.NewGridWithColumns(2, ze.newKey, ze.newDue))
	return container.NewBorder(container.NewVBox(ze.summary, shareRow, widget.NewSeparator(), head), container.NewVBox(widget.NewSeparator(), addRow),
		nil, nil, ze.vscroll(ze.list))
}

func (ze *zoneEditor) load() {
	d, ok := ze.planEditor.date()
	if !ok {
		return
	}
	ze.read(func(ctx context.Context, p app.Planning) (any, error) {
		return app.ZoneOn(ctx, p, ze.id, d)
	}, func(v any) {
		ze.rec = v.(*app.ZoneSummary)
		ze.show()
	})
}

func (ze *zoneEditor) show() {
	r, m := ze.rec, ze.m
	if r.Name != "" {
		ze.name = r.Name
	}
	ze.summary.SetText(m.t("planedit.zone.summary", i18n.Args{"name": ze.name, "members": len(r.Members), "green": r.Green,
		"share": fmt.Sprintf("%.0f%%", 100*r.Share), "mines": formatFixed(r.MinesM2/1e4, 2), "disturbed": formatFixed(r.DisturbedM2/1e4, 2)}))
	if ze.share.Text == "" || ze.shareAt != r.Share {
		ze.share.SetText(number(r.Share, false))
		ze.shareAt = r.Share
	}
	ze.list.RemoveAll()
	for _, ms := range r.Milestones {
		due := entryWith(ms.Due.String(), "")
		done := entryWith(ms.Done.String(), m.t("planedit.zone.not_done", nil))
		note := entryWith(ms.Note, m.t("planedit.optional", nil))
		save := smallButton(m.t("planedit.save", nil), theme.DocumentSaveIcon(), func() {
			d1, d2, n := due.Text, done.Text, note.Text
			ze.write(editLabel("milestone", map[string]string{"name": ze.name, "milestone": m.valueText("plan.milestone.", ms.Key)}), func(ctx context.Context, p app.Planning) (string, error) {
				if err := app.KeepDefaultMilestones(m.ctx, p, ze.id); err != nil {
					return "", err
				}
				_, err := app.SaveMilestone(ctx, p, ze.id, ms.Key, d1, d2, n)
				return "", err
			}, nil)
		})
		ze.list.Add(row(milestoneCols, cell(m.valueText("plan.milestone.", ms.Key)), due, done, note, m.statusCell(ms.Status, ms.DaysLate), save))
	}
	if len(r.Milestones) > 0 && r.Milestones[0].ID == 0 {
		hint := widget.NewLabel(m.t("planedit.zone.defaults", nil))
		hint.Importance = widget.LowImportance
		ze.list.Add(hint)
	}
	ze.list.Refresh()
	ze.relayout()
}

func (ze *zoneEditor) saveShare() {
	s := ze.share.Text
	ze.write(editLabel("share", map[string]string{"name": ze.name, "share": s}), func(ctx context.Context, p app.Planning) (string, error) {
		return "", app.SetZoneShareText(ctx, p, ze.id, s)
	}, nil)
}
