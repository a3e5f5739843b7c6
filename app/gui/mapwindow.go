package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"minerehab/app"
	"minerehab/app/i18n"
)

// The main window's side of the map: navigation commands for the toolbar,
// the menu and the keyboard, layer visibility, the status bar's scale and
// cursor.

// Map shortcuts that carry a modifier (the window's shortcut table handles
// them wherever the focus is).
var (
	shortcutBack    = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}
	shortcutForward = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}
)

// addMapKeys routes the map's keys: Alt+Left/Right through the shortcut
// table, and + - arrows Home to the map whenever no other widget has the
// keyboard (the map has it itself after a click).
func (m *MainWindow) addMapKeys() {
	c := m.win.Canvas()
	c.AddShortcut(shortcutBack, func(fyne.Shortcut) { m.mapBack() })
	c.AddShortcut(shortcutForward, func(fyne.Shortcut) { m.mapForward() })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if m.mapReady() {
			m.mapView.TypedKey(ev)
		}
	})
	c.SetOnTypedRune(func(r rune) {
		if m.mapReady() {
			m.mapView.TypedRune(r)
		}
	})
}

// mapReady reports whether the map is showing a project.
func (m *MainWindow) mapReady() bool { return m.path != "" && !m.busy && m.mapView.hasView }

func (m *MainWindow) mapZoomIn()  { m.mapView.zoomCentre(zoomStep, navJump) }
func (m *MainWindow) mapZoomOut() { m.mapView.zoomCentre(1/zoomStep, navJump) }
func (m *MainWindow) mapZoomAll() { m.mapView.zoomAll() }
func (m *MainWindow) mapBack()    { m.mapView.back() }
func (m *MainWindow) mapForward() { m.mapView.forward() }

// zoomToLayer shows one layer whole (layer panel, View menu).
func (m *MainWindow) zoomToLayer(layer string) { m.mapView.zoomToLayer(layer) }

// setLayerVisible is the layer panel's check box.
// The choice is kept in the project's layer styles.
func (m *MainWindow) setLayerVisible(layer string, visible bool) {
	m.mapView.setHidden(layer, !visible)
	if s := app.StyleOf(m.styles, layer); s.Visible != visible && m.path != "" {
		s.Visible = visible
		m.saveStyle(s)
	}
}

// setScale is the status bar's scale field.
func (m *MainWindow) setScale(n float64) { m.mapView.setScale(n) }

// mapViewChanged updates what follows the view: the scale field and the
// back/forward buttons.
func (m *MainWindow) mapViewChanged() {
	m.status.setScale(m.mapView.scale())
	m.toolbar.Refresh()
}

// mapError says in the status bar that a frame could not be drawn.
func (m *MainWindow) mapError(err error) {
	m.status.show("gui.map.error", i18n.Args{"detail": m.errorText(err)})
}

// unreadGeometries says, once per opened project, which features the map
// leaves out because their stored geometry cannot be read (the inspector
// says why for each).
func (m *MainWindow) unreadGeometries(u *app.UnreadGeometries) {
	if m.shared == nil || m.unreadSaid == m.shared {
		return
	}
	m.unreadSaid = m.shared
	m.status.show("gui.status.plain", i18n.Args{"text": app.UnreadMessage(m.lang, u)})
}
