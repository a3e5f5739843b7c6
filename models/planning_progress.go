package models

import (
	"slices"
	"sort"
)

// MineFacts is what the green-mine arithmetic needs of one mine of the
// mines layer.
type MineFacts struct {
	ID       int64      `json:"id"` // fid in the mines layer
	Licence  string     `json:"licence,omitempty"`
	Name     string     `json:"name,omitempty"`
	District string     `json:"district,omitempty"`
	Status   MineStatus `json:"status,omitempty"` // the layer's status attribute
	// ReserveM2 is the mine's overlap with nature reserves (0: none). A
	// mine in a reserve cannot meet the green-mine prerequisites: it is
	// never counted green, whatever its green records say.
	ReserveM2 float64 `json:"reserve_m2,omitempty"`
}

// InReserve reports whether the mine overlaps a nature reserve.
func (m MineFacts) InReserve() bool { return m.ReserveM2 > 0 }

// GreenInput is everything progress on a date depends on. The histories
// are keyed by mine fid and sorted by SortStatus / SortGreen.
type GreenInput struct {
	Mines   []MineFacts
	Status  map[int64][]StatusRecord
	Green   map[int64][]GreenRecord
	Targets []Target
	// reserve is each flagged mine's overlap with nature reserves, m².
	reserve map[int64]float64
}

// FlagReserves sets each mine's overlap with the nature reserves from a
// reserve check.
func (in *GreenInput) FlagReserves(c *ReserveCheck) {
	over := map[int64]float64{}
	for _, o := range c.Overlaps {
		if o.Layer == LayerMines {
			over[o.ID] += o.OverlapM2
		}
	}
	for i := range in.Mines {
		in.Mines[i].ReserveM2 = over[in.Mines[i].ID]
	}
	in.reserve = over
}

// IsGreen is whether mine id counts as green on d: its latest green record
// is listed or rectifying, and it is not in a nature reserve.
func (in *GreenInput) IsGreen(id int64, d Date) bool {
	g, _ := in.greenOn(id, d)
	return g
}

// greenOn is IsGreen; blocked reports a mine whose records say green but
// that lies in a reserve.
func (in *GreenInput) greenOn(id int64, d Date) (green, blocked bool) {
	g := GreenOn(in.Green[id], d)
	if g && in.reserve[id] > 0 {
		return false, true
	}
	return g, false
}

// Sort sorts every history in place (needed once after loading).
func (in *GreenInput) Sort() {
	for _, h := range in.Status {
		SortStatus(h)
	}
	for _, h := range in.Green {
		SortGreen(h)
	}
}

// MineState is one mine on a date: the rows behind every dashboard figure.
type MineState struct {
	MineFacts
	StatusOn   MineStatus `json:"status_on"`
	Counted    bool       `json:"counted"`
	GreenState GreenState `json:"green_state,omitempty"`
	Green      bool       `json:"green"`
	// ReserveBlocked: the green records say listed or rectifying, but the
	// mine lies in a nature reserve, so it is not counted green.
	ReserveBlocked bool `json:"reserve_blocked,omitempty"`
}

// MineStatesOn evaluates every mine on d, in the order of in.Mines.
func MineStatesOn(in *GreenInput, d Date) []MineState {
	out := make([]MineState, len(in.Mines))
	for i, m := range in.Mines {
		s := StatusOn(m.Status, in.Status[m.ID], d)
		g := GreenStateOn(in.Green[m.ID], d)
		blocked := g.Green() && m.InReserve()
		out[i] = MineState{MineFacts: m, StatusOn: s, Counted: Counted(s), GreenState: g, Green: g.Green() && !blocked, ReserveBlocked: blocked}
	}
	return out
}

// Tally counts mines on a date. Green counts only counted mines (a listed
// mine that closed leaves both the numerator and the denominator);
// GreenUncounted reports the green-listed mines that are not counted.
type Tally struct {
	Counted        int     `json:"counted_mines"`
	Green          int     `json:"green_mines"`
	Rate           float64 `json:"rate"` // Green / Counted, 0 when nothing is counted
	GreenUncounted int     `json:"green_uncounted,omitempty"`
	// ReserveBlocked counts the counted mines whose records say green but
	// that lie in a nature reserve (not in Green).
	ReserveBlocked int `json:"reserve_blocked,omitempty"`
}

func (t *Tally) add(s MineState) {
	if s.Counted && s.ReserveBlocked {
		t.ReserveBlocked++
	}
	switch {
	case s.Counted && s.Green:
		t.Counted++
		t.Green++
	case s.Counted:
		t.Counted++
	case s.Green:
		t.GreenUncounted++
	}
}

func (t *Tally) finish() {
	t.Rate = 0
	if t.Counted > 0 {
		t.Rate = float64(t.Green) / float64(t.Counted)
	}
}

// TargetProgress is one target seen from a date.
type TargetProgress struct {
	Date     Date    `json:"date"`
	Rate     float64 `json:"rate"`
	MinCount int     `json:"min_count,omitempty"`
	Label    string  `json:"label,omitempty"`
	Required int     `json:"required"` // max(⌈rate × counted⌉, min count)
	Needed   int     `json:"needed"`
	Met      bool    `json:"met"`
	DaysLeft int     `json:"days_left"` // negative once the deadline has passed
	// Trend is the date the pace of the trend window reaches the target
	// (the as-of date when met); null when the pace is not positive.
	Trend Date `json:"trend_date"`
}

// DistrictProgress is the tally of one district with what each target needs there.
type DistrictProgress struct {
	Tally
	Targets []TargetProgress `json:"targets"`
}

// Progress is the green-mine position on a date.
type Progress struct {
	AsOf Date `json:"as_of"`
	Tally
	ByStatus   map[MineStatus]int          `json:"by_status"`
	Targets    []TargetProgress            `json:"targets"`
	ByDistrict map[string]DistrictProgress `json:"by_district"`
	// TrendDays is the window the trend looks back over; Gained the green
	// mines gained in it (negative when lost).
	TrendDays int `json:"trend_days"`
	Gained    int `json:"gained"`
	// InReserve counts the mines (of any status) overlapping a nature
	// reserve; ReserveBlocked (in the tally) those of them that the green
	// records would count green.
	InReserve int `json:"in_reserve,omitempty"`
}

// DefaultTrendDays is the trend window: one year back from the as-of date.
const DefaultTrendDays = 365

// ComputeProgress evaluates every mine on d and each target against the
// result; the trend compares the green count on d with that trendDays
// before (DefaultTrendDays when ≤ 0). Districts without a name are
// grouped under "".
func ComputeProgress(in *GreenInput, d Date, trendDays int) Progress {
	if trendDays <= 0 {
		trendDays = DefaultTrendDays
	}
	p := Progress{AsOf: d, ByStatus: map[MineStatus]int{}, ByDistrict: map[string]DistrictProgress{}, TrendDays: trendDays}
	before := d.AddDays(-trendDays)
	districts := map[string]*Tally{}
	gainedBy := map[string]int{}
	for _, m := range in.Mines {
		s := StatusOn(m.Status, in.Status[m.ID], d)
		g, blocked := in.greenOn(m.ID, d)
		st := MineState{MineFacts: m, StatusOn: s, Counted: Counted(s), Green: g, ReserveBlocked: blocked}
		p.ByStatus[s]++
		if m.InReserve() {
			p.InReserve++
		}
		p.Tally.add(st)
		dt := districts[m.District]
		if dt == nil {
			dt = &Tally{}
			districts[m.District] = dt
		}
		dt.add(st)
		// The trend counts counted green mines then and now.
		sb := StatusOn(m.Status, in.Status[m.ID], before)
		gb, _ := in.greenOn(m.ID, before)
		was := Counted(sb) && gb
		is := st.Counted && g
		if is != was {
			delta := 1
			if was {
				delta = -1
			}
			p.Gained += delta
			gainedBy[m.District] += delta
		}
	}
	p.Tally.finish()
	p.Targets = evalTargets(in.Targets, d, p.Tally, p.Gained, trendDays)
	for name, t := range districts {
		t.finish()
		p.ByDistrict[name] = DistrictProgress{Tally: *t, Targets: evalTargets(in.Targets, d, *t, gainedBy[name], trendDays)}
	}
	return p
}

func evalTargets(ts []Target, d Date, t Tally, gained, window int) []TargetProgress {
	ts = append([]Target(nil), ts...)
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Date < ts[j].Date })
	out := make([]TargetProgress, 0, len(ts))
	for _, tg := range ts {
		req := Required(tg.Rate, t.Counted)
		if tg.MinCount > req {
			req = tg.MinCount
		}
		n := Needed(tg.Rate, tg.MinCount, t.Counted, t.Green)
		out = append(out, TargetProgress{
			Date: tg.Date, Rate: tg.Rate, MinCount: tg.MinCount, Label: tg.Label,
			Required: req, Needed: n, Met: n == 0, DaysLeft: DaysLeft(d, tg.Date),
			Trend: TrendDate(d, n, gained, window),
		})
	}
	return out
}

// SeriesPoint is one date of the burn-up chart.
type SeriesPoint struct {
	Date Date `json:"date"`
	Tally
}

// GreenSeries evaluates the tally on each of dates (the burn-up chart);
// dates must be ascending. A mine's state only changes on the dates of its
// records, so each mine adds its state at the first date and a difference
// at each record date, and one running sum over the dates gives every
// tally: the cost grows with mines and records, not with mines × dates.
func GreenSeries(in *GreenInput, dates []Date) []SeriesPoint {
	out := make([]SeriesPoint, len(dates))
	if len(dates) == 0 {
		return out
	}
	delta := make([]Tally, len(dates)+1)
	var changes []Date
	for _, m := range in.Mines {
		state := func(d Date) Tally {
			var t Tally
			s := StatusOn(m.Status, in.Status[m.ID], d)
			g, blocked := in.greenOn(m.ID, d)
			t.add(MineState{Counted: Counted(s), Green: g, ReserveBlocked: blocked})
			return t
		}
		cur := state(dates[0])
		delta[0].plus(cur, 1)
		changes = changes[:0]
		for _, r := range in.Status[m.ID] {
			changes = append(changes, r.Date)
		}
		for _, r := range in.Green[m.ID] {
			changes = append(changes, r.Date)
		}
		slices.Sort(changes)
		for _, d := range slices.Compact(changes) {
			if d <= dates[0] {
				continue
			}
			i, _ := slices.BinarySearch(dates, d) // the first date on or after d
			if i == len(dates) {
				break
			}
			next := state(dates[i])
			delta[i].plus(next, 1)
			delta[i].plus(cur, -1)
			cur = next
		}
	}
	var run Tally
	for i, d := range dates {
		run.plus(delta[i], 1)
		t := run
		t.finish()
		out[i] = SeriesPoint{Date: d, Tally: t}
	}
	return out
}

// plus adds k times o's counts to t.
func (t *Tally) plus(o Tally, k int) {
	t.Counted += k * o.Counted
	t.Green += k * o.Green
	t.GreenUncounted += k * o.GreenUncounted
	t.ReserveBlocked += k * o.ReserveBlocked
}

// ReportDates are the policy's reporting days (section 四: the 15th and the
// 30th; the last day of February) from from to to, both included.
func ReportDates(from, to Date) []Date {
	var out []Date
	y, m, _ := from.YMD()
	for cur := DateOf(y, m, 1); cur <= to; {
		cy, cm, _ := cur.YMD()
		last := DateOf(cy, cm+1, 1).AddDays(-1)
		_, _, ld := last.YMD()
		for _, day := range []int{15, min(30, ld)} {
			if x := DateOf(cy, cm, day); x >= from && x <= to {
				out = append(out, x)
			}
		}
		cur = DateOf(cy, cm+1, 1)
	}
	return out
}
