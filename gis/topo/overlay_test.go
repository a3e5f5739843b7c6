package topo

import (
	"testing"

	"github.com/paulmach/orb"
)

// square with the hole [1,2]×[1,2]
var holed = orb.Polygon{rect(0, 0, 3, 3)[0], {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}}

func TestOverlap(t *testing.T) {
	tests := []struct {
		name  string
		a, b  orb.MultiPolygon
		area  float64
		polys int
		ext   []orb.Point // vertex set of the first exterior; nil skips
	}{
		{"overlapping squares", mp(rect(0, 0, 2, 2)), mp(rect(1, 1, 3, 3)), 1, 1, pts(1, 1, 2, 1, 2, 2, 1, 2)},
		{"sharing an edge only", mp(rect(0, 0, 1, 1)), mp(rect(1, 0, 2, 1)), 0, 0, nil},
		{"touching at a corner", mp(rect(0, 0, 1, 1)), mp(rect(1, 1, 2, 2)), 0, 0, nil},
		{"disjoint", mp(rect(0, 0, 1, 1)), mp(rect(5, 5, 6, 6)), 0, 0, nil},
		{"nested", mp(rect(0, 0, 4, 4)), mp(rect(1, 1, 2, 3)), 2, 1, pts(1, 1, 2, 1, 2, 3, 1, 3)},
		{"across a hole", mp(holed), mp(rect(0.5, 0.5, 1.5, 1.5)), 0.75, 1, pts(0.5, 0.5, 1.5, 0.5, 1.5, 1, 1, 1, 1, 1.5, 0.5, 1.5)},
		{"in two places", mp(uShape), mp(rect(-1, 2, 4, 4)), 2, 2, nil},
		{"overlapping parts of one argument", mp(rect(0, 0, 2, 2), rect(1, 0, 3, 2)), mp(rect(0, 1, 3, 3)), 3, 1, pts(0, 1, 3, 1, 3, 2, 2, 2, 1, 2, 0, 2)}, // the parts' top corners stay as collinear vertices,
		{"empty argument", mp(rect(0, 0, 1, 1)), nil, 0, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Overlap(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			checkOverlay(t, got, tc.area, tc.polys, tc.ext)
			// intersection is symmetric
			rev, err := Overlap(tc.b, tc.a)
			if err != nil {
				t.Fatal(err)
			}
			if !near(area(rev), tc.area, 1e-12) {
				t.Errorf("reversed area %g, want %g", area(rev), tc.area)
			}
		})
	}
}

func TestOutside(t *testing.T) {
	tests := []struct {
		name         string
		inner, outer orb.MultiPolygon
		area         float64
		polys        int
		ext          []orb.Point
	}{
		{"crossing the boundary", mp(rect(0, 0, 2, 1)), mp(rect(1, -1, 3, 3)), 1, 1, pts(0, 0, 1, 0, 1, 1, 0, 1)},
		{"inside", mp(rect(1, 1, 2, 2)), mp(rect(0, 0, 3, 3)), 0, 0, nil},
		{"inside but sharing edges", mp(rect(0, 0, 1, 3)), mp(rect(0, 0, 3, 3)), 0, 0, nil},
		{"in the outer's hole", mp(rect(1.25, 1.25, 1.75, 1.75)), mp(holed), 0.25, 1, pts(1.25, 1.25, 1.75, 1.25, 1.75, 1.75, 1.25, 1.75)},
		{"across the outer's hole", mp(rect(0.5, 1.25, 2.5, 1.75)), mp(holed), 0.5, 1, pts(1, 1.25, 2, 1.25, 2, 1.75, 1, 1.75)},
		{"cut into two", mp(rect(-1, 1, 4, 2)), mp(rect(0, 0, 3, 3)), 2, 2, nil},
		{"outer empty", mp(rect(0, 0, 1, 1)), nil, 1, 1, pts(0, 0, 1, 0, 1, 1, 0, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Outside(tc.inner, tc.outer)
			if err != nil {
				t.Fatal(err)
			}
			checkOverlay(t, got, tc.area, tc.polys, tc.ext)
		})
	}
}

func checkOverlay(t *testing.T, got orb.MultiPolygon, wantArea float64, polys int, ext []orb.Point) {
	t.Helper()
	if got == nil {
		t.Fatal("nil result")
	}
	checkShape(t, got)
	if len(got) != polys {
		t.Fatalf("%d polygons, want %d: %v", len(got), polys, got)
	}
	if a := area(got); !near(a, wantArea, 1e-12) {
		t.Errorf("area %.15g, want %g", a, wantArea)
	}
	if ext != nil {
		if v := vertexSet(got[0][0]); !samePoints(v, ext) {
			t.Errorf("exterior vertices\n got %v\nwant %v", v, ext)
		}
	}
}

func TestOverlayInvalid(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func() (orb.MultiPolygon, error)
	}{
		{"overlap first", func() (orb.MultiPolygon, error) { return Overlap(mp(bowtie), mp(rect(0, 0, 1, 1))) }},
		{"overlap second", func() (orb.MultiPolygon, error) { return Overlap(mp(rect(0, 0, 1, 1)), mp(bowtie)) }},
		{"outside", func() (orb.MultiPolygon, error) { return Outside(mp(bowtie), mp(rect(0, 0, 1, 1))) }},
		{"infinite", func() (orb.MultiPolygon, error) { return Outside(mp(poly(0, 0, 1, 0, inf(), 1)), nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.f()
			if c := errCode(err); c != CodeInvalidInput {
				t.Fatalf("error %v (code %q), want %q; result %v", err, c, CodeInvalidInput, got)
			}
		})
	}
}
