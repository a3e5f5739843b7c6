package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the committed sample files in .. from the generator")

// committed is where the sample files live, relative to this package.
const committed = ".."

var layerNames = []string{"mines", "sites", "fire_points", "roads", "reference"}

// TestCommittedSampleMatchesGenerator regenerates the sample and demands
// byte equality with the committed files, so they cannot drift from the
// program that makes them.
func TestCommittedSampleMatchesGenerator(t *testing.T) {
	if *update {
		if err := generate(committed); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	got, _ := filepath.Glob(filepath.Join(dir, "*.geojson"))
	have, _ := filepath.Glob(filepath.Join(committed, "*.geojson"))
	if len(got) != len(layerNames) || len(have) != len(layerNames) {
		t.Fatalf("generator wrote %d files, %d committed, want %d each", len(got), len(have), len(layerNames))
	}
	for _, name := range layerNames {
		want, err := os.ReadFile(filepath.Join(committed, name+".geojson"))
		if err != nil {
			t.Fatalf("%v (run go run ./sampledata/gen -o sampledata)", err)
		}
		gen, err := os.ReadFile(filepath.Join(dir, name+".geojson"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gen, want) {
			t.Errorf("%s.geojson differs from the generator's output at byte %d; regenerate with go run ./sampledata/gen -o sampledata",
				name, firstDiff(gen, want))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestBuildIsDeterministic builds twice in one process: no map order, clock
// or shared state may leak into the output.
func TestBuildIsDeterministic(t *testing.T) {
	a, err := build()
	if err != nil {
		t.Fatal(err)
	}
	b, err := build()
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !bytes.Equal(collection(a[i].Name, a[i].Features), collection(b[i].Name, b[i].Features)) {
			t.Errorf("layer %s differs between two builds", a[i].Name)
		}
	}
}

// --- reading the committed files with encoding/json --------------------

type fileJSON struct {
	Type        string        `json:"type"`
	Name        string        `json:"name"`
	Synthetic   *bool         `json:"synthetic"`
	Description string        `json:"description"`
	Features    []featureJSON `json:"features"`
}

type featureJSON struct {
	Type     string `json:"type"`
	ID       string `json:"id"`
	Geometry struct {
		Type        string `json:"type"`
		Coordinates any    `json:"coordinates"`
	} `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

func readLayer(t *testing.T, name string) (fileJSON, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(committed, name+".geojson"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var f fileJSON
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f, raw
}

func str(p map[string]any, k string) string {
	s, _ := p[k].(string)
	return s
}

// position turns a decoded [lon, lat] into a pt, checking bounds and the
// 7-decimal precision.
func position(t *testing.T, where string, v any) pt {
	t.Helper()
	a, ok := v.([]any)
	if !ok || len(a) != 2 {
		t.Fatalf("%s: position %v is not [lon, lat]", where, v)
	}
	var xy [2]float64
	for i, c := range a {
		n, ok := c.(json.Number)
		if !ok {
			t.Fatalf("%s: coordinate %v is not a number", where, c)
		}
		if _, frac, _ := strings.Cut(n.String(), "."); len(frac) != 7 {
			t.Errorf("%s: coordinate %s does not have 7 decimals", where, n)
		}
		xy[i], _ = n.Float64()
	}
	p := pt{xy[0], xy[1]}
	if p.X < 106.5 || p.X > 107.2 || p.Y < 39.1 || p.Y > 40.0 {
		t.Errorf("%s: position %v outside 106.5–107.2E, 39.1–40.0N", where, p)
	}
	return p
}

func line(t *testing.T, where string, v any) []pt {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("%s: %v is not a position array", where, v)
	}
	out := make([]pt, len(a))
	for i, p := range a {
		out[i] = position(t, where, p)
	}
	return out
}

// ring reads a closed GeoJSON ring and returns it open.
func ring(t *testing.T, where string, v any) []pt {
	t.Helper()
	r := line(t, where, v)
	if len(r) < 4 {
		t.Fatalf("%s: ring has %d positions, want at least 4", where, len(r))
	}
	if r[0] != r[len(r)-1] {
		t.Fatalf("%s: ring is not closed", where)
	}
	return r[:len(r)-1]
}

func polygonOf(t *testing.T, where string, v any) polygon {
	t.Helper()
	a, ok := v.([]any)
	if !ok || len(a) == 0 {
		t.Fatalf("%s: %v is not a polygon", where, v)
	}
	var p polygon
	for i, r := range a {
		p = append(p, ring(t, fmt.Sprintf("%s ring %d", where, i), r))
	}
	if err := checkPolygon(p); err != nil { // simple rings, CCW exterior, CW holes inside
		t.Errorf("%s: %v", where, err)
	}
	return p
}

// polygons reads a Polygon or MultiPolygon geometry.
func polygons(t *testing.T, where string, f featureJSON) []polygon {
	t.Helper()
	switch f.Geometry.Type {
	case "Polygon":
		return []polygon{polygonOf(t, where, f.Geometry.Coordinates)}
	case "MultiPolygon":
		var ps []polygon
		for i, p := range f.Geometry.Coordinates.([]any) {
			ps = append(ps, polygonOf(t, fmt.Sprintf("%s part %d", where, i), p))
		}
		if err := checkMultiPolygon(ps); err != nil {
			t.Errorf("%s: %v", where, err)
		}
		return ps
	}
	t.Fatalf("%s: geometry %s, want Polygon or MultiPolygon", where, f.Geometry.Type)
	return nil
}

// --- invariants ----------------------------------------------------------

func TestEveryFileIsMarkedSyntheticAndOneFeaturePerLine(t *testing.T) {
	for _, name := range layerNames {
		f, raw := readLayer(t, name)
		if f.Type != "FeatureCollection" || f.Name != name {
			t.Errorf("%s: type %q name %q", name, f.Type, f.Name)
		}
		if f.Synthetic == nil || !*f.Synthetic {
			t.Errorf("%s: missing \"synthetic\": true", name)
		}
		if f.Description != syntheticDescription {
			t.Errorf("%s: description %q", name, f.Description)
		}
		if n := bytes.Count(raw, []byte("\n")); n != len(f.Features)+2 {
			t.Errorf("%s: %d lines for %d features, want one feature per line", name, n, len(f.Features))
		}
		ids := map[string]bool{}
		for i, ft := range f.Features {
			if ft.Type != "Feature" || ft.ID == "" || ids[ft.ID] {
				t.Errorf("%s feature %d: type %q id %q (ids must be unique)", name, i, ft.Type, ft.ID)
			}
			ids[ft.ID] = true
			if str(ft.Properties, "feature_type") == "" || str(ft.Properties, "数据说明") == "" {
				t.Errorf("%s feature %d: missing feature_type or 数据说明", name, i)
			}
		}
	}
}

var licenceRE = regexp.MustCompile(`^C\d{22}$`)

func TestMines(t *testing.T) {
	f, _ := readLayer(t, "mines")
	if n := len(f.Features); n < 55 || n > 65 {
		t.Fatalf("%d mines, want about 60", n)
	}
	count := func(key string) map[string]int {
		c := map[string]int{}
		for _, ft := range f.Features {
			c[str(ft.Properties, key)]++
		}
		return c
	}
	status := count("生产状态")
	for _, s := range []string{"生产", "停产", "基建", "关闭", "无主"} {
		if status[s] == 0 {
			t.Errorf("no mine with 生产状态 %s", s)
		}
	}
	if green := float64(count("绿色矿山")["已入库"]) / float64(len(f.Features)); green < 0.2 || green > 0.3 {
		t.Errorf("%.0f%% green mines, want about a quarter", green*100)
	}
	if c := count("矿种"); 2*c["煤"] <= len(f.Features) || c["石灰岩"] == 0 || c["黏土"] == 0 || c["白云岩"] == 0 {
		t.Errorf("矿种 %v: want 煤 a majority and every other kind present", c)
	}
	if c := count("行政区"); len(c) != 3 || c["海勃湾区"] == 0 || c["乌达区"] == 0 || c["海南区"] == 0 {
		t.Errorf("行政区 %v", c)
	}

	districts := districtOutlines(t)
	licences := map[string]bool{}
	names := map[string]bool{}
	sanquan := 0
	var all [][]polygon
	for i, ft := range f.Features {
		p := ft.Properties
		where := fmt.Sprintf("mine %d %s", i, str(p, "矿山名称"))
		if str(p, "feature_type") != "mine_boundary" || str(p, "数据说明") != "合成数据" {
			t.Errorf("%s: feature_type %v 数据说明 %v", where, p["feature_type"], p["数据说明"])
		}
		name := str(p, "矿山名称")
		if !strings.HasPrefix(name, str(p, "行政区")) || names[name] {
			t.Errorf("%s: name must be unique and start with its district", where)
		}
		names[name] = true
		lic, hasLic := p["采矿许可证号"].(string)
		abandoned := str(p, "生产状态") == "无主"
		switch {
		case abandoned && p["采矿许可证号"] != nil:
			t.Errorf("%s: ownerless mine has licence %v", where, p["采矿许可证号"])
		case !abandoned && (!hasLic || !licenceRE.MatchString(lic)):
			t.Errorf("%s: licence %v, want C followed by 22 digits", where, p["采矿许可证号"])
		case hasLic && licences[lic]:
			t.Errorf("%s: licence %s is not unique", where, lic)
		}
		licences[lic] = hasLic
		if abandoned != (p["企业名称"] == nil) || abandoned != (p["有效期起"] == nil) || abandoned != (p["有效期止"] == nil) {
			t.Errorf("%s: 企业名称 and validity must be null exactly for ownerless mines", where)
		}
		if !abandoned && str(p, "有效期起") >= str(p, "有效期止") {
			t.Errorf("%s: validity %v to %v", where, p["有效期起"], p["有效期止"])
		}
		level := str(p, "绿色矿山级别")
		switch str(p, "绿色矿山") {
		case "已入库":
			if level != "国家级" && level != "自治区级" {
				t.Errorf("%s: listed green mine with level %v", where, p["绿色矿山级别"])
			}
		case "否", "创建中":
			if p["绿色矿山级别"] != nil {
				t.Errorf("%s: unlisted mine with level %v", where, p["绿色矿山级别"])
			}
		default:
			t.Errorf("%s: 绿色矿山 %v", where, p["绿色矿山"])
		}
		if m := str(p, "开采方式"); m != "露天开采" && m != "井工开采" {
			t.Errorf("%s: 开采方式 %v", where, p["开采方式"])
		}
		if b, ok := p["三权不变"].(bool); !ok {
			t.Errorf("%s: 三权不变 %v is not a boolean", where, p["三权不变"])
		} else if b {
			sanquan++
		}

		ps := polygons(t, where, ft)
		if n := vertexCount(ps); n < 8 || n > 30 {
			t.Errorf("%s: %d vertices, want 8 to 30", where, n)
		}
		d, ok := districts[str(p, "行政区")]
		if !ok {
			t.Fatalf("%s: unknown district %v", where, p["行政区"])
		}
		for _, part := range ps {
			if !ringWithin(part[0], d) {
				t.Errorf("%s: lies outside its district's outline", where)
			}
		}
		for j, other := range all {
			for _, a := range ps {
				for _, b := range other {
					if !ringsDisjoint(a[0], b[0]) {
						t.Errorf("%s overlaps mine %d", where, j)
					}
				}
			}
		}
		all = append(all, ps)
	}
	if sanquan == 0 {
		t.Error("no 三权不变 mine")
	}
	holes, multi := 0, 0
	for _, ps := range all {
		if len(ps) > 1 {
			multi++
		}
		for _, p := range ps {
			holes += len(p) - 1
		}
	}
	if holes == 0 || multi == 0 {
		t.Errorf("%d holes and %d multi-part mines, want some of each", holes, multi)
	}
}

// districtOutlines reads the district polygons of reference.geojson.
func districtOutlines(t *testing.T) map[string][]pt {
	t.Helper()
	f, _ := readLayer(t, "reference")
	out := map[string][]pt{}
	for _, ft := range f.Features {
		if str(ft.Properties, "feature_type") == "district" {
			out[str(ft.Properties, "名称")] = polygons(t, "district", ft)[0][0]
		}
	}
	return out
}

type mineRef struct {
	name, district, mineral string
	parts                   []polygon
}

// minesByLicence indexes mines by licence and by name (ownerless mines have
// no licence, so sites also carry 所属矿山名称).
func minesByName(t *testing.T) (map[string]mineRef, map[string]string) {
	t.Helper()
	f, _ := readLayer(t, "mines")
	byName := map[string]mineRef{}
	licence := map[string]string{}
	for i, ft := range f.Features {
		p := ft.Properties
		byName[str(p, "矿山名称")] = mineRef{str(p, "矿山名称"), str(p, "行政区"), str(p, "矿种"), polygons(t, fmt.Sprintf("mine %d", i), ft)}
		licence[str(p, "矿山名称")] = str(p, "采矿许可证号")
	}
	return byName, licence
}

var siteKindLabel = map[string]string{"pit": "采坑", "spoil_heap": "排土场", "gangue_heap": "煤矸石堆场", "waste_yard": "固废堆场"}

func TestSites(t *testing.T) {
	mines, licence := minesByName(t)
	districts := districtOutlines(t)
	f, _ := readLayer(t, "sites")
	perMine := map[string]int{}
	var rings [][]pt
	for i, ft := range f.Features {
		p := ft.Properties
		where := fmt.Sprintf("site %d %s", i, str(p, "名称"))
		kind := str(p, "feature_type")
		if siteKindLabel[kind] == "" || siteKindLabel[kind] != str(p, "类型") {
			t.Errorf("%s: feature_type %v with 类型 %v", where, p["feature_type"], p["类型"])
		}
		m, ok := mines[str(p, "所属矿山名称")]
		if !ok {
			t.Fatalf("%s: unknown mine %v", where, p["所属矿山名称"])
		}
		perMine[m.name]++
		if got, _ := p["所属矿山"].(string); got != licence[m.name] {
			t.Errorf("%s: 所属矿山 %v, want the mine's licence %q", where, p["所属矿山"], licence[m.name])
		}
		if str(p, "行政区") != m.district {
			t.Errorf("%s: 行政区 %v, mine's is %s", where, p["行政区"], m.district)
		}
		_, hasDepth := p["深度_m"]
		_, hasHeight := p["高度_m"]
		if hasDepth != (kind == "pit") || hasHeight == hasDepth {
			t.Errorf("%s: pits carry 深度_m, the rest 高度_m", where)
		}
		if v, ok := p["方量_万m3"].(json.Number); !ok || v.String() <= "0" {
			t.Errorf("%s: 方量_万m3 %v", where, p["方量_万m3"])
		}
		if s := str(p, "治理状态"); s != "未治理" && s != "治理中" && s != "已治理" {
			t.Errorf("%s: 治理状态 %v", where, p["治理状态"])
		}
		ps := polygons(t, where, ft)
		if len(ps) != 1 || len(ps[0]) != 1 {
			t.Fatalf("%s: want a Polygon without holes", where)
		}
		r := ps[0][0]
		if !ringWithin(r, districts[m.district]) {
			t.Errorf("%s: outside its district", where)
		}
		for _, part := range m.parts { // inside its mine or clear of it
			if !polygonContainsPolygon(part, r) && !ringsDisjoint(r, part[0]) {
				t.Errorf("%s: straddles its mine's boundary", where)
			}
		}
		for j, o := range rings {
			if !ringsDisjoint(r, o) {
				t.Errorf("%s overlaps site %d", where, j)
			}
		}
		rings = append(rings, r)
	}
	for name := range mines {
		if n := perMine[name]; n < 2 || n > 4 {
			t.Errorf("mine %s has %d sites, want 2 to 4", name, n)
		}
	}
}

func TestFirePoints(t *testing.T) {
	mines, licence := minesByName(t)
	sites, _ := readLayer(t, "sites")
	heaps := map[string][]pt{}
	for _, ft := range sites.Features {
		k := str(ft.Properties, "feature_type")
		if (k == "spoil_heap" || k == "gangue_heap") && mines[str(ft.Properties, "所属矿山名称")].mineral == "煤" {
			heaps[str(ft.Properties, "名称")] = polygons(t, "heap", ft)[0][0]
		}
	}
	f, _ := readLayer(t, "fire_points")
	if n := len(f.Features); n < 35 || n > 45 {
		t.Errorf("%d fire points, want about 40", n)
	}
	codes := map[string]bool{}
	states := map[string]int{}
	for i, ft := range f.Features {
		p := ft.Properties
		where := fmt.Sprintf("fire point %d %s", i, str(p, "编号"))
		if ft.Geometry.Type != "Point" || str(p, "feature_type") != "fire_point" {
			t.Fatalf("%s: %s %v", where, ft.Geometry.Type, p["feature_type"])
		}
		if codes[str(p, "编号")] || str(p, "编号") == "" {
			t.Errorf("%s: 编号 empty or repeated", where)
		}
		codes[str(p, "编号")] = true
		states[str(p, "状态")]++
		heap, ok := heaps[str(p, "所在场地")]
		if !ok {
			t.Fatalf("%s: 所在场地 %v is not a coal mine's spoil or gangue heap", where, p["所在场地"])
		}
		if pos := position(t, where, ft.Geometry.Coordinates); !inRing(pos, heap) {
			t.Errorf("%s: not on its heap", where)
		}
		if got, _ := p["所属矿山"].(string); got != licence[str(p, "所属矿山名称")] {
			t.Errorf("%s: 所属矿山 %v does not match its mine", where, p["所属矿山"])
		}
		if !regexp.MustCompile(`^202[1-3]-\d\d-\d\d$`).MatchString(str(p, "发现日期")) {
			t.Errorf("%s: 发现日期 %v", where, p["发现日期"])
		}
		temp, _ := p["地表温度_C"].(json.Number).Float64()
		if burning := str(p, "状态") == "燃烧中"; burning != (temp >= 60) {
			t.Errorf("%s: %v at %v °C", where, p["状态"], temp)
		}
	}
	if len(states) != 2 || states["燃烧中"] == 0 || states["已熄灭"] == 0 {
		t.Errorf("状态 %v, want 燃烧中 and 已熄灭", states)
	}
}

func TestRoads(t *testing.T) {
	mines, licence := minesByName(t)
	f, _ := readLayer(t, "roads")
	if len(f.Features) == 0 {
		t.Fatal("no roads")
	}
	for i, ft := range f.Features {
		p := ft.Properties
		where := fmt.Sprintf("road %d %s", i, str(p, "名称"))
		if str(p, "feature_type") != "haul_road" || (str(p, "路面") != "砂石" && str(p, "路面") != "硬化") {
			t.Errorf("%s: feature_type %v 路面 %v", where, p["feature_type"], p["路面"])
		}
		m, ok := mines[str(p, "所属矿山名称")]
		if !ok {
			t.Fatalf("%s: unknown mine", where)
		}
		if got, _ := p["所属矿山"].(string); got != licence[m.name] {
			t.Errorf("%s: 所属矿山 %v does not match its mine", where, p["所属矿山"])
		}
		var lines [][]pt
		switch ft.Geometry.Type {
		case "LineString":
			lines = [][]pt{line(t, where, ft.Geometry.Coordinates)}
		case "MultiLineString":
			for _, l := range ft.Geometry.Coordinates.([]any) {
				lines = append(lines, line(t, where, l))
			}
		default:
			t.Fatalf("%s: geometry %s", where, ft.Geometry.Type)
		}
		for _, l := range lines {
			if err := checkLine(l); err != nil {
				t.Errorf("%s: %v", where, err)
			}
			for name, other := range mines { // a road never enters another mine
				for _, part := range other.parts {
					if name != m.name && (edgesTouch(l, false, part[0], true) || inRing(l[0], part[0])) {
						t.Errorf("%s enters mine %s", where, name)
					}
				}
			}
		}
	}
}

func TestReference(t *testing.T) {
	f, _ := readLayer(t, "reference")
	var got []string
	for i, ft := range f.Features {
		p := ft.Properties
		where := fmt.Sprintf("reference %d %s", i, str(p, "名称"))
		got = append(got, str(p, "名称")+"/"+str(p, "类型")+"/"+str(p, "feature_type")+"/"+ft.Geometry.Type)
		switch ft.Geometry.Type {
		case "LineString":
			l := line(t, where, ft.Geometry.Coordinates)
			if err := checkLine(l); err != nil {
				t.Errorf("%s: %v", where, err)
			}
			if str(p, "名称") == "黄河" && (len(l) < 20 || l[0].Y >= l[len(l)-1].Y) {
				t.Errorf("%s: %d vertices, want about 25 running south to north", where, len(l))
			}
		default:
			polygons(t, where, ft)
		}
	}
	want := []string{
		"黄河/河流/river/LineString",
		"都思兔河/河流/river/LineString",
		"西鄂尔多斯国家级自然保护区/自然保护区/reserve/Polygon",
		"海勃湾区/行政区/district/Polygon",
		"乌达区/行政区/district/Polygon",
		"海南区/行政区/district/Polygon",
	}
	if !slices.Equal(got, want) {
		t.Errorf("reference features\n got %q\nwant %q", got, want)
	}
	ds := districtOutlines(t)
	// Neighbouring outlines share boundary vertices; no other vertex of one
	// may lie inside another.
	for a, ra := range ds {
		for b, rb := range ds {
			if a == b {
				continue
			}
			for _, v := range ra {
				if !slices.Contains(rb, v) && inRing(v, rb) {
					t.Errorf("vertex %v of %s lies inside %s", v, a, b)
				}
			}
		}
	}
}

// --- the validator itself must reject bad geometry ------------------------

func TestCheckPolygonRejects(t *testing.T) {
	sq := []pt{{0, 0}, {1, 0}, {1, 1}, {0, 1}}
	hole := reversed([]pt{{0.2, 0.2}, {0.4, 0.2}, {0.4, 0.4}, {0.2, 0.4}})
	tests := []struct {
		name string
		p    polygon
		ok   bool
	}{
		{"ccw square", polygon{sq}, true},
		{"square with cw hole", polygon{sq, hole}, true},
		{"clockwise exterior", polygon{reversed(sq)}, false},
		{"bow tie", polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}}}, false},
		{"two positions", polygon{{{0, 0}, {1, 0}}}, false},
		{"repeated position", polygon{{{0, 0}, {1, 0}, {1, 1}, {1, 0}, {0, 1}}}, false},
		{"spike folding back", polygon{{{0, 0}, {2, 0}, {1, 0}, {1, 1}}}, false},
		{"ccw hole", polygon{sq, reversed(hole)}, false},
		{"hole outside", polygon{sq, reversed([]pt{{2, 2}, {3, 2}, {3, 3}, {2, 3}})}, false},
		{"hole touching exterior", polygon{sq, reversed([]pt{{0, 0.2}, {0.4, 0.2}, {0.4, 0.4}})}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkPolygon(tc.p); (err == nil) != tc.ok {
				t.Errorf("checkPolygon = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestCheckLineRejects(t *testing.T) {
	tests := []struct {
		name string
		l    []pt
		ok   bool
	}{
		{"straight", []pt{{0, 0}, {1, 0}, {2, 1}}, true},
		{"one position", []pt{{0, 0}}, false},
		{"repeated position", []pt{{0, 0}, {0, 0}, {1, 1}}, false},
		{"self crossing", []pt{{0, 0}, {2, 2}, {2, 0}, {0, 2}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkLine(tc.l); (err == nil) != tc.ok {
				t.Errorf("checkLine = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestShapesAreStarShapedAndCCW(t *testing.T) {
	r := newRNG(1)
	c := pt{106.9, 39.5}
	for i := range 500 {
		for _, ring := range [][]pt{blobRing(r, c, 1, 8+i%23), rectRing(r, c, 1, 8+i%9)} {
			ring = roundRing(ring)
			if err := checkPolygon(polygon{ring}); err != nil {
				t.Fatalf("shape %d: %v", i, err)
			}
			for _, p := range ring {
				if d := distKM(p, c); d > 1+2e-5 {
					t.Fatalf("shape %d: vertex %.4f km from centre, radius 1", i, d)
				}
			}
		}
	}
}

// FuzzAppendString checks the writer's string escaping against
// encoding/json, seeded with the sample's own property values.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{syntheticDescription, "海南区", "煤矸石堆场", "方量_万m3", "\"\\\n\t\x00", "\u2028<>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got string
		if err := json.Unmarshal(appendString(nil, s), &got); err != nil {
			t.Fatalf("invalid JSON for %q: %v", s, err)
		}
		want := string([]rune(s)) // each invalid byte becomes U+FFFD
		if got != want {
			t.Fatalf("round trip %q -> %q, want %q", s, got, want)
		}
	})
}

func TestNumberFormatting(t *testing.T) {
	got := string(appendValue(nil, num{math.Round(12.34*10) / 10, 1}))
	if got != "12.3" {
		t.Errorf("num = %s", got)
	}
	if got := string(appendPos(nil, pt{106.8, 39.5})); got != "[106.8000000,39.5000000]" {
		t.Errorf("position = %s", got)
	}
}

func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		if _, err := build(); err != nil {
			b.Fatal(err)
		}
	}
}
