package models

// ZoneMilestone is a dated step of a consolidation zone (section (五)).
type ZoneMilestone struct {
	ID     int64  `json:"id"`
	ZoneID int64  `json:"zone_id"` // fid in the zones layer
	Key    string `json:"key"`     // plan, demonstration, basic, complete, or a planner's own
	Due    Date   `json:"due"`
	Done   Date   `json:"done"` // zero while not done
	Note   string `json:"note,omitempty"`
}

// DefaultZoneMilestones are the policy's dates for every zone: plan compiled
// by 2021-04-30, mechanisms and demonstration mines started by 2021-12-31,
// consolidated construction basically complete by 2022-12-31 and complete
// by 2023-12-31. Each zone may edit its own.
func DefaultZoneMilestones() []ZoneMilestone {
	return []ZoneMilestone{
		{Key: "plan", Due: MustDate("2021-04-30")},
		{Key: "demonstration", Due: MustDate("2021-12-31")},
		{Key: "basic", Due: MustDate("2022-12-31")},
		{Key: "complete", Due: MustDate("2023-12-31")},
	}
}

// DeadlineStatus is where a dated task stands on a date.
type DeadlineStatus string

// Deadline statuses, shared by milestones, measures, problems.
const (
	NotStarted DeadlineStatus = "not_started"
	OnTrack    DeadlineStatus = "on_track"
	Behind     DeadlineStatus = "behind"
	Overdue    DeadlineStatus = "overdue"
	Done       DeadlineStatus = "done"
)

// MilestoneStatus is a milestone on d: done when done on or before d,
// overdue (with days late) once d is past the due day, on track otherwise.
func MilestoneStatus(m ZoneMilestone, d Date) (DeadlineStatus, int) {
	switch {
	case !m.Done.IsZero() && m.Done <= d:
		if m.Done > m.Due {
			return Done, m.Done.Sub(m.Due)
		}
		return Done, 0
	case d > m.Due:
		return Overdue, d.Sub(m.Due)
	}
	return OnTrack, 0
}

// DefaultMemberShare is the share of a mine's area that must lie in a zone
// for the mine to be a member.
const DefaultMemberShare = 0.5

// ZoneMember is a mine found in a zone by overlap.
type ZoneMember struct {
	ZoneID  int64   `json:"zone_id"`
	MineID  int64   `json:"mine_id"`
	Licence string  `json:"licence,omitempty"`
	Name    string  `json:"name,omitempty"`
	Share   float64 `json:"share"`      // of the mine's area inside the zone, 0..1
	AreaM2  float64 `json:"area_m2"`    // the mine's area
	Overlap float64 `json:"overlap_m2"` // Share × AreaM2
	// Assigned is true when the mine was put in the zone by hand
	// (MineInfo.ZoneID), whatever its overlap.
	Assigned bool `json:"assigned,omitempty"`
}
