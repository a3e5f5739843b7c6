package gui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app/fonts"
	"minerehab/app/i18n"
)

// gpkgFilter shows only project files in the file dialogs.
var gpkgFilter = storage.NewExtensionFileFilter([]string{".gpkg", ".GPKG"})

// showOpenDialog asks for a project file to open (File > Open, Ctrl+O).
func (m *MainWindow) showOpenDialog() {
	if m.cfg.Open == nil {
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			m.showError(m.t("gui.error.dialog", nil), err)
			return
		}
		if rc == nil {
			return // cancelled
		}
		path := rc.URI().Path()
		m.io.Go(func() { rc.Close() })
		m.OpenProject(path)
	}, m.win)
	m.setupFileDialog(d, "gui.dialog.open")
	d.Show()
}

// showNewDialog asks where to create a project (File > New, Ctrl+N).
func (m *MainWindow) showNewDialog() {
	if m.cfg.Create == nil {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			m.showError(m.t("gui.error.dialog", nil), err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		path := wc.URI().Path()
		m.io.Go(func() { wc.Close() })
		m.create(path, true)
	}, m.win)
	d.SetFileName(m.t("gui.dialog.new_name", nil))
	m.setupFileDialog(d, "gui.dialog.create")
	d.Show()
}

// setupFileDialog gives a file dialog our labels, the .gpkg filter, the
// folder of the current or last project, and most of the window.
func (m *MainWindow) setupFileDialog(d *dialog.FileDialog, confirmKey string) {
	m.setupFileDialogIn(d, m.win, gpkgFilter, confirmKey)
}

// setupFileDialogIn is setupFileDialog for a dialog of window parent (the
// survey list, a form) with filter (nil: every file; folder dialogs).
func (m *MainWindow) setupFileDialogIn(d *dialog.FileDialog, parent fyne.Window, filter storage.FileFilter, confirmKey string) {
	if filter != nil {
		d.SetFilter(filter)
	}
	d.SetConfirmText(m.t(confirmKey, nil))
	d.SetDismissText(m.t("gui.button.cancel", nil))
	dir := ""
	switch {
	case m.path != "":
		dir = filepath.Dir(m.path)
	case len(m.recent) > 0:
		dir = filepath.Dir(m.recent[0])
	}
	if dir != "" {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				d.SetLocation(l)
			}
		}
	}
	s := parent.Canvas().Size()
	d.Resize(fyne.NewSize(fyne.Min(900, s.Width*0.9), fyne.Min(640, s.Height*0.9)))
}

// showError shows what failed (head) and why (err, in the user's language).
func (m *MainWindow) showError(head string, err error) {
	m.showMessage(m.t("gui.error.title", nil), theme.ErrorIcon(), head, m.errorText(err))
}

// showMessage is a dialog with an icon, a bold first line and a wrapped
// body, sized like Fyne's own message dialogs: as wide as the text needs,
// at most 520 and 90% of the window.
func (m *MainWindow) showMessage(title string, icon fyne.Resource, head, body string) {
	h := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.Wrapping = fyne.TextWrapWord
	b := widget.NewLabel(body)
	b.Wrapping = fyne.TextWrapWord
	want := fyne.Max(widget.NewLabel(head).MinSize().Width, widget.NewLabel(body).MinSize().Width)
	content := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, container.NewVBox(h, b))
	d := dialog.NewCustom(title, m.t("gui.button.ok", nil), content, m.win)
	w := fyne.Min(fyne.Min(want+theme.IconInlineSize()+8*theme.Padding(), 520), m.win.Canvas().Size().Width*0.9)
	d.Resize(fyne.NewSize(w, d.MinSize().Height))
	d.Show()
}

// showAbout is Help > About.
func (m *MainWindow) showAbout() {
	version := m.app.Metadata().Version
	if version == "" {
		version = "dev"
	}
	font := m.t("gui.about.font_default", nil)
	if m.font.Family != "" {
		font = m.font.Family
	}
	title := widget.NewLabelWithStyle("minerehab", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	text := widget.NewLabel(m.t("gui.about.text", nil))
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter
	details := widget.NewLabel(m.t("gui.about.details", i18n.Args{"version": version, "font": font}))
	details.Alignment = fyne.TextAlignCenter
	details.SizeName = theme.SizeNameCaptionText
	d := dialog.NewCustom(m.t("gui.about.title", nil), m.t("gui.button.ok", nil), container.NewVBox(title, text, details), m.win)
	d.Resize(fyne.NewSize(fyne.Min(440, m.win.Canvas().Size().Width*0.9), d.MinSize().Height))
	d.Show()
}

// showFontWarning says that no Chinese font was found and what to install.
// The message is in both languages: the Chinese half may not render.
func (m *MainWindow) showFontWarning() {
	m.showMessage(m.t("gui.font.missing.title", nil), theme.WarningIcon(), m.t("gui.font.missing.head", nil), fonts.ErrNoCJK.Error())
}
