package gpkg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
)

var nan = math.NaN()

func square(x, y, s float64) orb.Ring {
	return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
}

// roundTripCases covers every geometry type, empty and multi.
var roundTripCases = []struct {
	name     string
	g        orb.Geometry
	want     orb.Geometry // decoded form when it differs from g
	empty    bool
	envelope bool // header carries an envelope
	bound    orb.Bound
}{
	{name: "point", g: orb.Point{106.8, 39.6}, bound: orb.Bound{Min: orb.Point{106.8, 39.6}, Max: orb.Point{106.8, 39.6}}},
	{name: "empty point", g: orb.Point{nan, nan}, empty: true},
	{name: "multipoint", g: orb.MultiPoint{{1, 2}, {-3, 4}}, envelope: true, bound: orb.Bound{Min: orb.Point{-3, 2}, Max: orb.Point{1, 4}}},
	{name: "multipoint with empty member", g: orb.MultiPoint{{1, 2}, {nan, nan}}, envelope: true, bound: orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{1, 2}}},
	{name: "empty multipoint", g: orb.MultiPoint{}, empty: true},
	{name: "linestring", g: orb.LineString{{0, 0}, {2, -1}, {3, 5}}, envelope: true, bound: orb.Bound{Min: orb.Point{0, -1}, Max: orb.Point{3, 5}}},
	{name: "empty linestring", g: orb.LineString{}, empty: true},
	{name: "polygon with hole", g: orb.Polygon{square(0, 0, 10), square(2, 2, 1)}, envelope: true, bound: orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}},
	{name: "empty polygon", g: orb.Polygon{}, empty: true},
	{name: "multilinestring", g: orb.MultiLineString{{{0, 0}, {1, 1}}, {{5, 5}, {6, 7}}}, envelope: true, bound: orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{6, 7}}},
	{name: "empty multilinestring", g: orb.MultiLineString{}, empty: true},
	{name: "multipolygon", g: orb.MultiPolygon{{square(106, 39, 0.5)}, {square(107, 40, 0.1), square(107.01, 40.01, 0.01)}}, envelope: true, bound: orb.Bound{Min: orb.Point{106, 39}, Max: orb.Point{107.1, 40.1}}},
	{name: "empty multipolygon", g: orb.MultiPolygon{}, empty: true},
	{name: "multipolygon of an empty polygon", g: orb.MultiPolygon{{}}, empty: true},
	{name: "collection", g: orb.Collection{orb.Point{1, 1}, orb.LineString{{2, 2}, {3, 3}}, orb.Collection{orb.Polygon{square(-1, -1, 1)}}}, envelope: true, bound: orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{3, 3}}},
	{name: "empty collection", g: orb.Collection{}, empty: true},
	{name: "ring as polygon", g: square(0, 0, 1), want: orb.Polygon{square(0, 0, 1)}, envelope: true, bound: orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}},
	{name: "bound as polygon", g: orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{3, 4}}, want: orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{3, 4}}.ToPolygon(), envelope: true, bound: orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{3, 4}}},
}

// sameGeometry compares geometries treating NaN as equal to NaN.
func sameGeometry(a, b orb.Geometry) bool {
	ea, _ := Encode(a, 0)
	eb, _ := Encode(b, 0)
	return reflect.TypeOf(a) == reflect.TypeOf(b) && ea != nil && bytes.Equal(ea, eb) && (reflect.DeepEqual(a, b) || hasNaN(a))
}

func hasNaN(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.Point:
		return math.IsNaN(g[0])
	case orb.MultiPoint:
		for _, p := range g {
			if math.IsNaN(p[0]) {
				return true
			}
		}
	}
	return false
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range roundTripCases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Encode(tc.g, 4490)
			if err != nil {
				t.Fatal(err)
			}
			if string(b[:3]) != "GP\x00" {
				t.Fatalf("header %q", b[:3])
			}
			flags := b[3]
			if flags&flagLittleEndian == 0 {
				t.Errorf("flags %08b: not little-endian", flags)
			}
			if got := flags&flagEmpty != 0; got != tc.empty {
				t.Errorf("empty flag %v, want %v", got, tc.empty)
			}
			if got := (flags & envMask) >> envShift; (got == envXY) != tc.envelope || got > envXY {
				t.Errorf("envelope code %d, want envelope %v", got, tc.envelope)
			}
			want := tc.want
			if want == nil {
				want = tc.g
			}
			g, srs, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if srs != 4490 {
				t.Errorf("srs %d", srs)
			}
			if !sameGeometry(g, want) {
				t.Errorf("decoded %#v, want %#v", g, want)
			}
			if gg, _, err := DecodeGoGeom(b); err != nil || !sameGeometry(gg, want) {
				t.Errorf("go-geom decoded %#v (%v), want %#v", gg, err, want)
			}
			minx, maxx, miny, maxy, empty, err := Envelope(b)
			if err != nil {
				t.Fatal(err)
			}
			if empty != tc.empty {
				t.Errorf("Envelope empty %v", empty)
			}
			if got := (orb.Bound{Min: orb.Point{minx, miny}, Max: orb.Point{maxx, maxy}}); !tc.empty && got != tc.bound {
				t.Errorf("envelope %v, want %v", got, tc.bound)
			}
			viaGoGeom, err := encodeViaGoGeom(tc.g, 4490)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, viaGoGeom) {
				t.Errorf("direct encoder and go-geom differ:\n% x\n% x", b, viaGoGeom)
			}
		})
	}
}

func TestAppendEncode(t *testing.T) {
	prefix := []byte("xyz")
	b, err := AppendEncode(prefix, orb.LineString{{1, 2}, {3, 4}}, 7)
	if err != nil {
		t.Fatal(err)
	}
	if string(b[:3]) != "xyz" {
		t.Fatalf("prefix lost: %q", b[:3])
	}
	want, _ := Encode(orb.LineString{{1, 2}, {3, 4}}, 7)
	if !bytes.Equal(b[3:], want) {
		t.Fatal("appended blob differs from Encode")
	}
}

func TestEncodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    orb.Geometry
		code string
	}{
		{"nil", nil, CodeUnsupportedGeom},
		{"nan x", orb.Point{nan, 1}, CodeNonFinite},
		{"infinite", orb.LineString{{0, 0}, {math.Inf(1), 1}}, CodeNonFinite},
		{"nan in polygon", orb.Polygon{{{0, 0}, {1, nan}, {0, 0}}}, CodeNonFinite},
		{"nil in collection", orb.Collection{nil}, CodeUnsupportedGeom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Encode(tc.g, 0)
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code {
				t.Fatalf("err %v, want code %s", err, tc.code)
			}
		})
	}
}

// bigEndianBlob builds a blob GDAL could have written on a big-endian
// machine: big-endian header with an XYZ envelope and big-endian XYZ WKB.
func bigEndianBlob(t *testing.T) []byte {
	t.Helper()
	ls := geom.NewLineStringFlat(geom.XYZ, []float64{1, 2, 100, 3, -4, 200})
	body, err := wkb.Marshal(ls, wkb.XDR)
	if err != nil {
		t.Fatal(err)
	}
	b := []byte{'G', 'P', 0, 2 << envShift}
	b = binary.BigEndian.AppendUint32(b, 4326)
	for _, v := range []float64{1, 3, -4, 2, 100, 200} {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(v))
	}
	return append(b, body...)
}

func TestDecodeBigEndianXYZ(t *testing.T) {
	b := bigEndianBlob(t)
	g, srs, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if srs != 4326 || !reflect.DeepEqual(g, orb.LineString{{1, 2}, {3, -4}}) {
		t.Fatalf("got %v %v", srs, g)
	}
	if gg, _, err := DecodeGoGeom(b); err != nil || !reflect.DeepEqual(gg, g) {
		t.Fatalf("go-geom decoded %v %v", gg, err)
	}
	minx, maxx, miny, maxy, empty, err := Envelope(b)
	if err != nil || empty || minx != 1 || maxx != 3 || miny != -4 || maxy != 2 {
		t.Fatalf("envelope %v %v %v %v %v %v", minx, maxx, miny, maxy, empty, err)
	}
}

func TestEnvelopeWithoutHeaderEnvelope(t *testing.T) {
	// A polygon written without envelope (code 0): Envelope reads the WKB.
	b, _ := Encode(orb.Polygon{square(5, 6, 2)}, 0)
	stripped := append([]byte{'G', 'P', 0, flagLittleEndian, 0, 0, 0, 0}, b[headerMin+32:]...)
	minx, maxx, miny, maxy, empty, err := Envelope(stripped)
	if err != nil || empty || minx != 5 || maxx != 7 || miny != 6 || maxy != 8 {
		t.Fatalf("envelope %v %v %v %v %v %v", minx, maxx, miny, maxy, empty, err)
	}
	bd, ok, err := Bound(stripped)
	if err != nil || !ok || bd != (orb.Bound{Min: orb.Point{5, 6}, Max: orb.Point{7, 8}}) {
		t.Fatalf("bound %v %v %v", bd, ok, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	good, _ := Encode(orb.MultiPolygon{{square(0, 0, 1)}}, 4490)
	le := func(b []byte, off int, v uint32) []byte {
		c := bytes.Clone(b)
		binary.LittleEndian.PutUint32(c[off:], v)
		return c
	}
	wkbAt := headerMin + 32
	for _, tc := range []struct {
		name string
		b    []byte
		code string
	}{
		{"empty", nil, CodeBadHeader},
		{"short", []byte("GP\x00"), CodeBadHeader},
		{"magic", append([]byte("XP"), good[2:]...), CodeBadHeader},
		{"version", append([]byte("GP\x01"), good[3:]...), CodeBadHeader},
		{"extended", append([]byte{'G', 'P', 0, good[3] | flagExtended}, good[4:]...), CodeExtended},
		{"envelope code 5", append([]byte{'G', 'P', 0, 5<<envShift | 1}, good[4:]...), CodeBadHeader},
		{"header cut", good[:20], CodeBadHeader},
		{"no wkb", good[:wkbAt], CodeTruncated},
		{"wkb cut", good[:len(good)-3], CodeTruncated},
		{"byte order", append(bytes.Clone(good[:wkbAt]), append([]byte{7}, good[wkbAt+1:]...)...), CodeBadWKB},
		{"huge polygon count", le(good, wkbAt+5, 0xFFFFFFFF), CodeTruncated},
		{"huge ring count", le(good, wkbAt+9+5, 0x7FFFFFFF), CodeTruncated},
		{"huge point count", le(good, wkbAt+9+9, 0x10000000), CodeTruncated},
		{"member type", le(good, wkbAt+9+1, wkbLineString), CodeBadWKB},
		{"curve type", le(good, wkbAt+1, 10), CodeUnsupportedType},
		{"dimension 4000", le(good, wkbAt+1, 4006), CodeUnsupportedType},
		{"member dims", le(good, wkbAt+9+1, 1003), CodeBadWKB},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Decode(tc.b)
			if _, _, errGoGeom := DecodeGoGeom(tc.b); errGoGeom == nil {
				t.Errorf("go-geom path accepted it")
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code {
				t.Fatalf("err %v, want code %s", err, tc.code)
			}
			if !errors.Is(err, ErrFormat) {
				t.Errorf("%v is not ErrFormat", err)
			}
		})
	}
}

func TestDeepCollection(t *testing.T) {
	var g orb.Geometry = orb.Point{1, 1}
	for range maxNesting + 2 {
		g = orb.Collection{g}
	}
	b, err := Encode(g, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Decode(b); err == nil {
		t.Fatal("decoded a collection nested too deep")
	}
	if _, _, err := DecodeGoGeom(b); err == nil {
		t.Fatal("go-geom path decoded a collection nested too deep")
	}
}

func TestGoGeomConverters(t *testing.T) {
	for _, tc := range roundTripCases {
		t.Run(tc.name, func(t *testing.T) {
			gg, err := ToGoGeom(tc.g)
			if err != nil {
				t.Fatal(err)
			}
			back, err := FromGoGeom(gg)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want == nil {
				want = tc.g
			}
			if !sameGeometry(back, want) {
				t.Errorf("got %#v, want %#v", back, want)
			}
		})
	}
	if _, err := FromGoGeom(nil); err == nil {
		t.Error("FromGoGeom(nil) succeeded")
	}
}

// TestDecodedRingsAreCapped checks that rings sharing one backing array
// cannot overwrite each other through append.
func TestDecodedRingsAreCapped(t *testing.T) {
	b, _ := Encode(orb.Polygon{square(0, 0, 4), square(1, 1, 1)}, 0)
	g, _, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	p := g.(orb.Polygon)
	hole := p[1][0]
	_ = append(p[0], orb.Point{99, 99})
	if p[1][0] != hole {
		t.Fatal("append to the outer ring overwrote the hole")
	}
}

func TestEncodeWKB(t *testing.T) {
	for _, tc := range roundTripCases {
		b, err := EncodeWKB(tc.g)
		if err != nil {
			t.Fatal(err)
		}
		blob, _ := Encode(tc.g, 0)
		if h, _ := parseHeader(blob); !bytes.Equal(b, blob[h.size:]) {
			t.Errorf("%s: EncodeWKB differs from the blob's wkb", tc.name)
		}
		g, err := DecodeWKB(b)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Verify(blob); err != nil {
			t.Errorf("%s: Verify: %v", tc.name, err)
		}
		want := tc.want
		if want == nil {
			want = tc.g
		}
		if !sameGeometry(g, want) {
			t.Errorf("%s: got %#v", tc.name, g)
		}
	}
	if _, err := EncodeWKB(orb.Point{1, math.Inf(-1)}); err == nil {
		t.Error("infinite coordinate encoded")
	}
}

func TestVerify(t *testing.T) {
	good, _ := Encode(orb.LineString{{0, 0}, {2, 3}}, 4490)
	if srs, err := Verify(good); err != nil || srs != 4490 {
		t.Fatalf("good blob: %v %v", srs, err)
	}
	lying := bytes.Clone(good)
	binary.LittleEndian.PutUint64(lying[headerMin:], math.Float64bits(-1)) // minx
	emptyFlag := bytes.Clone(good)
	emptyFlag[3] |= flagEmpty
	for name, b := range map[string][]byte{"envelope": lying, "empty flag": emptyFlag} {
		var e *Error
		if _, err := Verify(b); !errors.As(err, &e) || e.Code != CodeEnvelopeMismatch {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Verify(good[:len(good)-1]); err == nil {
		t.Error("truncated blob verified")
	}
}
