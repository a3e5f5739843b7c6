package gpkg

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
)

// FromGoGeom converts a go-geom geometry to orb, keeping x and y only. An
// empty go-geom point becomes orb.Point{NaN, NaN}.
func FromGoGeom(t geom.T) (orb.Geometry, error) {
	switch g := t.(type) {
	case *geom.Point:
		if g.Empty() {
			return orb.Point{math.NaN(), math.NaN()}, nil
		}
		c := g.FlatCoords()
		return orb.Point{c[0], c[1]}, nil
	case *geom.LineString:
		return orb.LineString(flatPoints(g.FlatCoords(), g.Stride())), nil
	case *geom.Polygon:
		return flatPolygon(g.FlatCoords(), 0, g.Ends(), g.Stride()), nil
	case *geom.MultiPoint:
		mp := make(orb.MultiPoint, g.NumPoints())
		for i := range mp {
			p := g.Point(i)
			if p.Empty() {
				mp[i] = orb.Point{math.NaN(), math.NaN()}
				continue
			}
			c := p.FlatCoords()
			mp[i] = orb.Point{c[0], c[1]}
		}
		return mp, nil
	case *geom.MultiLineString:
		flat, stride := g.FlatCoords(), g.Stride()
		mls := make(orb.MultiLineString, len(g.Ends()))
		start := 0
		for i, end := range g.Ends() {
			mls[i] = flatPoints(flat[start:end], stride)
			start = end
		}
		return mls, nil
	case *geom.MultiPolygon:
		flat, stride := g.FlatCoords(), g.Stride()
		mp := make(orb.MultiPolygon, len(g.Endss()))
		start := 0
		for i, ends := range g.Endss() {
			mp[i] = flatPolygon(flat, start, ends, stride)
			if len(ends) > 0 {
				start = ends[len(ends)-1]
			}
		}
		return mp, nil
	case *geom.GeometryCollection:
		c := make(orb.Collection, g.NumGeoms())
		for i := range c {
			m, err := FromGoGeom(g.Geom(i))
			if err != nil {
				return nil, err
			}
			c[i] = m
		}
		return c, nil
	}
	return nil, errorf(CodeUnsupportedGeom, "cannot convert go-geom %T to orb", t)
}

func flatPoints(flat []float64, stride int) []orb.Point {
	ps := make([]orb.Point, len(flat)/stride)
	for i := range ps {
		ps[i] = orb.Point{flat[i*stride], flat[i*stride+1]}
	}
	return ps
}

func flatPolygon(flat []float64, start int, ends []int, stride int) orb.Polygon {
	p := make(orb.Polygon, len(ends))
	for i, end := range ends {
		p[i] = orb.Ring(flatPoints(flat[start:end], stride))
		start = end
	}
	return p
}

// ToGoGeom converts an orb geometry to go-geom (layout XY). orb.Ring and
// orb.Bound become polygons; orb.Point{NaN, NaN} becomes the empty point.
func ToGoGeom(g orb.Geometry) (geom.T, error) {
	switch g := g.(type) {
	case orb.Point:
		if math.IsNaN(g[0]) && math.IsNaN(g[1]) {
			return geom.NewPointEmpty(geom.XY), nil
		}
		return geom.NewPointFlat(geom.XY, []float64{g[0], g[1]}), nil
	case orb.MultiPoint:
		mp := geom.NewMultiPoint(geom.XY)
		for _, p := range g {
			var err error
			if math.IsNaN(p[0]) && math.IsNaN(p[1]) {
				err = mp.Push(geom.NewPointEmpty(geom.XY))
			} else {
				err = mp.Push(geom.NewPointFlat(geom.XY, []float64{p[0], p[1]}))
			}
			if err != nil {
				return nil, err
			}
		}
		return mp, nil
	case orb.LineString:
		return geom.NewLineStringFlat(geom.XY, appendFlat(nil, g)), nil
	case orb.Ring:
		return polygonToGoGeom(orb.Polygon{g}), nil
	case orb.Polygon:
		return polygonToGoGeom(g), nil
	case orb.Bound:
		return polygonToGoGeom(g.ToPolygon()), nil
	case orb.MultiLineString:
		var flat []float64
		ends := make([]int, len(g))
		for i, ls := range g {
			flat = appendFlat(flat, ls)
			ends[i] = len(flat)
		}
		return geom.NewMultiLineStringFlat(geom.XY, flat, ends), nil
	case orb.MultiPolygon:
		var flat []float64
		endss := make([][]int, len(g))
		for i, p := range g {
			ends := make([]int, len(p))
			for j, r := range p {
				flat = appendFlat(flat, r)
				ends[j] = len(flat)
			}
			endss[i] = ends
		}
		return geom.NewMultiPolygonFlat(geom.XY, flat, endss), nil
	case orb.Collection:
		gc := geom.NewGeometryCollection()
		for _, m := range g {
			t, err := ToGoGeom(m)
			if err != nil {
				return nil, err
			}
			if err := gc.Push(t); err != nil {
				return nil, err
			}
		}
		return gc, nil
	}
	return nil, errorf(CodeUnsupportedGeom, "cannot convert %T to go-geom", g)
}

func polygonToGoGeom(p orb.Polygon) *geom.Polygon {
	var flat []float64
	ends := make([]int, len(p))
	for i, r := range p {
		flat = appendFlat(flat, r)
		ends[i] = len(flat)
	}
	return geom.NewPolygonFlat(geom.XY, flat, ends)
}

func appendFlat[P ~[]orb.Point](flat []float64, ps P) []float64 {
	for _, p := range ps {
		flat = append(flat, p[0], p[1])
	}
	return flat
}
