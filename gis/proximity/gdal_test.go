package proximity

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// casesSQL is the reference: SpatiaLite's ST_Distance between each probe
// and the union of the lines, both transformed to EPSG:4545 (CGCS2000 3°
// Gauss-Kruger CM 108°E). The golden file was made with
//
//	ogr2ogr -f CSV /vsistdout/ testdata/cases.geojson -dialect SQLite -sql "$casesSQL"
//
// (GDAL 3.6.2, SpatiaLite 5.0.1, PROJ 9.1.1); `go test -update` reruns it.
const casesSQL = `SELECT p.name, ST_Distance(ST_Transform(SetSRID(p.geometry,4490),4545), ST_Transform(SetSRID(l.geometry,4490),4545)) AS dist FROM cases p, (SELECT ST_Union(geometry) AS geometry FROM cases WHERE role='line') l WHERE p.role='probe'`

// tolerance of a distance against GDAL's: our Krüger series agrees with
// PROJ's to micrometres, the rest is the same planar geometry.
func tolerance(d float64) float64 { return 1e-4 + 1e-9*d }

func TestDistanceMatchesSpatiaLite(t *testing.T) {
	fc := readFC(t, filepath.Join("testdata", "cases.geojson"))
	var lines []orb.Geometry
	probes := map[string]orb.Geometry{}
	for _, f := range fc.Features {
		if f.Properties.MustString("role") == "line" {
			lines = append(lines, f.Geometry)
		} else {
			probes[f.Properties.MustString("name")] = f.Geometry
		}
	}
	rows := golden(t, "gdal_cases.csv", "name,dist", func() [][]string {
		return ogrCSV(t, filepath.Join("testdata", "cases.geojson"), casesSQL)
	})
	for _, opt := range []Options{{}, {EPSG: 4545}} {
		ix, _, err := NewIndex(lines, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(probes) {
			t.Fatalf("%d golden rows for %d probes", len(rows), len(probes))
		}
		for _, r := range rows {
			name, want := r[0], num(t, r[1])
			g := probes[name]
			got, err := ix.Distance(g)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if math.Abs(got-want) > tolerance(want) {
				t.Errorf("EPSG %d %s: distance %.6f m, SpatiaLite %.6f m", opt.EPSG, name, got, want)
			}
			// Within agrees on either side of the value.
			for _, d := range []float64{want + 1, want - 1} {
				if d < 0 {
					continue
				}
				wd, ok, err := ix.Within(g, d)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if ok != (want <= d) {
					t.Errorf("%s: Within(%g) = %v, distance %g", name, d, ok, want)
				}
				if ok && math.Abs(wd-got) > 1e-9 {
					t.Errorf("%s: Within distance %g, Distance %g", name, wd, got)
				}
			}
		}
	}
}

// realSQL measures the real Yellow River (Natural Earth 1:50m) against
// Inner Mongolia's 12 cities and the centroids of Wuhai's districts, in
// EPSG:4545, with
//
//	ogr2ogr -f CSV /vsistdout/ ../shared/data/admin/inner_mongolia_cities_150000.json -dialect SQLite -sql "$realSQL"
//
// (the river is read through SpatiaLite's 'file'.layer syntax; paths are
// relative to this package directory).
const realSQL = `SELECT 'city' AS kind, c.adcode AS id, CAST(0 AS REAL) AS lon, CAST(0 AS REAL) AS lat, ST_Distance(ST_Transform(SetSRID(c.geometry,4490),4545), ST_Transform(SetSRID(r.geometry,4490),4545)) AS dist FROM inner_mongolia_cities_150000 c, (SELECT ST_Union(geometry) AS geometry FROM '../../../shared/data/rivers/yellow_river_ne50m.geojson'.ne_50m_rivers_lake_centerlines) r
UNION ALL SELECT 'centroid', d.adcode, ST_X(ST_Centroid(d.geometry)), ST_Y(ST_Centroid(d.geometry)), ST_Distance(ST_Transform(SetSRID(ST_Centroid(d.geometry),4490),4545), ST_Transform(SetSRID(r.geometry,4490),4545)) FROM '../../../shared/data/admin/wuhai_districts_150300.json'.wuhai_districts_150300 d, (SELECT ST_Union(geometry) AS geometry FROM '../../../shared/data/rivers/yellow_river_ne50m.geojson'.ne_50m_rivers_lake_centerlines) r`

func TestRealYellowRiver(t *testing.T) {
	data := sharedData(t)
	river := readFC(t, filepath.Join(data, "rivers", "yellow_river_ne50m.geojson"))
	var lines []orb.Geometry
	for _, f := range river.Features {
		lines = append(lines, f.Geometry)
	}
	cities := readFC(t, filepath.Join(data, "admin", "inner_mongolia_cities_150000.json"))
	byCode := map[string]orb.Geometry{}
	for _, f := range cities.Features {
		byCode[codeOf(f.Properties["adcode"])] = f.Geometry
	}
	districts := readFC(t, filepath.Join(data, "admin", "wuhai_districts_150300.json"))
	rows := golden(t, "gdal_real.csv", "kind,id,lon,lat,dist", func() [][]string {
		return ogrCSV(t, filepath.Join(data, "admin", "inner_mongolia_cities_150000.json"), realSQL)
	})
	fixed, _, err := NewIndex(lines, Options{EPSG: 4545})
	if err != nil {
		t.Fatal(err)
	}
	auto, _, err := NewIndex(lines, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fixed.Lines() != 6 || fixed.Segments() < 300 {
		t.Errorf("river index: %d lines, %d segments", fixed.Lines(), fixed.Segments())
	}
	centroids := 0
	for _, r := range rows {
		want := num(t, r[4])
		switch r[0] {
		case "city":
			g, ok := byCode[r[1]]
			if !ok {
				t.Fatalf("no city %s", r[1])
			}
			got, err := fixed.Distance(g)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-want) > tolerance(want) {
				t.Errorf("city %s: %.4f m, SpatiaLite %.4f m", r[1], got, want)
			}
		case "centroid":
			centroids++
			p := orb.Point{num(t, r[2]), num(t, r[3])}
			// Wuhai is in zone 36: the automatic zone is EPSG:4545 too.
			for _, ix := range []*Index{fixed, auto} {
				got, err := ix.Distance(p)
				if err != nil {
					t.Fatal(err)
				}
				if math.Abs(got-want) > tolerance(want) {
					t.Errorf("district %s centroid: %.4f m, SpatiaLite %.4f m", r[1], got, want)
				}
			}
		}
	}
	if centroids != 3 {
		t.Errorf("%d district centroids in the golden file", centroids)
	}
	// Every district of Wuhai is crossed by the river: distance 0 and
	// within any band; the river lies within 3 km of all of them.
	for _, f := range districts.Features {
		d, ok, err := auto.Within(f.Geometry, 3000)
		if err != nil || !ok || d != 0 {
			t.Errorf("district %v: Within = %g, %v, %v", f.Properties["name"], d, ok, err)
		}
	}
}

func codeOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return formatInt(int64(v))
	}
	return ""
}
