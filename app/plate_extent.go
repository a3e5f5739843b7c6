package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"minerehab/gis/geojson"
	"minerehab/models"
)

// Plate extents: what a plate's map frame shows, named the way a user
// names it: all, view, mine:LICENCE, zone:CODE, district:NAME.

// PlateExtent is a resolved extent.
type PlateExtent struct {
	Kind  string // "all", "view", "mine", "zone", "district"
	Key   string // the licence, code or district name ("" for all and view)
	Name  string // what to call it on the plate (a mine's name, the district)
	Bound orb.Bound
}

// PlateExtentError says why an extent cannot be resolved.
type PlateExtentError struct {
	Spec string
	Code string // "bad-extent", "not-found", "empty-extent", "no-view"
}

func (e *PlateExtentError) Error() string { return "plate extent " + e.Spec + ": " + e.Code }

// ResolvePlateExtent resolves spec against the project. view is the
// window's (or --bbox's) lon/lat box, used by "view".
func ResolvePlateExtent(ctx context.Context, st models.Store, spec string, view *orb.Bound) (PlateExtent, error) {
	kind, key, _ := strings.Cut(strings.TrimSpace(spec), ":")
	kind = strings.ToLower(strings.TrimSpace(kind))
	key = strings.TrimSpace(key)
	fail := func(code string) (PlateExtent, error) {
		return PlateExtent{}, &PlateExtentError{Spec: spec, Code: code}
	}
	switch kind {
	case "all", "":
		b, ok, err := ProjectExtent(ctx, st, nil)
		if err != nil {
			return PlateExtent{}, err
		}
		if !ok {
			return fail("empty-extent")
		}
		return PlateExtent{Kind: "all", Bound: b}, nil
	case "view":
		if view == nil {
			return fail("no-view")
		}
		return PlateExtent{Kind: "view", Bound: *view}, nil
	case "mine", "zone", "district":
		if key == "" {
			return fail("bad-extent")
		}
		exts, err := PlateExtents(ctx, st, kind)
		if err != nil {
			return PlateExtent{}, err
		}
		for _, e := range exts {
			if e.Key == key {
				return e, nil
			}
		}
		// A mine may be named instead of its licence.
		for _, e := range exts {
			if e.Name == key {
				return e, nil
			}
		}
		return fail("not-found")
	}
	return fail("bad-extent")
}

// PlateExtents lists every extent of a kind ("mine", "zone", "district")
// in the project, in feature order, features with the same key merged.
func PlateExtents(ctx context.Context, st models.Store, kind string) ([]PlateExtent, error) {
	layer := map[string]string{"mine": models.LayerMines, "zone": models.LayerZones, "district": models.LayerReference}[kind]
	if layer == "" {
		return nil, &PlateExtentError{Spec: kind, Code: "bad-extent"}
	}
	var out []PlateExtent
	index := map[string]int{}
	err := st.Features(ctx, layer, nil, func(f *models.Feature) error {
		if f.Geometry == nil {
			return nil
		}
		var key, name string
		switch kind {
		case "mine":
			key, name = strings.TrimSpace(f.Attrs.Licence), strings.TrimSpace(f.Attrs.Name)
			if key == "" {
				key = name
			}
		case "zone":
			key, name = zoneCode(f), strings.TrimSpace(f.Attrs.Name)
		case "district":
			if ReferenceKindOf(f) != RefDistrict {
				return nil
			}
			key = strings.TrimSpace(f.Attrs.Name)
			name = key
		}
		if key == "" {
			return nil
		}
		b := f.Geometry.Bound()
		if i, ok := index[key]; ok {
			out[i].Bound = out[i].Bound.Union(b)
			return nil
		}
		if name == "" {
			name = key
		}
		index[key] = len(out)
		out = append(out, PlateExtent{Kind: kind, Key: key, Name: name, Bound: b})
		return nil
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return nil, err
	}
	return slices.Clip(out), err
}

// zoneCode is a consolidation zone's code: a code / 编号 property, else
// its licence attribute, else its name.
func zoneCode(f *models.Feature) string {
	code := ""
	if len(f.Props) > 0 {
		_ = geojson.TopLevel(f.Props, func(key string, raw []byte) bool {
			switch key {
			case "code", "zone_code", "编号", "整合区编号", "区块编号":
				if v, ok := geojson.StringValue(raw); ok && strings.TrimSpace(v) != "" {
					code = strings.TrimSpace(v)
					return false
				}
			}
			return true
		})
	}
	if code == "" {
		code = strings.TrimSpace(f.Attrs.Licence)
	}
	if code == "" {
		code = strings.TrimSpace(f.Attrs.Name)
	}
	return code
}
