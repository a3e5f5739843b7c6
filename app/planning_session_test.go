package app

import (
	"context"
	"encoding/json"
	"testing"

	"minerehab/models"
)

// TestDashboardSession: a session's dashboards are DashboardOn's, date
// after date (forwards, back, and to a date already shown), and after a
// change to the records and Invalidate, the new figures; without
// Invalidate, the kept reads (it says when to call it).
func TestDashboardSession(t *testing.T) {
	ctx := context.Background()
	p, err := PlanningOf(sampleProject(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := SampleHistories(ctx, p, models.MustDate("2024-06-30")); err != nil {
		t.Fatal(err)
	}
	js := func(db *Dashboard) string {
		t.Helper()
		b, err := json.Marshal(db)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := func(d models.Date) string {
		t.Helper()
		db, err := DashboardOn(ctx, p, d)
		if err != nil {
			t.Fatal(err)
		}
		return js(db)
	}
	s := NewDashboardSession(p)
	for _, date := range []string{"2023-06-15", "2021-05-01", "2024-06-30", "2022-12-31", "2023-06-15"} {
		d := models.MustDate(date)
		got, err := s.On(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if js(got) != want(d) {
			t.Errorf("%s: the session's dashboard differs from DashboardOn's", date)
		}
	}
	// A change: a mine listed green on 2023-06-01.
	d := models.MustDate("2023-06-15")
	before, _ := s.On(ctx, d)
	mines, err := p.MineFacts(ctx)
	if err != nil || len(mines) == 0 {
		t.Fatal(mines, err)
	}
	var pick *models.MineFacts
	for _, st := range models.MineStatesOn(mustGreenInput(t, p), d) {
		if st.Counted && !st.Green {
			pick = &st.MineFacts
			break
		}
	}
	if pick == nil {
		t.Fatal("no counted mine that is not green on the date")
	}
	if _, err := p.Record(ctx, &models.RecordBatch{Green: []models.GreenRecord{{MineID: pick.ID, Date: models.MustDate("2023-06-01"), State: models.GreenListed, Level: models.LevelRegional}}}); err != nil {
		t.Fatal(err)
	}
	stale, _ := s.On(ctx, d)
	if stale.Progress.Green != before.Progress.Green {
		t.Errorf("without Invalidate the session read again: %d green, kept %d", stale.Progress.Green, before.Progress.Green)
	}
	s.Invalidate()
	after, err := s.On(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if after.Progress.Green != before.Progress.Green+1 || js(after) != want(d) {
		t.Errorf("after Invalidate: %d green (was %d), equal to DashboardOn %v", after.Progress.Green, before.Progress.Green, js(after) == want(d))
	}
}

func mustGreenInput(t *testing.T, p Planning) *models.GreenInput {
	t.Helper()
	in, err := greenInput(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return in
}
