// Command gen writes minerehab's synthetic Wuhai sample project: five
// RFC 7946 GeoJSON files (lon/lat degrees, EPSG:4326) of invented mines,
// their pits and heaps, fire points, haul roads and a rough reference frame.
//
// The output is a pure function of this program: fixed-seed PCG streams,
// ordered slices (no map iteration reaches the output), no clock. Run from
// the module root:
//
//	go run ./sampledata/gen -o sampledata
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("o", "sampledata", "directory to write the GeoJSON files into")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// generate builds and validates the sample, then writes every file into dir.
func generate(dir string) error {
	layers, err := build()
	if err != nil {
		return fmt.Errorf("build sample: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	for _, l := range layers {
		path := filepath.Join(dir, l.FileName())
		if err := os.WriteFile(path, collection(l.Name, l.Features), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", l.FileName(), err)
		}
	}
	return nil
}
