package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/topo"
	"minerehab/models"
)

// ScreeningBand is the strip a screening covered: every point within its
// distance of the river features it measured against (measured in metres
// in the Gauss-Kruger zone of the rivers, like the screening itself), for
// the map and the plates. Rivers deleted since are left out; when none is
// left the band cannot be drawn (CodeScreenNoRivers).
func ScreeningBand(ctx context.Context, st models.Store, sc *models.Screening) (orb.MultiPolygon, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	var lines orb.MultiLineString
	for _, r := range sc.Rivers {
		f, err := es.Feature(ctx, r.Layer, r.ID)
		if errors.Is(err, models.ErrNoFeature) {
			continue
		}
		if err != nil {
			return nil, err
		}
		lines = appendLines(lines, f.Geometry)
	}
	if len(lines) == 0 {
		return nil, &models.ScreenError{Code: models.CodeScreenNoLines, Detail: fmt.Sprint(len(sc.Rivers), " rivers")}
	}
	band, err := topo.BufferLines(lines, sc.DistanceM)
	if err != nil {
		return nil, &models.ScreenError{Code: models.CodeScreenGeometry, Detail: "band", Err: err}
	}
	return band, nil
}

// appendLines adds g's lines (a polygon's rings count as its lines: a
// river drawn as an area is measured from its banks).
func appendLines(out orb.MultiLineString, g orb.Geometry) orb.MultiLineString {
	switch g := g.(type) {
	case orb.LineString:
		return append(out, g)
	case orb.MultiLineString:
		return append(out, g...)
	case orb.Ring:
		return append(out, orb.LineString(g))
	case orb.Polygon:
		for _, r := range g {
			out = append(out, orb.LineString(r))
		}
	case orb.MultiPolygon:
		for _, p := range g {
			out = appendLines(out, p)
		}
	case orb.Collection:
		for _, x := range g {
			out = appendLines(out, x)
		}
	}
	return out
}

// BandLabel is a screening band's legend text: the rivers and the
// distance, in the user's language.
func BandLabel(sc *models.Screening, l i18n.Lang) string {
	return i18n.T(l, "plate.band", i18n.Args{"rivers": strings.Join(RiverNames(sc), "、"), "distance": strconv.FormatFloat(sc.DistanceM, 'f', -1, 64)})
}

// RiverNames are the names of the rivers a screening measured against,
// each once, in the order first met.
func RiverNames(sc *models.Screening) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range sc.Rivers {
		if !seen[r.Name] {
			seen[r.Name] = true
			names = append(names, r.Name)
		}
	}
	return names
}

// SavedScreeningBand is the band of the saved screening name, labelled,
// for a plate (`plate --screening NAME`).
func SavedScreeningBand(ctx context.Context, st models.Store, name string, l i18n.Lang) (PlateBand, error) {
	sc, err := LoadScreening(ctx, st, name)
	if err != nil {
		return PlateBand{}, err
	}
	band, err := ScreeningBand(ctx, st, sc)
	if err != nil {
		return PlateBand{}, err
	}
	return PlateBand{Geometry: band, Label: BandLabel(sc, l)}, nil
}
