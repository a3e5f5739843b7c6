package gui

import (
	"strings"
	"testing"

	"minerehab/app"
	"minerehab/models"
)

// TestMapTheme: colouring the mines by green state draws the coloured
// layer over the map with its legend, follows an edit of the records, and
// switching it off removes both.
func TestMapTheme(t *testing.T) {
	m := openSample(t, &renderLog{})
	m.io.Go(func() {
		p, _ := app.PlanningOf(m.store)
		if err := app.SampleHistories(m.ctx, p, models.MustDate("2024-06-30")); err != nil {
			t.Error(err)
		}
	})
	settle(m)
	act(m, func() { m.themes.set(app.ThemeGreen) })
	settle(m)
	if m.mapView.theme == nil || len(m.themes.classes) == 0 {
		t.Fatalf("no theme drawn (%d classes)", len(m.themes.classes))
	}
	legend := strings.Join(texts(m.themes.legend), "|")
	if !strings.Contains(legend, m.t("theme.green.green", nil)) {
		t.Errorf("legend %q", legend)
	}
	green := 0
	for _, c := range m.themes.classes {
		if c.Key == "theme.green.green" {
			green++
		}
	}
	var want *models.Progress
	m.io.Go(func() {
		p, _ := app.PlanningOf(m.store)
		want, _ = app.ProgressOn(m.ctx, p, models.Today())
	})
	settle(m)
	if green != want.Green {
		t.Errorf("%d mines coloured green, progress says %d", green, want.Green)
	}
	act(m, func() { m.themes.set(app.ThemeDeadline) })
	settle(m)
	if m.mapView.theme == nil || !strings.Contains(strings.Join(texts(m.themes.legend), "|"), m.t("theme.deadline.overdue", nil)) {
		t.Error("deadline theme not drawn")
	}
	act(m, func() { m.themes.set(app.ThemeNone) })
	settle(m)
	if m.mapView.theme != nil || len(m.themes.legend.Objects) != 0 {
		t.Error("the theme stays after switching it off")
	}
}
