package models

import "testing"

func TestMeasureStatusOn(t *testing.T) {
	// 10 ha from 2023-01-01 to 2023-01-10 (10 days, 1 ha a day on schedule).
	m := Measure{Kind: MeasureBackfill, AreaHa: 10, Start: MustDate("2023-01-01"), End: MustDate("2023-01-10")}
	e := func(d string, ha float64) ProgressEntry { return ProgressEntry{Date: MustDate(d), AreaHa: ha} }
	tests := []struct {
		name    string
		entries []ProgressEntry
		d       string
		status  DeadlineStatus
		late    int
	}{
		{"before start, nothing done", nil, "2022-12-31", NotStarted, 0},
		{"first day, nothing yet: 1 day behind", nil, "2023-01-01", Behind, 1},
		{"day 5 with 5 ha: on track", []ProgressEntry{e("2023-01-03", 5)}, "2023-01-05", OnTrack, 0},
		{"day 5 with 3 ha: 2 days behind", []ProgressEntry{e("2023-01-03", 3)}, "2023-01-05", Behind, 2},
		{"entries after d do not count", []ProgressEntry{e("2023-01-06", 5)}, "2023-01-05", Behind, 5},
		{"end day with 9 ha: still behind, not overdue", []ProgressEntry{e("2023-01-09", 9)}, "2023-01-10", Behind, 1},
		{"the day after the end: overdue 1", []ProgressEntry{e("2023-01-09", 9)}, "2023-01-11", Overdue, 1},
		{"done on the end day", []ProgressEntry{e("2023-01-09", 9), e("2023-01-10", 1)}, "2023-01-10", Done, 0},
		{"done stays done later", []ProgressEntry{e("2023-01-09", 10)}, "2024-01-01", Done, 0},
		{"early work before start is on track", []ProgressEntry{e("2022-12-20", 1)}, "2022-12-31", OnTrack, 0},
	}
	for _, tc := range tests {
		got := MeasureStatusOn(m, tc.entries, MustDate(tc.d))
		if got.Status != tc.status || got.DaysLate != tc.late {
			t.Errorf("%s: %+v, want %s late %d", tc.name, got, tc.status, tc.late)
		}
	}
	vol := Measure{Kind: MeasureInternalDump, VolumeM3: 1000, Start: MustDate("2023-01-01"), End: MustDate("2023-12-31")}
	if got := MeasureStatusOn(vol, []ProgressEntry{{Date: MustDate("2023-02-01"), VolumeM3: 1000}}, MustDate("2023-03-01")); got.Status != Done {
		t.Errorf("volume measure: %+v", got)
	}
}

func TestMeasureCheck(t *testing.T) {
	ok := Measure{Kind: MeasureSoilCover, AreaHa: 1, Start: MustDate("2023-01-01"), End: MustDate("2023-02-01")}
	if err := ok.Check(); err != nil {
		t.Error(err)
	}
	for name, m := range map[string]Measure{
		"negative area":    {Kind: MeasureSoilCover, AreaHa: -1},
		"negative budget":  {Kind: MeasureSoilCover, BudgetWan: -5},
		"unknown kind":     {Kind: "dig"},
		"end before start": {Kind: MeasureSoilCover, Start: MustDate("2023-02-01"), End: MustDate("2023-01-01")},
	} {
		if err := m.Check(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if k, ok := ParseMeasureKind("削坡整形"); !ok || k != MeasureRegrade {
		t.Error("ParseMeasureKind")
	}
	if !MeasureBackfill.Stops() || MeasureRoad.Stops() {
		t.Error("Stops")
	}
}

func TestMilestoneProblemFire(t *testing.T) {
	ms := DefaultZoneMilestones()
	if len(ms) != 4 || ms[3].Due.String() != "2023-12-31" {
		t.Fatalf("defaults %+v", ms)
	}
	m := ms[2] // basic, due 2022-12-31
	for _, tc := range []struct {
		done, d string
		st      DeadlineStatus
		late    int
	}{
		{"", "2022-12-31", OnTrack, 0},
		{"", "2023-01-01", Overdue, 1},
		{"2022-12-31", "2023-06-01", Done, 0},
		{"2023-01-05", "2023-06-01", Done, 5},
		{"2023-01-05", "2023-01-04", Overdue, 4}, // not yet done on d
	} {
		x := m
		if tc.done != "" {
			x.Done = MustDate(tc.done)
		}
		st, late := MilestoneStatus(x, MustDate(tc.d))
		if st != tc.st || late != tc.late {
			t.Errorf("milestone done %q on %s: %s %d, want %s %d", tc.done, tc.d, st, late, tc.st, tc.late)
		}
	}
	p := MineProblem{Deadline: MustDate("2023-03-01"), State: ProblemRectifying}
	if st, late := ProblemStatusOn(p, MustDate("2023-03-01")); st != OnTrack || late != 0 {
		t.Errorf("problem on deadline day: %s %d", st, late)
	}
	if st, late := ProblemStatusOn(p, MustDate("2023-03-04")); st != Overdue || late != 3 {
		t.Errorf("problem after deadline: %s %d", st, late)
	}
	p.State, p.Closed = ProblemClosed, MustDate("2023-03-10")
	if st, _ := ProblemStatusOn(p, MustDate("2023-03-10")); st != Done {
		t.Errorf("closed problem: %s", st)
	}
	log := []FireLog{{Date: MustDate("2023-05-01"), State: FireBurning}, {Date: MustDate("2023-05-03"), State: FireExtinguished}, {Date: MustDate("2023-05-10"), State: FireReignited}}
	for _, tc := range []struct {
		d     string
		st    FireState
		stale bool
	}{
		{"2023-04-30", "", false},
		{"2023-05-02", FireBurning, false}, // reported yesterday
		{"2023-05-03", FireExtinguished, false},
		{"2023-05-09", FireExtinguished, false}, // out: no daily report needed
		{"2023-05-11", FireReignited, false},
		{"2023-05-12", FireReignited, true}, // two days without a report
	} {
		st, stale := FireOn(log, MustDate(tc.d))
		if st != tc.st || stale != tc.stale {
			t.Errorf("fire on %s: %s %v, want %s %v", tc.d, st, stale, tc.st, tc.stale)
		}
	}
}
