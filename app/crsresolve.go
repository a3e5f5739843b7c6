package app

import (
	"fmt"

	"github.com/paulmach/orb"

	"minerehab/gis/crs"
)

// resolveCRS decides the coordinate system of a file: an explicit override,
// the file's own crs member, or what its first coordinate looks like.
func resolveCRS(file, override, member string, first orb.Point, fs *FileSummary) (*crs.CRS, error) {
	switch {
	case override != "":
		c, err := crs.Parse(override)
		if err != nil {
			return nil, &FileError{File: file, Code: "bad-crs-option", Err: err}
		}
		fs.CRSNote = "override"
		return c, nil
	case member != "":
		c, err := crs.Parse(member)
		if err != nil {
			return nil, &FileError{File: file, Code: "unsupported-crs-member", Err: err}
		}
		fs.CRSNote = "member"
		return c, nil
	}
	d := crs.Detect(first[0], first[1])
	switch d.Kind {
	case crs.LonLat:
		if d.Swapped {
			return nil, &FileError{File: file, Code: "axes-swapped",
				Err: fmt.Errorf("coordinates look like latitude, longitude (%g, %g): GeoJSON wants longitude first", first[0], first[1])}
		}
		fs.CRSNote = "default"
		return crs.ByEPSG(4326)
	case crs.GKZonePrefixed:
		if d.Swapped {
			return nil, &FileError{File: file, Code: "axes-swapped",
				Err: fmt.Errorf("coordinates look like northing, easting (%.3f, %.3f): swap the axes or give --crs", first[0], first[1])}
		}
		c, err := crs.ByEPSG(d.EPSG)
		if err != nil {
			return nil, &FileError{File: file, Code: "crs-needed", Err: err}
		}
		fs.CRSNote = "detected-gk-zone"
		fs.Zone = d.Zone
		return c, nil
	case crs.ProjectedNoZone:
		return nil, &FileError{File: file, Code: "crs-needed",
			Err: fmt.Errorf("coordinates (%.3f, %.3f) are metres without a zone: give --crs", first[0], first[1])}
	default:
		return nil, &FileError{File: file, Code: "crs-unknown",
			Err: fmt.Errorf("coordinates (%g, %g) are neither lon/lat nor a known projection: give --crs", first[0], first[1])}
	}
}

// firstPoint returns the first position of a geometry.
func firstPoint(g orb.Geometry) (orb.Point, bool) {
	switch g := g.(type) {
	case orb.Point:
		return g, true
	case orb.MultiPoint:
		if len(g) > 0 {
			return g[0], true
		}
	case orb.LineString:
		if len(g) > 0 {
			return g[0], true
		}
	case orb.Ring:
		if len(g) > 0 {
			return g[0], true
		}
	case orb.MultiLineString:
		for _, l := range g {
			if p, ok := firstPoint(l); ok {
				return p, true
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if p, ok := firstPoint(r); ok {
				return p, true
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if q, ok := firstPoint(p); ok {
				return q, true
			}
		}
	case orb.Collection:
		for _, c := range g {
			if q, ok := firstPoint(c); ok {
				return q, true
			}
		}
	}
	return orb.Point{}, false
}
