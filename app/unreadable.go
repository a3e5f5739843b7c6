package app

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"minerehab/app/i18n"
	"minerehab/gis/gpkg"
	"minerehab/models"
)

// A feature whose stored geometry cannot be decoded (bytes another
// program damaged) is left off the map and the plates like a feature
// without geometry, instead of failing the whole frame; the features left
// off are collected so the window and the CLI can say so.

// renderFeature is the row r of layer as a Feature holding what the
// symbology reads; an undecodable geometry leaves Geometry nil and says
// why in GeomErr.
func renderFeature(layer string, r *models.RenderRow) models.Feature {
	f := models.Feature{ID: r.ID, Layer: layer, Attrs: r.Attrs, Props: r.Props}
	if r.Geom != nil {
		g, _, err := gpkg.Decode(r.Geom)
		if err != nil {
			f.GeomErr = &models.GeometryError{Layer: layer, ID: r.ID, Err: err}
		}
		f.Geometry = g
	}
	return f
}

// UnreadGeometries collects the features a map or plate left out because
// their geometry could not be read, by layer. Safe for concurrent use (the
// layers of a frame load at once); the zero value is ready.
type UnreadGeometries struct {
	mu   sync.Mutex
	fids map[string]map[int64]bool // a set per layer: a layer may be reported by every frame piece
}

// add records fids of layer (each once, however many frames report it).
func (u *UnreadGeometries) add(layer string, fids ...int64) {
	if u == nil || len(fids) == 0 {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.fids == nil {
		u.fids = map[string]map[int64]bool{}
	}
	set := u.fids[layer]
	if set == nil {
		set = map[int64]bool{}
		u.fids[layer] = set
	}
	for _, id := range fids {
		set[id] = true
	}
}

// Count is how many features were left out.
func (u *UnreadGeometries) Count() int {
	if u == nil {
		return 0
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	n := 0
	for _, set := range u.fids {
		n += len(set)
	}
	return n
}

// Layer is the fids of layer left out, in fid order.
func (u *UnreadGeometries) Layer(layer string) []int64 {
	if u == nil {
		return nil
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return slices.Sorted(maps.Keys(u.fids[layer]))
}

// unreadShown is how many fids a message lists before "…".
const unreadShown = 3

// UnreadMessage says, one sentence per layer in drawing order, which
// features were left out for a geometry that cannot be read; "" when none
// were.
func UnreadMessage(l i18n.Lang, u *UnreadGeometries) string {
	var parts []string
	for _, def := range models.Layers {
		ids := u.Layer(def.Name)
		if len(ids) == 0 {
			continue
		}
		list := make([]string, 0, unreadShown+1)
		for _, id := range ids[:min(len(ids), unreadShown)] {
			list = append(list, def.Name+" #"+strconv.FormatInt(id, 10))
		}
		if len(ids) > unreadShown {
			list = append(list, "…")
		}
		key := "badgeom.unread.many"
		if len(ids) == 1 {
			key = "badgeom.unread.one"
		}
		parts = append(parts, i18n.T(l, key, i18n.Args{"n": len(ids), "layer": i18n.T(l, "gui.layer."+def.Name, nil),
			"ids": strings.Join(list, i18n.T(l, "badgeom.list_sep", nil))}))
	}
	return strings.Join(parts, i18n.T(l, "badgeom.sentence_sep", nil))
}

// GeometryErrorText says in l why a stored geometry cannot be read (the
// decoder's reason, worded), "" for nil.
func GeometryErrorText(l i18n.Lang, err error) string {
	if err == nil {
		return ""
	}
	var ge *gpkg.Error
	if errors.As(err, &ge) {
		return reason(l, ge.Code, ge.Detail)
	}
	return err.Error()
}

// geometryMessage words an edit or export refused for a feature whose
// stored geometry cannot be read.
func geometryMessage(l i18n.Lang, err error) (string, bool) {
	var ge *models.GeometryError
	if !errors.As(err, &ge) {
		return "", false
	}
	return i18n.T(l, "badgeom.err.unreadable", i18n.Args{"layer": i18n.T(l, "gui.layer."+ge.Layer, nil),
		"table": ge.Layer, "id": ge.ID, "reason": GeometryErrorText(l, ge.Err)}), true
}
