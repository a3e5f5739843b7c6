package app

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"minerehab/gis/crs"
	"minerehab/gis/geomcheck"
	"minerehab/gis/measure"
	"minerehab/models"
)

// preparer turns one source feature into a models.Feature ready to store:
// converted to lon/lat, checked, wound per RFC 7946, promoted to the layer's
// multi type, measured and mapped. It is pure, so several run in parallel.
type preparer struct {
	file  string
	layer string // fixed layer, or "auto"
	kind  models.SiteKind
}

// source is the reader-independent view of one input feature.
type source struct {
	index int
	line  int
	id    string
	geom  orb.Geometry
	props []byte
	crs   *crs.CRS // the coordinate system of geom; nil or geographic: no conversion
}

func (p *preparer) prepare(s *source) (*models.Feature, string, error) {
	attrs, err := models.MapProperties(s.props)
	if err != nil {
		return nil, "", p.fail(s, attrs, "bad-properties", err.Error(), err)
	}
	f := &models.Feature{Attrs: attrs, Props: s.props}
	g := s.geom
	if g == nil {
		// A feature without a location cannot be drawn, measured or screened;
		// the layers of a project hold located features only.
		return nil, "", p.fail(s, attrs, "null-geometry", "", nil)
	}
	if src := s.crs; src != nil && !src.Geographic {
		f.Source = &models.Source{EPSG: src.EPSG, Geometry: orb.Clone(g)}
		var terr error
		g = project.Geometry(g, func(pt orb.Point) orb.Point {
			lon, lat, err := src.ToLonLat(pt[0], pt[1])
			if err != nil && terr == nil {
				terr = err
			}
			return orb.Point{lon, lat}
		})
		if terr != nil {
			return nil, "", p.fail(s, attrs, "out-of-zone", terr.Error(), terr)
		}
	}
	{
		if err := geomcheck.CheckLonLat(g); err != nil {
			code, detail := "invalid-geometry", err.Error()
			var pr *geomcheck.Problem
			if errors.As(err, &pr) {
				code, detail = pr.Code, problemPlace(pr)
			}
			return nil, "", p.fail(s, attrs, code, detail, err)
		}
		g = geomcheck.Normalize(g)
	}
	layer, reason := p.layer, ""
	if layer == "auto" {
		layer, reason = models.Route(attrs, g)
	}
	def, ok := models.LayerByName(layer)
	if !ok {
		return nil, "", p.fail(s, attrs, "unknown-layer", layer, nil)
	}
	{
		if !models.Fits(def.Geometry, g) {
			return nil, "", p.fail(s, attrs, "wrong-geometry-type", geometryName(g)+" -> "+layer, nil)
		}
		if def.Geometry != models.KindAny {
			g = geomcheck.ToMulti(g)
		}
		f.AreaM2 = measure.Area(g)
	}
	if layer == models.LayerSites && f.Attrs.Kind == "" {
		f.Attrs.Kind = p.kind
		if f.Attrs.Kind == "" {
			f.Attrs.Kind = models.SiteOther
		}
	}
	f.Layer = layer
	f.Geometry = g
	return f, reason, nil
}

func (p *preparer) fail(s *source, a models.Attrs, code, detail string, err error) *FeatureError {
	return &FeatureError{File: p.file, Index: s.index, ID: s.id, Name: a.Name, Line: s.line, Code: code, Detail: detail, Err: err}
}

// geometryName is the GeoJSON name of a geometry's type.
func geometryName(g orb.Geometry) string {
	if g == nil {
		return "null"
	}
	return g.GeoJSONType()
}

// problemPlace says where in a geometry a problem is, in numbers that read
// the same in every language: part, ring, vertex and position.
func problemPlace(pr *geomcheck.Problem) string {
	return fmt.Sprintf("%d/%d/%d @ %.7f, %.7f", pr.Part, pr.Ring, pr.Index, pr.At[0], pr.At[1])
}
