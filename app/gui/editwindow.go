package gui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The main window's side of editing: attribute edits from the inspector,
// undo and redo through the project's history (kept in the project file,
// so they survive closing it), and the Edit menu's labels.

var (
	shortcutUndo      = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutRedo      = &desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutRedoShift = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutSearch    = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutGoTo      = &desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: fyne.KeyModifierShortcutDefault}
)

// historyState is what the Edit menu shows: the labels of the edit Undo
// would revert and the one Redo would apply ("" when none).
type historyState struct {
	undo, redo *models.Label
}

// addEditShortcuts registers the editing shortcuts on the window.
func (m *MainWindow) addEditShortcuts() {
	c := m.win.Canvas()
	m.addHistoryShortcuts(c)
	c.AddShortcut(shortcutSearch, func(fyne.Shortcut) { m.focusSearch() })
	c.AddShortcut(shortcutGoTo, func(fyne.Shortcut) { m.showGoTo() })
	m.inspector.onRecords = m.showRecords // the inspector's Records… button (planedit.go)
}

// addHistoryShortcuts makes Ctrl+Z undo and Ctrl+Y and Ctrl+Shift+Z redo
// in the project's history on canvas c. Fyne's desktop driver delivers
// Ctrl+Z and Ctrl+Y (Cmd on macOS) as fyne.ShortcutUndo and
// fyne.ShortcutRedo, not as the custom shortcuts the menu shows, so both
// are registered.
func (m *MainWindow) addHistoryShortcuts(c fyne.Canvas) {
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { m.undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { m.redo() })
	c.AddShortcut(shortcutUndo, func(fyne.Shortcut) { m.undo() })
	c.AddShortcut(shortcutRedo, func(fyne.Shortcut) { m.redo() })
	c.AddShortcut(shortcutRedoShift, func(fyne.Shortcut) { m.redo() })
}

// editAttribute is the inspector's submit: one attribute of f.
func (m *MainWindow) editAttribute(f *models.Feature, key, value string) {
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		got, err := app.SetAttribute(m.ctx, m.store, f.Layer, f.ID, key, value)
		h := m.readHistory()
		m.ui(func() {
			m.history = h
			if err != nil {
				msg := m.errorText(err)
				m.inspector.setError(msg)
				m.status.show("gui.status.edit_refused", i18n.Args{"detail": msg})
				m.refreshEditMenu()
				return
			}
			m.replaceSelected(got)
			m.dataChanged()
			m.status.show("gui.status.edited", i18n.Args{"field": app.FieldLabel(m.lang, key)})
			m.refreshEditMenu()
		})
	})
}

// replaceSelected puts the stored state of a feature into the selection.
func (m *MainWindow) replaceSelected(f *models.Feature) {
	sel := append([]*models.Feature(nil), m.selected...)
	for i, s := range sel {
		if s.Layer == f.Layer && s.ID == f.ID {
			sel[i] = f
		}
	}
	m.setSelection(sel, m.current)
}

func (m *MainWindow) undo() { m.step(app.Undo, "gui.status.undone") }
func (m *MainWindow) redo() { m.step(app.Redo, "gui.status.redone") }

// step undoes or redoes one edit, then re-reads what it touched.
func (m *MainWindow) step(op func(context.Context, models.Store) (*models.Edit, error), doneKey string) {
	if m.path == "" || m.busy {
		return
	}
	snap := append([]*models.Feature(nil), m.selected...)
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		e, err := op(m.ctx, m.store)
		var info *models.Info
		if err == nil {
			if in, ierr := m.store.Info(m.ctx); ierr == nil {
				info = &in
			}
		}
		sel := m.rereadSelection(snap)
		h := m.readHistory()
		m.ui(func() {
			m.history = h
			if err != nil {
				if errors.Is(err, models.ErrNothingToUndo) || errors.Is(err, models.ErrNothingToRedo) {
					m.status.show("gui.status.plain", i18n.Args{"text": m.errorText(err)})
				} else {
					m.showError(m.t("gui.error.edit", nil), err)
				}
				m.refreshEditMenu()
				return
			}
			if info != nil {
				m.info = info
				m.mapView.setInfo(info)
				m.layers.set(m.lang, m.info)
			}
			m.setSelection(sel, min(m.current, max(0, len(sel)-1)))
			m.dataChanged()
			m.status.show(doneKey, i18n.Args{"what": m.labelText(e.Label)})
			m.refreshEditMenu()
		})
	})
}

// rereadSelection reads the selected features (a copy taken on the UI
// goroutine) afresh, dropping those that no longer exist; runs on m.io.
func (m *MainWindow) rereadSelection(snap []*models.Feature) []*models.Feature {
	es, ok := m.store.(models.EditStore)
	if !ok {
		return nil
	}
	var out []*models.Feature
	for _, f := range snap {
		g, err := es.Feature(m.ctx, f.Layer, f.ID)
		if err == nil {
			out = append(out, g)
		}
	}
	return out
}

// readHistory reads the labels for Undo and Redo; runs on m.io.
func (m *MainWindow) readHistory() historyState {
	var h historyState
	es, ok := m.store.(models.EditStore)
	if !ok {
		return h
	}
	entries, err := es.History(m.ctx)
	if err != nil {
		return h
	}
	for i := range entries {
		e := &entries[i]
		if !e.Undone {
			h.undo = &e.Label
		} else if h.redo == nil {
			h.redo = &e.Label
		}
	}
	return h
}

// labelText words an edit's label.
func (m *MainWindow) labelText(l models.Label) string {
	args := i18n.Args{}
	for k, v := range l.Args {
		args[k] = v
	}
	if f, ok := l.Args["field"]; ok {
		args["field"] = app.FieldLabel(m.lang, f)
	}
	if ly, ok := l.Args["layer"]; ok {
		args["layer"] = layerName(m.lang, ly)
	}
	return m.t(l.Key, args)
}

// refreshEditMenu rebuilds the menu (Undo/Redo labels) and the toolbar.
func (m *MainWindow) refreshEditMenu() {
	m.win.SetMainMenu(m.mainMenu())
	m.toolbar.Refresh()
}

// editMenu is the Edit menu.
func (m *MainWindow) editMenu() *fyne.Menu {
	undoText, redoText := m.t("gui.menu.undo", nil), m.t("gui.menu.redo", nil)
	if m.history.undo != nil {
		undoText = m.t("gui.menu.undo_what", i18n.Args{"what": m.labelText(*m.history.undo)})
	}
	if m.history.redo != nil {
		redoText = m.t("gui.menu.redo_what", i18n.Args{"what": m.labelText(*m.history.redo)})
	}
	undo := fyne.NewMenuItem(undoText, m.undo)
	undo.Shortcut = shortcutUndo
	undo.Disabled = m.history.undo == nil || m.path == ""
	redo := fyne.NewMenuItem(redoText, m.redo)
	redo.Shortcut = shortcutRedo
	redo.Disabled = m.history.redo == nil || m.path == ""
	none := fyne.NewMenuItem(m.t("gui.menu.select_none", nil), func() { m.setSelection(nil, 0) })
	none.Disabled = len(m.selected) == 0
	zoomSel := fyne.NewMenuItem(m.t("gui.menu.zoom_selection", nil), m.zoomToSelection)
	zoomSel.Disabled = len(m.selected) == 0
	search := fyne.NewMenuItem(m.t("gui.menu.search", nil), m.focusSearch)
	search.Shortcut = shortcutSearch
	goTo := fyne.NewMenuItem(m.t("gui.menu.goto", nil), m.showGoTo)
	goTo.Shortcut = shortcutGoTo
	for _, it := range []*fyne.MenuItem{search, goTo} {
		it.Disabled = m.path == "" || m.busy
	}
	return fyne.NewMenu(m.t("gui.menu.edit", nil), undo, redo, fyne.NewMenuItemSeparator(),
		none, zoomSel, fyne.NewMenuItemSeparator(), search, goTo)
}

// loadHistory reads the open project's history for the Edit menu, and its
// layer styles.
func (m *MainWindow) loadHistory() {
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		h := m.readHistory()
		styles := m.readStyles()
		m.ui(func() {
			m.history = h
			m.applyStyles(styles)
			m.loadBasemap()
			m.themes.refresh()
			m.refreshEditMenu()
		})
	})
}

// dataChanged redraws the map from the store after the project's features
// changed (an edit, an undo, an import): the cached layers are dropped.
func (m *MainWindow) dataChanged() {
	m.shared.invalidate()
	m.mapView.requestRender()
	if m.themes != nil && m.themes.theme != app.ThemeNone {
		m.themes.refresh()
	}
	m.surveys.reload() // an undo or redo may have changed survey records
	// … or planning records: the record editors and the dashboard re-read.
	m.planDataChanged()
}

// inspectOffUI measures a feature for the inspector on the I/O worker and
// hands the result back on the UI goroutine.
func (m *MainWindow) inspectOffUI(f *models.Feature, done func(app.Inspection)) {
	m.io.Go(func() {
		r := app.Inspect(f)
		m.ui(func() { done(r) })
	})
}

// runEdit runs op, one edit of the store, on the I/O worker; then, on the
// UI goroutine, it takes the new Undo/Redo labels and the project's
// counts, redraws, and calls done with what op returned. A refused edit is
// shown in a dialog, or handed to refused (non-nil) when the tool says it
// its own way so that the planner can go on drawing.
func (m *MainWindow) runEdit(op func() ([]*models.Feature, error), refused func(error), done func([]*models.Feature)) {
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		got, err := op()
		var info *models.Info
		if err == nil {
			info = m.readInfo()
		}
		h := m.readHistory()
		m.ui(func() {
			m.history = h
			if err != nil {
				if refused != nil {
					refused(err)
				} else {
					m.showError(m.t("gui.error.edit", nil), err)
				}
				m.refreshEditMenu()
				return
			}
			m.afterEdit(info)
			done(got)
		})
	})
}

// refusedInStatus says in the status bar why an edit was refused.
func (m *MainWindow) refusedInStatus(err error) {
	m.status.show("gui.status.edit_refused", i18n.Args{"detail": m.errorText(err)})
}
