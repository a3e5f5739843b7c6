package gui

import (
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"golang.org/x/image/font/opentype"

	"minerehab/app/fonts"
	"minerehab/gis/render"
)

// cjkTheme is Fyne's default theme with a Simplified Chinese UI font (see
// minerehab/app/fonts for why). Monospace and symbol text keep Fyne's own fonts.
type cjkTheme struct {
	fyne.Theme
	regular, bold fyne.Resource
}

// newCJKTheme wraps base with font f.
func newCJKTheme(base fyne.Theme, f *fonts.Font) *cjkTheme {
	t := &cjkTheme{Theme: base, regular: fyne.NewStaticResource(f.Family+".otf", f.Regular)}
	t.bold = t.regular
	if f.Bold != nil {
		t.bold = fyne.NewStaticResource(f.Family+" Bold.otf", f.Bold)
	}
	return t
}

// Font returns the CJK face for ordinary text, bold when the family has one.
func (t *cjkTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace, s.Symbol:
		return t.Theme.Font(s)
	case s.Bold:
		return t.bold
	default:
		return t.regular
	}
}

// fontStatus says which UI font is in use, for the log and the About box,
// and holds it parsed for the map labels.
type fontStatus struct {
	Family, Path string
	Err          error          // fonts.ErrNoCJK when Chinese may not render
	Map          *opentype.Font // the same face for gis/render; nil without one
}

// installTheme finds the UI font (MINEREHAB_FONT first) and sets the theme
// of a; without a CJK font it keeps Fyne's theme and says what to install.
func installTheme(a fyne.App) fontStatus {
	f, notes, err := fonts.FindSystem()
	for _, n := range notes {
		log.Printf("minerehab: font skipped: %s", n)
	}
	if err != nil {
		log.Printf("minerehab: %v", err)
		return fontStatus{Err: err}
	}
	a.Settings().SetTheme(newCJKTheme(theme.DefaultTheme(), f))
	fs := fontStatus{Family: f.Family, Path: f.Path}
	if mf, err := render.ParseFont(f.Regular); err == nil {
		fs.Map = mf
	} else {
		log.Printf("minerehab: map labels: %v", err)
	}
	return fs
}
