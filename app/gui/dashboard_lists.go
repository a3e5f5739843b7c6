package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The lists behind the dashboard's figures: every figure opens the mines
// or tasks it counts, and a row shows its mine on the map.

// mineFilter names a list of mines behind a figure.
type mineFilter string

const (
	listCounted  mineFilter = "counted"  // counted in the denominator
	listGreen    mineFilter = "green"    // counted green
	listNotGreen mineFilter = "notgreen" // counted, not green: what the targets need
	listReserve  mineFilter = "reserve"  // overlapping a nature reserve
)

func (f mineFilter) keep(s models.MineState) bool {
	switch f {
	case listCounted:
		return s.Counted
	case listGreen:
		return s.Counted && s.Green
	case listNotGreen:
		return s.Counted && !s.Green
	case listReserve:
		return s.InReserve()
	}
	return false
}

// showMineList opens the mines a figure counts on the dashboard's date.
func (dv *dashboardView) showMineList(f mineFilter) {
	m := dv.m
	if dv.d == nil || dv.d.Progress == nil {
		return
	}
	d := dv.d.Progress.AsOf
	m.io.Go(func() {
		p, err := app.PlanningOf(m.store)
		var ms []models.MineState
		if err == nil {
			ms, err = app.MinesOn(m.ctx, p, d, f.keep)
		}
		m.ui(func() {
			if err != nil {
				m.showError(dv.t("dash.list.error", nil), err)
				return
			}
			rows := make([]string, len(ms))
			for i, s := range ms {
				rows[i] = dv.mineRow(s)
			}
			dv.showList(dv.t("dash.list."+string(f), i18n.Args{"date": d.String(), "n": len(ms)}), rows, func(i int) { m.showMine(ms[i].ID) })
		})
	})
}

// mineRow is one line of a mine list.
func (dv *dashboardView) mineRow(s models.MineState) string {
	g := dv.t("dash.list.not_green", nil)
	if s.GreenState != "" {
		g = dv.m.valueText("plan.green.", string(s.GreenState))
	}
	row := dv.t("dash.list.mine_row", i18n.Args{"name": s.Name, "licence": s.Licence, "district": s.District,
		"status": dv.m.valueText("plan.mine-status.", string(s.StatusOn)), "green": g})
	if s.InReserve() {
		row += dv.t("dash.list.in_reserve", i18n.Args{"ha": fmt.Sprintf("%.2f", s.ReserveM2/1e4)})
	}
	if s.ReserveBlocked {
		row += dv.t("dash.list.blocked", nil)
	}
	return row
}

// showDeadlineList opens the tasks of the deadline board with a status
// ("" for all).
func (dv *dashboardView) showDeadlineList(status models.DeadlineStatus) {
	dl := dv.d.Deadlines
	var items []app.DeadlineItem
	for _, it := range dl.Items {
		if status == "" || it.Status == status {
			items = append(items, it)
		}
	}
	rows := make([]string, len(items))
	for i, it := range items {
		what := it.What
		if it.Kind == "measure" {
			what = dv.m.valueText("plan.measure.", it.What)
		}
		rows[i] = dv.t("dash.list.task_row", i18n.Args{"kind": dv.m.valueText("plan.kind.", it.Kind), "what": what,
			"name": it.Name, "due": it.Due.String(), "status": dv.m.valueText("plan.status.", string(it.Status)), "late": it.DaysLate})
	}
	title := dv.t("dash.list.tasks", i18n.Args{"status": dv.m.valueText("plan.status.", string(status)), "n": len(items)})
	dv.showList(title, rows, func(i int) {
		if items[i].MineID != 0 {
			dv.m.showMine(items[i].MineID)
		}
	})
}

// showStopList lists the whole stop-production list.
func (dv *dashboardView) showStopList() {
	stops := dv.d.Deadlines.StopList
	rows := make([]string, len(stops))
	for i, s := range stops {
		rows[i] = dv.stopRow(s)
	}
	dv.showList(dv.t("dash.list.stop", i18n.Args{"n": len(stops)}), rows, func(i int) { dv.m.showMine(stops[i].MineID) })
}

// showList opens a window listing rows; choosing one calls pick.
func (dv *dashboardView) showList(title string, rows []string, pick func(int)) {
	w := dv.m.app.NewWindow(title)
	list := widget.NewList(func() int { return len(rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(rows[i]) })
	list.OnSelected = func(i widget.ListItemID) { pick(i) }
	head := widget.NewLabel(title)
	head.TextStyle.Bold = true
	hint := widget.NewLabel(dv.t("dash.list.hint", nil))
	w.SetContent(container.NewBorder(container.NewVBox(head, hint), nil, nil, nil, list))
	w.Resize(fyne.NewSize(760, 520))
	w.Show()
	dv.lists = append(dv.lists, w)
}
