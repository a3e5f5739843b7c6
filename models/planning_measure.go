package models

import (
	"math"
	"strings"
)

// MeasureKind is a rehabilitation measure.
type MeasureKind string

// Measure kinds.
const (
	MeasureInternalDump MeasureKind = "internal_dumping" // 内排
	MeasureBackfill     MeasureKind = "backfill"         // 回填
	MeasureRegrade      MeasureKind = "regrading"        // 削坡整形
	MeasureSoilCover    MeasureKind = "soil_cover"       // 覆土
	MeasureRevegetate   MeasureKind = "revegetation"     // 植被恢复
	MeasureRepurpose    MeasureKind = "repurposing"      // 转型利用
	MeasureNatural      MeasureKind = "natural_recovery" // 自然恢复
	MeasureFire         MeasureKind = "fire"             // 灭火
	MeasureRoad         MeasureKind = "road_hardening"   // 道路硬化
	MeasureEnclosure    MeasureKind = "enclosure"        // 封闭
	MeasureOther        MeasureKind = "other"
)

// MeasureKinds lists the kinds in display order.
var MeasureKinds = []MeasureKind{MeasureInternalDump, MeasureBackfill, MeasureRegrade, MeasureSoilCover, MeasureRevegetate,
	MeasureRepurpose, MeasureNatural, MeasureFire, MeasureRoad, MeasureEnclosure, MeasureOther}

var measureAliases = map[string]MeasureKind{
	"内排": MeasureInternalDump, "internal_dumping": MeasureInternalDump, "回填": MeasureBackfill, "backfill": MeasureBackfill,
	"削坡整形": MeasureRegrade, "regrading": MeasureRegrade, "覆土": MeasureSoilCover, "soil_cover": MeasureSoilCover,
	"植被恢复": MeasureRevegetate, "revegetation": MeasureRevegetate, "转型利用": MeasureRepurpose, "repurposing": MeasureRepurpose,
	"自然恢复": MeasureNatural, "natural_recovery": MeasureNatural, "灭火": MeasureFire, "fire": MeasureFire,
	"道路硬化": MeasureRoad, "road_hardening": MeasureRoad, "封闭": MeasureEnclosure, "enclosure": MeasureEnclosure,
	"其他": MeasureOther, "other": MeasureOther,
}

// ParseMeasureKind maps a Chinese or English measure onto a MeasureKind.
func ParseMeasureKind(s string) (MeasureKind, bool) {
	k, ok := measureAliases[strings.ToLower(strings.TrimSpace(s))]
	return k, ok
}

// Stops reports whether an overdue measure of this kind puts the mine on
// the stop-production list (overdue rehabilitation, backfill or fire treatment).
func (k MeasureKind) Stops() bool {
	switch k {
	case MeasureRoad, MeasureEnclosure, MeasureOther:
		return false
	}
	return true
}

// ReuseMode is what a pit or heap becomes.
type ReuseMode string

// Reuse modes (修复绿化 / 转型利用 / 自然恢复 / 固废堆场).
const (
	ReuseRegreen   ReuseMode = "regreening"
	ReuseRepurpose ReuseMode = "repurposing"
	ReuseNatural   ReuseMode = "natural_recovery"
	ReuseWasteYard ReuseMode = "waste_yard"
)

var reuseAliases = map[string]ReuseMode{
	"修复绿化": ReuseRegreen, "regreening": ReuseRegreen, "转型利用": ReuseRepurpose, "repurposing": ReuseRepurpose,
	"自然恢复": ReuseNatural, "natural_recovery": ReuseNatural, "固废堆场": ReuseWasteYard, "waste_yard": ReuseWasteYard,
}

// ParseReuseMode maps a Chinese or English reuse mode onto a ReuseMode.
func ParseReuseMode(s string) (ReuseMode, bool) {
	r, ok := reuseAliases[strings.ToLower(strings.TrimSpace(s))]
	return r, ok
}

// PlanUnit groups measures for one mine or one zone (or a drawn plan unit).
type PlanUnit struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	MineID  int64  `json:"mine_id,omitempty"`  // fid in mines, 0 if none
	ZoneID  int64  `json:"zone_id,omitempty"`  // fid in zones, 0 if none
	ShapeID int64  `json:"shape_id,omitempty"` // fid in plan_units, 0 if none
	Note    string `json:"note,omitempty"`
}

// Measure is one planned measure of a unit. Quantities are planned
// amounts: area in hectares, volume in m³ (either may be 0), budget in 万元.
type Measure struct {
	ID          int64       `json:"id"`
	UnitID      int64       `json:"unit_id"`
	Kind        MeasureKind `json:"kind"`
	AreaHa      float64     `json:"area_ha"`
	VolumeM3    float64     `json:"volume_m3"`
	BudgetWan   float64     `json:"budget_wan"`
	Responsible string      `json:"responsible,omitempty"`
	Start       Date        `json:"start"`
	End         Date        `json:"end"`
	Note        string      `json:"note,omitempty"`
}

// ProgressEntry is work done on a measure by a date.
type ProgressEntry struct {
	ID        int64    `json:"id"`
	MeasureID int64    `json:"measure_id"`
	Date      Date     `json:"date"`
	AreaHa    float64  `json:"area_ha"`
	VolumeM3  float64  `json:"volume_m3"`
	Note      string   `json:"note,omitempty"`
	Photos    []string `json:"photos,omitempty"` // names of photos stored in the project
}

// Check refuses negative or non-finite quantities and an end before the start.
func (m Measure) Check() error {
	for _, q := range []struct {
		f string
		v float64
	}{{"area_ha", m.AreaHa}, {"volume_m3", m.VolumeM3}, {"budget_wan", m.BudgetWan}} {
		if q.v < 0 || math.IsNaN(q.v) || math.IsInf(q.v, 0) {
			return &PlanError{Code: CodeBadQuantity, Field: q.f, Value: ftoa(q.v)}
		}
	}
	if _, ok := measureAliases[string(m.Kind)]; !ok {
		return &PlanError{Code: CodeBadMeasure, Value: string(m.Kind)}
	}
	if !m.Start.IsZero() && !m.End.IsZero() && m.End < m.Start {
		return &PlanError{Code: CodeEndBeforeStart, Value: m.End.String()}
	}
	return nil
}

// MeasureState is a measure on a date.
type MeasureState struct {
	Status   DeadlineStatus `json:"status"`
	DaysLate int            `json:"days_late"`
	Done     float64        `json:"done"` // fraction of the planned quantity done, 0..1
}

// ProgressTotal is the work recorded on a measure up to a date.
type ProgressTotal struct {
	AreaHa   float64 `json:"area_ha"`
	VolumeM3 float64 `json:"volume_m3"`
	Entries  int     `json:"entries"`
}

// Totals sums the entries dated on or before d.
func Totals(entries []ProgressEntry, d Date) ProgressTotal {
	var t ProgressTotal
	for _, e := range entries {
		if e.Date <= d {
			t.AreaHa += e.AreaHa
			t.VolumeM3 += e.VolumeM3
			t.Entries++
		}
	}
	return t
}

// fraction is the share of the planned work done: the area share when an
// area is planned, else the volume share; a measure with nothing planned
// is done once any entry exists.
func fraction(m Measure, t ProgressTotal) float64 {
	switch {
	case m.AreaHa > 0:
		return math.Min(1, t.AreaHa/m.AreaHa)
	case m.VolumeM3 > 0:
		return math.Min(1, t.VolumeM3/m.VolumeM3)
	case t.Entries > 0:
		return 1
	}
	return 0
}

// MeasureStatusOn says where a measure stands on d, from its entries (see
// MeasureStatusOnTotal).
func MeasureStatusOn(m Measure, entries []ProgressEntry, d Date) MeasureState {
	return MeasureStatusOnTotal(m, Totals(entries, d), d)
}

// MeasureStatusOnTotal says where a measure stands on d, given the work
// recorded up to d:
//   - done when it reaches the planned quantity;
//   - overdue after its end day, days late = d − end;
//   - not started before its start day with nothing done;
//   - otherwise behind when the done fraction is under the elapsed fraction
//     of its span (start to end, both days included), days late being how
//     far the schedule is ahead of the work; else on track.
func MeasureStatusOnTotal(m Measure, t ProgressTotal, d Date) MeasureState {
	f := fraction(m, t)
	switch {
	case f >= 1-1e-9:
		return MeasureState{Status: Done, Done: 1}
	case !m.End.IsZero() && d > m.End:
		return MeasureState{Status: Overdue, DaysLate: d.Sub(m.End), Done: f}
	case m.Start.IsZero() || d < m.Start:
		if t.Entries > 0 {
			return MeasureState{Status: OnTrack, Done: f}
		}
		return MeasureState{Status: NotStarted}
	case m.End.IsZero():
		return MeasureState{Status: OnTrack, Done: f}
	}
	span := m.End.Sub(m.Start) + 1
	elapsed := d.Sub(m.Start) + 1
	if f*float64(span) >= float64(elapsed)-1e-9 {
		return MeasureState{Status: OnTrack, Done: f}
	}
	// The work done matches the schedule of day ⌊f × span⌋; the rest is lateness.
	late := elapsed - int(math.Floor(f*float64(span)+1e-9))
	return MeasureState{Status: Behind, DaysLate: late, Done: f}
}

// SiteRemaining is a pit's or heap's remaining area and volume on a date
// ("a big pit is no longer a big pit"), and what it is to become.
type SiteRemaining struct {
	ID       int64     `json:"id"`
	SiteID   int64     `json:"site_id"` // fid in sites
	Date     Date      `json:"date"`
	AreaHa   float64   `json:"area_ha"`
	VolumeM3 float64   `json:"volume_m3"`
	Reuse    ReuseMode `json:"reuse,omitempty"`
	Note     string    `json:"note,omitempty"`
}
