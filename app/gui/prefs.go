package gui

import "fyne.io/fyne/v2"

// Preference keys.
const (
	prefLang   = "lang"   // "zh-CN" or "en"
	prefRecent = "recent" // project files, most recent first
	maxRecent  = 8
)

func loadRecent(p fyne.Preferences) []string {
	var out []string
	for _, s := range p.StringList(prefRecent) {
		if s != "" && len(out) < maxRecent {
			out = append(out, s)
		}
	}
	return out
}

// addRecent puts path first in the recent projects and saves the list.
func (m *MainWindow) addRecent(path string) {
	out := []string{path}
	for _, s := range m.recent {
		if s != path && len(out) < maxRecent {
			out = append(out, s)
		}
	}
	m.recent = out
	m.app.Preferences().SetStringList(prefRecent, out)
}

// clearRecent empties the recent projects.
func (m *MainWindow) clearRecent() {
	m.recent = nil
	m.app.Preferences().SetStringList(prefRecent, nil)
	m.refresh()
}
