package corners

import (
	"bytes"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestWriteGolden(t *testing.T) {
	for _, name := range []string{"exchange_zone36.txt", "exchange_noprefix.txt", "exchange_swapped.txt", "list_fullwidth.txt", "list_lonlat.txt"} {
		t.Run(name, func(t *testing.T) {
			f, err := Parse(readFixture(t, name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := Write(&b, f, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(name, ".txt")+".write", b.String())
		})
	}
}

// TestRoundTrip: parse → write → parse gives the same points, to the
// written decimal, and writing again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"exchange_zone36.txt", "exchange_gbk.txt", "exchange_noprefix.txt", "exchange_swapped.txt", "list_fullwidth.txt", "list_lonlat.txt"} {
		t.Run(name, func(t *testing.T) {
			a, err := Parse(readFixture(t, name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, a)
		})
	}
}

func checkRoundTrip(t *testing.T, a *File) {
	t.Helper()
	for _, crlf := range []bool{false, true} {
		var w1 bytes.Buffer
		if err := Write(&w1, a, WriteOptions{CRLF: crlf}); err != nil {
			t.Fatal(err)
		}
		b, err := Parse(w1.Bytes(), Options{})
		if err != nil {
			t.Fatalf("reparse: %v\n%s", err, w1.String())
		}
		if b.EPSG != a.EPSG || len(b.Parcels) != len(a.Parcels) {
			t.Fatalf("epsg %d parcels %d, want %d %d", b.EPSG, len(b.Parcels), a.EPSG, len(a.Parcels))
		}
		for i := range a.Parcels {
			pa, pb := a.Parcels[i], b.Parcels[i]
			if len(pa.Rings) != len(pb.Rings) {
				t.Fatalf("parcel %d: %d rings, want %d", i, len(pb.Rings), len(pa.Rings))
			}
			for j := range pa.Rings {
				ra, rb := pa.Rings[j].Points, pb.Rings[j].Points
				if len(ra) != len(rb) {
					t.Fatalf("parcel %d ring %d: %d points, want %d", i, j, len(rb), len(ra))
				}
				for k := range ra {
					if ra[k].X != rb[k].X || ra[k].Y != rb[k].Y || ra[k].Name != rb[k].Name && ra[k].Name != "" {
						t.Errorf("parcel %d ring %d point %d: %+v, want %+v", i, j, k, rb[k], ra[k])
					}
				}
			}
			for k, v := range pa.Attrs {
				if k != FieldCount && pb.Attrs[k] != v {
					t.Errorf("parcel %d %s = %q, want %q", i, k, pb.Attrs[k], v)
				}
			}
		}
		var w2 bytes.Buffer
		if err := Write(&w2, b, WriteOptions{CRLF: crlf}); err != nil {
			t.Fatal(err)
		}
		if w1.String() != w2.String() {
			t.Errorf("second write differs:\n%s\n%s", w1.String(), w2.String())
		}
	}
}

func TestNewParcelWrite(t *testing.T) {
	// A polygon with a hole, in (easting, northing) of EPSG:4524, and a
	// name with a comma and a line break.
	outer := orb.Ring{{36399044.016, 4393683.674}, {36399621.662, 4393887.119}, {36399795.780, 4393418.435}, {36399183.489, 4393193.219}}
	hole := orb.Ring{{36399283.254, 4393602.804}, {36399438.430, 4393656.302}, {36399471.013, 4393522.615}, {36399283.254, 4393602.804}}
	p, err := NewParcel(orb.Polygon{outer, hole}, map[string]string{FieldName: "示例,矿\n二区", FieldNumber: "C15", "字段10": "x", "other": "y"})
	if err != nil {
		t.Fatal(err)
	}
	f := &File{EPSG: 4524, Parcels: []*Parcel{p}}
	var b bytes.Buffer
	if err := Write(&b, f, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "newparcel.write", b.String())
	g, err := Parse(b.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := g.Parcels[0].Geometry().(orb.Polygon)
	want := orb.Polygon{append(outer, outer[0]), hole}
	if !orb.Equal(got, want) {
		t.Errorf("geometry %v, want %v", got, want)
	}
	if g.Parcels[0].Name() != "示例，矿 二区" {
		t.Errorf("name %q", g.Parcels[0].Name())
	}
	if _, err := NewParcel(orb.Point{1, 2}, nil); err == nil {
		t.Error("a point made a parcel")
	}
	if err := Write(&b, &File{EPSG: 3857}, WriteOptions{}); err == nil {
		t.Error("web mercator written")
	}
}
