package topo

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestMakeValid(t *testing.T) {
	tests := []struct {
		name  string
		in    orb.MultiPolygon
		area  float64
		verts [][]orb.Point // exterior vertex set of each result polygon, in order of area then vertex
	}{
		{
			name: "bow-tie becomes two triangles",
			in:   mp(bowtie), area: 2,
			verts: [][]orb.Point{pts(0, 0, 1, 1, 0, 2), pts(1, 1, 2, 0, 2, 2)},
		},
		{
			name: "valid clockwise square comes back counter-clockwise",
			in:   mp(orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}), area: 1,
			verts: [][]orb.Point{pts(0, 0, 1, 0, 1, 1, 0, 1)},
		},
		{
			name: "unclosed ring with a repeated position",
			in:   mp(orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}}}), area: 1,
			verts: [][]orb.Point{pts(0, 0, 1, 0, 1, 1, 0, 1)},
		},
		{
			name: "overlapping parts merge",
			in:   mp(rect(0, 0, 2, 2), rect(1, 1, 3, 3)), area: 7,
			verts: [][]orb.Point{pts(0, 0, 2, 0, 2, 1, 3, 1, 3, 3, 1, 3, 1, 2, 0, 2)},
		},
		{
			name: "collinear ring collapses away",
			in:   mp(poly(0, 0, 1, 0, 2, 0)), area: 0,
		},
		{
			name: "ring doubling back keeps the area it encloses",
			// a 2×2 square whose exterior has a spike out to (4, 1)
			in: mp(poly(0, 0, 2, 0, 2, 1, 4, 1, 2, 1, 2, 2, 0, 2)), area: 4,
			verts: [][]orb.Point{pts(0, 0, 2, 0, 2, 1, 2, 2, 0, 2)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MakeValid(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("nil result")
			}
			checkShape(t, got)
			if a := area(got); !near(a, tc.area, 1e-12) {
				t.Errorf("area %g, want %g", a, tc.area)
			}
			if len(got) != len(tc.verts) {
				t.Fatalf("%d polygons, want %d: %v", len(got), len(tc.verts), got)
			}
			var v [][]orb.Point
			for _, p := range got {
				v = append(v, vertexSet(p[0]))
			}
			// compare as sets of vertex sets
			for _, want := range tc.verts {
				found := false
				for _, g := range v {
					found = found || samePoints(g, want)
				}
				if !found {
					t.Errorf("no polygon with vertices %v in %v", want, v)
				}
			}
			// the result is valid: Union accepts it
			if _, err := Union(got); err != nil {
				t.Errorf("result not valid: %v", err)
			}
		})
	}
}

func TestMakeValidInvalidInput(t *testing.T) {
	for _, in := range []orb.MultiPolygon{
		mp(poly(0, 0, 1, nan(), 1, 1)),
		mp(poly(0, 0, 1, 1)),
	} {
		if _, err := MakeValid(in); errCode(err) != CodeInvalidInput {
			t.Errorf("MakeValid(%v): error %v, want code %q", in, err, CodeInvalidInput)
		}
	}
}

func TestCrossings(t *testing.T) {
	tests := []struct {
		name string
		in   orb.MultiPolygon
		want []orb.Point
	}{
		{"bow-tie crosses at its centre", mp(bowtie), pts(1, 1)},
		{"simple square", mp(rect(0, 0, 1, 1)), nil},
		{"square with a hole", mp(holed), nil},
		{"unclosed bow-tie", mp(orb.Polygon{{{0, 0}, {2, 2}, {2, 0}, {0, 2}}}), pts(1, 1)},
		{"two parts crossing", mp(rect(0, 0, 2, 2), rect(1, 1, 3, 3)), pts(2, 1, 1, 2)},
		{"hole crossing its exterior", mp(orb.Polygon{rect(0, 0, 2, 2)[0], {{1, 1}, {1, 3}, {1.5, 3}, {1.5, 1}, {1, 1}}}), pts(1, 2, 1.5, 2)},
		{"ring touching itself at a vertex", mp(poly(0, 0, 4, 0, 4, 4, 2, 0, 0, 4)), pts(2, 0)},
		{"ring crossing itself three times", mp(poly(0, 0, 3, 0, 3, 1, 1, 1, 1, -1, 2, -1, 2, 2, 0, 2)), pts(1, 0, 2, 0, 2, 1)},
		{"parts sharing an edge: its ends", mp(rect(0, 0, 1, 1), rect(1, 0, 2, 1)), pts(1, 0, 1, 1)},
		{"unreadable rings are ignored", mp(orb.Polygon{{{0, 0}, {0, 0}}}, bowtie), pts(1, 1)},
		{"empty", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Crossings(tc.in)
			if !samePoints(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
