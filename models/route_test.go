package models

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestRoute(t *testing.T) {
	poly := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	tests := []struct {
		a    Attrs
		g    orb.Geometry
		want string
	}{
		{Attrs{FeatureType: "mine_boundary"}, poly, LayerMines},
		{Attrs{FeatureType: "spoil_heap"}, poly, LayerSites},
		{Attrs{FeatureType: "Pit"}, poly, LayerSites},
		{Attrs{FeatureType: "煤矸石堆场"}, poly, LayerSites},
		{Attrs{FeatureType: "fire_point"}, orb.Point{1, 2}, LayerFirePoints},
		{Attrs{FeatureType: "haul_road"}, orb.LineString{{0, 0}, {1, 1}}, LayerRoads},
		{Attrs{FeatureType: "河流"}, orb.LineString{{0, 0}, {1, 1}}, LayerReference},
		{Attrs{Kind: SitePit}, poly, LayerSites},
		{Attrs{Licence: "C1"}, poly, LayerMines},
		{Attrs{}, poly, LayerReference},
		{Attrs{}, orb.Point{1, 2}, LayerReference},
		{Attrs{}, nil, LayerReference},
	}
	for _, tc := range tests {
		if got, _ := Route(tc.a, tc.g); got != tc.want {
			t.Errorf("Route(%+v, %T) = %s, want %s", tc.a, tc.g, got, tc.want)
		}
	}
}

func TestFits(t *testing.T) {
	tests := []struct {
		k    GeomKind
		g    orb.Geometry
		want bool
	}{
		{KindMultiPolygon, orb.Polygon{}, true},
		{KindMultiPolygon, orb.MultiPolygon{}, true},
		{KindMultiPolygon, orb.Point{}, false},
		{KindPoint, orb.Point{}, true},
		{KindPoint, orb.MultiPoint{}, false},
		{KindMultiLineString, orb.LineString{}, true},
		{KindMultiLineString, orb.Polygon{}, false},
		{KindAny, orb.Collection{}, true},
	}
	for _, tc := range tests {
		if got := Fits(tc.k, tc.g); got != tc.want {
			t.Errorf("Fits(%s, %T) = %v, want %v", tc.k, tc.g, got, tc.want)
		}
	}
}
