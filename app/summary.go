package app

import (
	"io/fs"
	"sort"
)

// ImportRequest says what to import and how.
type ImportRequest struct {
	Files []string
	// FS, when set, is where Files are read from (e.g. the embedded sample); else the OS.
	FS fs.FS
	// Layer is a layer name or "auto" (route each feature by its type property and geometry).
	Layer string
	// Kind is the site kind given to features of the sites layer whose source names none.
	Kind string
	// CRS overrides the coordinate system of every file ("EPSG:4545"); "" reads the
	// file's crs member or recognises its numbers.
	CRS string
	// Key is the property that identifies a feature on re-import; "" means the licence number.
	Key string
	// SkipInvalid imports the valid features of a file and lists the rest, instead
	// of rejecting the file.
	SkipInvalid bool
	// Format is "corners" for corner-coordinate (界址点) text files; "", "auto",
	// "geojson" and "gpkg" recognise GeoJSON and GeoPackage by their content.
	Format string
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Files     []FileSummary
	Added     int
	Updated   int
	Unchanged int
	Skipped   []*FeatureError
	// PerLayer counts the features written (added or updated or unchanged) per layer.
	PerLayer map[string]int
}

// FileSummary says what happened to one file.
type FileSummary struct {
	File     string
	Format   string // "geojson", "geojsonseq", "gpkg"
	CRS      string // "EPSG:4326", …
	CRSNote  string // how the CRS was found: "default", "member", "override", "detected-gk-zone"
	Zone     int    // the zone when CRSNote is "detected-gk-zone"
	Features int
	// Routes counts, for --layer auto, where features went and why ("mines <- type:mine_boundary").
	Routes map[string]int
}

// Layers returns the layer names of PerLayer in a stable order.
func (s *ImportSummary) Layers() []string {
	var ls []string
	for l := range s.PerLayer {
		ls = append(ls, l)
	}
	sort.Strings(ls)
	return ls
}
