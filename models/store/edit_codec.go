package store

import (
	"encoding/json"
	"fmt"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// How an edit is kept in mr_history.cmd: JSON whose geometries are
// GeoPackage blobs (base64), so replaying an edit writes back exactly the
// bytes it saw: not a coordinate rounded.

type editJSON struct {
	V       int          `json:"v"` // format version
	Label   models.Label `json:"label"`
	Changes []changeJSON `json:"changes"`
}

type changeJSON struct {
	Layer  string            `json:"layer,omitempty"`
	ID     int64             `json:"id,omitempty"`
	Before *featureJSON      `json:"before,omitempty"`
	After  *featureJSON      `json:"after,omitempty"`
	Row    *models.RowChange `json:"row,omitempty"` // a record row's change
}

type featureJSON struct {
	Geom    []byte       `json:"geom"` // GeoPackage geometry blob
	Attrs   models.Attrs `json:"attrs"`
	Props   []byte       `json:"props,omitempty"`
	AreaM2  float64      `json:"area_m2"`
	SrcEPSG int          `json:"src_epsg,omitempty"`
	SrcGeom []byte       `json:"src_geom,omitempty"` // WKB
}

const editFormat = 1

func encodeEdit(e *models.Edit) (string, error) {
	out := editJSON{V: editFormat, Label: e.Label}
	for _, c := range e.Changes {
		if c.Row != nil {
			out.Changes = append(out.Changes, changeJSON{Row: c.Row})
			continue
		}
		cj := changeJSON{Layer: c.Layer, ID: c.ID}
		var err error
		if cj.Before, err = encodeState(c.Layer, c.Before); err != nil {
			return "", err
		}
		if cj.After, err = encodeState(c.Layer, c.After); err != nil {
			return "", err
		}
		out.Changes = append(out.Changes, cj)
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func encodeState(layer string, f *models.Feature) (*featureJSON, error) {
	if f == nil {
		return nil, nil
	}
	g := *f
	g.Layer = layer
	r, err := Encode(&g)
	if err != nil {
		return nil, err
	}
	return &featureJSON{Geom: r.Geom, Attrs: r.Attrs, Props: r.Props, AreaM2: r.AreaM2, SrcEPSG: r.SrcEPSG, SrcGeom: r.SrcGeom}, nil
}

func decodeEdit(s string) (*models.Edit, error) {
	var in editJSON
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("decode edit: %w", err)
	}
	if in.V != editFormat {
		return nil, fmt.Errorf("decode edit: format %d is not %d", in.V, editFormat)
	}
	e := &models.Edit{Label: in.Label}
	for _, cj := range in.Changes {
		if cj.Row != nil {
			e.Changes = append(e.Changes, models.Change{Row: cj.Row})
			continue
		}
		c := models.Change{Layer: cj.Layer, ID: cj.ID}
		var err error
		if c.Before, err = decodeState(cj.Layer, cj.ID, cj.Before); err != nil {
			return nil, err
		}
		if c.After, err = decodeState(cj.Layer, cj.ID, cj.After); err != nil {
			return nil, err
		}
		e.Changes = append(e.Changes, c)
	}
	return e, nil
}

func decodeState(layer string, id int64, fj *featureJSON) (*models.Feature, error) {
	if fj == nil {
		return nil, nil
	}
	g, _, err := gpkg.Decode(fj.Geom)
	if err != nil {
		return nil, fmt.Errorf("decode edit of %s fid %d: %w", layer, id, err)
	}
	f := &models.Feature{ID: id, Layer: layer, Geometry: g, Attrs: fj.Attrs, Props: fj.Props, AreaM2: fj.AreaM2}
	if fj.SrcGeom != nil {
		sg, err := gpkg.DecodeWKB(fj.SrcGeom)
		if err != nil {
			return nil, fmt.Errorf("decode edit of %s fid %d: %w", layer, id, err)
		}
		f.Source = &models.Source{EPSG: fj.SrcEPSG, Geometry: sg}
	}
	return f, nil
}
