package geojson

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

type wfeat struct {
	id    string // raw JSON, "" for none
	g     orb.Geometry
	props string // raw JSON, "" for nil
}

func raw(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}

func TestWriterGolden(t *testing.T) {
	cw := orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}              // clockwise
	ccw := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}             // counter-clockwise
	holeCCW := orb.Ring{{0.2, 0.2}, {0.4, 0.2}, {0.4, 0.4}, {0.2, 0.2}} // wrong for a hole
	cases := []struct {
		name  string
		feats []wfeat
	}{
		{"empty", nil},
		{"types", []wfeat{
			{`1`, orb.Point{106.8, 39.6}, `{"name":"乌海市","adcode":"150300"}`},
			{`"a-2"`, orb.MultiPoint{{1, 2}, {3, 4}}, `{}`},
			{``, orb.LineString{{1, 2}, {3, 4}, {5, 6}}, ``},
			{``, orb.MultiLineString{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}, `null`},
			{``, orb.Polygon{ccw}, ` {"big":123456789012345678901234567890, "s":"\u4e4c"} `},
			{``, orb.MultiPolygon{{ccw}, {{{5, 5}, {6, 5}, {6, 6}, {5, 5}}}}, `{"nested":{"a":[1,null,true]}}`},
			{``, orb.Collection{orb.Point{1, 2}, orb.LineString{{1, 2}, {3, 4}}}, `{}`},
			{``, orb.Ring(cw), `{"was":"ring"}`},
			{``, orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{3, 4}}, `{"was":"bound"}`},
			{``, nil, `{"geometry":"null"}`},
		}},
		{"orientation", []wfeat{
			{``, orb.Polygon{cw}, `{"exterior":"cw, reversed"}`},
			{``, orb.Polygon{ccw, holeCCW}, `{"hole":"ccw, reversed"}`},
			{``, orb.Polygon{cw, holeCCW}, `{"both":"reversed"}`},
			{``, orb.MultiPolygon{{cw}, {ccw}}, `{"parts":"first reversed"}`},
			{``, orb.Polygon{{{0, 0}, {1, 1}, {0, 0}}}, `{"degenerate":"as is"}`},
		}},
		{"precision", []wfeat{
			{``, orb.MultiPoint{{106.12345678901, 39.99999999}, {-0.00000001, 1e-8}, {180, -180.5},
				{0.1, 0.30000000000000004}, {1e15, -123456.00000005}, {2.5e-7, -2.5e-7}}, `{}`},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf)
			for _, f := range c.feats {
				if err := w.Write(raw(f.id), f.g, raw(f.props)); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "writer_"+c.name+".golden")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s\n got:\n%s\nwant:\n%s", golden, buf.Bytes(), want)
			}
			// and the output reads back cleanly
			o := readAll(t, bytes.NewReader(buf.Bytes()), buf.Len(), Options{})
			if o.fileErr != nil || len(o.ferrs) > 0 || len(o.features) != len(c.feats) {
				t.Errorf("reading back: %v %v, %d features", o.fileErr, o.ferrs, len(o.features))
			}
		})
	}
}

func TestWriterErrors(t *testing.T) {
	cases := []struct {
		name string
		f    wfeat
		want error
	}{
		{"nan", wfeat{``, orb.Point{math.NaN(), 1}, `{}`}, ErrNonFinite},
		{"inf", wfeat{``, orb.LineString{{1, 1}, {math.Inf(1), 1}}, `{}`}, ErrNonFinite},
		{"props array", wfeat{``, nil, `[1]`}, ErrInvalidProperties},
		{"props broken", wfeat{``, nil, `{"a":}`}, ErrInvalidProperties},
		{"props trailing", wfeat{``, nil, `{} {}`}, ErrInvalidProperties},
		{"id object", wfeat{`{}`, nil, `{}`}, ErrInvalidID},
		{"id bare word", wfeat{`abc`, nil, `{}`}, ErrInvalidID},
		{"nested collection", wfeat{``, orb.Collection{orb.Collection{}}, `{}`}, ErrNestedCollection},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf)
			if err := w.Write(raw(c.f.id), c.f.g, raw(c.f.props)); !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
			// a rejected feature leaves nothing behind
			if err := w.Write(nil, orb.Point{1, 2}, nil); err != nil {
				t.Fatal(err)
			}
			w.Close()
			o := readAll(t, bytes.NewReader(buf.Bytes()), buf.Len(), Options{})
			if o.fileErr != nil || len(o.features) != 1 {
				t.Errorf("output after a rejected feature: %v, %d features\n%s", o.fileErr, len(o.features), buf.Bytes())
			}
		})
	}
	w := NewWriter(io.Discard)
	w.Close()
	if err := w.Write(nil, nil, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("write after close: %v", err)
	}
}

// TestRoundTrip reads files, writes what was read, reads it again:
// coordinates within 1e-7, properties and ids byte-exact, rings oriented.
func TestRoundTrip(t *testing.T) {
	inputs := map[string][]byte{}
	dir := sharedData(t, "geojson-edge-cases")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = data
	}
	for _, sub := range []string{"admin", "rivers"} {
		files, _ := filepath.Glob(filepath.Join(sharedData(t, sub), "*json"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs[sub+"/"+filepath.Base(f)] = data
		}
	}
	if data := genBench(t, 300); data != nil {
		inputs["generated"] = data
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			first := readAll(t, bytes.NewReader(data), len(data), Options{})
			if len(first.features) == 0 {
				t.Skip("nothing accepted")
			}
			var buf bytes.Buffer
			w := NewWriter(&buf)
			for _, f := range first.features {
				if err := w.Write(f.ID, f.Geometry, f.Properties); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			second := readAll(t, bytes.NewReader(buf.Bytes()), buf.Len(), Options{})
			if second.fileErr != nil || len(second.ferrs) > 0 || len(second.features) != len(first.features) {
				t.Fatalf("second read: %v %v, %d of %d features", second.fileErr, second.ferrs, len(second.features), len(first.features))
			}
			for i, a := range first.features {
				b := second.features[i]
				if !bytes.Equal(a.ID, b.ID) || !bytes.Equal(a.Properties, b.Properties) {
					t.Errorf("feature %d: id %q/%q, properties\n%q\n%q", i, a.ID, b.ID, a.Properties, b.Properties)
				}
				if msg := sameGeometry(a.Geometry, b.Geometry, 1e-7); msg != "" {
					t.Errorf("feature %d: %s", i, msg)
				}
				checkOrientation(t, i, b.Geometry)
			}
		})
	}
}

// sameGeometry compares types and positions within tol; a ring may come
// back reversed.
func sameGeometry(a, b orb.Geometry, tol float64) string {
	if fmt.Sprintf("%T", a) != fmt.Sprintf("%T", b) {
		return fmt.Sprintf("type %T became %T", a, b)
	}
	near := func(p, q orb.Point) bool { return math.Abs(p[0]-q[0]) <= tol && math.Abs(p[1]-q[1]) <= tol }
	line := func(x, y []orb.Point, allowReverse bool) bool {
		if len(x) != len(y) {
			return false
		}
		fwd, rev := true, allowReverse
		for i := range x {
			fwd = fwd && near(x[i], y[i])
			rev = rev && near(x[i], y[len(y)-1-i])
		}
		return fwd || rev
	}
	poly := func(x, y orb.Polygon) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !line(x[i], y[i], true) {
				return false
			}
		}
		return true
	}
	ok := true
	switch a := a.(type) {
	case nil:
	case orb.Point:
		ok = near(a, b.(orb.Point))
	case orb.MultiPoint:
		ok = line(a, b.(orb.MultiPoint), false)
	case orb.LineString:
		ok = line(a, b.(orb.LineString), false)
	case orb.MultiLineString:
		bb := b.(orb.MultiLineString)
		ok = len(a) == len(bb)
		for i := 0; ok && i < len(a); i++ {
			ok = line(a[i], bb[i], false)
		}
	case orb.Polygon:
		ok = poly(a, b.(orb.Polygon))
	case orb.MultiPolygon:
		bb := b.(orb.MultiPolygon)
		ok = len(a) == len(bb)
		for i := 0; ok && i < len(a); i++ {
			ok = poly(a[i], bb[i])
		}
	case orb.Collection:
		bb := b.(orb.Collection)
		if len(a) != len(bb) {
			return "collection size changed"
		}
		for i := range a {
			if msg := sameGeometry(a[i], bb[i], tol); msg != "" {
				return msg
			}
		}
	}
	if !ok {
		return fmt.Sprintf("coordinates changed:\n%v\n%v", a, b)
	}
	return ""
}

func checkOrientation(t *testing.T, i int, g orb.Geometry) {
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = append(polys, g)
	case orb.MultiPolygon:
		polys = g
	}
	for _, p := range polys {
		for k, r := range p {
			a := signedArea(r)
			if (k == 0 && a < 0) || (k > 0 && a > 0) {
				t.Errorf("feature %d ring %d has the wrong orientation (area %g)", i, k, a)
			}
		}
	}
}

// genBench runs the project's benchmark generator for n features; nil if
// python3 or the script is unavailable.
func genBench(t testing.TB, n int) []byte {
	t.Helper()
	script := filepath.Join(sharedData(t, "."), "..", "tools", "bench", "gen_bench_geojson.py")
	if _, err := os.Stat(script); err != nil {
		return nil
	}
	out := filepath.Join(t.TempDir(), "bench.geojson")
	cmd := exec.Command("python3", script, "-n", fmt.Sprint(n), "--seed", "1", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Logf("generator unavailable: %v %s", err, msg)
		return nil
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
