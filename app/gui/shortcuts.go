package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// keyBindings lists every key and mouse binding of the window, for
// Help > Keyboard shortcuts: the keys as printed on the keyboard, the
// action as a message key. A test checks each action has a translation.
var keyBindings = []struct{ keys, action string }{
	{"Ctrl+N", "gui.keys.new"},
	{"Ctrl+O", "gui.keys.open"},
	{"Ctrl+I", "gui.keys.import"},
	{"Ctrl+R", "gui.keys.reload"},
	{"Ctrl+Q", "gui.keys.quit"},
	{"Ctrl+Z", "gui.keys.undo"},
	{"Ctrl+Y / Ctrl+Shift+Z", "gui.keys.redo"},
	{"Ctrl+F", "gui.keys.search"},
	{"Ctrl+G", "gui.keys.goto"},
	{"+ / =  ·  PgUp", "gui.keys.zoom_in"},
	{"-  ·  PgDn", "gui.keys.zoom_out"},
	{"← ↑ → ↓", "gui.keys.pan"},
	{"Home", "gui.keys.zoom_all"},
	{"Alt+← / Alt+→", "gui.keys.history"},
	{"Esc", "gui.keys.select_none"},
	{"mouse.drag", "gui.keys.drag"},
	{"mouse.wheel", "gui.keys.wheel"},
	{"mouse.double", "gui.keys.double"},
	{"mouse.click", "gui.keys.click"},
	{"mouse.shift_click", "gui.keys.shift_click"},
	{"mouse.shift_drag", "gui.keys.shift_drag"},
	{"mouse.ctrl_shift_drag", "gui.keys.ctrl_shift_drag"},
}

// showShortcuts is Help > Keyboard shortcuts.
func (m *MainWindow) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, b := range keyBindings {
		keys := b.keys
		if len(keys) > 6 && keys[:6] == "mouse." {
			keys = m.t("gui."+keys, nil)
		}
		k := widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		grid.Add(k)
		grid.Add(widget.NewLabel(m.t(b.action, nil)))
	}
	d := dialog.NewCustom(m.t("gui.keys.title", nil), m.t("gui.button.ok", nil), container.NewVScroll(grid), m.win)
	s := m.win.Canvas().Size()
	d.Resize(fyne.NewSize(fyne.Min(620, s.Width*0.9), fyne.Min(680, s.Height*0.9)))
	d.Show()
}
