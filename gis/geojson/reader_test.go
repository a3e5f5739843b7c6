package geojson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

const (
	ptF   = `{"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[1,2]}}`
	nullF = `{"type":"Feature","properties":null,"geometry":null}`
)

func fc(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

func feat(props, geom string) string {
	return `{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}`
}

func dbfHeader() string {
	h := make([]byte, 64)
	h[0] = 0x03
	h[1], h[2], h[3] = 124, 5, 17
	h[4] = 10
	h[8] = 65 // 33 + 32*1 field
	h[10] = 20
	return string(h)
}

type readCase struct {
	name     string
	in       string
	opt      Options
	fileCode string   // "" for a clean end
	detail   string   // substring of the file error's Detail
	ok       int      // features returned
	ferrs    []string // feature error codes in order
	check    func(t *testing.T, o outcome)
}

func TestReaderCases(t *testing.T) {
	deep := strings.Repeat("[", 200000)
	cases := []readCase{
		// file level: encodings, binary, emptiness
		{name: "zero bytes", in: "", fileCode: CodeEmptyFile},
		{name: "whitespace", in: " \n\t\r ", fileCode: CodeEmptyFile},
		{name: "bom only", in: bom + "\n", fileCode: CodeEmptyFile},
		{name: "shapefile", in: "\x00\x00\x27\x0a" + strings.Repeat("\x00", 96), fileCode: CodeBinary, detail: BinaryShapefile},
		{name: "dbase", in: dbfHeader(), fileCode: CodeBinary, detail: BinaryDBase},
		{name: "zip", in: "PK\x03\x04\x14\x00\x00\x00", fileCode: CodeBinary, detail: BinaryZip},
		{name: "sqlite", in: "SQLite format 3\x00\x10\x00", fileCode: CodeBinary, detail: BinarySQLite},
		{name: "pdf", in: "%PDF-1.7\n", fileCode: CodeBinary, detail: BinaryPDF},
		{name: "png", in: "\x89PNG\r\n\x1a\n\x00\x00", fileCode: CodeBinary, detail: BinaryPNG},
		{name: "jpeg", in: "\xff\xd8\xff\xe0\x00\x10JFIF", fileCode: CodeBinary, detail: BinaryJPEG},
		{name: "gif", in: "GIF89a\x01\x00", fileCode: CodeBinary, detail: BinaryGIF},
		{name: "gzip", in: "\x1f\x8b\x08\x00", fileCode: CodeBinary, detail: BinaryGzip},
		{name: "control bytes", in: "\x01\x02\x03abc", fileCode: CodeBinary, detail: BinaryUnknown},
		{name: "utf16le bom", in: "\xff\xfe{\x00\"\x00", fileCode: CodeUTF16},
		{name: "utf16be bom", in: "\xfe\xff\x00{\x00\"", fileCode: CodeUTF16},
		{name: "utf16 no bom", in: "{\x00\"\x00t\x00", fileCode: CodeUTF16},
		{name: "gbk", in: feat(`{"name":"`+gbk("乌海市海勃湾区")+`"}`, "null"), fileCode: CodeGBK, detail: "乌海市海勃湾区"},
		{name: "gbk trail byte 0x5c before quote", in: fc(feat(`{"name":"`+gbk("乌海琝")+`","b":1}`, "null")), fileCode: CodeGBK},
		{name: "gbk key", in: fc(feat(`{"`+gbk("名称")+`":1}`, "null")), fileCode: CodeGBK},
		{name: "latin1", in: fc(feat(`{"name":"caf`+"\xe9"+`"}`, "null")), fileCode: CodeNotUTF8},
		{name: "utf8 chinese", in: fc(feat(`{"name":"乌海市"}`, "null")), ok: 1},

		// JSON syntax
		{name: "truncated", in: `{"type":"FeatureCollection","features":[` + ptF, ok: 1, fileCode: CodeBadJSON, detail: "end of input"},
		{name: "truncated inside feature", in: `{"type":"FeatureCollection","features":[{"type":"Feature","prop`, fileCode: CodeBadJSON},
		{name: "trailing comma in features", in: `{"type":"FeatureCollection","features":[` + ptF + `,]}`, ok: 1, fileCode: CodeBadJSON},
		{name: "trailing comma in feature", in: fc(`{"type":"Feature","properties":[],"geometry":null,}`), fileCode: CodeBadJSON},
		{name: "garbage after collection", in: fc(ptF) + " x", ok: 1, fileCode: CodeBadJSON},
		{name: "raw newline in string", in: fc(feat(`{"a":"x`+"\n"+`y"}`, "null")), fileCode: CodeBadJSON, detail: "line break"},
		{name: "bad escape", in: fc(feat(`{"a":"\q"}`, "null")), fileCode: CodeBadJSON, detail: "escape"},
		{name: "short unicode escape", in: fc(feat(`{"a":"\u12"}`, "null")), fileCode: CodeBadJSON},
		{name: "leading zero", in: fc(feat(`{"a":01}`, "null")), fileCode: CodeBadJSON, detail: "leading zero"},
		{name: "single quotes", in: fc(feat(`{'a':1}`, "null")), fileCode: CodeBadJSON},
		{name: "mismatched bracket", in: fc(feat(`{"a":[1}`, "null")), fileCode: CodeBadJSON},
		{name: "missing colon", in: `{"type" "Feature"}`, fileCode: CodeBadJSON},
		{name: "nan in properties", in: fc(feat(`{"a":NaN}`, "null")), fileCode: CodeNaN},
		{name: "-infinity in coordinates", in: fc(feat(`{}`, `{"type":"Point","coordinates":[-Infinity,1]}`)), fileCode: CodeNaN},
		{name: "syntax error wins over feature error", in: fc(feat(`[]`, `{"type":"Point","coordinates":[1 2]}`)), fileCode: CodeBadJSON},

		// nesting and size
		{name: "deep root array", in: deep, fileCode: CodeTooDeep},
		{name: "deep properties", in: fc(feat(`{"a":`+deep, "null")), fileCode: CodeTooDeep},
		{name: "deep single feature", in: `{"type":"Feature","properties":{"a":` + deep, fileCode: CodeTooDeep},
		{name: "depth limit exact", in: fc(feat(`{"a":`+strings.Repeat("[", 60)+strings.Repeat("]", 60)+`}`, "null")), ok: 1},
		{name: "depth limit exceeded", in: fc(feat(`{"a":`+strings.Repeat("[", 61)+strings.Repeat("]", 61)+`}`, "null")), fileCode: CodeTooDeep},
		{name: "too large", in: fc(feat(`{"a":"`+strings.Repeat("x", 5000)+`"}`, "null")), opt: Options{MaxFeatureBytes: 1024}, fileCode: CodeTooLarge},
		{name: "large but allowed", in: fc(feat(`{"a":"`+strings.Repeat("x", 5000)+`"}`, "null")), opt: Options{MaxFeatureBytes: 8192}, ok: 1},

		// root
		{name: "root string", in: `"FeatureCollection"`, fileCode: CodeNotGeoJSON},
		{name: "root array", in: `[1,2]`, fileCode: CodeNotGeoJSON},
		{name: "root garbage", in: `hello`, fileCode: CodeBadJSON},
		{name: "root type number", in: `{"type":5}`, fileCode: CodeBadRootType},
		{name: "root type miscased feature", in: `{"type":"feature","geometry":null}`, fileCode: CodeBadRootType, detail: "case-sensitive"},
		{name: "features not array", in: `{"type":"FeatureCollection","features":{}}`, fileCode: CodeBadFeatures},
		{name: "duplicate features", in: `{"type":"FeatureCollection","features":[],"features":[]}`, fileCode: CodeDuplicateMember},
		{name: "features before type", in: `{"bbox":[0,0,1,1],"features":[` + ptF + `],"type":"FeatureCollection"}`, ok: 1,
			check: func(t *testing.T, o outcome) {
				if o.layout != FeatureCollection {
					t.Errorf("layout %v", o.layout)
				}
			}},
		{name: "features without type", in: `{"features":[` + ptF + `]}`, ok: 1, fileCode: CodeNotGeoJSON},
		{name: "features then feature type", in: `{"features":[` + ptF + `],"type":"Feature"}`, ok: 1, fileCode: CodeBadRootType},
		{name: "escaped member names", in: `{"typ\u0065":"FeatureCollection","f\u0065atures":[{"\u0074ype":"Feature","geometry":null,"properties":{"\u00e9":1}}]}`, ok: 1,
			check: func(t *testing.T, o outcome) {
				if string(o.features[0].Properties) != `{"\u00e9":1}` {
					t.Errorf("properties %q", o.features[0].Properties)
				}
			}},

		// crs
		{name: "crs name", in: `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4545"}},"features":[` + ptF + `]}`, ok: 1,
			check: wantCRS("urn:ogc:def:crs:EPSG::4545")},
		{name: "crs epsg code", in: `{"type":"FeatureCollection","crs":{"type":"EPSG","properties":{"code":4545}},"features":[]}`,
			check: wantCRS("EPSG:4545")},
		{name: "crs null", in: `{"type":"FeatureCollection","crs":null,"features":[]}`, check: wantCRS("")},
		{name: "crs link", in: `{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"x.prj"}},"features":[]}`, fileCode: CodeBadCRS},
		{name: "crs twice", in: `{"type":"FeatureCollection","crs":null,"crs":null,"features":[]}`, fileCode: CodeDuplicateMember},
		{name: "late crs", in: `{"type":"FeatureCollection","features":[` + ptF + `,` + ptF + `],"crs":{"type":"name","properties":{"name":"EPSG:4545"}}}`, ok: 2,
			check: func(t *testing.T, o outcome) {
				if len(o.late) != 1 || o.late[0].CRS != "EPSG:4545" || o.crs != "EPSG:4545" {
					t.Errorf("late %v crs %q", o.late, o.crs)
				}
			}},
		{name: "late null crs", in: `{"type":"FeatureCollection","features":[` + ptF + `],"crs":null}`, ok: 1,
			check: func(t *testing.T, o outcome) {
				if len(o.late) != 0 {
					t.Errorf("late %v", o.late)
				}
			}},
		{name: "crs in single feature after geometry", in: `{"geometry":null,"type":"Feature","crs":{"type":"name","properties":{"name":"EPSG:4490"}}}`, ok: 1,
			check: wantCRS("EPSG:4490")},
		{name: "crs in feature ignored", in: fc(`{"type":"Feature","crs":5,"geometry":null}`), ok: 1, check: wantCRS("")},

		// sequences
		{name: "rfc8142 sequence", in: "\x1e" + ptF + "\n\x1e" + nullF + "\n", ok: 2, check: wantLayout(Sequence)},
		{name: "newline delimited", in: ptF + "\n" + nullF + "\n" + `{"type":"Point","coordinates":[3,4]}` + "\n", ok: 3,
			check: func(t *testing.T, o outcome) {
				if o.layout != Sequence || o.features[2].Line != 3 || o.features[2].Index != 2 {
					t.Errorf("layout %v, third feature %+v", o.layout, o.features[2])
				}
			}},
		{name: "sequence with bad record", in: ptF + "\n" + `{"type":"Feature","geometry":{"type":"Point","coordinates":["a",1]}}` + "\n" + ptF + "\n", ok: 2, ferrs: []string{CodeBadCoordinates}},
		{name: "sequence record not object", in: "\x1e" + ptF + "\n\x1e5\n", ok: 1, ferrs: []string{CodeBadFeatureType}},
		{name: "feature then a lone record separator", in: ptF + "\x1e", ok: 1, check: wantLayout(Sequence)},
		{name: "sequence of collections", in: "\x1e" + fc(ptF) + "\n", fileCode: CodeBadRootType},
		{name: "single feature then garbage", in: ptF + " ]", ok: 1, fileCode: CodeBadJSON},

		// features
		{name: "feature not object", in: fc(`5`, ptF), ok: 1, ferrs: []string{CodeBadFeatureType}},
		{name: "geometry as feature", in: fc(`{"type":"Point","coordinates":[1,2]}`), ferrs: []string{CodeBadFeatureType}},
		{name: "no type", in: fc(`{"geometry":null}`), ferrs: []string{CodeBadFeatureType}},
		{name: "no geometry", in: fc(`{"type":"Feature","properties":{}}`), ferrs: []string{CodeNoGeometryMember}},
		{name: "type error wins", in: fc(`{"properties":[],"type":"Featur","geometry":null}`), ferrs: []string{CodeBadFeatureType}},
		{name: "duplicate geometry", in: fc(`{"type":"Feature","geometry":null,"geometry":null}`), ferrs: []string{CodeDuplicateMember}},
		{name: "duplicate property", in: fc(feat(`{"a":1,"b":2,"a":3}`, "null")), ferrs: []string{CodeDuplicateProperty},
			check: func(t *testing.T, o outcome) {
				if o.ferrs[0].Detail != "a" {
					t.Errorf("detail %q", o.ferrs[0].Detail)
				}
			}},
		{name: "duplicate property escaped", in: fc(feat(`{"a":1,"\u0061":2}`, "null")), ferrs: []string{CodeDuplicateProperty}},
		{name: "duplicate property many keys", in: fc(feat(manyKeys(100, true), "null")), ferrs: []string{CodeDuplicateProperty}},
		{name: "many unique keys", in: fc(feat(manyKeys(100, false), "null")), ok: 1},
		{name: "nested duplicate is fine", in: fc(feat(`{"a":{"x":1,"x":2},"b":[{"x":1,"x":1}]}`, "null")), ok: 1},
		{name: "properties string", in: fc(feat(`"x"`, "null")), ferrs: []string{CodeBadProperties}},
		{name: "geometry array", in: fc(feat(`{}`, `[1,2]`)), ferrs: []string{CodeBadGeometryType}},
		{name: "id null", in: fc(`{"type":"Feature","id":null,"geometry":null}`), ok: 1,
			check: func(t *testing.T, o outcome) {
				if o.features[0].ID != nil {
					t.Errorf("id %q", o.features[0].ID)
				}
			}},
		{name: "id kinds", in: fc(`{"type":"Feature","id":"a\"b","geometry":null}`, `{"type":"Feature","id":12345678901234567890,"geometry":null}`, `{"type":"Feature","id":true,"geometry":null}`),
			ok: 2, ferrs: []string{CodeBadID},
			check: func(t *testing.T, o outcome) {
				if string(o.features[0].ID) != `"a\"b"` || string(o.features[1].ID) != `12345678901234567890` {
					t.Errorf("ids %q %q", o.features[0].ID, o.features[1].ID)
				}
			}},

		// geometry
		{name: "coordinates before type", in: fc(feat(`{}`, `{"coordinates":[[1,2],[3,4]],"bbox":[1,2,3,4],"type":"LineString"}`)), ok: 1,
			check: wantGeom(orb.LineString{{1, 2}, {3, 4}})},
		{name: "geometries before type", in: fc(feat(`{}`, `{"geometries":[{"coordinates":[1,2],"type":"Point"}],"type":"GeometryCollection"}`)), ok: 1,
			check: wantGeom(orb.Collection{orb.Point{1, 2}})},
		{name: "every type in a collection", in: fc(feat(`{}`, `{"type":"GeometryCollection","geometries":[`+
			`{"type":"Point","coordinates":[1,2]},{"type":"MultiPoint","coordinates":[[1,2],[3,4]]},`+
			`{"type":"LineString","coordinates":[[1,2],[3,4]]},{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8]]]},`+
			`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.1,0.1]]]},`+
			`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.1],[5.1,5.1]]]]}]}`)), ok: 1,
			check: wantGeom(orb.Collection{orb.Point{1, 2}, orb.MultiPoint{{1, 2}, {3, 4}}, orb.LineString{{1, 2}, {3, 4}},
				orb.MultiLineString{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}},
				orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, {{0.1, 0.1}, {0.2, 0.1}, {0.1, 0.1}}},
				orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, {{{5, 5}, {6, 5}, {6, 6}, {5, 5}}, {{5.1, 5.1}, {5.2, 5.1}, {5.1, 5.1}}}}})},
		{name: "empty point", in: fc(feat(`{}`, `{"type":"Point","coordinates":[ ]}`)), ok: 1, check: wantGeom(nil)},
		{name: "empty linestring", in: fc(feat(`{}`, `{"type":"LineString","coordinates":[]}`)), ok: 1, check: wantGeom(orb.LineString{})},
		{name: "empty ring", in: fc(feat(`{}`, `{"type":"Polygon","coordinates":[[]]}`)), ok: 1, check: wantGeom(orb.Polygon{orb.Ring{}})},
		{name: "numbers", in: fc(feat(`{}`, `{"type":"MultiPoint","coordinates":[[-0.0,1e2],[1.5E-3,-2.25e+1],[106.7936049,39.434699],[0.1,0.30000000000000004],[123456789012345678901,1e-320]]}`)), ok: 1,
			check: wantGeom(orb.MultiPoint{{math.Copysign(0, -1), 100}, {0.0015, -22.5}, {106.7936049, 39.434699}, {0.1, 0.30000000000000004}, {123456789012345678901, 1e-320}})},
		{name: "huge coordinate", in: fc(feat(`{}`, `{"type":"Point","coordinates":[1e400,0]}`)), ferrs: []string{CodeBadCoordinates}},
		{name: "point too deep", in: fc(feat(`{}`, `{"type":"Point","coordinates":[[1,2]]}`)), ferrs: []string{CodeBadCoordinates}},
		{name: "linestring too shallow", in: fc(feat(`{}`, `{"type":"LineString","coordinates":[1,2]}`)), ferrs: []string{CodeBadCoordinates}},
		{name: "five numbers", in: fc(feat(`{}`, `{"type":"Point","coordinates":[1,2,3,4,5]}`)), ferrs: []string{CodeBadCoordinates}},
		{name: "four numbers", in: fc(feat(`{}`, `{"type":"Point","coordinates":[1,2,3,4]}`)), ok: 1, check: wantGeom(orb.Point{1, 2})},
		{name: "coordinates null", in: fc(feat(`{}`, `{"type":"Point","coordinates":null}`)), ferrs: []string{CodeBadCoordinates}},
		{name: "no coordinates", in: fc(feat(`{}`, `{"type":"Point"}`)), ferrs: []string{CodeBadCoordinates}},
		{name: "geometry miscased", in: fc(feat(`{}`, `{"type":"point","coordinates":[1,2]}`)), ferrs: []string{CodeBadGeometryType},
			check: func(t *testing.T, o outcome) {
				if !strings.Contains(o.ferrs[0].Detail, "case-sensitive") {
					t.Errorf("detail %q", o.ferrs[0].Detail)
				}
			}},
		{name: "geometry without type", in: fc(feat(`{}`, `{"coordinates":[1,2]}`)), ferrs: []string{CodeBadGeometryType}},
		{name: "feature as geometry", in: fc(feat(`{}`, nullF)), ferrs: []string{CodeBadGeometryType}},
		{name: "collection member not object", in: fc(feat(`{}`, `{"type":"GeometryCollection","geometries":[null]}`)), ferrs: []string{CodeBadGeometryType}},
		{name: "collection without geometries", in: fc(feat(`{}`, `{"type":"GeometryCollection"}`)), ferrs: []string{CodeBadGeometryType}},
		{name: "nested collection", in: fc(feat(`{}`, `{"type":"GeometryCollection","geometries":[{"geometries":[],"type":"GeometryCollection"}]}`)), ferrs: []string{CodeNestedCollection}},
		{name: "bad then good", in: fc(feat(`{}`, `{"type":"Point","coordinates":[true,1]}`), ptF), ok: 1, ferrs: []string{CodeBadCoordinates}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "one-byte"} {
				var src io.Reader = strings.NewReader(c.in)
				if mode == "one-byte" {
					src = iotest.OneByteReader(src)
				}
				o := readAll(t, src, len(c.in), c.opt)
				if got := fileCode(o.fileErr); got != c.fileCode {
					t.Fatalf("%s: file error %q (%v), want %q", mode, got, o.fileErr, c.fileCode)
				}
				if c.detail != "" {
					var se *SyntaxError
					if !errors.As(o.fileErr, &se) || !strings.Contains(se.Detail, c.detail) {
						t.Errorf("%s: error %v should mention %q", mode, o.fileErr, c.detail)
					}
				}
				if len(o.features) != c.ok {
					t.Errorf("%s: %d features, want %d", mode, len(o.features), c.ok)
				}
				var codes []string
				for _, fe := range o.ferrs {
					codes = append(codes, fe.Code)
				}
				if fmt.Sprint(codes) != fmt.Sprint(c.ferrs) && !(len(codes) == 0 && len(c.ferrs) == 0) {
					t.Errorf("%s: feature errors %v (%v), want %v", mode, codes, o.ferrs, c.ferrs)
				}
				if c.check != nil && !t.Failed() {
					c.check(t, o)
				}
			}
		})
	}
}

func manyKeys(n int, dup bool) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, `"key%d":%d,`, i, i)
	}
	if dup {
		b.WriteString(`"key77":0}`)
	} else {
		b.WriteString(`"last":0}`)
	}
	return b.String()
}

func wantCRS(crs string) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		if o.crs != crs {
			t.Errorf("crs %q, want %q", o.crs, crs)
		}
	}
}

func wantLayout(l Layout) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		if o.layout != l {
			t.Errorf("layout %v, want %v", o.layout, l)
		}
	}
}

func wantGeom(g orb.Geometry) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		got := o.features[0].Geometry
		if fmt.Sprintf("%T %v", got, got) != fmt.Sprintf("%T %v", g, g) {
			t.Errorf("geometry\n got %T %v\nwant %T %v", got, got, g, g)
		}
	}
}

// Properties are raw bytes: big integers, odd floats, escapes and
// whitespace survive untouched.
func TestPropertiesByteExact(t *testing.T) {
	props := "{ \"big\" : 123456789012345678901234567890,\n\t\"neg\":-9007199254740993, \"f\":1.000000000000000000001e-400," +
		`"s":"\u4e4c\ud83d\ude00\n","乌海":"海勃湾区","nested":{"a":[1,2,{"b":null}]} }`
	in := fc(feat(props, `{"type":"Point","coordinates":[106.8,39.6]}`), `{"type":"Feature","id":9007199254740993,"properties":`+props+`,"geometry":null}`)
	o := readAll(t, strings.NewReader(in), len(in), Options{})
	if o.fileErr != nil || len(o.features) != 2 {
		t.Fatalf("err %v, %d features", o.fileErr, len(o.features))
	}
	for _, f := range o.features {
		if string(f.Properties) != props {
			t.Errorf("feature %d properties\n got %q\nwant %q", f.Index, f.Properties, props)
		}
	}
	if string(o.features[1].ID) != "9007199254740993" {
		t.Errorf("id %q", o.features[1].ID)
	}
	var got []string
	err := TopLevel(o.features[0].Properties, func(k string, raw []byte) bool {
		got = append(got, k+"="+string(raw))
		return true
	})
	want := []string{"big=123456789012345678901234567890", "neg=-9007199254740993", "f=1.000000000000000000001e-400",
		`s="\u4e4c\ud83d\ude00\n"`, `乌海="海勃湾区"`, `nested={"a":[1,2,{"b":null}]}`}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("TopLevel: %v\n got %q\nwant %q", err, got, want)
	}
}

func TestPositions(t *testing.T) {
	in := "{\"type\":\"FeatureCollection\",\n\"features\":[\n" + ptF + ",\n  " +
		`{"type":"Feature","properties":{},` + "\n" + `"geometry":{"type":"Point","coordinates":[1,"x"]}}` + ",\n" +
		ptF + "\n]}"
	rd := NewReader(strings.NewReader(in), Options{})
	f, err := rd.Next()
	if err != nil || f.Line != 3 || f.Offset != int64(strings.Index(in, ptF)) {
		t.Fatalf("first: %+v %v", f, err)
	}
	_, err = rd.Next()
	var fe *FeatureError
	if !errors.As(err, &fe) {
		t.Fatalf("second: %v", err)
	}
	if fe.Index != 1 || fe.Line != 4 || fe.Offset != int64(strings.Index(in, `{"type":"Feature","properties":{},`)) ||
		fe.ProblemLine != 5 || fe.ProblemCol != 45 {
		t.Errorf("feature error %+v", fe)
	}
	if f, err = rd.Next(); err != nil || f.Index != 2 || f.Line != 6 {
		t.Fatalf("third: %+v %v", f, err)
	}
	if _, err = rd.Next(); err != io.EOF {
		t.Fatalf("end: %v", err)
	}

	bad := "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\" \"geometry\": null}]}"
	o := readAll(t, strings.NewReader(bad), len(bad), Options{})
	var se *SyntaxError
	if !errors.As(o.fileErr, &se) || se.Code != CodeBadJSON || se.Line != 4 || se.Col != 24 ||
		se.Offset != int64(strings.Index(bad, `"geometry"`)) {
		t.Errorf("syntax error %+v", se)
	}
	if !strings.Contains(se.Error(), "line 4, column 24") {
		t.Errorf("message %q", se.Error())
	}
}

// A generated stream of many features is read with a window that never
// grows: memory does not depend on file size.
func TestStreamingMemory(t *testing.T) {
	const n = 100000
	pr, pw := io.Pipe()
	go func() {
		w := NewWriter(pw)
		for i := range n {
			w.Write([]byte(fmt.Sprint(i)), orb.LineString{{106.1, 39.2}, {106.2, 39.3}, {106.3, float64(i) / n}}, []byte(`{"name":"乌海","i":`+fmt.Sprint(i)+`}`))
		}
		pw.CloseWithError(w.Close())
	}()
	rd := NewReader(pr, Options{})
	count := 0
	for {
		f, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if f.Index != count {
			t.Fatalf("index %d, want %d", f.Index, count)
		}
		count++
		if len(rd.buf) > initialBuffer {
			t.Fatalf("window grew to %d bytes at feature %d", len(rd.buf), count)
		}
	}
	if count != n {
		t.Errorf("%d features, want %d", count, n)
	}
}

// bigPolygon returns a FeatureCollection with one polygon of n+1 vertices,
// followed by a small feature.
func bigPolygon(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"big"},"geometry":{"type":"Polygon","coordinates":[[`)
	for i := 0; i <= n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		k := i % n
		fmt.Fprintf(&b, "[%.7f,%.7f]", 106.5+0.3*float64(k)/float64(n), 39.5+0.0001*float64(k%7))
	}
	b.WriteString(`]]}},` + ptF + `]}`)
	return b.Bytes()
}

func TestMillionVertexPolygon(t *testing.T) {
	data := bigPolygon(1000000)
	rd := NewReader(bytes.NewReader(data), Options{})
	f, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	poly, ok := f.Geometry.(orb.Polygon)
	if !ok || len(poly) != 1 || len(poly[0]) != 1000001 || poly[0][0] != poly[0][1000000] {
		t.Fatalf("geometry %T with %d rings", f.Geometry, len(poly))
	}
	if string(f.Properties) != `{"name":"big"}` {
		t.Errorf("properties %q", f.Properties)
	}
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Next(); err != io.EOF {
		t.Fatal(err)
	}
	if len(rd.buf) > 4*initialBuffer {
		t.Errorf("window still %d bytes after the big feature", len(rd.buf))
	}
}

func TestStringValue(t *testing.T) {
	cases := []struct {
		raw, want string
		ok        bool
	}{
		{`"abc"`, "abc", true},
		{` "a\"b\\c\/d\b\f\n\r\t" `, "a\"b\\c/d\b\f\n\r\t", true},
		{`"\u4e4c\u6d77"`, "乌海", true},
		{`"\ud83d\ude00"`, "😀", true},
		{`"\ud83d"`, "\ufffd", true},
		{`"\ude00x"`, "\ufffdx", true},
		{`"乌海"`, "乌海", true},
		{`12345678901234567890123`, "12345678901234567890123", true},
		{`-1.5e-7`, "-1.5e-7", true},
		{`01`, "", false},
		{`true`, "", false},
		{`null`, "", false},
		{`{}`, "", false},
		{`"abc`, "", false},
		{`"a" "b"`, "", false},
		{``, "", false},
	}
	for _, c := range cases {
		got, ok := StringValue([]byte(c.raw))
		if got != c.want || ok != c.ok {
			t.Errorf("StringValue(%q) = %q, %v; want %q, %v", c.raw, got, ok, c.want, c.ok)
		}
	}
}

func TestTopLevel(t *testing.T) {
	cases := []struct {
		in      string
		want    string
		errCode string
	}{
		{`{}`, "", ""},
		{` { "a" : 1 , "b":[1,{"c":2}], "\u00e9":"x" } `, `a=1;b=[1,{"c":2}];é="x";`, ""},
		{`{"a":1,"a":2}`, `a=1;a=2;`, ""},
		{`{"a":1,}`, `a=1;`, CodeBadJSON},
		{`{"a":NaN}`, ``, CodeNaN},
		{`[1]`, ``, CodeBadJSON},
		{`{"a":1} x`, `a=1;`, CodeBadJSON},
	}
	for _, c := range cases {
		var b strings.Builder
		err := TopLevel([]byte(c.in), func(k string, raw []byte) bool {
			b.WriteString(k + "=" + string(raw) + ";")
			return true
		})
		if b.String() != c.want || fileCode(err) != c.errCode {
			t.Errorf("TopLevel(%q) = %q, %v; want %q, %q", c.in, b.String(), err, c.want, c.errCode)
		}
	}
	n := 0
	TopLevel([]byte(`{"a":1,"b":2}`), func(string, []byte) bool { n++; return false })
	if n != 1 {
		t.Errorf("early stop: %d calls", n)
	}
}

func TestErrorMessages(t *testing.T) {
	for _, err := range []error{
		&SyntaxError{Code: CodeBadJSON, Offset: 10, Line: 2, Col: 3, Detail: "expected ','"},
		&FeatureError{Code: CodeBadID, Index: 4, ID: "a", Line: 7, ProblemLine: 8, ProblemCol: 2, Detail: "x"},
		&LateCRSError{CRS: "EPSG:4545"},
	} {
		msg := err.Error()
		if !strings.HasPrefix(msg, "geojson: ") || strings.ToLower(msg) != msg && !strings.Contains(msg, "EPSG") {
			t.Errorf("message %q", msg)
		}
	}
}

// A read error from the source is returned, wrapped, and is final.
func TestReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	src := io.MultiReader(strings.NewReader(`{"type":"FeatureCollection","features":[`+ptF+`,`), iotest.ErrReader(boom))
	o := readAll(t, src, 1000, Options{})
	if !errors.Is(o.fileErr, boom) || len(o.features) != 1 {
		t.Errorf("err %v, %d features", o.fileErr, len(o.features))
	}
}
