package app

import (
	"context"
	"math"

	"minerehab/gis/measure"
	"minerehab/models"
)

// InfoJSON is the machine-readable summary printed by `minerehab info --json`.
type InfoJSON struct {
	Path          string          `json:"path"`
	SchemaVersion int             `json:"schema_version"`
	Layers        []LayerInfoJSON `json:"layers"`
}

// LayerInfoJSON summarises one layer; Extent is [minx, miny, maxx, maxy] in
// lon/lat, null for an empty layer.
type LayerInfoJSON struct {
	Name   string    `json:"name"`
	Count  int       `json:"count"`
	Extent []float64 `json:"extent"`
	AreaM2 float64   `json:"area_m2"`
	AreaHa float64   `json:"area_ha"`
	AreaMu float64   `json:"area_mu"`
}

// Info summarises a project for people and scripts.
func Info(ctx context.Context, st models.Store, path string) (*InfoJSON, error) {
	in, err := st.Info(ctx)
	if err != nil {
		return nil, err
	}
	out := &InfoJSON{Path: path, SchemaVersion: in.SchemaVersion, Layers: []LayerInfoJSON{}}
	for _, l := range in.Layers {
		j := LayerInfoJSON{Name: l.Name, Count: l.Count, AreaM2: round(l.AreaM2, 2),
			AreaHa: round(measure.Hectares(l.AreaM2), 4), AreaMu: round(measure.Mu(l.AreaM2), 3)}
		if l.Extent != nil {
			j.Extent = []float64{l.Extent.Min[0], l.Extent.Min[1], l.Extent.Max[0], l.Extent.Max[1]}
		}
		out.Layers = append(out.Layers, j)
	}
	return out, nil
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
