// Package sampledata owns minerehab's synthetic sample project of Wuhai
// (乌海市): invented mines with their pits, heaps and yards, fire points, haul
// roads and a rough reference frame (Yellow River, Dusitu River, the West
// Ordos reserve, the three district outlines), embedded as RFC 7946 GeoJSON.
//
// Coordinates are lon/lat degrees (EPSG:4326) with 7 decimals; exterior
// rings run counter-clockwise. Property keys are Chinese, as planners write
// them; units are in the key names (方量_万m3 in 10⁴ m³, 高度_m and 深度_m in
// metres, 地表温度_C in °C). Every file carries the top-level foreign members
// "synthetic": true and a "description" saying it is not real data.
//
// The files are written by the generator in ./gen (go run ./sampledata/gen
// -o sampledata); its test fails if they drift from what it produces.
package sampledata

import (
	"embed"
	"io/fs"
)

//go:embed *.geojson
var files embed.FS

// File is one embedded sample file.
type File struct {
	Name  string // file name, e.g. "mines.geojson"
	Layer string // mines | sites | fire_points | roads | reference
}

var list = []File{
	{Name: "mines.geojson", Layer: "mines"},
	{Name: "sites.geojson", Layer: "sites"},
	{Name: "fire_points.geojson", Layer: "fire_points"},
	{Name: "roads.geojson", Layer: "roads"},
	{Name: "reference.geojson", Layer: "reference"},
}

// Files lists the sample files in import order: mines first, because the
// other layers refer to mines by licence number (所属矿山).
func Files() []File { return append([]File(nil), list...) }

// Open opens one of the files listed by Files. Any other name fails with an
// error that matches fs.ErrNotExist.
func Open(name string) (fs.File, error) {
	for _, f := range list {
		if f.Name == name {
			return files.Open(name)
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// FS is the embedded files as a file system, for importers that read by name.
func FS() fs.FS { return files }
