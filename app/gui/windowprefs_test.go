package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"minerehab/app/i18n"
)

// TestPanelWidthsRemembered: the layer panel's and the map's widths are
// saved when the window closes and set again in the next window; widths
// dragged almost shut start at the default instead.
func TestPanelWidthsRemembered(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		layers, mapShare       float64 // dragged to
		wantLayers, wantMapSha float64 // in the next window
	}{
		{"dragged", 0.31, 0.6, 0.31, 0.6},
		{"almost shut", 0.9, 0.99, layerSplit.def, mapSplit.def},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			m := newTestWindow(t, a, config(newStores(), i18n.EN, ""))
			if m.layerSplit.Offset != layerSplit.def || m.split.Offset != mapSplit.def {
				t.Errorf("first window: layers %v, map %v; want the defaults", m.layerSplit.Offset, m.split.Offset)
			}
			m.layerSplit.SetOffset(tc.layers)
			m.split.SetOffset(tc.mapShare)
			m.Shutdown()
			m = newTestWindow(t, a, config(newStores(), i18n.EN, ""))
			if m.layerSplit.Offset != tc.wantLayers || m.split.Offset != tc.wantMapSha {
				t.Errorf("next window: layers %v, map %v; want %v, %v", m.layerSplit.Offset, m.split.Offset, tc.wantLayers, tc.wantMapSha)
			}
		})
	}
}

// TestSaveWindowIsOneChange: the window's size, splits and view reach the
// preferences as one change, the one Fyne writes to its file at once
// (later changes within 100 ms wait for its event loop, gone at exit).
func TestSaveWindowIsOneChange(t *testing.T) {
	a := test.NewTempApp(t)
	m := newTestWindow(t, a, config(newStores(), i18n.EN, "/projects/wuhai.gpkg"))
	m.layerSplit.SetOffset(0.27)
	changes := 0
	a.Preferences().AddChangeListener(func() { changes++ })
	m.Shutdown()
	p := a.Preferences()
	if changes != 1 {
		t.Errorf("%d changes of the preferences, want 1", changes)
	}
	if p.Float(layerSplit.key) != 0.27 || p.Float(mapSplit.key) != mapSplit.def || p.Float(prefWinW) == 0 || p.String(prefViewPre+m.ProjectPath()) == "" {
		t.Errorf("saved layers %v, map %v, width %v, view %q", p.Float(layerSplit.key), p.Float(mapSplit.key), p.Float(prefWinW), p.String(prefViewPre+m.ProjectPath()))
	}
}
