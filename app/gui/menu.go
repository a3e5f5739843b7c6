package gui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"minerehab/app/i18n"
)

// Keyboard shortcuts (Ctrl on Linux and Windows, Cmd on macOS).
var (
	shortcutNew    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutOpen   = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutQuit   = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutReload = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
)

// langNames are the languages as their speakers write them; never translated.
var langNames = map[i18n.Lang]string{i18n.ZH: "中文", i18n.EN: "English"}

// mainMenu builds the menu in the current language and state; it is rebuilt
// whenever either changes.
func (m *MainWindow) mainMenu() *fyne.MainMenu {
	item := func(key string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(m.t(key, nil), action)
		it.Shortcut = sc
		return it
	}
	newItem := item("gui.menu.new", shortcutNew, m.showNewDialog)
	newItem.Disabled = m.cfg.Create == nil
	closeItem := item("gui.menu.close", nil, m.CloseProject)
	closeItem.Disabled = m.path == ""
	quitItem := item("gui.menu.quit", shortcutQuit, m.quit)
	quitItem.IsQuit = true

	recent := fyne.NewMenuItem(m.t("gui.menu.recent", nil), nil)
	var recentItems []*fyne.MenuItem
	for i, p := range m.recent {
		label := filepath.Base(p) + "  —  " + filepath.Dir(p)
		if i < 9 {
			label = string(rune('1'+i)) + "  " + label
		}
		recentItems = append(recentItems, fyne.NewMenuItem(label, func() { m.OpenProject(p) }))
	}
	if len(recentItems) == 0 {
		none := fyne.NewMenuItem(m.t("gui.menu.recent.none", nil), nil)
		none.Disabled = true
		recentItems = append(recentItems, none)
	} else {
		recentItems = append(recentItems, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(m.t("gui.menu.recent.clear", nil), m.clearRecent))
	}
	recent.ChildMenu = fyne.NewMenu("", recentItems...)

	importItem := item("gui.menu.import", shortcutImport, m.showImportDialog)
	importItem.Disabled = m.path == "" || m.busy
	exportItem := item("gui.menu.export", nil, m.showExportDialog)
	exportItem.Disabled = m.path == "" || m.busy
	plateItem := item("gui.menu.plate", shortcutPlate, m.showPlateDialog)
	plateItem.Disabled = m.path == "" || m.busy
	file := fyne.NewMenu(m.t("gui.menu.file", nil),
		newItem,
		item("gui.menu.open", shortcutOpen, m.showOpenDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		importItem,
		exportItem,
		plateItem,
		fyne.NewMenuItemSeparator(),
		closeItem,
		fyne.NewMenuItemSeparator(),
		quitItem, // last: Fyne adds its own Quit unless the last item is one
	)

	reload := item("gui.menu.reload", shortcutReload, m.Reload)
	reload.Disabled = m.path == ""
	noMap := m.path == "" || m.busy
	zoomIn := item("gui.menu.zoom_in", nil, m.mapZoomIn)
	zoomOut := item("gui.menu.zoom_out", nil, m.mapZoomOut)
	zoomAll := item("gui.menu.zoom_all", nil, m.mapZoomAll)
	back := item("gui.menu.back", shortcutBack, m.mapBack)
	forward := item("gui.menu.forward", shortcutForward, m.mapForward)
	zoomLayer := fyne.NewMenuItem(m.t("gui.menu.zoom_layer", nil), nil)
	var layerItems []*fyne.MenuItem
	for _, d := range panelLayers() {
		it := fyne.NewMenuItem(layerName(m.lang, d.Name), func() { m.zoomToLayer(d.Name) })
		li, ok := layerInfo(m.info, d.Name)
		it.Disabled = !ok || li.Count == 0
		layerItems = append(layerItems, it)
	}
	zoomLayer.ChildMenu = fyne.NewMenu("", layerItems...)
	for _, it := range []*fyne.MenuItem{zoomIn, zoomOut, zoomAll, zoomLayer, back, forward} {
		it.Disabled = noMap
	}
	language := fyne.NewMenuItem(m.t("gui.menu.language", nil), nil)
	var langItems []*fyne.MenuItem
	for _, l := range i18n.Langs {
		it := fyne.NewMenuItem(langNames[l], func() { m.SetLang(l) })
		it.Checked = l == m.lang
		langItems = append(langItems, it)
	}
	language.ChildMenu = fyne.NewMenu("", langItems...)
	base := item("gui.menu.basemap", nil, m.showBasemapDialog)
	base.Disabled = noMap
	dash := item("gui.menu.dashboard", shortcutDashboard, m.showDashboard)
	dash.Disabled = noMap
	view := fyne.NewMenu(m.t("gui.menu.view", nil), reload, dash, m.themeMenu(), base, fyne.NewMenuItemSeparator(),
		zoomIn, zoomOut, zoomAll, zoomLayer, fyne.NewMenuItemSeparator(), back, forward, fyne.NewMenuItemSeparator(), language)

	help := fyne.NewMenu(m.t("gui.menu.help", nil), item("gui.menu.shortcuts", nil, m.showShortcuts), item("gui.menu.about", nil, m.showAbout))
	return fyne.NewMainMenu(file, m.editMenu(), view, m.toolsMenu(), help)
}

// addShortcuts makes the shortcuts work wherever the focus is; the GL
// driver also runs the menu's own, and a shortcut is handled once.
func (m *MainWindow) addShortcuts() {
	c := m.win.Canvas()
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { m.showNewDialog() })
	c.AddShortcut(shortcutOpen, func(fyne.Shortcut) { m.showOpenDialog() })
	c.AddShortcut(shortcutQuit, func(fyne.Shortcut) { m.quit() })
	c.AddShortcut(shortcutReload, func(fyne.Shortcut) { m.Reload() })
	c.AddShortcut(shortcutImport, func(fyne.Shortcut) { m.showImportDialog() })
	c.AddShortcut(shortcutDashboard, func(fyne.Shortcut) { m.showDashboard() })
	c.AddShortcut(shortcutPlate, func(fyne.Shortcut) { m.showPlateDialog() })
}
