package app

import (
	"errors"
	"fmt"
	"os"

	"github.com/paulmach/orb"

	"minerehab/gis/corners"
	"minerehab/gis/crs"
	"minerehab/gis/geomcheck"
	"minerehab/models"
)

// maxCornerFile bounds the size of a corner-coordinate file read whole
// (the largest real ones are a few hundred kilobytes).
const maxCornerFile = 64 << 20

// CornerParcel is one parsed parcel, ready to show.
type CornerParcel struct {
	Name, Number string
	Line         int               // its header line, 0 for a bare list
	Attrs        map[string]string // header fields by name (地块名称, 地块编号, …)
	// Geometry is the parcel in lon/lat degrees, CGCS2000 (EPSG:4490
	// numerically), RFC 7946 winding not applied: rings as written.
	Geometry orb.MultiPolygon
	// Source is the parcel exactly as written: orb.Polygon or
	// orb.MultiPolygon in EPSG's (easting, northing) or (lon, lat) order.
	Source orb.Geometry
	// Problem is why the polygon cannot be saved as it is (a crossing, …),
	// nil when it can; its Line names the corner's line.
	Problem *corners.Error

	parcel *corners.Parcel
}

// CornerPreview is what the paste box shows before saving.
type CornerPreview struct {
	Parcels []CornerParcel
	// Geometry is every parcel's polygons together, lon/lat.
	Geometry orb.MultiPolygon
	EPSG     int    // the coordinate system of the Source geometries
	CRSFrom  string // how EPSG was decided (see corners.File.CRSFrom)
	Warnings []*corners.Warning
	// Errors are the lines that could not be read (at most 20), in line
	// order; More says there were more.
	Errors []*corners.Error
	More   bool
	File   *corners.File // the parse itself, for writing back
}

// OK reports whether the preview may be saved: no errors, no problems.
func (p *CornerPreview) OK() bool {
	if len(p.Errors) > 0 || len(p.Parcels) == 0 {
		return false
	}
	for _, c := range p.Parcels {
		if c.Problem != nil {
			return false
		}
	}
	return true
}

// ParseCornerText reads corner coordinates typed or pasted into the
// window: lines of "point, X (northing), Y (easting)" in CGCS2000 GK
// (zone prefix or not) or lon/lat, several rings, or a whole 界址点 file.
// defaultEPSG is the coordinate system for eastings without a zone prefix
// when the text has no 带号 (the project's; 0 for none).
//
// It returns the preview even on error, with what could be read; the error
// (nil when the text can be saved) is a *FileError without a file name,
// which Message turns into one sentence naming the first bad line. Every
// line's error is in the preview's Errors (see CornerMessage).
func ParseCornerText(text string, defaultEPSG int) (*CornerPreview, error) {
	f, err := corners.ParseString(text, corners.Options{DefaultEPSG: defaultEPSG})
	return cornerPreview(f, err, "")
}

// ReadCornerFile reads a corner-coordinate file (UTF-8, UTF-16 or GBK) as
// the importer does; epsg, when not 0, is the caller's coordinate system.
func ReadCornerFile(path string, epsg int) (*CornerPreview, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &FileError{File: path, Code: "missing-file", Err: err}
	}
	if fi.Size() > maxCornerFile {
		return nil, &FileError{File: path, Code: "corners-too-large", Err: fmt.Errorf("%d bytes", fi.Size())}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{File: path, Code: "open-failed", Err: err}
	}
	f, err := corners.Parse(data, corners.Options{EPSG: epsg})
	return cornerPreview(f, err, path)
}

func cornerPreview(f *corners.File, perr error, file string) (*CornerPreview, error) {
	p := &CornerPreview{EPSG: f.EPSG, CRSFrom: f.CRSFrom, Warnings: f.Warnings, File: f}
	var es *corners.Errors
	if errors.As(perr, &es) {
		p.Errors, p.More = es.List, es.More
	}
	if f.EPSG != 0 {
		for _, par := range f.Parcels {
			if len(par.Rings) == 0 {
				continue
			}
			src := par.Geometry()
			ll, err := corners.ToLonLat(src, f.EPSG)
			if err != nil {
				continue // the parse already named the line
			}
			cp := CornerParcel{Name: par.Name(), Number: par.Number(), Line: par.Line, Attrs: par.Attrs, Geometry: ll, Source: src, parcel: par}
			if err := geomcheck.CheckLonLat(ll); err != nil {
				cp.Problem = cornerProblem(par, err)
			}
			p.Parcels = append(p.Parcels, cp)
			p.Geometry = append(p.Geometry, ll...)
		}
	}
	if len(p.Errors) > 0 {
		return p, &FileError{File: file, Code: p.Errors[0].Code, Err: perr}
	}
	for _, c := range p.Parcels {
		if c.Problem != nil {
			return p, &FileError{File: file, Code: c.Problem.Code, Err: &corners.Errors{List: []*corners.Error{c.Problem}}}
		}
	}
	return p, nil
}

// Features are the parcels as the importer would store them in layer (a
// polygon layer): converted, checked, wound, measured, with the parcel's
// header fields as properties and the corners as written kept as the
// source geometry. It fails, naming the parcel, when the preview is not OK.
func (p *CornerPreview) Features(layer string) ([]*models.Feature, error) {
	if len(p.Errors) > 0 {
		return nil, &FileError{Code: p.Errors[0].Code, Err: &corners.Errors{List: p.Errors, More: p.More}}
	}
	c, err := crs.ByEPSG(p.EPSG)
	if err != nil {
		return nil, &FileError{Code: "unsupported-crs", Err: err}
	}
	prep := &preparer{layer: layer}
	var out []*models.Feature
	for i, cp := range p.Parcels {
		s := &source{index: i, line: cp.Line, id: cp.Number, geom: orb.Clone(cp.Source), props: parcelProps(cp.parcel), crs: c}
		f, _, err := prep.prepare(s) // prepare converts s.geom in place: hence the clone
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// cornerProblem turns a geometry check's finding into an error on the line
// of the corner it names.
func cornerProblem(par *corners.Parcel, err error) *corners.Error {
	e := &corners.Error{Code: "invalid-geometry", Line: par.Line, Detail: err.Error()}
	var pr *geomcheck.Problem
	if !errors.As(err, &pr) {
		return e
	}
	e.Code, e.Detail = pr.Code, fmt.Sprintf("%.7f, %.7f", pr.At[0], pr.At[1])
	// Find the ring the problem names: polygons of the geometry hold the
	// parcel's rings in nest order; match by the ring's first point.
	var poly orb.Polygon
	switch g := par.Geometry().(type) {
	case orb.Polygon:
		poly = g
	case orb.MultiPolygon:
		if pr.Part < len(g) {
			poly = g[pr.Part]
		}
	}
	if pr.Ring >= len(poly) || len(poly[pr.Ring]) == 0 {
		return e
	}
	r := poly[pr.Ring]
	for _, ring := range par.Rings {
		if len(ring.Points) == len(r) && ring.Points[0].Y == r[0][0] && ring.Points[0].X == r[0][1] {
			if pr.Index < len(ring.Points) {
				e.Line = ring.Points[pr.Index].Line
			}
			break
		}
	}
	return e
}

// cornerCRS reads a --crs option for corner files: "" is 0.
func cornerCRS(file, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	c, err := crs.Parse(s)
	if err != nil {
		return 0, &FileError{File: file, Code: "bad-crs-option", Err: err}
	}
	return c.EPSG, nil
}
