package models

import (
	"math"
	"sort"
	"strings"
)

// GreenState is a step of a mine's green-mine history.
type GreenState string

// Green-mine states (创建中 → 已申报 → 已入库 → 整改中 → 已移出).
const (
	GreenBuilding   GreenState = "building"
	GreenApplied    GreenState = "applied"
	GreenListed     GreenState = "listed"
	GreenRectifying GreenState = "rectifying"
	GreenDelisted   GreenState = "delisted"
)

// GreenStates lists the states in order.
var GreenStates = []GreenState{GreenBuilding, GreenApplied, GreenListed, GreenRectifying, GreenDelisted}

var greenAliases = map[string]GreenState{
	"building": GreenBuilding, "创建中": GreenBuilding, "创建": GreenBuilding, "建设中": GreenBuilding,
	"applied": GreenApplied, "已申报": GreenApplied, "申报": GreenApplied,
	"listed": GreenListed, "已入库": GreenListed, "入库": GreenListed, "已纳入名录": GreenListed,
	"rectifying": GreenRectifying, "整改中": GreenRectifying, "整改": GreenRectifying,
	"delisted": GreenDelisted, "已移出": GreenDelisted, "移出": GreenDelisted,
}

// ParseGreenState maps a Chinese or English state onto a GreenState.
func ParseGreenState(s string) (GreenState, bool) {
	g, ok := greenAliases[strings.ToLower(strings.TrimSpace(s))]
	return g, ok
}

// Green reports whether the state makes a mine count as green: listed, or
// listed and rectifying after a re-check.
func (g GreenState) Green() bool { return g == GreenListed || g == GreenRectifying }

// GreenLevel is the list a green mine is on.
type GreenLevel string

// Green-mine list levels (自治区级 / 国家级); "" when not given.
const (
	LevelNone     GreenLevel = ""
	LevelRegional GreenLevel = "regional"
	LevelNational GreenLevel = "national"
)

var levelAliases = map[string]GreenLevel{
	"": LevelNone, "regional": LevelRegional, "自治区级": LevelRegional, "自治区": LevelRegional, "省级": LevelRegional,
	"national": LevelNational, "国家级": LevelNational, "国家": LevelNational,
}

// ParseGreenLevel maps a Chinese or English level ("" allowed) onto a GreenLevel.
func ParseGreenLevel(s string) (GreenLevel, bool) {
	l, ok := levelAliases[strings.ToLower(strings.TrimSpace(s))]
	return l, ok
}

// StatusRecord is one dated production-status change of a mine.
type StatusRecord struct {
	ID     int64      `json:"id"`
	MineID int64      `json:"mine_id"` // the mine's fid in the mines layer
	Date   Date       `json:"date"`
	Status MineStatus `json:"status"`
	Note   string     `json:"note,omitempty"`
}

// GreenRecord is one dated step of a mine's green-mine history.
type GreenRecord struct {
	ID     int64      `json:"id"`
	MineID int64      `json:"mine_id"`
	Date   Date       `json:"date"`
	State  GreenState `json:"state"`
	Level  GreenLevel `json:"level,omitempty"`
	// Score is the evaluation score; NaN when none was given.
	Score float64 `json:"-"`
	Sheet string  `json:"sheet,omitempty"` // the scoring sheet's id, when scored
	Note  string  `json:"note,omitempty"`
}

// HasScore reports whether the record carries an evaluation score.
func (r GreenRecord) HasScore() bool { return !math.IsNaN(r.Score) }

// Counted reports whether a mine of status s is in the green-rate denominator:
// producing, suspended or under construction.
func Counted(s MineStatus) bool {
	return s == StatusProducing || s == StatusSuspended || s == StatusConstruction
}

// SortStatus orders records by date, then id (insertion order), in place.
func SortStatus(h []StatusRecord) {
	sort.SliceStable(h, func(i, j int) bool {
		if h[i].Date != h[j].Date {
			return h[i].Date < h[j].Date
		}
		return h[i].ID < h[j].ID
	})
}

// SortGreen orders records by date, then id, in place.
func SortGreen(h []GreenRecord) {
	sort.SliceStable(h, func(i, j int) bool {
		if h[i].Date != h[j].Date {
			return h[i].Date < h[j].Date
		}
		return h[i].ID < h[j].ID
	})
}

// StatusOn is a mine's status on date d: its latest status record dated on
// or before d (of two on the same day, the later entered), else layer, the
// status its mines-layer attribute carries. h must be sorted (SortStatus).
func StatusOn(layer MineStatus, h []StatusRecord, d Date) MineStatus {
	i := sort.Search(len(h), func(i int) bool { return h[i].Date > d })
	if i == 0 {
		return layer
	}
	return h[i-1].Status
}

// GreenStateOn is the state of a mine's latest green record dated on or
// before d, "" when there is none. h must be sorted (SortGreen).
func GreenStateOn(h []GreenRecord, d Date) GreenState {
	i := sort.Search(len(h), func(i int) bool { return h[i].Date > d })
	if i == 0 {
		return ""
	}
	return h[i-1].State
}

// GreenOn reports whether a mine is green on d: its latest green record
// dated on or before d is listed or rectifying.
func GreenOn(h []GreenRecord, d Date) bool { return GreenStateOn(h, d).Green() }
