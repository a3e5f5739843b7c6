package models

import (
	"math"
	"math/rand/v2"
	"testing"
)

// fixture: 10 mines in two districts. Hand-computed below.
//
//	id district layer-status   status records              green records
//	1  A        producing      -                           listed 2021-09-01
//	2  A        producing      closed 2023-06-01           listed 2022-01-01
//	3  A        suspended      -                           listed 2023-12-31 (deadline day)
//	4  A        construction   -                           listed 2024-01-01 (day after)
//	5  A        closed         producing 2022-01-01        applied 2022-06-01
//	6  B        producing      -                           listed 2022-05-01, rectifying 2023-03-01
//	7  B        producing      -                           listed 2022-05-01, delisted 2023-03-01
//	8  B        abandoned      -                           -
//	9  B        producing      -                           -
//	10 ""       producing      -                           listed 2023-01-01
func progressFixture() *GreenInput {
	nan := math.NaN()
	g := func(id int64, d string, s GreenState) GreenRecord {
		return GreenRecord{MineID: id, Date: MustDate(d), State: s, Score: nan}
	}
	in := &GreenInput{
		Mines: []MineFacts{
			{ID: 1, District: "A", Status: StatusProducing},
			{ID: 2, District: "A", Status: StatusProducing},
			{ID: 3, District: "A", Status: StatusSuspended},
			{ID: 4, District: "A", Status: StatusConstruction},
			{ID: 5, District: "A", Status: StatusClosed},
			{ID: 6, District: "B", Status: StatusProducing},
			{ID: 7, District: "B", Status: StatusProducing},
			{ID: 8, District: "B", Status: StatusAbandoned},
			{ID: 9, District: "B", Status: StatusProducing},
			{ID: 10, District: "", Status: StatusProducing},
		},
		Status: map[int64][]StatusRecord{
			2: {{ID: 1, MineID: 2, Date: MustDate("2023-06-01"), Status: StatusClosed}},
			5: {{ID: 2, MineID: 5, Date: MustDate("2022-01-01"), Status: StatusProducing}},
		},
		Green: map[int64][]GreenRecord{
			1:  {g(1, "2021-09-01", GreenListed)},
			2:  {g(2, "2022-01-01", GreenListed)},
			3:  {g(3, "2023-12-31", GreenListed)},
			4:  {g(4, "2024-01-01", GreenListed)},
			5:  {g(5, "2022-06-01", GreenApplied)},
			6:  {g(6, "2022-05-01", GreenListed), g(6, "2023-03-01", GreenRectifying)},
			7:  {g(7, "2022-05-01", GreenListed), g(7, "2023-03-01", GreenDelisted)},
			10: {g(10, "2023-01-01", GreenListed)},
		},
		Targets: DefaultTargets(),
	}
	in.Sort()
	return in
}

func TestComputeProgress(t *testing.T) {
	in := progressFixture()
	tests := []struct {
		d                       string
		counted, green, uncount int
		need2023, need2025      int
		met2023                 bool
		daysLeft2023            int
		distA, distB            [2]int // counted, green
	}{
		// 2021-12-31: counted 1,2,3,4,6,7,9,10 (5 is closed until 2022) = 8; green: 1 = 1.
		// ⌈0.476×8⌉ = ⌈3.808⌉ = 4 → need 3; 100%: 8 → 7.
		{"2021-12-31", 8, 1, 0, 3, 7, false, 730, [2]int{4, 1}, [2]int{3, 0}},
		// 2022-12-31: 5 producing → counted 9; green 1,2,6,7 = 4. ⌈4.284⌉ = 5 → 1; 9-4 = 5.
		{"2022-12-31", 9, 4, 0, 1, 5, false, 365, [2]int{5, 2}, [2]int{3, 2}},
		// 2023-12-30: 2 closed (green but uncounted) → counted 8; green 1,6(rectifying),10 = 3
		// (3 not yet, 7 delisted). ⌈3.808⌉ = 4 → 1; 8-3 = 5.
		{"2023-12-30", 8, 3, 1, 1, 5, false, 1, [2]int{4, 1}, [2]int{3, 1}},
		// 2023-12-31, the deadline day: 3 listed that day counts → green 4 → met.
		{"2023-12-31", 8, 4, 1, 0, 4, true, 0, [2]int{4, 2}, [2]int{3, 1}},
		// The day after: 4 listed too → green 5.
		{"2024-01-01", 8, 5, 1, 0, 3, true, -1, [2]int{4, 3}, [2]int{3, 1}},
	}
	for _, tc := range tests {
		p := ComputeProgress(in, MustDate(tc.d), 0)
		if p.Counted != tc.counted || p.Green != tc.green || p.GreenUncounted != tc.uncount {
			t.Errorf("%s: counted %d green %d uncounted %d, want %d %d %d", tc.d, p.Counted, p.Green, p.GreenUncounted, tc.counted, tc.green, tc.uncount)
		}
		if len(p.Targets) != 2 {
			t.Fatalf("%s: %d targets", tc.d, len(p.Targets))
		}
		if p.Targets[0].Needed != tc.need2023 || p.Targets[1].Needed != tc.need2025 || p.Targets[0].Met != tc.met2023 {
			t.Errorf("%s: needed %d/%d met %v, want %d/%d %v", tc.d, p.Targets[0].Needed, p.Targets[1].Needed, p.Targets[0].Met, tc.need2023, tc.need2025, tc.met2023)
		}
		if p.Targets[0].DaysLeft != tc.daysLeft2023 {
			t.Errorf("%s: days left %d, want %d", tc.d, p.Targets[0].DaysLeft, tc.daysLeft2023)
		}
		a, b := p.ByDistrict["A"], p.ByDistrict["B"]
		if [2]int{a.Counted, a.Green} != tc.distA || [2]int{b.Counted, b.Green} != tc.distB {
			t.Errorf("%s: A %d/%d B %d/%d, want %v %v", tc.d, a.Counted, a.Green, b.Counted, b.Green, tc.distA, tc.distB)
		}
		sum := 0
		for _, n := range p.ByStatus {
			sum += n
		}
		if sum != len(in.Mines) {
			t.Errorf("%s: by_status sums to %d", tc.d, sum)
		}
		if want := float64(tc.green) / float64(tc.counted); p.Rate != want {
			t.Errorf("%s: rate %v, want %v", tc.d, p.Rate, want)
		}
	}
}

func TestProgressTrend(t *testing.T) {
	in := progressFixture()
	// On 2022-12-31 green = 4 (1,2,6,7); a year before (2021-12-31) 1 → gained 3 in 365 days.
	p := ComputeProgress(in, MustDate("2022-12-31"), 365)
	if p.Gained != 3 {
		t.Fatalf("gained %d, want 3", p.Gained)
	}
	// 2023 target needs 1: ⌈1×365/3⌉ = 122 days → 2023-05-02.
	if got := p.Targets[0].Trend.String(); got != "2023-05-02" {
		t.Errorf("trend 2023 = %s, want 2023-05-02", got)
	}
	// 2025 needs 5: ⌈5×365/3⌉ = 609 days → 2024-08-31 (365 to 2023-12-31, 244 more).
	if got := p.Targets[1].Trend.String(); got != "2024-08-31" {
		t.Errorf("trend 2025 = %s, want 2024-08-31", got)
	}
}

func TestProgressNoRecords(t *testing.T) {
	in := &GreenInput{Mines: []MineFacts{{ID: 1, Status: StatusProducing}, {ID: 2, Status: StatusClosed}}, Targets: DefaultTargets()}
	p := ComputeProgress(in, MustDate("2023-06-15"), 0)
	if p.Counted != 1 || p.Green != 0 || p.Rate != 0 || p.Targets[0].Needed != 1 || !p.Targets[0].Trend.IsZero() {
		t.Errorf("%+v", p)
	}
	empty := ComputeProgress(&GreenInput{Targets: DefaultTargets()}, MustDate("2023-06-15"), 0)
	if empty.Counted != 0 || empty.Rate != 0 || empty.Targets[0].Needed != 0 || !empty.Targets[0].Met {
		t.Errorf("empty project: %+v", empty)
	}
}

func TestGreenSeriesAndReportDates(t *testing.T) {
	in := progressFixture()
	s := GreenSeries(in, []Date{MustDate("2021-12-31"), MustDate("2023-12-31")})
	if s[0].Green != 1 || s[1].Green != 4 || s[1].Counted != 8 {
		t.Errorf("series %+v", s)
	}
	got := ReportDates(MustDate("2023-01-20"), MustDate("2023-03-15"))
	want := []string{"2023-01-30", "2023-02-15", "2023-02-28", "2023-03-15"}
	if len(got) != len(want) {
		t.Fatalf("report dates %v", got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("report date %d = %s, want %s", i, got[i], want[i])
		}
	}
}

// TestProgressReserveBlocked: a mine in a nature reserve is never counted
// green, whatever its records say; it stays in the denominator and is
// reported as blocked, in the tally, the mine list and the burn-up.
func TestProgressReserveBlocked(t *testing.T) {
	in := progressFixture()
	in.FlagReserves(&ReserveCheck{Overlaps: []ReserveOverlap{
		{Layer: LayerMines, ID: 1, OverlapM2: 1200},
		{Layer: LayerMines, ID: 9, OverlapM2: 50},   // not green: nothing changes but the flag
		{Layer: LayerSites, ID: 6, OverlapM2: 9999}, // a site with a mine's id: ignored
	}})
	d := MustDate("2022-12-31")
	p := ComputeProgress(in, d, 0)
	// Without the reserve: counted 9, green 4 (1, 2, 6, 7). Mine 1 drops out of green.
	if p.Counted != 9 || p.Green != 3 || p.ReserveBlocked != 1 || p.InReserve != 2 {
		t.Errorf("tally %+v, want counted 9 green 3 blocked 1", p.Tally)
	}
	if a := p.ByDistrict["A"]; a.Green != 1 || a.ReserveBlocked != 1 {
		t.Errorf("district A %+v", a.Tally)
	}
	// ⌈0.476×9⌉ = 5 → need 2 (was 1).
	if p.Targets[0].Needed != 2 {
		t.Errorf("needed for 2023: %d, want 2", p.Targets[0].Needed)
	}
	states := MineStatesOn(in, d)
	if s := states[0]; s.Green || !s.ReserveBlocked || s.GreenState != GreenListed || !s.InReserve() || s.ReserveM2 != 1200 {
		t.Errorf("mine 1 state %+v", s)
	}
	if s := states[8]; s.ReserveBlocked || !s.InReserve() {
		t.Errorf("mine 9 state %+v", s)
	}
	if s := states[5]; s.InReserve() || !s.Green {
		t.Errorf("mine 6 state %+v", s)
	}
	if g := GreenSeries(in, []Date{d})[0]; g.Green != 3 || g.ReserveBlocked != 1 {
		t.Errorf("burn-up %+v", g.Tally)
	}
	if in.IsGreen(1, d) || !in.IsGreen(2, d) {
		t.Error("IsGreen ignores the reserve")
	}
}

// TestGreenSeriesMatchesDayByDay: the running-sum burn-up equals the tally
// evaluated mine by mine on each date, on random histories (records on,
// before and after the dates; reserves; closing and reopening mines).
func TestGreenSeriesMatchesDayByDay(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	statuses := []MineStatus{StatusProducing, StatusSuspended, StatusConstruction, StatusClosed, StatusAbandoned}
	for round := 0; round < 50; round++ {
		in := &GreenInput{Status: map[int64][]StatusRecord{}, Green: map[int64][]GreenRecord{}}
		start := MustDate("2021-03-12")
		for id := int64(1); id <= 40; id++ {
			in.Mines = append(in.Mines, MineFacts{ID: id, Status: statuses[rng.IntN(len(statuses))]})
			for k := rng.IntN(4); k > 0; k-- {
				in.Status[id] = append(in.Status[id], StatusRecord{ID: int64(k), MineID: id, Date: start.AddDays(rng.IntN(1200) - 100), Status: statuses[rng.IntN(len(statuses))]})
			}
			for k := rng.IntN(5); k > 0; k-- {
				in.Green[id] = append(in.Green[id], GreenRecord{ID: int64(k), MineID: id, Date: start.AddDays(rng.IntN(1200) - 100), State: GreenStates[rng.IntN(len(GreenStates))]})
			}
		}
		var over []ReserveOverlap
		for id := int64(1); id <= 40; id += 7 {
			over = append(over, ReserveOverlap{Layer: LayerMines, ID: id, OverlapM2: 10})
		}
		in.FlagReserves(&ReserveCheck{Overlaps: over})
		in.Sort()
		dates := ReportDates(start, start.AddDays(rng.IntN(1000)))
		got := GreenSeries(in, dates)
		for i, d := range dates {
			var want Tally
			for _, m := range in.Mines {
				g, blocked := in.greenOn(m.ID, d)
				want.add(MineState{Counted: Counted(StatusOn(m.Status, in.Status[m.ID], d)), Green: g, ReserveBlocked: blocked})
			}
			want.finish()
			if got[i].Tally != want || got[i].Date != d {
				t.Fatalf("round %d, %s: %+v, want %+v", round, d, got[i].Tally, want)
			}
		}
	}
}
