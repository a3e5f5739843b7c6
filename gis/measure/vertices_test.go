package measure

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestVertices(t *testing.T) {
	sq := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}
	tests := []struct {
		g    orb.Geometry
		want int
	}{
		{orb.Point{1, 2}, 1},
		{orb.MultiPoint{{1, 2}, {3, 4}}, 2},
		{orb.LineString{{0, 0}, {1, 1}, {2, 2}}, 3},
		{sq, 4},
		{orb.Polygon{sq, sq}, 8},
		{orb.MultiPolygon{{sq}, {sq, sq}}, 12},
		{orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}, {3, 3}, {4, 4}}}, 5},
		{orb.Collection{orb.Point{0, 0}, sq}, 5},
		{nil, 0},
	}
	for _, tc := range tests {
		if got := Vertices(tc.g); got != tc.want {
			t.Errorf("Vertices(%v) = %d, want %d", tc.g, got, tc.want)
		}
	}
}
