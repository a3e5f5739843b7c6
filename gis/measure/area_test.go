package measure

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// square returns a closed counter-clockwise lon/lat ring.
func square(lon, lat, dlon, dlat float64) orb.Ring {
	return orb.Ring{{lon, lat}, {lon + dlon, lat}, {lon + dlon, lat + dlat}, {lon, lat + dlat}, {lon, lat}}
}

func reversed(r orb.Ring) orb.Ring {
	c := slices.Clone(r)
	slices.Reverse(c)
	return c
}

func TestAreaCases(t *testing.T) {
	sq := square(106.8, 39.6, 0.01168, 0.009) // ≈ 1 km², see reference_areas.tsv
	const sqArea = 1002371.64951              // Planimeter
	hole := square(106.803, 39.602, 0.002, 0.002)
	holeArea := Area(hole)
	big := square(100, 35, 12, 9)
	const bigArea = 1029488973242.23633 // Planimeter

	tests := []struct {
		name string
		g    orb.Geometry
		want float64
	}{
		{"nil", nil, 0},
		{"point", orb.Point{106.8, 39.6}, 0},
		{"multipoint", orb.MultiPoint{{106.8, 39.6}, {106.9, 39.7}}, 0},
		{"linestring", orb.LineString(sq), 0},
		{"multilinestring", orb.MultiLineString{orb.LineString(sq)}, 0},
		{"empty polygon", orb.Polygon{}, 0},
		{"two-point ring", orb.Ring{{1, 1}, {2, 2}}, 0},
		{"degenerate ring", orb.Ring{{1, 1}, {2, 2}, {1, 1}}, 0},
		{"ring ccw", sq, sqArea},
		{"ring cw", reversed(sq), sqArea},
		{"ring unclosed", sq[:4], sqArea},
		{"ring with repeated vertices", orb.Ring{sq[0], sq[0], sq[1], sq[2], sq[2], sq[3], sq[0]}, sqArea},
		{"polygon", orb.Polygon{sq}, sqArea},
		{"polygon hole cw", orb.Polygon{sq, reversed(hole)}, sqArea - holeArea},
		{"polygon hole ccw", orb.Polygon{reversed(sq), hole}, sqArea - holeArea},
		{"multipolygon", orb.MultiPolygon{{sq}, {big}}, sqArea + bigArea},
		{"collection", orb.Collection{orb.Point{1, 1}, orb.Polygon{sq}, orb.MultiPolygon{{big}}}, sqArea + bigArea},
		{"bound", orb.Bound{Min: orb.Point{100, 35}, Max: orb.Point{112, 44}}, bigArea},
		{"large 1000 km", big, bigArea},
		{"shifted by 360", square(106.8+360, 39.6, 0.01168, 0.009), sqArea},
		{"shifted by -720", square(106.8-720, 39.6, 0.01168, 0.009), sqArea},
		{"hemisphere", orb.Ring{{0, 0}, {90, 0}, {180, 0}, {270, 0}, {0, 0}}, 255032810859245.6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Area(tc.g)
			if math.Abs(got-tc.want) > 1e-10*tc.want+1e-4 {
				t.Errorf("Area = %.6f m², want %.6f m²", got, tc.want)
			}
		})
	}
}

func TestAreaNaN(t *testing.T) {
	r := square(106.8, 39.6, 0.01, 0.01)
	r[2][1] = math.NaN()
	if a := Area(orb.Polygon{r}); !math.IsNaN(a) {
		t.Errorf("Area with NaN vertex = %v, want NaN", a)
	}
}

func TestTotalArea(t *testing.T) {
	// Twice Planimeter's hemisphere for GRS80.
	if want := 2 * 255032810859245.6; math.Abs(ellTotalArea-want) > 1 {
		t.Errorf("ellipsoid area %.1f m², want %.1f m²", ellTotalArea, want)
	}
}

// TestAreaSymmetries checks that area does not depend on where a shape is
// placed in longitude, on its hemisphere, or on which vertex starts it.
func TestAreaSymmetries(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		lon, lat := rnd.Float64()*360-180, rnd.Float64()*160-80
		n := 3 + rnd.IntN(20)
		radius := math.Pow(10, -4+rnd.Float64()*4) // 1e-4° … 1°
		var r orb.Ring
		for k := 0; k < n; k++ {
			a := 2 * math.Pi * float64(k) / float64(n)
			rr := radius * (0.5 + rnd.Float64())
			r = append(r, orb.Point{lon + rr*math.Cos(a), math.Max(-89.9, math.Min(89.9, lat+rr*math.Sin(a)))})
		}
		r = append(r, r[0])
		base := Area(r)
		if !(base > 0) {
			t.Fatalf("ring %d: area %v", i, base)
		}
		check := func(what string, g orb.Ring) {
			if got := Area(g); math.Abs(got-base) > 1e-9*base+1e-6 {
				t.Errorf("ring %d (%s): area %.9g, want %.9g", i, what, got, base)
			}
		}
		shift := rnd.Float64()*360 - 180
		var moved, mirrored, rotated orb.Ring
		for _, p := range r {
			moved = append(moved, orb.Point{p[0] + shift, p[1]})
			mirrored = append(mirrored, orb.Point{p[0], -p[1]})
		}
		rotated = append(slices.Clone(r[2:len(r)-1]), r[:3]...)
		check("moved in longitude", moved)
		check("mirrored", mirrored)
		check("reversed", reversed(r))
		check("start vertex", rotated)
	}
}

// TestEdgeTerms checks the authalic-sphere edge term against the exact
// geodesic term S12 for edges up to longEdge: the difference must stay below
// the bound stated in area.go, 4.4e-11·L³ m² (plus 1e-4 m² for the
// round-off of S12 itself, which subtracts two series values of order 1e11).
func TestEdgeTerms(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	var worst float64
	for i := 0; i < 20000; i++ {
		lat1 := rnd.Float64()*178 - 89
		lon1 := rnd.Float64()*360 - 180
		az := 2 * math.Pi * rnd.Float64()
		span := longEdge * rnd.Float64()
		lat2 := lat1 + span*math.Cos(az)
		lon2 := lon1 + span*math.Sin(az)/math.Cos(lat1*degree)
		s12, S12 := inverse(lat1, lon1, lat2, lon2, true)
		s1, d1 := authalic(lat1)
		s2, d2 := authalic(lat2)
		sh, ch := math.Sincos(math.Remainder(lon2-lon1, 360) * math.Pi / 360)
		e := ellC2 * 2 * math.Atan2(sh*(s1*d2+s2*d1), ch*(d1*d2+s1*s2))
		diff := math.Abs(e - S12)
		if diff > 4.4e-11*s12*s12*s12+1e-4 {
			t.Errorf("edge (%v,%v)-(%v,%v), %.1f m: authalic %.6f, geodesic %.6f m²", lat1, lon1, lat2, lon2, s12, e, S12)
		}
		if s12 > 100 {
			worst = math.Max(worst, diff/s12)
		}
	}
	t.Logf("worst |authalic−geodesic| per metre of edge (edges > 100 m): %.2g m²/m", worst)
}

func TestAuthalicLatitude(t *testing.T) {
	// sin ξ = q/qp with q from the closed formula; compare both branches of
	// authalic and check the limits.
	for _, lat := range []float64{-90, -89.9999, -60, -30.0001, -29.9999, -1e-9, 0, 1e-9, 10, 29.9999, 30, 30.0001, 45, 75, 89.99999, 90} {
		s := math.Sin(lat * degree)
		q := (1 - ellE2) * (s/(1-ellE2*s*s) + math.Atanh(ellE*s)/ellE)
		gs, gd := authalic(lat)
		if math.Abs(gs-q/ellQp) > 1e-15 {
			t.Errorf("lat %v: sin ξ = %.17g, want %.17g", lat, gs, q/ellQp)
		}
		if c := math.Sqrt(math.Max(0, 1-gs*gs)); math.Abs(gd-1-c) > 1e-7 {
			t.Errorf("lat %v: cos ξ = %.17g, want ≈ %.17g", lat, gd-1, c)
		}
	}
	if s, d := authalic(90); s != 1 || d != 1 {
		t.Errorf("authalic(90) = %v, %v; want 1, 1", s, d)
	}
}
