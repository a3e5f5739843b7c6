package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	geomeasure "minerehab/gis/measure"
	"minerehab/gis/proximity"
	"minerehab/models"
)

// The nature-reserve check: the reserves are the reference features whose
// type marks them (models.IsReserve); the spatial index of mines and sites
// proposes the features whose box meets a reserve's; each is intersected
// exactly (gis/proximity.OverlapArea, area on the ellipsoid).

var _ models.ReserveChecker = (*Store)(nil)

// CheckReserves implements models.ReserveChecker. A project without a
// reserve gives an empty check, not an error.
func (s *Store) CheckReserves(ctx context.Context) (*models.ReserveCheck, error) {
	res := &models.ReserveCheck{Reserves: []models.Reserve{}, Overlaps: []models.ReserveOverlap{}}
	var polys []orb.MultiPolygon
	err := s.Features(ctx, models.LayerReference, nil, func(f *models.Feature) error {
		if !models.IsReserve(f.Attrs) {
			return nil
		}
		mp := reservePolygons(f.Geometry)
		if len(mp) == 0 {
			return nil // a reserve drawn as a line or point has no inside
		}
		res.Reserves = append(res.Reserves, models.Reserve{ID: f.ID, Name: f.Attrs.Name, AreaM2: geomeasure.Area(mp)})
		polys = append(polys, mp)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, r := range res.Reserves {
		box := polys[i].Bound()
		for _, layer := range models.ReserveLayers {
			if err := s.reserveLayer(ctx, layer, r, polys[i], &box, res); err != nil {
				return nil, err
			}
		}
	}
	models.SortOverlaps(res.Overlaps)
	return res, nil
}

// reservePolygons keeps the polygonal parts of g.
func reservePolygons(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	case orb.Collection:
		var out orb.MultiPolygon
		for _, m := range g {
			out = append(out, reservePolygons(m)...)
		}
		return out
	}
	return nil
}

func (s *Store) reserveLayer(ctx context.Context, layer string, r models.Reserve, reserve orb.MultiPolygon, box *orb.Bound, res *models.ReserveCheck) error {
	rows, err := s.r.QueryContext(ctx, "SELECT fid, geom, name, licence, area_m2 FROM "+gpkg.QuoteIdent(layer)+" WHERE "+bboxFilter(layer), bboxArgs(box)...)
	if err != nil {
		return classify("check reserves in", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			fid       int64
			blob      []byte
			name, lic sql.NullString
			area      sql.NullFloat64
		)
		if err := rows.Scan(&fid, &blob, &name, &lic, &area); err != nil {
			return classify("check reserves in", s.path, err)
		}
		if blob == nil || !meets(blob, box) {
			continue
		}
		g, _, err := gpkg.Decode(blob)
		if err != nil {
			return &Error{Code: CodeSQL, Op: fmt.Sprintf("decode %s fid %d in", layer, fid), Path: s.path, Err: err}
		}
		mp := reservePolygons(g)
		if len(mp) == 0 {
			continue
		}
		m2, err := proximity.OverlapArea(mp, reserve, proximity.Options{})
		if err != nil {
			return &Error{Code: CodeEncode, Op: fmt.Sprintf("intersect %s fid %d with reserve %d in", layer, fid, r.ID), Path: s.path, Err: err}
		}
		if m2 <= 0 {
			continue
		}
		own := area.Float64
		if own <= 0 {
			own = geomeasure.Area(mp)
		}
		share := 0.0
		if own > 0 {
			share = min(m2/own, 1)
		}
		res.Overlaps = append(res.Overlaps, models.ReserveOverlap{Layer: layer, ID: fid, Licence: lic.String, Name: name.String,
			ReserveID: r.ID, Reserve: r.Name, OverlapM2: m2, Share: share})
	}
	if err := rows.Err(); err != nil {
		return classify("check reserves in", s.path, err)
	}
	return nil
}
