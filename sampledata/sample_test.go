package sampledata

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"slices"
	"testing"
)

func TestFilesInImportOrder(t *testing.T) {
	var layers []string
	for _, f := range Files() {
		layers = append(layers, f.Layer)
		if f.Name != f.Layer+".geojson" {
			t.Errorf("file %q for layer %q", f.Name, f.Layer)
		}
	}
	if want := []string{"mines", "sites", "fire_points", "roads", "reference"}; !slices.Equal(layers, want) {
		t.Errorf("layers %v, want %v", layers, want)
	}
	got := Files()
	got[0].Name = "changed"
	if Files()[0].Name != "mines.geojson" {
		t.Error("Files returns the package's own slice")
	}
}

func TestOpenEveryFile(t *testing.T) {
	for _, f := range Files() {
		t.Run(f.Layer, func(t *testing.T) {
			file, err := Open(f.Name)
			if err != nil {
				t.Fatal(err)
			}
			defer file.Close()
			raw, err := io.ReadAll(file)
			if err != nil {
				t.Fatal(err)
			}
			var fc struct {
				Type      string            `json:"type"`
				Name      string            `json:"name"`
				Synthetic bool              `json:"synthetic"`
				Features  []json.RawMessage `json:"features"`
			}
			if err := json.Unmarshal(raw, &fc); err != nil {
				t.Fatal(err)
			}
			if fc.Type != "FeatureCollection" || fc.Name != f.Layer || !fc.Synthetic || len(fc.Features) == 0 {
				t.Errorf("type %q name %q synthetic %v features %d", fc.Type, fc.Name, fc.Synthetic, len(fc.Features))
			}
		})
	}
}

func TestEmbeddedFilesAreAllListed(t *testing.T) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	var listed []string
	for _, f := range Files() {
		listed = append(listed, f.Name)
	}
	slices.Sort(listed)
	if !slices.Equal(names, listed) {
		t.Errorf("embedded %v, listed %v", names, listed)
	}
}

func TestOpenRejectsOtherNames(t *testing.T) {
	for _, name := range []string{"", ".", "nope.geojson", "gen/main.go", "../go.mod", "README.md"} {
		f, err := Open(name)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%q) = %v, %v; want fs.ErrNotExist", name, f, err)
		}
	}
}
