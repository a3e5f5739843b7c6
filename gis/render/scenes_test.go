package render

import (
	"image/color"
	"testing"

	"github.com/paulmach/orb"
)

var (
	green  = color.NRGBA{60, 160, 80, 255}
	dark   = color.NRGBA{30, 30, 30, 255}
	blue   = color.NRGBA{40, 90, 200, 255}
	red    = color.NRGBA{210, 40, 40, 255}
	orange = color.NRGBA{240, 150, 30, 255}
)

func scenePolygons(v View) []Layer {
	// Outer ring and hole wound the same way (the hole must still be cut),
	// a triangle overlapping it at half opacity, and a multipolygon whose
	// parts run in opposite directions and partly leave the frame.
	donut := orb.Polygon{
		ring(v, 20, 20, 110, 20, 110, 110, 20, 110),
		ring(v, 45, 45, 85, 45, 85, 85, 45, 85),
	}
	tri := orb.Polygon{ring(v, 90, 60, 150, 130, 60, 140)}
	multi := orb.MultiPolygon{
		{ring(v, 130, 10, 190, 10, 190, 50, 130, 50)},
		{ring(v, 150, 70, 150, 100, 230, 100, 230, 70)},
	}
	return []Layer{{
		Opacity: 1,
		Features: []Feature{
			{Geometry: donut, Style: Style{Fill: green, Stroke: dark, StrokeWidth: 1.5}},
			{Geometry: tri, Style: Style{Fill: color.NRGBA{40, 90, 200, 128}, Stroke: blue, StrokeWidth: 2, Dash: []float64{6, 3}}},
			{Geometry: multi, Style: Style{Fill: orange, Stroke: dark, StrokeWidth: 1}},
		},
	}}
}

func sceneHatch(v View) []Layer {
	reserve := orb.Polygon{
		ring(v, 15, 15, 120, 25, 135, 120, 25, 135),
		ring(v, 55, 55, 90, 60, 80, 95),
	}
	return []Layer{{
		Opacity: 1,
		Features: []Feature{
			{Geometry: reserve, Style: Style{
				Fill: color.NRGBA{255, 240, 200, 255}, Stroke: red, StrokeWidth: 2,
				Hatch: HatchDiagonal, HatchSpacing: 7, HatchWidth: 1.2,
			}},
			{Geometry: orb.Polygon{ring(v, 140, 20, 190, 20, 190, 130, 140, 130)}, Style: Style{
				Stroke: blue, StrokeWidth: 1, Hatch: HatchDiagonal, HatchColor: green, HatchSpacing: 5,
			}},
		},
	}}
}

func sceneLines(v View) []Layer {
	zig := orb.LineString(px(v, 10, 20, 60, 60, 20, 80, 90, 100))
	thick := orb.LineString(px(v, 100, 130, 130, 30, 160, 130, 190, 30))
	dashed := orb.LineString(px(v, 10, 140, 90, 120))
	loop := orb.MultiLineString{
		orb.LineString(ring(v, 110, 10, 140, 10, 140, 20, 110, 20)),
		orb.LineString(px(v, -50, 145, 250, 145)), // both ends outside
	}
	return []Layer{{
		Opacity: 1,
		Features: []Feature{
			{Geometry: zig, Style: Style{Stroke: blue, StrokeWidth: 1}},
			{Geometry: thick, Style: Style{Stroke: color.NRGBA{210, 40, 40, 180}, StrokeWidth: 8}},
			{Geometry: dashed, Style: Style{Stroke: dark, StrokeWidth: 2, Dash: []float64{8, 4, 2, 4}}},
			{Geometry: loop, Style: Style{Stroke: green, StrokeWidth: 3}},
		},
	}}
}

func scenePoints(v View) []Layer {
	var fs []Feature
	shapes := []PointShape{PointCircle, PointSquare, PointTriangle, PointCross}
	for i, sh := range shapes {
		for j, size := range []float64{4, 8, 14} {
			x, y := 30+float64(i)*45, 30+float64(j)*45
			fs = append(fs, Feature{
				Geometry: v.ToLonLat(x, y),
				Style:    Style{PointShape: sh, PointSize: size, Fill: orange, Stroke: dark, StrokeWidth: 1},
			})
		}
	}
	fs = append(fs, Feature{Geometry: orb.MultiPoint(px(v, 190, 20, 190, 130)),
		Style: Style{PointSize: 10, Fill: blue}})
	return []Layer{{Opacity: 0.8, Features: fs}}
}

func sceneLabels(v View, ls *LabelStyle) []Layer {
	return []Layer{
		{
			Opacity:    1,
			LabelStyle: ls,
			Features: []Feature{
				{Geometry: orb.Polygon{ring(v, 5, 60, 120, 60, 120, 145, 5, 145)},
					Style: Style{Fill: color.NRGBA{200, 230, 200, 255}, Stroke: green, StrokeWidth: 1}, Label: "乌达区 Wuda"},
				{Geometry: orb.LineString(px(v, 130, 145, 195, 60)), Style: Style{Stroke: blue, StrokeWidth: 3}, Label: "黄河"},
			},
		},
		{
			Opacity:    1,
			LabelStyle: ls,
			Features: []Feature{
				// Three points close together: their labels compete.
				{Geometry: v.ToLonLat(30, 20), Style: Style{Fill: red, PointSize: 6}, Label: "矿区一号"},
				{Geometry: v.ToLonLat(40, 28), Style: Style{Fill: red, PointSize: 6}, Label: "矿区二号"},
				{Geometry: v.ToLonLat(50, 36), Style: Style{Fill: red, PointSize: 6}, Label: "Pit 3"},
				{Geometry: v.ToLonLat(150, 30), Style: Style{Fill: red, PointSize: 6}, Label: "排土场"},
			},
		},
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		layers func(View) []Layer
	}{
		{"polygons", scenePolygons},
		{"hatch", sceneHatch},
		{"lines", sceneLines},
		{"points", scenePoints},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkGolden(t, tc.name, render(t, smallView, tc.layers(smallView)), 3)
		})
	}
}

func TestGoldenLabels(t *testing.T) {
	f := cjkFont(t)
	ls := &LabelStyle{Font: f, Size: 13, Color: dark, Halo: white, HaloWidth: 1.5}
	checkGolden(t, "labels", render(t, smallView, sceneLabels(smallView, ls)), 3)
}
