package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// Colouring the mines by a planning question (View > Colour mines by):
// their green-mine state or the status of their open deadlines, today or
// on the dashboard's date when it is open. The classes are computed on the
// I/O worker when the theme, the date or the data change; the coloured
// mines are drawn off the UI goroutine for each view, as a layer of the
// map widget between the map and the overlays, with a legend under the
// layer panel.

// themeUI is the window's theme state. Owned by the UI goroutine.
type themeUI struct {
	m       *MainWindow
	theme   app.MapTheme
	date    models.Date
	classes map[int64]app.ThemeClass
	gen     uint64 // generation of the drawing
	legend  *fyne.Container
	// box holds the legend under the layer panel; hidden with no theme,
	// so that it takes no room.
	box *fyne.Container
}

func newThemeUI(m *MainWindow) *themeUI {
	tu := &themeUI{m: m, legend: container.NewVBox()}
	tu.box = container.NewPadded(tu.legend)
	tu.box.Hide()
	mv := m.mapView
	if prev := mv.onView; prev != nil {
		mv.onView = func() { prev(); tu.requestDraw() }
	} else {
		mv.onView = tu.requestDraw
	}
	return tu
}

// set chooses the theme (ThemeNone: plain map).
func (tu *themeUI) set(t app.MapTheme) {
	tu.theme = t
	tu.refresh()
	tu.m.refreshEditMenu()
}

// refresh recomputes the classes (the data or the date changed).
func (tu *themeUI) refresh() {
	m := tu.m
	t := tu.theme
	d := models.Today()
	if m.dash != nil && m.dash.d != nil && m.dash.d.Progress != nil {
		d = m.dash.d.Progress.AsOf
	}
	if t == app.ThemeNone || m.store == nil {
		tu.classes = nil
		tu.showLegend()
		tu.requestDraw()
		return
	}
	m.io.Go(func() {
		classes, err := app.MineThemeOn(m.ctx, m.store, t, d)
		m.ui(func() {
			if t != tu.theme {
				return
			}
			if err != nil {
				m.showError(m.t("theme.menu", nil), err)
				tu.theme, tu.classes = app.ThemeNone, nil
			} else {
				tu.classes, tu.date = classes, d
			}
			tu.showLegend()
			tu.requestDraw()
		})
	})
}

// showLegend lists the theme's classes with their colours.
func (tu *themeUI) showLegend() {
	m := tu.m
	show := tu.theme != app.ThemeNone && tu.classes != nil
	if !show && len(tu.legend.Objects) == 0 {
		return // no legend before or after (every project's open)
	}
	tu.legend.RemoveAll()
	if show {
		head := widget.NewLabel(m.t("theme.legend", i18n.Args{"theme": m.t("theme.by."+string(tu.theme), nil), "date": tu.date.String()}))
		head.TextStyle.Bold = true
		head.Wrapping = fyne.TextWrapWord
		tu.legend.Add(head)
		for _, c := range app.ThemeLegend(tu.theme) {
			sw := canvas.NewRectangle(c.Fill)
			sw.SetMinSize(fyne.NewSize(18, 12))
			sw.StrokeColor, sw.StrokeWidth = c.Fill, 1
			tu.legend.Add(container.NewHBox(container.NewCenter(sw), widget.NewLabel(m.t(c.Key, nil))))
		}
	}
	// Shown or hidden, not the window refreshed: the canvas lays out again
	// the panels whose least size changed before it paints.
	if show {
		tu.box.Show()
	} else {
		tu.box.Hide()
	}
	tu.legend.Refresh()
}

// requestDraw draws the coloured mines of the current view off the UI
// goroutine; a newer request supersedes an older one.
func (tu *themeUI) requestDraw() {
	mv := tu.m.mapView
	tu.gen++
	if tu.classes == nil || !mv.hasView || mv.closing.Load() || mv.view.Valid() != nil || tu.m.store == nil {
		if mv.theme != nil {
			mv.theme = nil
			mv.Refresh()
		}
		return
	}
	gen, v, classes, st := tu.gen, mv.view, tu.classes, tu.m.store
	rv, ratio := mv.devicePixels(v)
	mv.renders.Add(1)
	go func() {
		defer mv.renders.Done()
		img, err := app.RenderTheme(context.Background(), st, rv, classes, ratio)
		if err != nil || mv.closing.Load() {
			return
		}
		onUI(func() {
			if gen != tu.gen || mv.closing.Load() {
				return
			}
			mv.theme, mv.themeView = img, v
			mv.Refresh()
		})
	}()
}

// themeMenu is View > Colour mines by.
func (m *MainWindow) themeMenu() *fyne.MenuItem {
	it := fyne.NewMenuItem(m.t("theme.menu", nil), nil)
	var items []*fyne.MenuItem
	for _, t := range app.Themes {
		key := "theme.none"
		if t != app.ThemeNone {
			key = "theme.by." + string(t)
		}
		sub := fyne.NewMenuItem(m.t(key, nil), func() { m.themes.set(t) })
		sub.Checked = m.themes != nil && m.themes.theme == t
		items = append(items, sub)
	}
	it.ChildMenu = fyne.NewMenu("", items...)
	it.Disabled = m.path == ""
	return it
}
