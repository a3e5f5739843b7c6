package app

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"minerehab/gis/topo"
	"minerehab/models"
)

// Edits that need polygon overlay (gis/topo, on GEOS): merging polygons,
// splitting one with a line, a zone around selected mines, and the
// topology warnings shown after a zone or plan unit is saved.

// asMulti gives a polygonal geometry as a MultiPolygon (nil otherwise).
func asMulti(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.MultiPolygon:
		return g
	case orb.Polygon:
		return orb.MultiPolygon{g}
	}
	return nil
}

// MergeFeatures replaces several polygons of one layer by their union,
// kept under the first feature (its fid and attributes); the others are
// deleted. One edit.
func MergeFeatures(ctx context.Context, st models.Store, fs []*models.Feature) (*models.Feature, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	if len(fs) < 2 {
		return nil, fmt.Errorf("merge needs two polygons or more")
	}
	var polys []orb.MultiPolygon
	e := &models.Edit{Label: models.Label{Key: "edit.merge", Args: map[string]string{"n": fmt.Sprint(len(fs))}}}
	var first *models.Feature
	for i, f := range fs {
		cur, err := es.Feature(ctx, f.Layer, f.ID)
		if err != nil {
			return nil, err
		}
		mp := asMulti(cur.Geometry)
		if mp == nil || cur.Layer != fs[0].Layer {
			return nil, fmt.Errorf("merge: %s #%d is not a polygon of layer %s", cur.Layer, cur.ID, fs[0].Layer)
		}
		polys = append(polys, mp)
		if i == 0 {
			first = cur
			continue
		}
		e.Changes = append(e.Changes, models.Change{Layer: cur.Layer, ID: cur.ID, Before: cur})
	}
	u, err := topo.Union(polys...)
	if err != nil {
		return nil, err
	}
	g, err := CheckDrawn(first.Layer, u)
	if err != nil {
		return nil, err
	}
	next := *first
	next.Geometry, next.Source, next.AreaM2 = g, nil, areaOf(g)
	e.Changes = append([]models.Change{{Layer: first.Layer, ID: first.ID, Before: first, After: &next}}, e.Changes...)
	done, err := es.Do(ctx, e)
	if err != nil {
		return nil, err
	}
	return done.Changes[0].After, nil
}

// SplitFeature cuts a polygon with a line: the largest piece keeps the
// feature's fid, the others become new features with the same attributes.
// One edit; it returns every piece.
func SplitFeature(ctx context.Context, st models.Store, f *models.Feature, line orb.LineString) ([]*models.Feature, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	cur, err := es.Feature(ctx, f.Layer, f.ID)
	if err != nil {
		return nil, err
	}
	mp := asMulti(cur.Geometry)
	if mp == nil {
		return nil, fmt.Errorf("split: %s #%d is not a polygon", cur.Layer, cur.ID)
	}
	// Split the part the line crosses; other parts stay with the first piece.
	var pieces []orb.Polygon
	var rest orb.MultiPolygon
	for _, p := range mp {
		if len(pieces) == 0 {
			if ps, err := topo.Split(p, line); err == nil {
				pieces = ps
				continue
			} else if err != topo.ErrNoSplit {
				return nil, err
			}
		}
		rest = append(rest, p)
	}
	if len(pieces) == 0 {
		return nil, topo.ErrNoSplit
	}
	e := &models.Edit{Label: models.Label{Key: "edit.split", Args: map[string]string{"name": displayName(cur)}}}
	for i, p := range pieces {
		g := orb.MultiPolygon{p}
		if i == 0 {
			g = append(g, rest...)
		}
		checked, err := CheckDrawn(cur.Layer, g)
		if err != nil {
			return nil, err
		}
		next := *cur
		next.Geometry, next.Source, next.AreaM2 = checked, nil, areaOf(checked)
		if i == 0 {
			e.Changes = append(e.Changes, models.Change{Layer: cur.Layer, ID: cur.ID, Before: cur, After: &next})
		} else {
			next.ID = 0
			e.Changes = append(e.Changes, models.Change{Layer: cur.Layer, After: &next})
		}
	}
	done, err := es.Do(ctx, e)
	if err != nil {
		return nil, err
	}
	out := make([]*models.Feature, len(done.Changes))
	for i, c := range done.Changes {
		out[i] = c.After
	}
	return out, nil
}

// ZoneAround is the outline of a consolidation zone around mines: their
// union grown by metres (0: the union itself).
func ZoneAround(mines []*models.Feature, metres float64) (orb.MultiPolygon, error) {
	var polys []orb.MultiPolygon
	for _, f := range mines {
		if mp := asMulti(f.Geometry); mp != nil {
			polys = append(polys, mp)
		}
	}
	if len(polys) == 0 {
		return nil, fmt.Errorf("no mine polygons selected")
	}
	u, err := topo.Union(polys...)
	if err != nil || metres == 0 {
		return u, err
	}
	return topo.Buffer(u, metres)
}

// TopologyWarning is one problem found after a zone or plan unit is
// saved: where it overlaps another zone, or where a plan unit lies
// outside its mine.
type TopologyWarning struct {
	Code   string // "zone-overlap", "outside-mine"
	Other  *models.Feature
	Where  orb.MultiPolygon
	AreaM2 float64
}

// TopologyWarnings checks a zone against the other zones, and a plan unit
// against the mine named by its mine_licence.
func TopologyWarnings(ctx context.Context, st models.Store, f *models.Feature) ([]TopologyWarning, error) {
	mp := asMulti(f.Geometry)
	if mp == nil {
		return nil, nil
	}
	var out []TopologyWarning
	switch f.Layer {
	case models.LayerZones:
		b := mp.Bound()
		err := st.Features(ctx, models.LayerZones, &b, func(o *models.Feature) error {
			om := asMulti(o.Geometry)
			if o.ID == f.ID || om == nil {
				return nil
			}
			ov, err := topo.Overlap(mp, om)
			if err != nil {
				return err
			}
			if a := areaOf(ov); a > 1 { // more than a square metre: not a shared edge
				out = append(out, TopologyWarning{Code: "zone-overlap", Other: o, Where: ov, AreaM2: a})
			}
			return nil
		})
		return out, err
	case models.LayerPlanUnits:
		raw, ok := models.Property(f.Props, "mine_licence")
		if !ok {
			return nil, nil
		}
		lic, _ := models.Properties([]byte(`{"l":` + string(raw) + `}`))
		if len(lic) == 0 || lic[0].Text == "" {
			return nil, nil
		}
		s, ok := st.(models.Searcher)
		if !ok {
			return nil, nil
		}
		hits, err := s.Search(ctx, lic[0].Text, 20)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			hm := asMulti(h.Geometry)
			if h.Layer != models.LayerMines || h.Attrs.Licence != lic[0].Text || hm == nil {
				continue
			}
			outside, err := topo.Outside(mp, hm)
			if err != nil {
				return nil, err
			}
			if a := areaOf(outside); a > 1 {
				out = append(out, TopologyWarning{Code: "outside-mine", Other: h, Where: outside, AreaM2: a})
			}
		}
	}
	return out, nil
}

// FixDrawn repairs a self-crossing polygon drawn for layer (GEOS
// make-valid: a bow-tie becomes two triangles) and checks the result.
func FixDrawn(layer string, g orb.Geometry) (orb.Geometry, error) {
	mp := asMulti(g)
	if mp == nil {
		return nil, &DrawError{Code: "self-intersection"}
	}
	// Close the rings first: a sketch's last ring is open.
	fixed := make(orb.MultiPolygon, 0, len(mp))
	for _, p := range mp {
		var q orb.Polygon
		for _, r := range p {
			q = append(q, closeRing(dedupe(r)))
		}
		fixed = append(fixed, q)
	}
	out, err := topo.MakeValid(fixed)
	if err != nil {
		return nil, err
	}
	return CheckDrawn(layer, out)
}
