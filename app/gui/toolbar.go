package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app/i18n"
)

// toolbar is the row of labelled buttons under the menu: New, Open, Reload,
// Close, the map's Zoom in, Zoom out, Full extent, Back, Forward, and on
// the right the switch to the other language. Labels rather than bare
// icons: the planners are not GIS specialists.
type toolbar struct {
	widget.BaseWidget
	m *MainWindow
	// search is the search box (name or licence); the window focuses it
	// on Ctrl+F.
	search *widget.Entry
}

func newToolbar(m *MainWindow) *toolbar {
	t := &toolbar{m: m, search: widget.NewEntry()}
	t.search.OnSubmitted = func(s string) { m.search(s) }
	t.search.ActionItem = widget.NewButtonWithIcon("", theme.SearchIcon(), func() { m.search(t.search.Text) })
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *toolbar) CreateRenderer() fyne.WidgetRenderer {
	m := t.m
	r := &toolbarRenderer{t: t,
		newBtn:    widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), m.showNewDialog),
		openBtn:   widget.NewButtonWithIcon("", theme.FolderOpenIcon(), m.showOpenDialog),
		reloadBtn: widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), m.Reload),
		closeBtn:  widget.NewButtonWithIcon("", theme.CancelIcon(), m.CloseProject),
		langBtn:   widget.NewButton("", func() { m.SetLang(otherLang(m.lang)) }),
		zoomIn:    widget.NewButtonWithIcon("", theme.ZoomInIcon(), m.mapZoomIn),
		zoomOut:   widget.NewButtonWithIcon("", theme.ZoomOutIcon(), m.mapZoomOut),
		zoomAll:   widget.NewButtonWithIcon("", theme.ZoomFitIcon(), m.mapZoomAll),
		backBtn:   widget.NewButtonWithIcon("", theme.NavigateBackIcon(), m.mapBack),
		fwdBtn:    widget.NewButtonWithIcon("", theme.NavigateNextIcon(), m.mapForward),
		undoBtn:   widget.NewButtonWithIcon("", theme.ContentUndoIcon(), m.undo),
		redoBtn:   widget.NewButtonWithIcon("", theme.ContentRedoIcon(), m.redo),
		gotoBtn:   widget.NewButtonWithIcon("", theme.MailForwardIcon(), m.showGoTo),
	}
	for _, b := range []*widget.Button{r.newBtn, r.openBtn, r.reloadBtn, r.closeBtn, r.langBtn, r.zoomIn, r.zoomOut, r.zoomAll, r.backBtn, r.fwdBtn, r.undoBtn, r.redoBtn, r.gotoBtn} {
		b.Importance = widget.LowImportance
	}
	r.root = container.NewBorder(nil, widget.NewSeparator(), nil, nil,
		container.NewHBox(r.newBtn, r.openBtn, widget.NewSeparator(), r.reloadBtn, r.closeBtn, widget.NewSeparator(),
			r.zoomIn, r.zoomOut, r.zoomAll, r.backBtn, r.fwdBtn, widget.NewSeparator(), r.undoBtn, r.redoBtn,
			layout.NewSpacer(), container.NewGridWrap(fyne.NewSize(190, t.search.MinSize().Height), t.search), r.gotoBtn, r.langBtn))
	r.update()
	return r
}

func otherLang(l i18n.Lang) i18n.Lang {
	if l == i18n.EN {
		return i18n.ZH
	}
	return i18n.EN
}

type toolbarRenderer struct {
	t                                             *toolbar
	newBtn, openBtn, reloadBtn, closeBtn, langBtn *widget.Button
	zoomIn, zoomOut, zoomAll, backBtn, fwdBtn     *widget.Button
	undoBtn, redoBtn, gotoBtn                     *widget.Button
	root                                          *fyne.Container
}

func (r *toolbarRenderer) Layout(s fyne.Size)           { r.root.Resize(s) }
func (r *toolbarRenderer) MinSize() fyne.Size           { return r.root.MinSize() }
func (r *toolbarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.root} }
func (r *toolbarRenderer) Destroy()                     {}
func (r *toolbarRenderer) Refresh()                     { r.update() }

func (r *toolbarRenderer) update() {
	m := r.t.m
	setButton(r.newBtn, m.t("gui.toolbar.new", nil))
	setButton(r.openBtn, m.t("gui.toolbar.open", nil))
	// Reload and Close are icons only (their words are in the menus):
	// the row must fit a 1000-point window with the search box.
	setButton(r.langBtn, langNames[otherLang(m.lang)])
	setButton(r.zoomIn, m.t("gui.toolbar.zoom_in", nil))
	setButton(r.zoomOut, m.t("gui.toolbar.zoom_out", nil))
	setButton(r.zoomAll, m.t("gui.toolbar.zoom_all", nil))
	setButton(r.backBtn, m.t("gui.toolbar.back", nil))
	setButton(r.fwdBtn, m.t("gui.toolbar.forward", nil))
	enable(r.newBtn, m.cfg.Create != nil)
	enable(r.reloadBtn, m.path != "" && !m.busy)
	enable(r.closeBtn, m.path != "" && !m.busy)
	ready := m.mapReady()
	enable(r.zoomIn, ready)
	enable(r.zoomOut, ready)
	enable(r.zoomAll, ready)
	enable(r.backBtn, ready && m.mapView.hist.canBack())
	enable(r.fwdBtn, ready && m.mapView.hist.canForward())
	enable(r.gotoBtn, ready)
	enable(r.undoBtn, m.path != "" && !m.busy && m.history.undo != nil)
	enable(r.redoBtn, m.path != "" && !m.busy && m.history.redo != nil)
	r.t.search.SetPlaceHolder(m.t("gui.toolbar.search", nil))
	if m.path == "" || m.busy {
		r.t.search.Disable()
	} else {
		r.t.search.Enable()
	}
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
