package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg/gpkgtest"
	"minerehab/models"
)

// gdalProject is a closed project with Chinese attributes in four layers.
func gdalProject(t *testing.T) (string, map[string]int, map[string]*orb.Bound) {
	t.Helper()
	s := newStore(t)
	var fs []*models.Feature
	for i := range 12 {
		fs = append(fs, mine(i, 106.7+0.02*float64(i), 39.5+0.01*float64(i)))
	}
	fs[0].Source = &models.Source{EPSG: 4524, Geometry: orb.Point{36512345.678, 4391234.5}}
	fs = append(fs,
		&models.Feature{Layer: "fire_points", Geometry: orb.Point{106.83, 39.62}, Attrs: models.Attrs{Name: "自燃火点"}, Props: []byte(`{"名称":"自燃火点"}`)},
		&models.Feature{Layer: "sites", Geometry: orb.MultiPolygon{{ring(106.9, 39.7, 0.003, 0.002, 16)}}, Attrs: models.Attrs{Name: "排土场", Kind: models.SiteSpoilHeap}, AreaM2: 5000},
		&models.Feature{Layer: "roads", Geometry: orb.MultiLineString{{{106.8, 39.6}, {106.85, 39.65}}}, Attrs: models.Attrs{Name: "运输道路"}},
	)
	importAll(t, s, models.KeySpec{Field: "licence"}, fs...)
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	counts, exts := map[string]int{}, map[string]*orb.Bound{}
	for _, l := range info.Layers {
		counts[l.Name], exts[l.Name] = l.Count, l.Extent
	}
	path := s.path
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, counts, exts
}

func TestGDALReadsProject(t *testing.T) {
	path, counts, exts := gdalProject(t)
	out := gpkgtest.OGRInfo(t, path)
	layers := regexp.MustCompile(`(?m)^Layer name: (.*)\n(?:Geometry: .*\n)?Feature Count: (\d+)\n(?:Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\))?`).FindAllStringSubmatch(out, -1)
	seen := map[string]bool{}
	for _, m := range layers {
		name := m[1]
		seen[name] = true
		if strings.HasPrefix(name, "mr_") {
			// minerehab's own tables (meta, styles, history, …): GDAL
			// lists tables not in gpkg_contents as non-spatial layers
			// while no 'attributes' table is registered.
			continue
		}
		want, ok := counts[name]
		if !ok {
			t.Errorf("ogrinfo lists layer %q that is not a project layer", name)
			continue
		}
		if n, _ := strconv.Atoi(m[2]); n != want {
			t.Errorf("%s: ogrinfo counts %d, want %d", name, n, want)
		}
		if ext := exts[name]; ext != nil {
			got := fmt.Sprintf("%s %s %s %s", m[3], m[4], m[5], m[6])
			if want := fmt.Sprintf("%.6f %.6f %.6f %.6f", ext.Min[0], ext.Min[1], ext.Max[0], ext.Max[1]); got != want {
				t.Errorf("%s: ogrinfo extent %s, want %s", name, got, want)
			}
		}
	}
	for _, l := range models.Layers {
		if !seen[l.Name] {
			t.Errorf("ogrinfo does not list layer %s:\n%s", l.Name, out)
		}
	}
	for _, want := range []string{`ID["EPSG",4490]`, "properties: String(JSON)", "area_m2: Real", "src_geom: Binary"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing from ogrinfo output", want)
		}
	}
	feats := gpkgtest.OGRInfoFeatures(t, path, "mines")
	for _, want := range []string{"name (String) = 乌海市第0煤矿", "licence (String) = C15030020100000000", "district (String) = 海勃湾区",
		`properties (String(JSON)) = {"矿山名称":"乌海市第0煤矿"`, "src_epsg (Integer64) = 4524",
		"MULTIPOLYGON (((106.704 39.5,"} {
		if !strings.Contains(feats, want) {
			t.Errorf("%q missing from the mines GDAL reads", want)
		}
	}
}

func TestGDALValidatesProject(t *testing.T) {
	path, _, _ := gdalProject(t)
	gpkgtest.Validate(t, path)
}

// TestGDALValidatesEmptyProject: a project as Create leaves it.
func TestGDALValidatesEmptyProject(t *testing.T) {
	s := newStore(t)
	path := s.path
	s.Close()
	gpkgtest.Validate(t, path)
}
