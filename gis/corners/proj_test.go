package corners

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/crs"
)

// TestPROJReference converts the corners of the fixtures and compares them
// with PROJ. The reference files were made with (PROJ 9.1.1):
//
//	cs2cs -f %.10f EPSG:4524 EPSG:4490 < points   # testdata/proj_4524.txt
//	cs2cs -f %.10f EPSG:4545 EPSG:4490 < points   # testdata/proj_4545.txt
//
// where points holds "X Y" (northing easting, the EPSG axis order of these
// systems) and the output is "latitude longitude".
func TestPROJReference(t *testing.T) {
	for _, tc := range []struct{ fixture, ref string }{
		{"exchange_zone36.txt", "proj_4524.txt"},
		{"exchange_noprefix.txt", "proj_4545.txt"},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			ref := readRef(t, tc.ref)
			f, err := Parse(readFixture(t, tc.fixture), Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range f.Parcels {
				mp, err := ToLonLat(p.Geometry(), f.EPSG)
				if err != nil {
					t.Fatal(err)
				}
				src := p.Geometry()
				var srcPts []orb.Point
				orbPoints(src, &srcPts)
				var llPts []orb.Point
				orbPoints(mp, &llPts)
				for i, s := range srcPts {
					key := strconv.FormatFloat(s[1], 'f', 3, 64) + " " + strconv.FormatFloat(s[0], 'f', 3, 64)
					want, ok := ref[key]
					if !ok {
						t.Fatalf("no reference for %s", key)
					}
					got := llPts[i]
					// 1e-9 degrees is 0.1 mm; the reference has 10 decimals.
					if math.Abs(got[0]-want[1]) > 1e-9 || math.Abs(got[1]-want[0]) > 1e-9 {
						t.Errorf("%s: lon/lat %.10f %.10f, PROJ %.10f %.10f", key, got[0], got[1], want[1], want[0])
					}
					// And back: within a millimetre of the written corner.
					c, _ := crs.ByEPSG(f.EPSG)
					e, nn, err := c.FromLonLat(want[1], want[0])
					if err != nil || math.Abs(e-s[0]) > 1e-3 || math.Abs(nn-s[1]) > 1e-3 {
						t.Errorf("%s: back to %.4f %.4f (%v)", key, nn, e, err)
					}
					n++
				}
			}
			if n == 0 {
				t.Fatal("no points compared")
			}
		})
	}
}

func orbPoints(g orb.Geometry, out *[]orb.Point) {
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			*out = append(*out, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			orbPoints(p, out)
		}
	}
}

// readRef reads "X Y lat lon" lines keyed by "X Y".
func readRef(t *testing.T, name string) map[string][2]float64 {
	fh, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	out := map[string][2]float64{}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 4 || strings.HasPrefix(f[0], "#") {
			continue
		}
		lat, _ := strconv.ParseFloat(f[2], 64)
		lon, _ := strconv.ParseFloat(f[3], 64)
		out[f[0]+" "+f[1]] = [2]float64{lat, lon}
	}
	return out
}
