package models

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// ProblemState is where an item of a mine's problem list (问题清单) stands.
type ProblemState string

// Problem-list states.
const (
	ProblemOpen       ProblemState = "open"
	ProblemRectifying ProblemState = "rectifying"
	ProblemClosed     ProblemState = "closed" // closed after a check
)

var problemAliases = map[string]ProblemState{
	"open": ProblemOpen, "待整改": ProblemOpen, "未整改": ProblemOpen,
	"rectifying": ProblemRectifying, "整改中": ProblemRectifying,
	"closed": ProblemClosed, "已销号": ProblemClosed, "已整改": ProblemClosed, "已完成": ProblemClosed,
}

// ParseProblemState maps a Chinese or English state onto a ProblemState.
func ParseProblemState(s string) (ProblemState, bool) {
	p, ok := problemAliases[strings.ToLower(strings.TrimSpace(s))]
	return p, ok
}

// MineProblem is one item of a mine's problem list.
type MineProblem struct {
	ID          int64        `json:"id"`
	MineID      int64        `json:"mine_id"`
	Found       Date         `json:"found"`
	Category    string       `json:"category"`
	Description string       `json:"description"`
	Deadline    Date         `json:"deadline"`
	Responsible string       `json:"responsible,omitempty"`
	State       ProblemState `json:"state"`
	Closed      Date         `json:"closed"` // the check date when closed
	Evidence    string       `json:"evidence,omitempty"`
}

// ProblemStatusOn is a problem on d: done once closed on or before d,
// overdue (days late) after its deadline, on track otherwise.
func ProblemStatusOn(p MineProblem, d Date) (DeadlineStatus, int) {
	if p.State == ProblemClosed && (p.Closed.IsZero() || p.Closed <= d) {
		return Done, 0
	}
	if !p.Deadline.IsZero() && d > p.Deadline {
		return Overdue, d.Sub(p.Deadline)
	}
	return OnTrack, 0
}

// FireState is the state of a spontaneous-combustion fire point.
type FireState string

// Fire-point states.
const (
	FireBurning      FireState = "burning"
	FireTreating     FireState = "treating"
	FireExtinguished FireState = "extinguished"
	FireReignited    FireState = "reignited"
)

var fireAliases = map[string]FireState{
	"burning": FireBurning, "燃烧": FireBurning, "燃烧中": FireBurning, "明火": FireBurning,
	"treating": FireTreating, "治理中": FireTreating, "处置中": FireTreating,
	"extinguished": FireExtinguished, "已熄灭": FireExtinguished, "熄灭": FireExtinguished, "已灭火": FireExtinguished,
	"reignited": FireReignited, "复燃": FireReignited,
}

// ParseFireState maps a Chinese or English state onto a FireState.
func ParseFireState(s string) (FireState, bool) {
	f, ok := fireAliases[strings.ToLower(strings.TrimSpace(s))]
	return f, ok
}

// Active reports whether a point in this state is still on fire: burning,
// being treated or reignited (all but extinguished count against zeroing).
func (f FireState) Active() bool { return f != FireExtinguished && f != "" }

// FireLog is one daily report of a fire point.
type FireLog struct {
	ID      int64     `json:"id"`
	PointID int64     `json:"point_id"` // fid in fire_points
	Date    Date      `json:"date"`
	State   FireState `json:"state"`
	Note    string    `json:"note,omitempty"`
}

// SortFireLog orders a point's log as FireOn reads it: by date, then id
// (of two reports on the same day, the later entered counts), in place.
func SortFireLog(log []FireLog) {
	slices.SortFunc(log, func(a, b FireLog) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
}

// FireOn is a point's state on d from its log sorted by SortFireLog ("" before any
// report), and whether it is stale: still active with its last report more
// than one day before d.
func FireOn(log []FireLog, d Date) (FireState, bool) {
	var last *FireLog
	for i := range log {
		if log[i].Date <= d {
			last = &log[i]
		}
	}
	if last == nil {
		return "", false
	}
	return last.State, last.State.Active() && d.Sub(last.Date) > 1
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
