package models

import "sort"

// MineFacts is what the green-mine arithmetic needs of one mine of the
// mines layer.
type MineFacts struct {
	ID       int64      `json:"id"` // fid in the mines layer
	Licence  string     `json:"licence,omitempty"`
	Name     string     `json:"name,omitempty"`
	District string     `json:"district,omitempty"`
	Status   MineStatus `json:"status,omitempty"` // the layer's status attribute
}

// GreenInput is everything progress on a date depends on. The histories
// are keyed by mine fid and sorted by SortStatus / SortGreen.
type GreenInput struct {
	Mines   []MineFacts
	Status  map[int64][]StatusRecord
	Green   map[int64][]GreenRecord
	Targets []Target
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
}

// MineStatesOn evaluates every mine on d, in the order of in.Mines.
func MineStatesOn(in *GreenInput, d Date) []MineState {
	out := make([]MineState, len(in.Mines))
	for i, m := range in.Mines {
		s := StatusOn(m.Status, in.Status[m.ID], d)
		g := GreenStateOn(in.Green[m.ID], d)
		out[i] = MineState{MineFacts: m, StatusOn: s, Counted: Counted(s), GreenState: g, Green: g.Green()}
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
}

func (t *Tally) add(s MineState) {
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
		g := GreenOn(in.Green[m.ID], d)
		st := MineState{MineFacts: m, StatusOn: s, Counted: Counted(s), Green: g}
		p.ByStatus[s]++
		p.Tally.add(st)
		dt := districts[m.District]
		if dt == nil {
			dt = &Tally{}
			districts[m.District] = dt
		}
		dt.add(st)
		// The trend counts counted green mines then and now.
		sb := StatusOn(m.Status, in.Status[m.ID], before)
		was := Counted(sb) && GreenOn(in.Green[m.ID], before)
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

// GreenSeries evaluates the tally on each of dates (the burn-up chart).
func GreenSeries(in *GreenInput, dates []Date) []SeriesPoint {
	out := make([]SeriesPoint, len(dates))
	for i, d := range dates {
		var t Tally
		for _, m := range in.Mines {
			s := StatusOn(m.Status, in.Status[m.ID], d)
			t.add(MineState{Counted: Counted(s), Green: GreenOn(in.Green[m.ID], d)})
		}
		t.finish()
		out[i] = SeriesPoint{Date: d, Tally: t}
	}
	return out
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
