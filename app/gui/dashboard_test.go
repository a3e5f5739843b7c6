package gui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/models"
)

// TestDashboardReserveAndLists: a green mine that a nature reserve is drawn
// over stops counting green, the dashboard says how many mines are in a
// reserve, and each figure's list holds exactly the mines it counts.
func TestDashboardReserveAndLists(t *testing.T) {
	m := openSample(t, &renderLog{})
	d := models.MustDate("2023-12-31")
	var green *models.MineState
	m.io.Go(func() {
		p, _ := app.PlanningOf(m.store)
		if err := app.SampleHistories(m.ctx, p, models.MustDate("2024-06-30")); err != nil {
			t.Error(err)
			return
		}
		gs, err := app.MinesOn(m.ctx, p, d, func(s models.MineState) bool { return s.Counted && s.Green })
		if err != nil || len(gs) == 0 {
			t.Errorf("green mines %v %v", gs, err)
			return
		}
		green = &gs[0]
	})
	settle(m)
	if green == nil {
		t.FailNow()
	}
	act(m, m.showDashboard)
	act(m, func() { m.dash.date.SetText(d.String()); m.dash.refresh() })
	before := m.dash.d.Progress
	if before.InReserve != 0 {
		t.Fatalf("the sample has %d mines in a reserve", before.InReserve)
	}
	// A reserve drawn over the green mine.
	m.io.Go(func() {
		es := m.store.(models.EditStore)
		f, err := es.Feature(m.ctx, models.LayerMines, green.ID)
		if err != nil {
			t.Error(err)
			return
		}
		b := f.Geometry.Bound().Pad(0.001)
		r := &models.Feature{Layer: models.LayerReference, Geometry: orb.Polygon{b.ToRing()},
			Attrs: models.Attrs{Name: "测试保护区", FeatureType: "自然保护区"}}
		if _, err := app.AddFeature(m.ctx, m.store, r); err != nil {
			t.Error(err)
		}
	})
	settle(m)
	act(m, m.dataChanged) // as the window's own edits do
	after := m.dash.d.Progress
	if after.Green != before.Green-1 || after.ReserveBlocked != 1 || after.InReserve < 1 || after.Counted != before.Counted {
		t.Errorf("after the reserve: %+v (in reserve %d), before %+v", after.Tally, after.InReserve, before.Tally)
	}
	txt := strings.Join(texts(m.dash.body), "|")
	if !strings.Contains(txt, "自然保护区") {
		t.Errorf("the dashboard does not say the reserve: %.400q", txt)
	}
	for _, c := range []struct {
		f    mineFilter
		want int
	}{{listGreen, after.Green}, {listCounted, after.Counted}, {listNotGreen, after.Counted - after.Green}, {listReserve, after.InReserve}} {
		n := len(m.dash.lists)
		act(m, func() { m.dash.showMineList(c.f) })
		if len(m.dash.lists) != n+1 {
			t.Fatalf("%s: no list opened", c.f)
		}
		w := m.dash.lists[n]
		if !strings.Contains(w.Title(), "（"+itoa(int64(c.want))+" ") {
			t.Errorf("%s list title %q, want %d mines", c.f, w.Title(), c.want)
		}
		if c.f == listReserve && !strings.Contains(strings.Join(texts(w.Content()), "|"), green.Name) {
			t.Errorf("the reserve list does not name %s", green.Name)
		}
	}
	// Choosing a row shows its mine: the selection becomes that mine.
	act(m, func() { m.dash.showMineList(listReserve) })
	w := m.dash.lists[len(m.dash.lists)-1]
	list := findList(w.Content())
	if list == nil {
		t.Fatal("no list widget")
	}
	act(m, func() { list.Select(0) })
	if len(m.selected) != 1 || m.selected[0].ID != green.ID {
		t.Errorf("selection after choosing the row: %v", m.selected)
	}
}

// findList finds the first list widget under o.
func findList(o fyne.CanvasObject) *widget.List {
	switch x := o.(type) {
	case *widget.List:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if l := findList(c); l != nil {
				return l
			}
		}
	}
	return nil
}

// TestDashboardDateAndRefresh: a new date reuses what the dashboard read,
// so a record written by another program behind the window's back does not
// show; the Refresh button (and opening the dashboard again) reads the
// project again and shows it.
func TestDashboardDateAndRefresh(t *testing.T) {
	m := openSample(t, &renderLog{})
	d := models.MustDate("2023-12-31")
	var pick *models.MineState
	m.io.Go(func() {
		p, _ := app.PlanningOf(m.store)
		if err := app.SampleHistories(m.ctx, p, models.MustDate("2024-06-30")); err != nil {
			t.Error(err)
			return
		}
		ms, err := app.MinesOn(m.ctx, p, d, func(s models.MineState) bool { return s.Counted && !s.Green })
		if err != nil || len(ms) == 0 {
			t.Errorf("counted mines not green %v %v", ms, err)
			return
		}
		pick = &ms[0]
	})
	settle(m)
	if pick == nil {
		t.FailNow()
	}
	act(m, m.showDashboard)
	act(m, func() { m.dash.date.SetText(d.String()); m.dash.refresh() })
	before := m.dash.d.Progress.Green
	m.io.Go(func() { // another program's write: no dataChanged
		p, _ := app.PlanningOf(m.store)
		if _, err := p.Record(m.ctx, &models.RecordBatch{Green: []models.GreenRecord{{MineID: pick.ID, Date: models.MustDate("2023-12-01"), State: models.GreenListed, Level: models.LevelRegional}}}); err != nil {
			t.Error(err)
		}
	})
	settle(m)
	act(m, func() { m.dash.date.SetText("2023-12-30"); m.dash.refresh() })
	act(m, func() { m.dash.date.SetText(d.String()); m.dash.refresh() })
	if got := m.dash.d.Progress.Green; got != before {
		t.Errorf("a new date read the project again: %d green, was %d", got, before)
	}
	act(m, m.dash.reread) // the Refresh button
	if got := m.dash.d.Progress.Green; got != before+1 {
		t.Errorf("after Refresh %d green, want %d", got, before+1)
	}
}

// TestDashboardSaysItIsLoading: until the first figures arrive the window
// shows a moving bar and says what it is doing, and the bar goes (stopped)
// when they come.
func TestDashboardSaysItIsLoading(t *testing.T) {
	m := openSample(t, &renderLog{})
	release := make(chan struct{})
	m.io.Go(func() { <-release }) // the I/O worker is busy: the figures wait
	turn(m.showDashboard)
	var bar *widget.ProgressBarInfinite
	turn(func() {
		if len(m.dash.body.Objects) == 2 {
			bar, _ = m.dash.body.Objects[0].(*widget.ProgressBarInfinite)
		}
		if bar == nil || !strings.Contains(strings.Join(texts(m.dash.body), " "), "正在读取项目") {
			t.Errorf("while reading: %q", texts(m.dash.body))
		}
	})
	close(release)
	settle(m)
	turn(func() {
		if m.dash.d == nil || m.dash.loading != nil || bar.Running() {
			t.Errorf("after reading: figures %v, bar %v running %v", m.dash.d != nil, m.dash.loading, bar.Running())
		}
	})
}

// TestDashboardLongStopList: a city-wide stop-production list shows its
// longest overdue mines on the dashboard and the rest behind a button that
// lists them all; laying it out does not grow with the list (it once added
// a button per mine, re-laying the window out each time: minutes for the
// benchmark project's thousands).
func TestDashboardLongStopList(t *testing.T) {
	m := openSample(t, &renderLog{})
	act(m, m.showDashboard)
	stops := make([]app.StopEntry, 3000)
	for i := range stops {
		stops[i] = app.StopEntry{MineID: int64(i + 1), Licence: fmt.Sprintf("C%04d", i), Name: fmt.Sprint("矿", i), District: "海南区",
			Reasons: []string{"measure:backfill"}, DaysLate: 3000 - i}
	}
	turn(func() {
		d := *m.dash.d
		dl := *d.Deadlines
		dl.StopList = stops
		d.Deadlines = &dl
		m.dash.d = &d
		m.dash.show()
	})
	var rows, more []*widget.Button
	turn(func() {
		for _, o := range m.dash.body.Objects {
			if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, "逾期") {
				rows = append(rows, b)
			}
			if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, "3000 座") {
				more = append(more, b)
			}
		}
	})
	if len(rows) != stopRowsShown || !strings.HasPrefix(rows[0].Text, "矿0（C0000") || len(more) != 1 {
		t.Fatalf("%d stop rows (first %q), %d buttons for the rest", len(rows), rows[0].Text, len(more))
	}
	before := len(m.dash.lists)
	act(m, func() { test.Tap(more[0]) })
	if len(m.dash.lists) != before+1 || !strings.Contains(m.dash.lists[before].Title(), "3000") {
		t.Fatalf("the button opened %d lists", len(m.dash.lists)-before)
	}
}
