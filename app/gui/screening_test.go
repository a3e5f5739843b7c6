package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/models"
)

// TestScreeningWindow: the window's screening lists what app.Screen (and
// so `minerehab screen`) lists, draws the band on the map, shows a hit when
// its row is chosen, saves the result and re-runs it unchanged; bad input
// is said in the window.
func TestScreeningWindow(t *testing.T) {
	m := openSample(t, &renderLog{})
	act(m, m.showScreening)
	sv := m.screen
	if sv == nil {
		t.Fatal("no screening window")
	}
	act(m, sv.start)
	if sv.res == nil {
		t.Fatalf("no result: %s", sv.summary.Text)
	}
	var want *models.Screening
	m.io.Go(func() {
		want, _ = app.Screen(m.ctx, m.store, models.ScreenParams{DistanceM: 3000})
	})
	m.io.Wait()
	if want == nil || len(want.Hits) == 0 || len(sv.res.Hits) != len(want.Hits) {
		t.Fatalf("window %d hits, app.Screen %v", len(sv.res.Hits), want)
	}
	for i := range want.Hits {
		if sv.res.Hits[i] != want.Hits[i] {
			t.Errorf("hit %d: %+v, want %+v", i, sv.res.Hits[i], want.Hits[i])
		}
	}
	if len(m.mapView.bands) != 1 || len(m.mapView.bands[0]) == 0 {
		t.Errorf("no band on the map: %v", len(m.mapView.bands))
	}
	act(m, func() { sv.showBand.SetChecked(false) })
	if len(m.mapView.bands) != 0 {
		t.Error("the band stays after unchecking")
	}
	act(m, func() { sv.showBand.SetChecked(true) })
	act(m, func() { sv.list.Select(0) })
	if len(m.selected) != 1 || m.selected[0].ID != want.Hits[0].ID || m.selected[0].Layer != want.Hits[0].Layer {
		t.Errorf("selection after choosing the first hit: %v", m.selected)
	}
	// Save, then re-run: the same.
	m.io.Go(func() {
		if err := app.SaveScreening(m.ctx, m.store, "测试排查", sv.res); err != nil {
			t.Error(err)
		}
	})
	settle(m)
	act(m, sv.refreshSaved)
	act(m, func() { sv.saved.SetSelected("测试排查") })
	act(m, func() { sv.load(true) })
	if !strings.Contains(sv.summary.Text, m.t("screenwin.rerun_same", nil)) {
		t.Errorf("re-run summary %q", sv.summary.Text)
	}
	// Bad input.
	for _, c := range []struct{ distance, says string }{
		{"abc", "abc"},
		{"0", ""},
		{"-5", ""},
		{"1e9", ""},
	} {
		act(m, func() { sv.distance.SetText(c.distance); sv.start() })
		if sv.summary.Importance != widget.DangerImportance || !strings.Contains(sv.summary.Text, c.says) {
			t.Errorf("distance %q: summary %q (%v)", c.distance, sv.summary.Text, sv.summary.Importance)
		}
	}
	act(m, func() { sv.distance.SetText("3000"); sv.names.SetText("不存在的河") })
	act(m, sv.start)
	if sv.summary.Importance != widget.DangerImportance || !strings.Contains(sv.summary.Text, "不存在的河") {
		t.Errorf("unknown river: summary %q", sv.summary.Text)
	}
	act(m, func() { sv.win.Close() })
	if m.screen != nil || len(m.mapView.bands) != 0 {
		t.Error("closing the window leaves the band")
	}
}
