package corners

import (
	"strings"
	"testing"
)

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file     string
		opt      Options
		epsg     int
		from     string
		parcels  int
		code     string // first error code, "" for none
		line     int    // its line
		warnings []string
	}{
		{"exchange_zone36.txt", Options{}, 4524, "declared", 2, "", 0, nil},
		{"exchange_gbk.txt", Options{}, 4524, "declared", 2, "", 0, nil},
		{"exchange_noprefix.txt", Options{}, 4545, "declared", 2, "", 0, nil},
		{"exchange_swapped.txt", Options{}, 4524, "declared", 2, "", 0, []string{WarnSwapped}},
		{"exchange_zone36.txt", Options{EPSG: 4545}, 4524, "caller", 2, "", 0, []string{WarnCRSSibling}},
		{"exchange_zone36.txt", Options{EPSG: 4524}, 4524, "caller", 2, "", 0, nil},
		{"exchange_noprefix.txt", Options{EPSG: 4524}, 4545, "caller", 2, "", 0, []string{WarnCRSSibling}},
		{"exchange_zone36.txt", Options{EPSG: 4523}, 0, "", 2, CodeZoneMismatch, 14, nil},
		{"exchange_zone36.txt", Options{EPSG: 4490}, 0, "", 2, CodeCRSMismatch, 14, nil},
		{"bad_zone_mismatch.txt", Options{}, 0, "", 2, CodeZoneMismatch, 9, nil},
		{"bad_ring_open.txt", Options{}, 4524, "declared", 2, CodeRingNotClosed, 17, []string{WarnPointCount}},
		{"list_fullwidth.txt", Options{}, 4524, "prefix", 1, "", 0, []string{WarnSkipped}},
		{"list_lonlat.txt", Options{}, 4490, "degrees", 1, "", 0, []string{WarnSwapped}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f, err := Parse(readFixture(t, tc.file), tc.opt)
			code, line := firstCode(err)
			if code != tc.code || line != tc.line {
				t.Fatalf("error %v, want code %q line %d", err, tc.code, tc.line)
			}
			if f.EPSG != tc.epsg || f.CRSFrom != tc.from || len(f.Parcels) != tc.parcels {
				t.Errorf("epsg %d from %q parcels %d, want %d %q %d", f.EPSG, f.CRSFrom, len(f.Parcels), tc.epsg, tc.from, tc.parcels)
			}
			var ws []string
			for _, w := range f.Warnings {
				ws = append(ws, w.Code)
			}
			if strings.Join(ws, " ") != strings.Join(tc.warnings, " ") {
				t.Errorf("warnings %v, want %v", ws, tc.warnings)
			}
		})
	}
}

// TestParseGolden pins every field of the parse of each fixture.
func TestParseGolden(t *testing.T) {
	for _, name := range []string{"exchange_zone36.txt", "exchange_gbk.txt", "exchange_noprefix.txt", "exchange_swapped.txt",
		"bad_zone_mismatch.txt", "bad_ring_open.txt", "list_fullwidth.txt", "list_lonlat.txt"} {
		t.Run(name, func(t *testing.T) {
			f, err := Parse(readFixture(t, name), Options{})
			golden(t, strings.TrimSuffix(name, ".txt")+".parse", dump(f, err))
		})
	}
}

func TestParseGBKEqualsUTF8(t *testing.T) {
	a, errA := Parse(readFixture(t, "exchange_zone36.txt"), Options{})
	b, errB := Parse(readFixture(t, "exchange_gbk.txt"), Options{})
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if b.Encoding != EncGBK || a.Encoding != EncUTF8 {
		t.Errorf("encodings %s %s", a.Encoding, b.Encoding)
	}
	a.Encoding = b.Encoding
	if dump(a, nil) != dump(b, nil) {
		t.Errorf("GBK parse differs:\n%s\n%s", dump(a, nil), dump(b, nil))
	}
	if b.Parcels[0].Name() != "乌海市示例煤矿" || b.Parcels[0].Number() != "C1503002009061120023456" {
		t.Errorf("name %q number %q", b.Parcels[0].Name(), b.Parcels[0].Number())
	}
}

func TestParseSwappedNeverStored(t *testing.T) {
	a, _ := Parse(readFixture(t, "exchange_zone36.txt"), Options{})
	b, err := Parse(readFixture(t, "exchange_swapped.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pa, pb := a.Parcels[1].Rings[0].Points, b.Parcels[1].Rings[0].Points
	for i := range pa {
		if pa[i].X != pb[i].X || pa[i].Y != pb[i].Y || pa[i].XText != pb[i].XText || pa[i].YText != pb[i].YText {
			t.Errorf("point %d: %+v, want %+v", i, pb[i], pa[i])
		}
	}
	if w := b.Warnings[0]; w.Line != 24 || w.Detail != "4" {
		t.Errorf("swap warning %+v, want line 24 detail 4", w)
	}
}

func TestParseText(t *testing.T) {
	const n1, e1 = "4393683.674", "36399044.016"
	ring := func(sep string) string {
		return strings.Join([]string{
			"J1" + sep + n1 + sep + e1,
			"J2" + sep + "4393887.119" + sep + "36399621.662",
			"J3" + sep + "4393418.435" + sep + "36399795.780",
			"J1" + sep + n1 + sep + e1,
		}, "\n")
	}
	plain := strings.NewReplacer("36399", "399")
	tests := []struct {
		name  string
		in    string
		opt   Options
		epsg  int
		rings int
		code  string
		line  int
	}{
		{"commas", ring(","), Options{}, 4524, 1, "", 0},
		{"tabs", ring("\t"), Options{}, 4524, 1, "", 0},
		{"spaces", ring("   "), Options{}, 4524, 1, "", 0},
		{"full-width comma", ring("，"), Options{}, 4524, 1, "", 0},
		{"ideographic comma", ring("、"), Options{}, 4524, 1, "", 0},
		{"crlf", strings.ReplaceAll(ring(","), "\n", "\r\n"), Options{}, 4524, 1, "", 0},
		{"cr only", strings.ReplaceAll(ring(","), "\n", "\r"), Options{}, 4524, 1, "", 0},
		{"two rings", ring(",") + "\n" + strings.ReplaceAll(ring(","), "J", "K"), Options{}, 4524, 2, "", 0},
		{"x y only", "4393683.674 36399044.016\n4393887.119 36399621.662\n4393418.435 36399795.780\n4393683.674 36399044.016", Options{}, 4524, 1, "", 0},
		{"seq name x y", "1 J1 4393683.674 36399044.016\n2 J2 4393887.119 36399621.662\n3 J3 4393418.435 36399795.780\n4 J1 4393683.674 36399044.016", Options{}, 4524, 1, "", 0},
		{"no prefix needs zone", plain.Replace(ring(",")), Options{}, 0, 1, CodeZoneNeeded, 1},
		{"no prefix with default", plain.Replace(ring(",")), Options{DefaultEPSG: 4524}, 4545, 1, "", 0},
		{"no prefix with zone line", "带号=36\n" + plain.Replace(ring(",")), Options{}, 4545, 1, "", 0},
		{"zone line full-width", "带号：３６\n" + plain.Replace(ring(",")), Options{}, 4545, 1, "", 0},
		{"zone mismatch", "带号=35\n" + ring(","), Options{}, 0, 1, CodeZoneMismatch, 1},
		{"6-degree zone width with 3-degree zone", "几度分带=6\n带号=36\n" + ring(","), Options{}, 0, 1, CodeBadZone, 1},
		{"bad zone width", "几度分带=5\n" + ring(","), Options{}, 0, 1, CodeBadZone, 1},
		{"xian 80", "坐标系=1980西安坐标系\n" + ring(","), Options{}, 0, 1, CodeUnsupported, 1},
		{"xian 80 overridden", "坐标系=1980西安坐标系\n" + ring(","), Options{EPSG: 4524}, 4524, 1, "", 0},
		{"not closed", "J1,4393683.674,36399044.016\nJ2,4393887.119,36399621.662\nJ3,4393418.435,36399795.780", Options{}, 0, 0, CodeRingNotClosed, 3},
		{"same point twice", "J1,4393683.674,36399044.016\nJ1,4393683.674,36399044.016", Options{}, 0, 0, CodeRingTooShort, 1},
		{"two-vertex ring", "J1,4393683.674,36399044.016\nJ2,4393887.119,36399621.662\nJ1,4393683.674,36399044.016", Options{}, 0, 0, CodeRingTooShort, 1},
		{"mixed units", "J1,4393683.674,36399044.016\nJ2,39.6,106.8", Options{}, 0, 0, CodeMixedUnits, 2},
		{"mixed prefixes", "J1,4393683.674,36399044.016\nJ2,4393887.119,399621.662", Options{}, 0, 0, CodeMixedZones, 2},
		{"number out of range", "J1,4393683.674,36399044.016\nJ2,12345678901,5", Options{}, 0, 0, CodeBadNumber, 2},
		{"bad line after data", ring(",") + "\nJ9,abc,12", Options{}, 0, 1, CodeBadLine, 5},
		{"empty", "", Options{}, 0, 0, CodeEmpty, 0},
		{"only header", "点号 X Y\n", Options{}, 0, 0, CodeEmpty, 1},
		{"exponent refused", "J1,4.393683674e6,36399044.016", Options{}, 0, 0, CodeEmpty, 1},
		{"caller geographic for metres", ring(","), Options{EPSG: 4490}, 0, 1, CodeCRSMismatch, 1},
		{"caller unsupported", ring(","), Options{EPSG: 3857}, 0, 1, CodeUnsupported, 0},
		{"lon lat", "39.6712 106.8234\n39.6731 106.8301\n39.6689 106.8322\n39.6712 106.8234", Options{}, 4490, 1, "", 0},
		{"wgs84 lon lat", "坐标系=WGS84\n39.6712 106.8234\n39.6731 106.8301\n39.6689 106.8322\n39.6712 106.8234", Options{}, 4326, 1, "", 0},
		{"line parcel refused", "[地块坐标]\n4,1,1,路,线,,,,@\n" + ring(","), Options{}, 0, 1, CodeShape, 2},
		{"header without at", "[地块坐标]\n4,1,1,地块,面,,,\nJ1,1," + n1 + "," + e1 + "\nJ2,1,4393887.119,36399621.662\nJ3,1,4393418.435,36399795.780\nJ1,1," + n1 + "," + e1, Options{}, 4524, 1, "", 0},
		{"empty parcel", "[地块坐标]\n4,1,1,地块,面,,,,@\n5,1,2,地块2,面,,,,@\n" + ring(","), Options{}, 0, 1, CodeEmptyParcel, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ParseString(tc.in, tc.opt)
			code, line := firstCode(err)
			if code != tc.code || line != tc.line {
				t.Fatalf("error %v, want code %q line %d\n%s", err, tc.code, line, dump(f, err))
			}
			if tc.code == "" && f.EPSG != tc.epsg {
				t.Errorf("epsg %d, want %d", f.EPSG, tc.epsg)
			}
			rings := 0
			for _, p := range f.Parcels {
				rings += len(p.Rings)
			}
			if rings != tc.rings {
				t.Errorf("rings %d, want %d", rings, tc.rings)
			}
		})
	}
}

func TestParseGarbage(t *testing.T) {
	// A megabyte of bytes no text has, and a megabyte of words without
	// coordinates: both fail on their first line, without reading on.
	bin := make([]byte, 1<<20)
	for i := range bin {
		bin[i] = byte(i*7919 + i>>8)
	}
	words := strings.Repeat("lorem ipsum dolor sit amet 1x2\n", (1<<20)/31)
	for name, data := range map[string][]byte{"binary": bin, "words": []byte(words)} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(data, Options{})
			es, ok := err.(*Errors)
			if !ok || len(es.List) == 0 {
				t.Fatalf("err %v", err)
			}
			if e := es.First(); e.Line != 1 {
				t.Errorf("first error %v, want line 1", e)
			}
			if len(es.List) > 20 {
				t.Errorf("%d errors, want at most 20", len(es.List))
			}
		})
	}
}

func TestGeometryHolesAndParts(t *testing.T) {
	f, err := Parse(readFixture(t, "exchange_zone36.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := f.Parcels[0].Geometry()
	poly, ok := g.(interface{ GeoJSONType() string })
	if !ok || poly.GeoJSONType() != "Polygon" {
		t.Fatalf("parcel 0 is %T, want a polygon with a hole", g)
	}
	// Two separate outer rings in one parcel: a multipolygon.
	two := "J1,1,4393683.674,36399044.016\nJ2,1,4393887.119,36399621.662\nJ3,1,4393418.435,36399795.780\nJ1,1,4393683.674,36399044.016\n" +
		"K1,2,4376822.295,36405514.569\nK2,2,4377071.070,36406059.415\nK3,2,4376658.905,36406166.221\nK1,2,4376822.295,36405514.569\n"
	f, err = ParseString(two, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if g := f.Parcels[0].Geometry(); g.GeoJSONType() != "MultiPolygon" {
		t.Errorf("two outer rings give %s", g.GeoJSONType())
	}
}

func TestWriteKeepsDecimals(t *testing.T) {
	in := "J1,4393683.6741,36399044.0162\nJ2,4393887.1193,36399621.6624\nJ3,4393418.4355,36399795.7806\nJ1,4393683.6741,36399044.0162\n"
	f, err := ParseString(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Decimals() != 4 {
		t.Fatalf("decimals %d, want 4", f.Decimals())
	}
	checkRoundTrip(t, f)
	if s := f.String(); !strings.Contains(s, "4393683.6741,36399044.0162") || !strings.Contains(s, "精度=0.0001") {
		t.Errorf("written:\n%s", s)
	}
}
