package app

import (
	"context"
	"math"

	"github.com/paulmach/orb"

	"minerehab/gis/clip"
	"minerehab/models"
)

// MilestoneState is a zone milestone on a date.
type MilestoneState struct {
	models.ZoneMilestone
	Status   models.DeadlineStatus `json:"status"`
	DaysLate int                   `json:"days_late"`
}

// ZoneSummary is a consolidation zone on a date: its member mines (those
// with at least Share of their area inside it, and those assigned to it by
// hand through MineInfo.ZoneID — a mine assigned to another zone is not a
// member by overlap), the areas of mines, heaps,
// pits and all disturbed sites inside it, its green mines and milestones.
type ZoneSummary struct {
	ZoneRef
	Share       float64             `json:"share"`
	AreaM2      float64             `json:"area_m2"`
	Members     []models.ZoneMember `json:"members"`
	MinesM2     float64             `json:"mines_m2"`     // member mines' whole areas
	HeapsM2     float64             `json:"heaps_m2"`     // spoil and gangue heaps, the part inside the zone
	PitsM2      float64             `json:"pits_m2"`      // pits, the part inside
	DisturbedM2 float64             `json:"disturbed_m2"` // every site, the part inside
	Green       int                 `json:"green"`        // member mines green on the date
	Milestones  []MilestoneState    `json:"milestones"`
}

// localPlane maps lon/lat onto a plane scaled by cos(lat0) around the zone,
// where area ratios are those of the ellipsoid to well under 0.1% for
// shapes a few tens of kilometres across.
func localPlane(g orb.Geometry, lat0 float64) orb.MultiPolygon {
	k := math.Cos(lat0 * math.Pi / 180)
	var mp orb.MultiPolygon
	switch x := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{x}
	case orb.MultiPolygon:
		mp = x
	default:
		return nil
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		out[i] = make(orb.Polygon, len(p))
		for j, r := range p {
			rr := make(orb.Ring, len(r))
			for n, pt := range r {
				rr[n] = orb.Point{pt[0] * k, pt[1]}
			}
			out[i][j] = rr
		}
	}
	return out
}

// OverlapShare is the share of a's area lying inside b (0..1), both lon/lat.
func OverlapShare(a, b orb.Geometry) float64 {
	lat0 := a.Bound().Center()[1]
	pa, pb := localPlane(a, lat0), localPlane(b, lat0)
	total := clip.Area(pa)
	if total <= 0 {
		return 0
	}
	return math.Min(1, clip.IntersectionArea(pa, pb)/total)
}

// ZonesOn summarises every consolidation zone on d.
func ZonesOn(ctx context.Context, p Planning, d models.Date) ([]ZoneSummary, error) {
	in, err := greenInput(ctx, p)
	if err != nil {
		return nil, err
	}
	infos, err := p.MineInfos(ctx)
	if err != nil {
		return nil, err
	}
	var zones []*models.Feature
	if err := p.Features(ctx, models.LayerZones, nil, func(f *models.Feature) error {
		zones = append(zones, f)
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]ZoneSummary, 0, len(zones))
	for _, z := range zones {
		share, err := p.ZoneShare(ctx, z.ID)
		if err != nil {
			return nil, err
		}
		zs := ZoneSummary{ZoneRef: ZoneRef{ID: z.ID, Name: z.Attrs.Name}, Share: share, AreaM2: z.AreaM2}
		box := z.Geometry.Bound()
		member := func(f *models.Feature, assigned bool) {
			s := OverlapShare(f.Geometry, z.Geometry)
			zs.Members = append(zs.Members, models.ZoneMember{ZoneID: z.ID, MineID: f.ID, Licence: f.Attrs.Licence, Name: f.Attrs.Name,
				Share: s, AreaM2: f.AreaM2, Overlap: s * f.AreaM2, Assigned: assigned})
			zs.MinesM2 += f.AreaM2
			st := models.StatusOn(f.Attrs.Status, in.Status[f.ID], d)
			if models.Counted(st) && in.IsGreen(f.ID, d) {
				zs.Green++
			}
		}
		seen := map[int64]bool{}
		err = p.Features(ctx, models.LayerMines, &box, func(f *models.Feature) error {
			info, hand := infos[f.ID]
			switch {
			case hand && info.ZoneID == z.ID:
				member(f, true)
			case hand && info.ZoneID != 0:
				// assigned by hand to another zone
			default:
				if s := OverlapShare(f.Geometry, z.Geometry); s == 0 || s < share-1e-12 {
					return nil
				}
				member(f, false)
			}
			seen[f.ID] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
		// Mines assigned by hand that lie outside the zone's box.
		for id, info := range infos {
			if info.ZoneID != z.ID || seen[id] {
				continue
			}
			err := p.Features(ctx, models.LayerMines, nil, func(f *models.Feature) error {
				if f.ID == id {
					member(f, true)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		err = p.Features(ctx, models.LayerSites, &box, func(f *models.Feature) error {
			a := OverlapShare(f.Geometry, z.Geometry) * f.AreaM2
			zs.DisturbedM2 += a
			switch f.Attrs.Kind {
			case models.SiteSpoilHeap, models.SiteGangueHeap:
				zs.HeapsM2 += a
			case models.SitePit:
				zs.PitsM2 += a
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		ms, err := p.Milestones(ctx, z.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			st, late := models.MilestoneStatus(m, d)
			zs.Milestones = append(zs.Milestones, MilestoneState{ZoneMilestone: m, Status: st, DaysLate: late})
		}
		out = append(out, zs)
	}
	return out, nil
}
