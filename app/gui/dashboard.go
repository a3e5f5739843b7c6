package gui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The green-mine dashboard (View > Green-mine progress, Ctrl+D): for any
// date, the green count and rate, what each target still needs and by
// when the current trend reaches it, the same per district, the burn-up
// since the plan was issued, and the deadline board with the
// stop-production list. A mine on the list can be clicked to show it on
// the map. Everything comes from app.DashboardOn, the same figures as
// `minerehab progress` and `deadlines`.

var shortcutDashboard = &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault}

// dashboardView is the dashboard's content; the window holds one while it
// is open.
type dashboardView struct {
	m    *MainWindow
	win  fyne.Window
	date *widget.Entry
	body *fyne.Container
	d    *app.Dashboard
	err  error
	// session keeps the reads that do not depend on the date, so that
	// another date costs only its progress totals; used on the I/O worker
	// only, for the store it was made on.
	session   *app.DashboardSession
	sessionOf models.Store
	// lists are the windows of lists opened from the figures, closed with
	// the dashboard.
	lists []fyne.Window
	// loading runs while the first figures are worked out.
	loading *widget.ProgressBarInfinite
}

// showDashboard opens (or raises) the dashboard window.
func (m *MainWindow) showDashboard() {
	if m.path == "" || m.busy {
		return
	}
	if m.dash != nil {
		m.dash.win.RequestFocus()
		m.dash.reread()
		return
	}
	dv := &dashboardView{m: m, win: m.app.NewWindow(m.t("gui.dash.title", nil)), date: widget.NewEntry(), body: container.NewVBox()}
	dv.date.SetPlaceHolder(models.Today().String())
	dv.date.OnSubmitted = func(string) { dv.refresh() }
	// A new date reuses what was read (refresh); the Refresh button reads
	// the project again, for changes made by another program.
	refresh := widget.NewButtonWithIcon(m.t("gui.dash.refresh", nil), theme.ViewRefreshIcon(), dv.reread)
	top := container.NewBorder(nil, nil, widget.NewLabel(m.t("gui.dash.as_of", nil)), refresh, dv.date)
	dv.win.SetContent(container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewScroll(container.NewPadded(dv.body))))
	dv.win.Resize(fyne.NewSize(1240, 800)) // the targets table is seven columns wide
	dv.win.SetOnClosed(func() {
		for _, w := range dv.lists {
			w.Close()
		}
		m.dash = nil
	})
	m.dash = dv
	dv.win.Show()
	dv.refresh()
}

// refresh computes the dashboard for the typed date (today when empty).
func (dv *dashboardView) refresh() {
	m := dv.m
	var d models.Date
	if s := strings.TrimSpace(dv.date.Text); s != "" {
		var err error
		if d, err = models.ParseDate(s); err != nil {
			dv.d, dv.err = nil, err
			dv.show()
			return
		}
	}
	if dv.d == nil && dv.err == nil {
		// The first reading of a big project takes a moment: say so
		// rather than show an empty window.
		dv.loading = widget.NewProgressBarInfinite()
		dv.body.Objects = []fyne.CanvasObject{dv.loading, widget.NewLabel(dv.t("gui.dash.loading", nil))}
		dv.body.Refresh()
	}
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		p, err := app.PlanningOf(m.store)
		var db *app.Dashboard
		if err == nil {
			if dv.session == nil || dv.sessionOf != m.store {
				dv.session, dv.sessionOf = app.NewDashboardSession(p), m.store
			}
			db, err = dv.session.On(m.ctx, d)
		}
		m.ui(func() {
			dv.d, dv.err = db, err
			dv.show()
			if m.themes != nil && m.themes.theme != app.ThemeNone {
				m.themes.refresh() // the map's colours follow the dashboard's date
			}
		})
	})
}

// reread computes the figures again from the project after its data
// changed.
func (dv *dashboardView) reread() {
	dv.m.io.Go(func() {
		if dv.session != nil {
			dv.session.Invalidate()
		}
	})
	dv.refresh()
}

func (dv *dashboardView) t(key string, args i18n.Args) string { return dv.m.t(key, args) }

// show lays the figures out.
func (dv *dashboardView) show() {
	if dv.loading != nil {
		dv.loading.Stop()
		dv.loading = nil
	}
	// The figures are gathered and laid out once: Container.Add lays the
	// whole box out again at every call.
	var objs []fyne.CanvasObject
	defer func() {
		dv.body.Objects = objs
		dv.body.Refresh()
	}()
	if dv.err != nil {
		e := widget.NewLabel(dv.m.errorText(dv.err))
		e.Importance = widget.DangerImportance
		e.Wrapping = fyne.TextWrapWord
		objs = append(objs, e)
		return
	}
	d := dv.d
	if d == nil || d.Progress == nil {
		return
	}
	p := d.Progress
	objs = append(objs, widget.NewLabelWithStyle(dv.t("gui.dash.on", i18n.Args{"date": p.AsOf.String()}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	figures := container.NewGridWithColumns(5,
		newBigFigure(fmt.Sprint(p.Counted), dv.t("gui.dash.counted", nil), func() { dv.showMineList(listCounted) }),
		newBigFigure(fmt.Sprint(p.Green), dv.t("gui.dash.green", nil), func() { dv.showMineList(listGreen) }),
		newBigFigure(fmt.Sprintf("%.1f%%", 100*p.Rate), dv.t("gui.dash.rate", nil), nil),
		newBigFigure(fmt.Sprintf("%+d", p.Gained), dv.t("gui.dash.gained", i18n.Args{"days": p.TrendDays}), nil),
	)
	if n := len(p.Targets); n > 0 {
		// The nearest target not yet past: what is still needed, by when.
		tp := p.Targets[n-1]
		for _, t := range p.Targets {
			if t.DaysLeft >= 0 {
				tp = t
				break
			}
		}
		figures.Add(newBigFigure(fmt.Sprint(tp.Needed), dv.t("dash.needed_for", i18n.Args{"date": tp.Date.String(), "days": tp.DaysLeft}),
			func() { dv.showMineList(listNotGreen) }))
	}
	objs = append(objs, figures)
	if p.InReserve > 0 {
		b := widget.NewButton(dv.t("dash.reserve", i18n.Args{"n": p.InReserve, "blocked": p.ReserveBlocked}), func() { dv.showMineList(listReserve) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.WarningImportance
		objs = append(objs, b)
	}
	// Targets.
	objs = append(objs, heading(dv.t("gui.dash.targets", nil)))
	grid := container.New(layout.NewGridLayout(7))
	for _, h := range []string{"deadline", "rate", "required", "needed", "met", "days_left", "trend"} {
		grid.Add(widget.NewLabelWithStyle(dv.t("gui.dash.col."+h, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, tp := range p.Targets {
		met := dv.t("gui.dash.no", nil)
		if tp.Met {
			met = dv.t("gui.dash.yes", nil)
		}
		trend := dv.t("gui.dash.never", nil)
		if !tp.Trend.IsZero() {
			trend = tp.Trend.String()
		}
		needed := widget.NewLabel(fmt.Sprint(tp.Needed))
		if tp.Needed > 0 {
			needed.Importance = widget.DangerImportance
		}
		grid.Add(widget.NewLabel(tp.Date.String()))
		grid.Add(widget.NewLabel(fmt.Sprintf("%.1f%%", 100*tp.Rate)))
		grid.Add(widget.NewLabel(fmt.Sprint(tp.Required)))
		grid.Add(needed)
		grid.Add(widget.NewLabel(met))
		grid.Add(widget.NewLabel(fmt.Sprint(tp.DaysLeft)))
		grid.Add(widget.NewLabel(trend))
	}
	objs = append(objs, grid)
	// Districts.
	objs = append(objs, heading(dv.t("gui.dash.districts", nil)))
	dg := container.New(layout.NewGridLayout(4 + len(p.Targets)))
	for _, h := range []string{"district", "counted", "green", "rate"} {
		dg.Add(widget.NewLabelWithStyle(dv.t("gui.dash.col."+h, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, tp := range p.Targets {
		dg.Add(widget.NewLabelWithStyle(dv.t("gui.dash.col.needed_by", i18n.Args{"date": tp.Date.String()}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	names := append([]string(nil), d.Districts...)
	if len(names) == 0 {
		for n := range p.ByDistrict {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	for _, n := range names {
		dp := p.ByDistrict[n]
		label := n
		if label == "" {
			label = dv.t("gui.dash.no_district", nil)
		}
		dg.Add(widget.NewLabel(label))
		dg.Add(widget.NewLabel(fmt.Sprint(dp.Counted)))
		dg.Add(widget.NewLabel(fmt.Sprint(dp.Green)))
		dg.Add(widget.NewLabel(fmt.Sprintf("%.1f%%", 100*dp.Rate)))
		for _, tp := range dp.Targets {
			dg.Add(widget.NewLabel(fmt.Sprint(tp.Needed)))
		}
	}
	objs = append(objs, newDistrictBars(names, func(n string) string {
		if n == "" {
			return dv.t("gui.dash.no_district", nil)
		}
		return n
	}, p))
	objs = append(objs, dg)
	// Burn-up.
	if len(d.BurnUp) > 1 {
		objs = append(objs, heading(dv.t("gui.dash.burnup", nil)))
		objs = append(objs, newBurnUp(d.BurnUp, p.Targets))
	}
	// Fire points: dynamic zeroing.
	if len(d.Fire) > 1 {
		objs = append(objs, heading(dv.t("dash.fire", i18n.Args{"active": d.Fire[len(d.Fire)-1].Active, "stale": d.Fire[len(d.Fire)-1].Stale})))
		objs = append(objs, newFireChart(d.Fire))
	}
	// Deadlines and the stop-production list.
	if dl := d.Deadlines; dl != nil {
		objs = append(objs, heading(dv.t("gui.dash.deadlines", i18n.Args{"overdue": dl.Overdue, "behind": dl.Behind, "stale": dl.StaleFires})))
		objs = append(objs, container.NewHBox(
			widget.NewButton(dv.t("dash.open_overdue", i18n.Args{"n": dl.Overdue}), func() { dv.showDeadlineList(models.Overdue) }),
			widget.NewButton(dv.t("dash.open_behind", i18n.Args{"n": dl.Behind}), func() { dv.showDeadlineList(models.Behind) }),
			widget.NewButton(dv.t("dash.open_all", i18n.Args{"n": len(dl.Items)}), func() { dv.showDeadlineList("") }),
		))
		if len(dl.StopList) == 0 {
			objs = append(objs, widget.NewLabel(dv.t("gui.dash.no_stop", nil)))
		}
		// The longest overdue first, a screenful of them: a city-wide
		// project can list thousands, opened in a list of their own.
		for _, s := range dl.StopList[:min(len(dl.StopList), stopRowsShown)] {
			b := widget.NewButton(dv.stopRow(s), func() { dv.m.showMine(s.MineID) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			objs = append(objs, b)
		}
		if len(dl.StopList) > stopRowsShown {
			b := widget.NewButton(dv.t("dash.open_stop", i18n.Args{"n": len(dl.StopList)}), dv.showStopList)
			b.Alignment = widget.ButtonAlignLeading
			objs = append(objs, b)
		}
	}
}

// stopRowsShown is how many mines of the stop-production list the
// dashboard itself shows.
const stopRowsShown = 20

// stopRow words one mine of the stop-production list.
func (dv *dashboardView) stopRow(s app.StopEntry) string {
	var reasons []string
	for _, r := range s.Reasons {
		reasons = append(reasons, dv.reasonText(r))
	}
	return dv.t("gui.dash.stop_row", i18n.Args{"name": s.Name, "licence": s.Licence, "district": s.District,
		"reasons": strings.Join(reasons, "、"), "days": s.DaysLate})
}

// reasonText words a stop-list reason ("measure:backfill", "fire").
func (dv *dashboardView) reasonText(r string) string {
	kind, what, _ := strings.Cut(r, ":")
	if kind == "measure" {
		if s := dv.t("plan.measure."+what, nil); s != "plan.measure."+what {
			return s
		}
	}
	if s := dv.t("gui.dash.reason."+kind, nil); s != "gui.dash.reason."+kind {
		return s
	}
	return r
}

// showMine selects a mine by fid and shows it on the map.
func (m *MainWindow) showMine(id int64) {
	m.io.Go(func() {
		es, ok := m.store.(models.EditStore)
		if !ok {
			return
		}
		f, err := es.Feature(m.ctx, models.LayerMines, id)
		m.ui(func() {
			if err == nil {
				m.showFound(f)
				m.win.RequestFocus()
			}
		})
	})
}
