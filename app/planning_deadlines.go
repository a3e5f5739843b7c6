package app

import (
	"context"
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
	mines, err := ps.MineFacts(ctx)
	if err != nil {
		return nil, err
	}
	logs, err := ps.FireLogs(ctx)
	if err != nil {
		return nil, err
	}
	return deadlinesOn(ctx, ps, d, mines, logs)
}

func deadlinesOn(ctx context.Context, ps models.PlanningStore, d models.Date, mines []models.MineFacts, logs map[int64][]models.FireLog) (*Deadlines, error) {
	byID := map[int64]models.MineFacts{}
	byLicence := map[string]models.MineFacts{}
	for _, m := range mines {
		byID[m.ID] = m
		if m.Licence != "" {
			byLicence[m.Licence] = m
		}
	}
	dl := &Deadlines{AsOf: d}
	withMine := func(it DeadlineItem) DeadlineItem {
		if m, ok := byID[it.MineID]; ok {
			it.Licence, it.Name, it.District = m.Licence, m.Name, m.District
		}
		return it
	}
	units, err := ps.PlanUnits(ctx)
	if err != nil {
		return nil, err
	}
	unitOf := map[int64]models.PlanUnit{}
	for _, u := range units {
		unitOf[u.ID] = u
	}
	measures, err := ps.Measures(ctx, 0)
	if err != nil {
		return nil, err
	}
	totals, err := ps.ProgressTotals(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, m := range measures {
		st := models.MeasureStatusOnTotal(m, totals[m.ID], d)
		if st.Status == models.Done || m.End.IsZero() {
			continue
		}
		u := unitOf[m.UnitID]
		dl.Items = append(dl.Items, withMine(DeadlineItem{Kind: "measure", ID: m.ID, MineID: u.MineID, ZoneID: u.ZoneID, What: string(m.Kind),
			Due: m.End, Status: st.Status, DaysLate: st.DaysLate, DaysLeft: models.DaysLeft(d, m.End), Done: st.Done,
			Stops: st.Status == models.Overdue && m.Kind.Stops() && u.MineID != 0}))
	}
	problems, err := ps.Problems(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		st, late := models.ProblemStatusOn(p, d)
		if st == models.Done || p.Deadline.IsZero() || p.Found > d {
			continue
		}
		dl.Items = append(dl.Items, withMine(DeadlineItem{Kind: "problem", ID: p.ID, MineID: p.MineID, What: p.Category,
			Due: p.Deadline, Status: st, DaysLate: late, DaysLeft: models.DaysLeft(d, p.Deadline)}))
	}
	if zl, ok := ps.(zoneLister); ok {
		zones, err := listZones(ctx, zl)
		if err != nil {
			return nil, err
		}
		for _, z := range zones {
			ms, err := ps.Milestones(ctx, z.ID)
			if err != nil {
				return nil, err
			}
			for _, m := range ms {
				st, late := models.MilestoneStatus(m, d)
				if st == models.Done {
					continue
				}
				dl.Items = append(dl.Items, DeadlineItem{Kind: "milestone", ID: m.ID, ZoneID: z.ID, Name: z.Name, What: m.Key,
					Due: m.Due, Status: st, DaysLate: late, DaysLeft: models.DaysLeft(d, m.Due)})
			}
		}
	}
	fireLicence := map[int64]string{}
	if zl, ok := ps.(zoneLister); ok {
		if fireLicence, err = fireLicences(ctx, zl); err != nil {
			return nil, err
		}
	}
	for fid, l := range logs {
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
		if m, ok := byLicence[fireLicence[fid]]; ok {
			it.MineID = m.ID
			it.Stops = true
			it = withMine(it)
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
	return dl, nil
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
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if ra, rb := riskRank(a.Status), riskRank(b.Status); ra != rb {
			return ra < rb
		}
		if riskRank(a.Status) < 2 && a.DaysLate != b.DaysLate {
			return a.DaysLate > b.DaysLate
		}
		if a.DaysLeft != b.DaysLeft {
			return a.DaysLeft < b.DaysLeft
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.ID < b.ID
	})
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
