package topo

import (
	"errors"
	"testing"

	"github.com/paulmach/orb"
)

func line(xy ...float64) orb.LineString {
	l := make(orb.LineString, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		l = append(l, orb.Point{xy[i], xy[i+1]})
	}
	return l
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		p     orb.Polygon
		line  orb.LineString
		areas []float64     // largest first
		verts [][]orb.Point // exterior vertex set of each piece; nil skips
	}{
		{
			name: "square by a vertical line",
			p:    rect(0, 0, 1, 1), line: line(0.25, -1, 0.25, 2),
			areas: []float64{0.75, 0.25},
			verts: [][]orb.Point{pts(0.25, 0, 1, 0, 1, 1, 0.25, 1), pts(0, 0, 0.25, 0, 0.25, 1, 0, 1)},
		},
		{
			name: "square by a diagonal through two corners",
			p:    rect(0, 0, 2, 2), line: line(-1, -1, 3, 3),
			areas: []float64{2, 2},
			verts: [][]orb.Point{pts(0, 0, 2, 2, 0, 2), pts(0, 0, 2, 0, 2, 2)}, // equal areas: west centroid first
		},
		{
			name: "u-shape by one line through both arms: three pieces",
			p:    uShape, line: line(-1, 2, 4, 2),
			areas: []float64{5, 1, 1},
			verts: [][]orb.Point{
				pts(0, 0, 3, 0, 3, 2, 2, 2, 2, 1, 1, 1, 1, 2, 0, 2),
				pts(0, 2, 1, 2, 1, 3, 0, 3),
				pts(2, 2, 3, 2, 3, 3, 2, 3),
			},
		},
		{
			name: "bar by a line that leaves and comes back: three pieces",
			p:    rect(0, 0, 4, 1), line: line(1, -1, 1, 2, 3, 2, 3, -1),
			areas: []float64{2, 1, 1},
			verts: [][]orb.Point{pts(1, 0, 3, 0, 3, 1, 1, 1), pts(0, 0, 1, 0, 1, 1, 0, 1), pts(3, 0, 4, 0, 4, 1, 3, 1)},
		},
		{
			name: "through the hole",
			p:    holed, line: line(1.5, -1, 1.5, 4),
			areas: []float64{4, 4},
			verts: [][]orb.Point{
				pts(0, 0, 1.5, 0, 1.5, 1, 1, 1, 1, 2, 1.5, 2, 1.5, 3, 0, 3),
				pts(1.5, 0, 3, 0, 3, 3, 1.5, 3, 1.5, 2, 2, 2, 2, 1, 1.5, 1),
			},
		},
		{
			name: "beside the hole: one piece keeps it",
			p:    holed, line: line(0.5, -1, 0.5, 4),
			areas: []float64{6.5, 1.5},
		},
		{
			name: "line with a dangling tail inside",
			p:    rect(0, 0, 2, 1), line: line(1, -1, 1, 2, 1.5, 0.5),
			areas: []float64{1, 1},
		},
		{
			name: "lon/lat mine by a drawn polyline",
			p:    mineA, line: line(106.8, 39.605, 106.806, 39.6052, 106.815, 39.6049),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Split(tc.p, tc.line)
			if err != nil {
				t.Fatal(err)
			}
			checkShape(t, got)
			sum := 0.0
			for _, q := range got {
				sum += area(q)
			}
			whole := area(tc.p)
			if !near(sum, whole, 1e-12*whole) {
				t.Errorf("pieces sum to %.15g, whole is %.15g", sum, whole)
			}
			if tc.areas == nil {
				if len(got) != 2 {
					t.Errorf("%d pieces, want 2", len(got))
				}
				return
			}
			if len(got) != len(tc.areas) {
				t.Fatalf("%d pieces, want %d: %v", len(got), len(tc.areas), got)
			}
			for i, a := range tc.areas {
				if !near(area(got[i]), a, 1e-12) {
					t.Errorf("piece %d area %g, want %g", i, area(got[i]), a)
				}
				if tc.verts != nil {
					if v := vertexSet(got[i][0]); !samePoints(v, tc.verts[i]) {
						t.Errorf("piece %d vertices\n got %v\nwant %v", i, v, tc.verts[i])
					}
				}
			}
		})
	}
}

func TestSplitNoSplit(t *testing.T) {
	tests := []struct {
		name string
		line orb.LineString
	}{
		{"misses", line(2, 2, 3, 3)},
		{"ends inside", line(-1, 0.5, 0.5, 0.5)},
		{"starts and ends inside", line(0.2, 0.2, 0.8, 0.8)},
		{"runs along an edge", line(-1, 0, 2, 0)},
		{"touches a corner", line(0, 2, 2, 0)},
		{"enters and leaves by the same edge", line(0.2, -1, 0.5, 0.5, 0.8, -1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Split(rect(0, 0, 1, 1), tc.line)
			if tc.name == "enters and leaves by the same edge" {
				// that line does cut off a triangle: a control case
				if err != nil || len(got) != 2 {
					t.Fatalf("got %v, %v; want two pieces", got, err)
				}
				return
			}
			if !errors.Is(err, ErrNoSplit) {
				t.Fatalf("error %v, want ErrNoSplit; pieces %v", err, got)
			}
		})
	}
}

func TestSplitInvalid(t *testing.T) {
	tests := []struct {
		name string
		p    orb.Polygon
		line orb.LineString
	}{
		{"bow-tie", bowtie, line(1, -1, 1, 3)},
		{"empty polygon", orb.Polygon{}, line(1, -1, 1, 3)},
		{"one-position line", rect(0, 0, 1, 1), line(0.5, 0.5)},
		{"repeated position line", rect(0, 0, 1, 1), line(0.5, 0.5, 0.5, 0.5)},
		{"empty line", rect(0, 0, 1, 1), nil},
		{"nan in line", rect(0, 0, 1, 1), line(0.5, -1, nan(), 2)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Split(tc.p, tc.line)
			if c := errCode(err); c != CodeInvalidInput {
				t.Fatalf("error %v (code %q), want %q; pieces %v", err, c, CodeInvalidInput, got)
			}
		})
	}
}
