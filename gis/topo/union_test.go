package topo

import (
	"testing"

	"github.com/paulmach/orb"
)

// Two mines near Wuhai (lon/lat degrees) sharing the edge m1–m2; the union
// must keep every vertex bit for bit and add none.
var (
	m1    = orb.Point{106.81237, 39.60029}
	m2    = orb.Point{106.81302, 39.60714}
	mineA = orb.Polygon{{{106.80101, 39.60013}, m1, m2, {106.80652, 39.6111}, {106.80077, 39.60892}, {106.80101, 39.60013}}}
	mineB = orb.Polygon{{m1, {106.8201, 39.6001}, {106.8213, 39.6082}, m2, m1}}
)

func TestUnion(t *testing.T) {
	tests := []struct {
		name  string
		in    []orb.MultiPolygon
		area  float64
		polys int
		// rings: vertex set of each ring of the first polygon
		// (exterior, then holes); nil skips the check.
		rings [][]orb.Point
	}{
		{
			name: "squares sharing an edge, no sliver",
			in:   []orb.MultiPolygon{mp(rect(0, 0, 1, 1)), mp(rect(1, 0, 2, 1))},
			area: 2, polys: 1,
			rings: [][]orb.Point{pts(0, 0, 1, 0, 2, 0, 2, 1, 1, 1, 0, 1)},
		},
		{
			name: "overlapping squares gain the two crossing points",
			in:   []orb.MultiPolygon{mp(rect(0, 0, 2, 2), rect(1, 1, 3, 3))},
			area: 7, polys: 1,
			rings: [][]orb.Point{pts(0, 0, 2, 0, 2, 1, 3, 1, 3, 3, 1, 3, 1, 2, 0, 2)},
		},
		{
			name: "disjoint squares stay two",
			in:   []orb.MultiPolygon{mp(rect(0, 0, 1, 1)), mp(rect(2, 0, 3, 1))},
			area: 2, polys: 2,
			rings: [][]orb.Point{pts(0, 0, 1, 0, 1, 1, 0, 1)},
		},
		{
			name: "u-shape closed by a bar encloses a hole",
			in:   []orb.MultiPolygon{mp(uShape), mp(rect(0, 3, 3, 4))},
			area: 10, polys: 1,
			rings: [][]orb.Point{
				pts(0, 0, 3, 0, 3, 3, 3, 4, 0, 4, 0, 3),
				pts(1, 1, 2, 1, 2, 3, 1, 3),
			},
		},
		{
			name: "l-shape and square filling its corner",
			in:   []orb.MultiPolygon{mp(poly(0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2)), mp(rect(1, 1, 2, 2))},
			area: 4, polys: 1,
			rings: [][]orb.Point{pts(0, 0, 2, 0, 2, 1, 2, 2, 1, 2, 0, 2)},
		},
		{
			name: "square inside another vanishes",
			in:   []orb.MultiPolygon{mp(rect(0, 0, 4, 4)), mp(rect(1, 1, 2, 2))},
			area: 16, polys: 1,
			rings: [][]orb.Point{pts(0, 0, 4, 0, 4, 4, 0, 4)},
		},
		{
			name: "zone of two mines sharing vertices keeps exactly their vertices",
			in:   []orb.MultiPolygon{mp(mineA), mp(mineB)},
			area: area(mineA) + area(mineB), polys: 1,
			rings: [][]orb.Point{func() []orb.Point {
				v := append(vertexSet(mineA[0]), vertexSet(mineB[0])...)
				return vertexSet(orb.Ring(v))
			}()},
		},
		{
			name: "clockwise input, empty and nil arguments",
			in:   []orb.MultiPolygon{nil, {}, mp(orb.Polygon{}), mp(orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}})},
			area: 1, polys: 1,
			rings: [][]orb.Point{pts(0, 0, 1, 0, 1, 1, 0, 1)},
		},
		{name: "no arguments", in: nil, area: 0, polys: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Union(tc.in...)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("nil result")
			}
			checkShape(t, got)
			if len(got) != tc.polys {
				t.Fatalf("%d polygons, want %d: %v", len(got), tc.polys, got)
			}
			if a := area(got); !near(a, tc.area, 1e-9*max(1, tc.area)) {
				t.Errorf("area %.12g, want %.12g", a, tc.area)
			}
			if tc.rings == nil {
				return
			}
			if len(got[0]) != len(tc.rings) {
				t.Fatalf("first polygon has %d rings, want %d", len(got[0]), len(tc.rings))
			}
			for i, want := range tc.rings {
				if v := vertexSet(got[0][i]); !samePoints(v, want) {
					t.Errorf("ring %d vertices\n got %v\nwant %v", i, v, want)
				}
			}
		})
	}
}

func TestUnionInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   []orb.MultiPolygon
	}{
		{"bow-tie", []orb.MultiPolygon{mp(rect(5, 5, 6, 6)), mp(bowtie)}},
		{"nan", []orb.MultiPolygon{mp(poly(0, 0, 1, 0, 1, nan()))}},
		{"two-position ring", []orb.MultiPolygon{mp(poly(0, 0, 1, 0, 0, 0))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Union(tc.in...)
			if c := errCode(err); c != CodeInvalidInput {
				t.Fatalf("error %v (code %q), want %q; result %v", err, c, CodeInvalidInput, got)
			}
		})
	}
}
