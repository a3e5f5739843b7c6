package topo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"minerehab/gis/crs"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// gdalRef is testdata/gdal.json: numbers computed with GDAL/SpatiaLite,
// never with this package.
type gdalRef struct {
	Buffer struct {
		SquareGrid    [4]float64   `json:"square_epsg4545"`
		SquareLonLat  [][2]float64 `json:"square_lonlat"`
		SquareArea    float64      `json:"square_area_m2"`
		Grow100Area   float64      `json:"grow_100_area_m2"`
		Grow100Quad   int          `json:"grow_100_quadsegs"`
		Shrink100Area float64      `json:"shrink_100_area_m2"`
	} `json:"buffer"`
	WuhaiUnion struct {
		Parts int     `json:"parts"`
		Holes int     `json:"holes"`
		Area  float64 `json:"area_epsg4545_m2"`
		Sum   float64 `json:"sum_of_districts_m2"`
	} `json:"wuhai_union"`
}

func readGDAL(t testing.TB) gdalRef {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "gdal.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r gdalRef
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// gridArea is the planar area of mp (lon/lat) projected to the given EPSG
// code, in square metres, as SpatiaLite's ST_Area(ST_Transform(g, code)).
func gridArea(t testing.TB, mp orb.MultiPolygon, code int) float64 {
	t.Helper()
	c, err := crs.ByEPSG(code)
	if err != nil {
		t.Fatal(err)
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		out[i] = make(orb.Polygon, len(p))
		for j, r := range p {
			out[i][j] = make(orb.Ring, len(r))
			for k, pt := range r {
				x, y, err := c.FromLonLat(pt[0], pt[1])
				if err != nil {
					t.Fatal(err)
				}
				out[i][j][k] = orb.Point{x, y}
			}
		}
	}
	return planar.Area(out)
}

func sharedData(t testing.TB) string {
	t.Helper()
	dir := sharedDataDir()
	if dir == "" {
		t.Skip("shared data folder not available")
	}
	return dir
}
