package geojson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/paulmach/orb"
)

// edgeRule is one row of the edge-case table in RULES.md.
type edgeRule struct {
	file     string
	fileCode string // "" when accepted
	ok       int
	ferrs    []string // "index:code"
	crs      string
}

// loadEdgeRules parses the edge-case table of RULES.md, the single source
// of truth for what happens to each file.
func loadEdgeRules(t *testing.T) map[string]edgeRule {
	t.Helper()
	f, err := os.Open("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules := map[string]edgeRule{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			in = strings.Contains(line, "edge-case files")
			continue
		}
		if !in || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| file ") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 7 {
			t.Fatalf("RULES.md: short row %q", line)
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		r := edgeRule{file: cells[1]}
		switch res := cells[2]; {
		case res == "accepted":
		case strings.HasPrefix(res, "file:"):
			r.fileCode = strings.TrimPrefix(res, "file:")
		default:
			t.Fatalf("RULES.md: bad result %q", res)
		}
		if r.ok, err = strconv.Atoi(cells[3]); err != nil {
			t.Fatalf("RULES.md: bad ok count in %q", line)
		}
		if cells[4] != "-" {
			r.ferrs = strings.Split(cells[4], ",")
		}
		if cells[5] != "-" {
			r.crs = cells[5]
		}
		rules[r.file] = r
	}
	if len(rules) == 0 {
		t.Fatal("RULES.md: no edge-case table found")
	}
	return rules
}

func TestEdgeCases(t *testing.T) {
	dir := sharedData(t, "geojson-edge-cases")
	rules := loadEdgeRules(t)
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(rules) {
		t.Errorf("%d files in %s but %d rows in RULES.md", len(files), dir, len(rules))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			rule, ok := rules[name]
			if !ok {
				t.Fatalf("no row for %s in RULES.md", name)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, mode := range []string{"whole", "one-byte"} {
				var o outcome
				if mode == "whole" {
					o = readAll(t, bytes.NewReader(data), len(data), Options{})
				} else {
					o = readAll(t, iotest.OneByteReader(bytes.NewReader(data)), len(data), Options{})
				}
				if got := fileCode(o.fileErr); got != rule.fileCode {
					t.Errorf("%s: file error %q (%v), RULES.md says %q", mode, got, o.fileErr, rule.fileCode)
				}
				if len(o.features) != rule.ok {
					t.Errorf("%s: %d features, RULES.md says %d", mode, len(o.features), rule.ok)
				}
				var ferrs []string
				for _, fe := range o.ferrs {
					ferrs = append(ferrs, fmt.Sprintf("%d:%s", fe.Index, fe.Code))
				}
				if strings.Join(ferrs, ",") != strings.Join(rule.ferrs, ",") {
					t.Errorf("%s: feature errors %v, RULES.md says %v", mode, ferrs, rule.ferrs)
				}
				if o.crs != rule.crs {
					t.Errorf("%s: crs %q, RULES.md says %q", mode, o.crs, rule.crs)
				}
				if o.fileErr == nil {
					checkAgainstOracle(t, data, o)
				}
			}
		})
	}
}

// checkAgainstOracle compares accepted features with an independent decode
// by encoding/json: properties byte-exact (json.RawMessage keeps the bytes),
// ids byte-exact, and every x, y equal.
func checkAgainstOracle(t *testing.T, data []byte, o outcome) {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte(bom))
	type rawFeature struct {
		ID         json.RawMessage `json:"id"`
		Properties json.RawMessage `json:"properties"`
		Geometry   json.RawMessage `json:"geometry"`
		Type       string          `json:"type"`
	}
	var root struct {
		Type     string       `json:"type"`
		Features []rawFeature `json:"features"`
		rawFeature
	}
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatalf("oracle cannot decode: %v", err)
	}
	if err := json.Unmarshal(data, &root.rawFeature); err != nil {
		t.Fatal(err)
	}
	var want []rawFeature
	switch o.layout {
	case FeatureCollection:
		want = root.Features
	case SingleFeature:
		want = []rawFeature{root.rawFeature}
	case BareGeometry:
		want = []rawFeature{{Geometry: data}}
	default:
		t.Fatalf("unexpected layout %v", o.layout)
	}
	for _, f := range o.features {
		w := want[f.Index]
		if string(w.Properties) == "null" {
			w.Properties = nil
		}
		if !bytes.Equal(f.Properties, w.Properties) {
			t.Errorf("feature %d properties\n got %q\nwant %q", f.Index, f.Properties, w.Properties)
		}
		if string(w.ID) == "null" {
			w.ID = nil
		}
		if !bytes.Equal(f.ID, w.ID) {
			t.Errorf("feature %d id %q, want %q", f.Index, f.ID, w.ID)
		}
		var gw any
		if len(w.Geometry) > 0 {
			if err := json.Unmarshal(w.Geometry, &gw); err != nil {
				t.Fatal(err)
			}
		}
		wantXY, wantZ := oracleXY(gw)
		gotXY := flattenXY(f.Geometry)
		if fmt.Sprint(gotXY) != fmt.Sprint(wantXY) {
			t.Errorf("feature %d coordinates\n got %v\nwant %v", f.Index, gotXY, wantXY)
		}
		if f.HasZ != wantZ {
			t.Errorf("feature %d HasZ %v, want %v", f.Index, f.HasZ, wantZ)
		}
	}
}

// oracleXY lists the x, y of every position of a decoded geometry.
func oracleXY(g any) (xy []float64, hasZ bool) {
	m, ok := g.(map[string]any)
	if !ok {
		return nil, false
	}
	if gs, ok := m["geometries"].([]any); ok && m["type"] == "GeometryCollection" {
		for _, c := range gs {
			cx, cz := oracleXY(c)
			xy = append(xy, cx...)
			hasZ = hasZ || cz
		}
		return xy, hasZ
	}
	var walk func(v any)
	walk = func(v any) {
		a, ok := v.([]any)
		if !ok {
			return
		}
		if len(a) > 0 {
			if _, isNum := a[0].(float64); isNum {
				xy = append(xy, a[0].(float64), a[1].(float64))
				hasZ = hasZ || len(a) > 2
				return
			}
		}
		for _, e := range a {
			walk(e)
		}
	}
	walk(m["coordinates"])
	return xy, hasZ
}

// flattenXY lists the x, y of every position of an orb geometry.
func flattenXY(g orb.Geometry) []float64 {
	var xy []float64
	var pts func(ps []orb.Point)
	pts = func(ps []orb.Point) {
		for _, p := range ps {
			xy = append(xy, p[0], p[1])
		}
	}
	switch g := g.(type) {
	case orb.Point:
		xy = append(xy, g[0], g[1])
	case orb.MultiPoint:
		pts(g)
	case orb.LineString:
		pts(g)
	case orb.MultiLineString:
		for _, l := range g {
			pts(l)
		}
	case orb.Polygon:
		for _, r := range g {
			pts(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				pts(r)
			}
		}
	case orb.Collection:
		for _, c := range g {
			xy = append(xy, flattenXY(c)...)
		}
	}
	return xy
}

// TestEdgeCaseTableCodes checks that RULES.md only uses codes the package defines.
func TestEdgeCaseTableCodes(t *testing.T) {
	rules := loadEdgeRules(t)
	codes := map[string]bool{}
	for _, r := range rules {
		if r.fileCode != "" {
			codes[r.fileCode] = true
		}
		for _, fe := range r.ferrs {
			codes[fe[strings.Index(fe, ":")+1:]] = true
		}
	}
	var got []string
	for c := range codes {
		got = append(got, c)
	}
	sort.Strings(got)
	known := map[string]bool{CodeEmptyFile: true, CodeBadJSON: true, CodeTooDeep: true, CodeNotUTF8: true,
		CodeGBK: true, CodeUTF16: true, CodeBinary: true, CodeNaN: true, CodeNotGeoJSON: true,
		CodeBadRootType: true, CodeTooLarge: true, CodeBadFeatures: true, CodeBadCRS: true,
		CodeDuplicateMember: true, CodeNoGeometryMember: true, CodeBadGeometryType: true,
		CodeBadCoordinates: true, CodeNestedCollection: true, CodeBadProperties: true,
		CodeDuplicateProperty: true, CodeBadFeatureType: true, CodeBadID: true}
	for _, c := range got {
		if !known[c] {
			t.Errorf("RULES.md uses unknown code %q", c)
		}
	}
}
