package models

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Nature-reserve check: mines and sites that overlap a nature reserve
// (the West Ordos national reserve around Wuhai) are flagged with the
// overlap area; a flagged mine cannot count as meeting the green-mine
// prerequisites.

// reserveTypes are the type values (feature_type / type / 类型) that mark
// a reference feature as a nature reserve.
var reserveTypes = map[string]bool{
	"reserve": true, "nature_reserve": true, "natural_reserve": true,
	"自然保护区": true, "保护区": true, "国家级自然保护区": true,
}

// IsReserve reports whether a reference feature's attributes mark it as a
// nature reserve.
func IsReserve(a Attrs) bool {
	return reserveTypes[strings.ToLower(strings.TrimSpace(a.FeatureType))]
}

// ReserveLayers are the layers checked against the reserves.
var ReserveLayers = []string{LayerMines, LayerSites}

// Reserve is one reserve polygon checked against.
type Reserve struct {
	ID     int64   `json:"id"`
	Name   string  `json:"name"`
	AreaM2 float64 `json:"area_m2"`
}

// ReserveOverlap is one mine or site overlapping a reserve.
type ReserveOverlap struct {
	Layer     string  `json:"layer"`
	ID        int64   `json:"id"`
	Licence   string  `json:"licence"`
	Name      string  `json:"name"`
	ReserveID int64   `json:"reserve_id"`
	Reserve   string  `json:"reserve"`
	OverlapM2 float64 `json:"overlap_m2"`
	// Share is the overlap as a fraction of the feature's own area.
	Share float64 `json:"share"`
}

// ReserveCheck is the result of checking a project against its reserves.
type ReserveCheck struct {
	Reserves []Reserve        `json:"reserves"`
	Overlaps []ReserveOverlap `json:"overlaps"`
}

// SortOverlaps orders overlaps by layer (mines first), licence, id, reserve.
func SortOverlaps(o []ReserveOverlap) {
	slices.SortFunc(o, func(a, b ReserveOverlap) int {
		return cmp.Or(cmp.Compare(layerRank(a.Layer), layerRank(b.Layer)), cmp.Compare(a.Licence, b.Licence),
			cmp.Compare(a.ID, b.ID), cmp.Compare(a.ReserveID, b.ReserveID))
	})
}

// FlaggedLicences sums the overlap per licence of the flagged mines: what
// the dashboard and the green-mine prerequisites ask.
func (c *ReserveCheck) FlaggedLicences() map[string]float64 {
	out := map[string]float64{}
	for _, o := range c.Overlaps {
		if o.Layer == LayerMines && o.Licence != "" {
			out[o.Licence] += o.OverlapM2
		}
	}
	return out
}

// ReserveChecker checks mines and sites against the reserves;
// *store.Store implements it.
type ReserveChecker interface {
	CheckReserves(ctx context.Context) (*ReserveCheck, error)
}
