package app

import (
	"context"
	"errors"

	"github.com/paulmach/orb"

	"minerehab/gis/hit"
	"minerehab/gis/render"
	"minerehab/models"
)

// Selection on the map: a click picks the topmost feature within a few
// pixels, a dragged box every feature it meets.

// PickTolerance is how close, in points, a click must come to a line or a
// point marker to pick it.
const PickTolerance = 5

// errEnough stops a Features scan early.
var errEnough = errors.New("enough")

// topFirst is the layers not hidden, the one the map draws on top first:
// LayerOrder of the styles the map is drawn with, reversed, so a click
// picks what the planner sees after moving layers in the layer panel.
func topFirst(styles []models.LayerStyle, hidden map[string]bool) []string {
	order := LayerOrder(styles)
	out := make([]string, 0, len(order))
	for i := len(order) - 1; i >= 0; i-- {
		if !hidden[order[i]] {
			out = append(out, order[i])
		}
	}
	return out
}

// Pick returns the feature drawn topmost within tol pixels of (x, y) of
// view v, or nil. Layers are tried from the top of the drawing order of
// styles (the project's layer styles the map is drawn with; nil: the
// default order) down; within a layer the nearest feature wins, and among
// features the point lies inside, the one drawn last (highest fid).
func Pick(ctx context.Context, st models.Store, v render.View, x, y, tol float64, hidden map[string]bool, styles []models.LayerStyle) (*models.Feature, error) {
	a, b := v.ToLonLat(x-tol, y-tol), v.ToLonLat(x+tol, y+tol)
	box := orb.Bound{Min: a, Max: a}.Extend(b)
	for _, layer := range topFirst(styles, hidden) {
		var best *models.Feature
		bestD := 0.0
		err := st.Features(ctx, layer, &box, func(f *models.Feature) error {
			if f.Geometry == nil {
				return nil
			}
			d, ok := hit.NearPixel(f.Geometry, v.ToPixel, x, y, tol)
			if !ok {
				return nil
			}
			// The nearest wins; among equals (insides are all 0) the
			// one drawn later, on top.
			if best == nil || d <= bestD {
				best, bestD = f, d
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if best != nil {
			return best, nil
		}
	}
	return nil, nil
}

// SelectBox returns the features of the visible layers that meet b, at
// most limit of them (truncated says some were left out), the top layer's
// first in the drawing order of styles, as Pick prefers them: the
// inspector opens on the first, and a box over the limit keeps what is
// drawn on top.
func SelectBox(ctx context.Context, st models.Store, b orb.Bound, hidden map[string]bool, styles []models.LayerStyle, limit int) (fs []*models.Feature, truncated bool, err error) {
	for _, layer := range topFirst(styles, hidden) {
		err := st.Features(ctx, layer, &b, func(f *models.Feature) error {
			if f.Geometry == nil || !hit.Intersects(f.Geometry, b) {
				return nil
			}
			if len(fs) == limit {
				truncated = true
				return errEnough
			}
			fs = append(fs, f)
			return nil
		})
		if errors.Is(err, errEnough) {
			return fs, true, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
	return fs, truncated, nil
}
