package app

import (
	"cmp"
	"context"
	"maps"
	"math/bits"
	"slices"
	"sort"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// DeadlineItem is one dated task on the deadline board.
type DeadlineItem struct {
	Kind     string                `json:"kind"` // measure, problem, milestone, fire
	ID       int64                 `json:"id"`   // the measure's, problem's, milestone's id, or the fire point's fid
	MineID   int64                 `json:"mine_id,omitempty"`
	Licence  string                `json:"licence,omitempty"`
	Name     string                `json:"name,omitempty"` // the mine's (or zone's) name
	District string                `json:"district,omitempty"`
	ZoneID   int64                 `json:"zone_id,omitempty"`
	What     string                `json:"what"` // measure kind, problem category, milestone key, fire state
	Due      models.Date           `json:"due"`
	Status   models.DeadlineStatus `json:"status"`
	DaysLate int                   `json:"days_late"`
	DaysLeft int                   `json:"days_left"`
	Done     float64               `json:"done,omitempty"` // fraction done (measures)
	Stops    bool                  `json:"stops"`          // puts its mine on the stop-production list
}

// StopEntry is a mine on the stop-production list (停产治理 / 先灭火后生产).
type StopEntry struct {
	MineID   int64    `json:"mine_id"`
	Licence  string   `json:"licence,omitempty"`
	Name     string   `json:"name,omitempty"`
	District string   `json:"district,omitempty"`
	Reasons  []string `json:"reasons"` // "measure:backfill", "fire", …
	DaysLate int      `json:"days_late"`
}

// Deadlines is the deadline board on a date: every open task with a
// deadline, riskiest first, and the stop-production list.
type Deadlines struct {
	AsOf       models.Date    `json:"as_of"`
	Items      []DeadlineItem `json:"items"`
	StopList   []StopEntry    `json:"stop_list"`
	Overdue    int            `json:"overdue"`
	Behind     int            `json:"behind"`
	StaleFires int            `json:"stale_fires"`
}

// DeadlinesOn builds the deadline board for d. Risk order: overdue by
// days late (most first), then behind by days late, then the rest by days
// left (fewest first); done tasks are left out. A mine is on the stop list
// when a measure of rehabilitation, backfill or fire treatment (every kind
// but road hardening, enclosure and other) of one of its plan units is
// overdue, or a fire point carrying its licence is still burning.
func DeadlinesOn(ctx context.Context, ps models.PlanningStore, d models.Date) (*Deadlines, error) {
	pd, err := loadPlanData(ctx, ps, d, false)
	if err != nil {
		return nil, err
	}
	return deadlinesFrom(pd, d), nil
}

// deadlinesFrom builds the board from what loadPlanData read.
func deadlinesFrom(pd *planData, d models.Date) *Deadlines {
	mines := pd.in.Mines
	byID := make(map[int64]*models.MineFacts, len(mines))
	byLicence := make(map[string]*models.MineFacts, len(mines))
	for i := range mines {
		m := &mines[i]
		byID[m.ID] = m
		if m.Licence != "" {
			byLicence[m.Licence] = m
		}
	}
	dl := &Deadlines{AsOf: d, Items: make([]DeadlineItem, 0, len(pd.measures)+len(pd.problems)+len(pd.logs))}
	withMine := func(it *DeadlineItem) {
		if m, ok := byID[it.MineID]; ok {
			it.Licence, it.Name, it.District = m.Licence, m.Name, m.District
		}
	}
	unitOf := make(map[int64]*models.PlanUnit, len(pd.units))
	for i := range pd.units {
		unitOf[pd.units[i].ID] = &pd.units[i]
	}
	for _, m := range pd.measures {
		st := models.MeasureStatusOnTotal(m, pd.totals[m.ID], d)
		if st.Status == models.Done || m.End.IsZero() {
			continue
		}
		var u models.PlanUnit
		if up := unitOf[m.UnitID]; up != nil {
			u = *up
		}
		dl.Items = append(dl.Items, DeadlineItem{Kind: "measure", ID: m.ID, MineID: u.MineID, ZoneID: u.ZoneID, What: string(m.Kind),
			Due: m.End, Status: st.Status, DaysLate: st.DaysLate, DaysLeft: models.DaysLeft(d, m.End), Done: st.Done,
			Stops: st.Status == models.Overdue && m.Kind.Stops() && u.MineID != 0})
		withMine(&dl.Items[len(dl.Items)-1])
	}
	for _, p := range pd.problems {
		st, late := models.ProblemStatusOn(p, d)
		if st == models.Done || p.Deadline.IsZero() || p.Found > d {
			continue
		}
		dl.Items = append(dl.Items, DeadlineItem{Kind: "problem", ID: p.ID, MineID: p.MineID, What: p.Category,
			Due: p.Deadline, Status: st, DaysLate: late, DaysLeft: models.DaysLeft(d, p.Deadline)})
		withMine(&dl.Items[len(dl.Items)-1])
	}
	for _, z := range pd.zones {
		for _, m := range pd.milestones[z.ID] {
			st, late := models.MilestoneStatus(m, d)
			if st == models.Done {
				continue
			}
			dl.Items = append(dl.Items, DeadlineItem{Kind: "milestone", ID: m.ID, ZoneID: z.ID, Name: z.Name, What: m.Key,
				Due: m.Due, Status: st, DaysLate: late, DaysLeft: models.DaysLeft(d, m.Due)})
		}
	}
	for fid, l := range pd.logs {
		st, stale := models.FireOn(l, d)
		if !st.Active() {
			continue
		}
		last := l[0].Date
		for _, e := range l {
			if e.Date <= d {
				last = e.Date
			}
		}
		it := DeadlineItem{Kind: "fire", ID: fid, What: string(st), Due: last.AddDays(1), Status: models.OnTrack, DaysLeft: models.DaysLeft(d, last.AddDays(1))}
		if stale {
			it.Status, it.DaysLate = models.Overdue, d.Sub(last)-1
			dl.StaleFires++
		}
		if m, ok := byLicence[pd.fireLicence[fid]]; ok {
			it.MineID = m.ID
			it.Stops = true
			withMine(&it)
		}
		dl.Items = append(dl.Items, it)
	}
	sortByRisk(dl.Items)
	stops := map[int64]*StopEntry{}
	for _, it := range dl.Items {
		switch it.Status {
		case models.Overdue:
			dl.Overdue++
		case models.Behind:
			dl.Behind++
		}
		if !it.Stops {
			continue
		}
		s := stops[it.MineID]
		if s == nil {
			s = &StopEntry{MineID: it.MineID, Licence: it.Licence, Name: it.Name, District: it.District}
			stops[it.MineID] = s
		}
		reason := it.Kind
		if it.Kind == "measure" {
			reason += ":" + it.What
		}
		s.Reasons = appendUnique(s.Reasons, reason)
		s.DaysLate = max(s.DaysLate, it.DaysLate)
	}
	for _, s := range stops {
		dl.StopList = append(dl.StopList, *s)
	}
	sort.Slice(dl.StopList, func(i, j int) bool {
		a, b := dl.StopList[i], dl.StopList[j]
		if a.DaysLate != b.DaysLate {
			return a.DaysLate > b.DaysLate
		}
		return a.MineID < b.MineID
	})
	return dl
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func riskRank(s models.DeadlineStatus) int {
	switch s {
	case models.Overdue:
		return 0
	case models.Behind:
		return 1
	}
	return 2
}

// sortByRisk orders items riskiest first (see DeadlinesOn), ties by kind and id.
func sortByRisk(items []DeadlineItem) {
	// Sort compact keys, then move each item once: the items are large (a
	// comparison reading two of them misses the cache twice) and a board
	// holds tens of thousands. Rank, days late, days left and kind pack
	// into one integer, so most comparisons are one.
	type key struct {
		risk uint64 // rank, days late (negated), days left, kind: see pack
		id   int64
		at   int32
	}
	kinds := map[string]uint64{}
	for i := range items {
		kinds[items[i].Kind] = 0
	}
	names := slices.Sorted(maps.Keys(kinds))
	for r, k := range names {
		kinds[k] = uint64(r)
	}
	kindBits := uint(bits.Len(uint(len(names))))
	const dayBits, bias = 24, 1 << 23 // ±23,000 years of days
	day := func(n int) uint64 { return uint64(min(max(n+bias, 0), 1<<dayBits-1)) }
	keys := make([]key, len(items))
	for i := range items {
		it := &items[i]
		rank := riskRank(it.Status)
		late := 0
		if rank < 2 {
			late = -it.DaysLate
		}
		risk := uint64(rank)<<(2*dayBits) | day(late)<<dayBits | day(it.DaysLeft)
		keys[i] = key{risk: risk<<kindBits | kinds[it.Kind], id: it.ID, at: int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		switch {
		case a.risk != b.risk:
			return cmp.Compare(a.risk, b.risk)
		case a.id != b.id:
			return cmp.Compare(a.id, b.id)
		}
		return cmp.Compare(a.at, b.at)
	})
	sorted := make([]DeadlineItem, len(items))
	for k, key := range keys {
		sorted[k] = items[key.at]
	}
	copy(items, sorted)
}

// zoneLister reads feature tables (every models.Store does).
type zoneLister interface {
	Features(ctx context.Context, layer string, bbox *orb.Bound, fn func(*models.Feature) error) error
}

// ZoneRef names a consolidation zone.
type ZoneRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func listZones(ctx context.Context, zl zoneLister) ([]ZoneRef, error) {
	var out []ZoneRef
	err := zl.Features(ctx, models.LayerZones, nil, func(f *models.Feature) error {
		out = append(out, ZoneRef{ID: f.ID, Name: f.Attrs.Name})
		return nil
	})
	return out, err
}

func fireLicences(ctx context.Context, zl zoneLister) (map[int64]string, error) {
	out := map[int64]string{}
	err := zl.Features(ctx, models.LayerFirePoints, nil, func(f *models.Feature) error {
		if f.Attrs.Licence != "" {
			out[f.ID] = f.Attrs.Licence
		}
		return nil
	})
	return out, err
}

// WorstByMine is each mine's riskiest open task status (overdue before
// behind before the rest), for colouring the map by deadline status.
func (dl *Deadlines) WorstByMine() map[int64]models.DeadlineStatus {
	out := map[int64]models.DeadlineStatus{}
	for _, it := range dl.Items {
		if it.MineID == 0 {
			continue
		}
		if cur, ok := out[it.MineID]; !ok || riskRank(it.Status) < riskRank(cur) {
			out[it.MineID] = it.Status
		}
	}
	return out
}
