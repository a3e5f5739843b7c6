package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestLayering enforces the one-way flow of imports: gis ← models ← app ←
// main. gis knows nothing of the domain or the application; nothing under
// gis/ or models/ imports Fyne; only app/gui (and main) may.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		n++
		for _, imp := range p.Imports {
			if msg := forbidden(p.ImportPath, imp); msg != "" {
				t.Errorf("%s imports %s: %s", p.ImportPath, imp, msg)
			}
		}
	}
	if n < 5 {
		t.Fatalf("go list found only %d packages", n)
	}
}

func forbidden(pkg, imp string) string {
	under := func(p, root string) bool { return p == root || strings.HasPrefix(p, root+"/") }
	fyne := under(imp, "fyne.io/fyne/v2")
	switch {
	case under(pkg, "minerehab/gis") && (under(imp, "minerehab/models") || under(imp, "minerehab/app")):
		return "gis is domain-free"
	case under(pkg, "minerehab/models") && under(imp, "minerehab/app"):
		return "models must not depend on the application layer"
	case (under(pkg, "minerehab/gis") || under(pkg, "minerehab/models")) && fyne:
		return "no Fyne below app/gui"
	case under(pkg, "minerehab/app") && !under(pkg, "minerehab/app/gui") && fyne:
		return "only app/gui uses Fyne"
	}
	return ""
}

func TestForbidden(t *testing.T) {
	tests := []struct {
		pkg, imp string
		bad      bool
	}{
		{"minerehab/gis/crs", "minerehab/models", true},
		{"minerehab/gis/crs", "fyne.io/fyne/v2/widget", true},
		{"minerehab/models/store", "fyne.io/fyne/v2", true},
		{"minerehab/models", "minerehab/app/i18n", true},
		{"minerehab/app/cli", "fyne.io/fyne/v2", true},
		{"minerehab/app/gui", "fyne.io/fyne/v2", false},
		{"minerehab/models", "minerehab/gis/geojson", false},
		{"minerehab/app", "minerehab/models/store", false},
	}
	for _, tc := range tests {
		if got := forbidden(tc.pkg, tc.imp) != ""; got != tc.bad {
			t.Errorf("forbidden(%s, %s) = %v, want %v", tc.pkg, tc.imp, got, tc.bad)
		}
	}
}
