package app

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"minerehab/gis/geomcheck"
	"minerehab/gis/measure"
	"minerehab/models"
)

// Features drawn or reshaped in the window: built from lon/lat geometry
// and form values, checked, and stored as one edit each.

// DrawError says why a drawn geometry cannot be saved. Code is one of
// "too-few-points" (a polygon needs three distinct corners, a line two),
// "zero-area", "self-intersection" (At says where) or "out-of-range".
type DrawError struct {
	Code string
	At   orb.Point
}

func (e *DrawError) Error() string { return "drawn geometry: " + e.Code }

// CheckDrawn checks a geometry drawn for a layer: enough distinct points,
// some area, no crossing. It returns the geometry as it will be stored:
// rings closed and wound per RFC 7946, the layer's multi type.
func CheckDrawn(layer string, g orb.Geometry) (orb.Geometry, error) {
	def, ok := models.LayerByName(layer)
	if !ok {
		return nil, fmt.Errorf("no layer %q", layer)
	}
	switch g := g.(type) {
	case orb.Polygon:
		return CheckDrawn(layer, orb.MultiPolygon{g})
	case orb.LineString:
		return CheckDrawn(layer, orb.MultiLineString{g})
	case orb.MultiPolygon:
		for i, p := range g {
			for j, r := range p {
				r = closeRing(dedupe(r))
				if distinct(r) < 3 {
					return nil, &DrawError{Code: "too-few-points"}
				}
				g[i][j] = r
			}
		}
		// Planar, not geodesic: three points on one parallel enclose no
		// area on the map even though the geodesics between them bulge.
		for _, p := range g {
			if collinear(p[0]) {
				return nil, &DrawError{Code: "zero-area"}
			}
		}
	case orb.MultiLineString:
		for i, l := range g {
			l = orb.LineString(dedupe(orb.Ring(l)))
			if len(l) < 2 {
				return nil, &DrawError{Code: "too-few-points"}
			}
			g[i] = l
		}
	}
	if err := geomcheck.CheckLonLat(g); err != nil {
		var p *geomcheck.Problem
		if errors.As(err, &p) {
			return nil, &DrawError{Code: p.Code, At: p.At}
		}
		return nil, err
	}
	out := geomcheck.Normalize(g)
	if def.Geometry != models.KindAny {
		out = geomcheck.ToMulti(out)
	}
	if !models.Fits(def.Geometry, out) {
		return nil, &DrawError{Code: "wrong-geometry"}
	}
	return out, nil
}

// dedupe drops consecutive repeated points (a vertex clicked twice).
func dedupe(r orb.Ring) orb.Ring {
	out := make(orb.Ring, 0, len(r))
	for _, p := range r {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	return out
}

// collinear reports whether every point of r lies on one line (to 1e-9
// of the ring's size).
func collinear(r orb.Ring) bool {
	if len(r) < 3 {
		return true
	}
	a := r[0]
	var b orb.Point
	found := false
	for _, p := range r[1:] {
		if p != a {
			b, found = p, true
			break
		}
	}
	if !found {
		return true
	}
	dx, dy := b[0]-a[0], b[1]-a[1]
	size := math.Hypot(dx, dy)
	for _, p := range r {
		if math.Abs(dx*(p[1]-a[1])-dy*(p[0]-a[0])) > 1e-9*size*size {
			return false
		}
	}
	return true
}

func closeRing(r orb.Ring) orb.Ring {
	if len(r) > 0 && r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	return r
}

func distinct(r orb.Ring) int {
	seen := map[orb.Point]bool{}
	for _, p := range r {
		seen[p] = true
	}
	return len(seen)
}

// NewFeature builds a feature of layer from a checked geometry and form
// values (see models.FormProps).
func NewFeature(layer string, g orb.Geometry, values map[string]string) (*models.Feature, error) {
	g, err := CheckDrawn(layer, g)
	if err != nil {
		return nil, err
	}
	props, err := models.FormProps(layer, values)
	if err != nil {
		return nil, err
	}
	attrs, err := models.MapProperties(props)
	if err != nil {
		return nil, err
	}
	return &models.Feature{Layer: layer, Geometry: g, Attrs: attrs, Props: props, AreaM2: areaOf(g)}, nil
}

func areaOf(g orb.Geometry) float64 {
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		return measure.Area(g)
	}
	return 0
}

// AddFeature stores a new feature as one edit and returns it with its fid.
func AddFeature(ctx context.Context, st models.Store, f *models.Feature) (*models.Feature, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	label := models.Label{Key: "edit.add", Args: map[string]string{"layer": f.Layer, "name": f.Attrs.Name}}
	done, err := es.Do(ctx, &models.Edit{Label: label, Changes: []models.Change{{Layer: f.Layer, After: f}}})
	if err != nil {
		return nil, err
	}
	return done.Changes[0].After, nil
}

// DeleteFeatures deletes features as one edit (undo brings them all back
// with their fids).
func DeleteFeatures(ctx context.Context, st models.Store, fs []*models.Feature) error {
	es, err := editStore(st)
	if err != nil {
		return err
	}
	e := &models.Edit{Label: models.Label{Key: "edit.delete", Args: map[string]string{"n": fmt.Sprint(len(fs))}}}
	for _, f := range fs {
		cur, err := es.Feature(ctx, f.Layer, f.ID)
		if err != nil {
			return err
		}
		e.Changes = append(e.Changes, models.Change{Layer: f.Layer, ID: f.ID, Before: cur})
	}
	_, err = es.Do(ctx, e)
	return err
}

// ReplaceGeometries gives stored features new geometries (vertex edits,
// moves, splits) as one edit, keeping their attributes; area_m2 follows.
// The source geometry of an imported feature is dropped: it no longer
// describes the feature.
func ReplaceGeometries(ctx context.Context, st models.Store, key string, fs []*models.Feature, gs []orb.Geometry) ([]*models.Feature, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	e := &models.Edit{Label: models.Label{Key: key, Args: map[string]string{"n": fmt.Sprint(len(fs))}}}
	if len(fs) == 1 {
		e.Label.Args["name"] = displayName(fs[0])
	}
	for i, f := range fs {
		cur, err := es.Feature(ctx, f.Layer, f.ID)
		if err != nil {
			return nil, err
		}
		g, err := CheckDrawn(f.Layer, gs[i])
		if err != nil {
			return nil, err
		}
		next := *cur
		next.Geometry, next.Source, next.AreaM2 = g, nil, areaOf(g)
		e.Changes = append(e.Changes, models.Change{Layer: f.Layer, ID: f.ID, Before: cur, After: &next})
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

// Measure is the live area and perimeter of a sketch (m², m); lines give
// their length as perimeter.
func Measure(g orb.Geometry) (areaM2, lengthM float64) {
	if g == nil {
		return 0, 0
	}
	a := areaOf(g)
	if math.IsNaN(a) {
		a = 0
	}
	return a, measure.Length(g)
}

// AddFeatures stores several new features as one edit (parcels pasted
// from corner coordinates) and returns them with their fids.
func AddFeatures(ctx context.Context, st models.Store, fs []*models.Feature) ([]*models.Feature, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return nil, nil
	}
	e := &models.Edit{Label: models.Label{Key: "edit.add_n", Args: map[string]string{"layer": fs[0].Layer, "n": fmt.Sprint(len(fs))}}}
	for _, f := range fs {
		e.Changes = append(e.Changes, models.Change{Layer: f.Layer, After: f})
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

// ReplaceFromCorners gives a stored polygon the geometry of a parcel read
// from corner coordinates, keeping its attributes and taking the parcel's
// source coordinates (so they export back exactly). One edit.
func ReplaceFromCorners(ctx context.Context, st models.Store, f *models.Feature, parcel *models.Feature) (*models.Feature, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	cur, err := es.Feature(ctx, f.Layer, f.ID)
	if err != nil {
		return nil, err
	}
	g, err := CheckDrawn(cur.Layer, parcel.Geometry)
	if err != nil {
		return nil, err
	}
	next := *cur
	next.Geometry, next.Source, next.AreaM2 = g, parcel.Source, areaOf(g)
	e := &models.Edit{Label: models.Label{Key: "edit.corners", Args: map[string]string{"name": displayName(cur)}},
		Changes: []models.Change{{Layer: cur.Layer, ID: cur.ID, Before: cur, After: &next}}}
	done, err := es.Do(ctx, e)
	if err != nil {
		return nil, err
	}
	return done.Changes[0].After, nil
}
