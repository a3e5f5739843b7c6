package proximity

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/measure"
)

// Whatever lies within d metres along the ellipsoid lies in the grown box.
func TestGrowIsConservative(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, lat := range []float64{0, 39.5, 60, 80, -45, 89.9} {
		for _, d := range []float64{1, 3000, 50000} {
			p := orb.Point{106.8, lat}
			g := Grow(p.Bound(), d)
			misses := 0
			for range 2000 {
				// Points around p, some inside d, some outside.
				q := orb.Point{p[0] + (rng.Float64()*2-1)*(g.Max[0]-p[0])*1.2,
					math.Max(-90, math.Min(90, p[1]+(rng.Float64()*2-1)*(g.Max[1]-p[1])*1.2))}
				if math.Abs(q[0]) > 180 {
					continue
				}
				if measure.Distance(p, q) <= d && !g.Contains(q) {
					misses++
				}
			}
			if misses > 0 {
				t.Errorf("lat %g d %g: %d points within d outside the grown box %v", lat, d, misses, g)
			}
			// Not absurdly large either: within 2 % of the true extent in latitude.
			if lat < 80 {
				north := g.Max[1] - p[1]
				if m := measure.Distance(p, orb.Point{p[0], p[1] + north}); m > d*1.03 {
					t.Errorf("lat %g d %g: box grows %g m north", lat, d, m)
				}
			}
		}
	}
	if g := Grow(orb.Point{0, 0}.Bound(), 1e9); g.Min != (orb.Point{-180, -90}) || g.Max != (orb.Point{180, 90}) {
		t.Errorf("huge distance: %v", g)
	}
}

func TestBadInput(t *testing.T) {
	line := orb.LineString{{106.8, 39.4}, {106.8, 39.6}}
	tests := []struct {
		name string
		run  func() error
		code string
	}{
		{"no geometries", func() error { _, _, err := NewIndex(nil, Options{}); return err }, CodeNoLines},
		{"only polygons", func() error {
			_, n, err := NewIndex([]orb.Geometry{orb.Polygon{{{1, 1}, {2, 1}, {2, 2}, {1, 1}}}, orb.Point{1, 2}}, Options{})
			if n != 2 {
				t.Errorf("skipped %d", n)
			}
			return err
		}, CodeNoLines},
		{"degenerate line", func() error {
			_, _, err := NewIndex([]orb.Geometry{orb.LineString{{1, 1}, {1, 1}}, orb.LineString{}}, Options{})
			return err
		}, CodeNoLines},
		{"nan vertex", func() error {
			_, _, err := NewIndex([]orb.Geometry{orb.LineString{{1, 1}, {math.NaN(), 1}}}, Options{})
			return err
		}, CodeBadCoordinate},
		{"geographic epsg", func() error { _, _, err := NewIndex([]orb.Geometry{line}, Options{EPSG: 4490}); return err }, CodeProjection},
		{"unknown epsg", func() error { _, _, err := NewIndex([]orb.Geometry{line}, Options{EPSG: 1}); return err }, CodeProjection},
	}
	ix, _, err := NewIndex([]orb.Geometry{line}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	within := func(g orb.Geometry, d float64) func() error {
		return func() error { _, _, err := ix.Within(g, d); return err }
	}
	tests = append(tests, []struct {
		name string
		run  func() error
		code string
	}{
		{"negative distance", within(orb.Point{106.8, 39.5}, -1), CodeBadDistance},
		{"nan distance", within(orb.Point{106.8, 39.5}, math.NaN()), CodeBadDistance},
		{"infinite distance", within(orb.Point{106.8, 39.5}, math.Inf(1)), CodeBadDistance},
		{"nil geometry", within(nil, 10), CodeEmptyGeometry},
		{"empty polygon", within(orb.Polygon{}, 10), CodeEmptyGeometry},
		{"empty collection", within(orb.Collection{orb.LineString{}}, 10), CodeEmptyGeometry},
		{"outside the zones", func() error { _, err := ix.Distance(orb.Point{10, 50}); return err }, CodeProjection},
		{"nan within", within(orb.Point{math.NaN(), 39.5}, 10), CodeBadCoordinate},
		{"nan point", func() error { _, err := ix.Distance(orb.Point{math.NaN(), 39}); return err }, CodeBadCoordinate},
		{"boxes negative", func() error { _, err := ix.Boxes(-3); return err }, CodeBadDistance},
	}...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			var pe *Error
			if !errors.As(err, &pe) || pe.Code != tc.code {
				t.Fatalf("error %v, want code %s", err, tc.code)
			}
		})
	}
	// A huge distance is not an error: everything in the zone is within it.
	if _, ok, err := ix.Within(orb.Point{107, 39}, 1e9); err != nil || !ok {
		t.Errorf("1e9 m: %v %v", ok, err)
	}
	// Distance 0 finds only what touches.
	if d, ok, err := ix.Within(orb.Point{106.8, 39.4}, 0); err != nil || !ok || d != 0 {
		t.Errorf("on the line at 0 m: %g %v %v", d, ok, err)
	}
	if _, ok, _ := ix.Within(orb.Point{106.8001, 39.5}, 0); ok {
		t.Error("off the line within 0 m")
	}
}

// testZones are where the agreement tests run: near Wuhai, far from the
// central meridian of a fixed zone, and at a high latitude.
var testZones = []struct {
	name  string
	shift orb.Point
	opt   Options
}{
	{"wuhai", orb.Point{0, 0}, Options{}},
	{"12° west of EPSG:4545", orb.Point{-11, -4}, Options{EPSG: 4545}},
	{"high latitude", orb.Point{13, 28}, Options{}},
}

// Within (affine approximation, then exact refinement) is Distance (exact
// throughout) cut at d, for every kind of geometry and distance, near
// Wuhai and far from the central meridian of a fixed zone.
func TestWithinAgreesWithDistance(t *testing.T) {
	for _, tc := range testZones {
		t.Run(tc.name, func(t *testing.T) { withinAgrees(t, tc.shift, tc.opt) })
	}
}

func withinAgrees(t *testing.T, shift orb.Point, opt Options) {
	river := synthRiver(300)
	for i := range river {
		river[i] = orb.Point{river[i][0] + shift[0], river[i][1] + shift[1]}
	}
	ix, _, err := NewIndex([]orb.Geometry{river}, opt)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		g := moveGeometry(randomGeometry(rng, i%3), shift)
		want, err := ix.Distance(g)
		if err != nil {
			t.Fatal(err)
		}
		d := rng.Float64() * 10000
		got, ok, err := ix.Within(g, d)
		if err != nil {
			t.Fatal(err)
		}
		if ok != (want <= d) || (ok && got != want) {
			t.Fatalf("%v: Within(%g) = %g %v, Distance %g", g, d, got, ok, want)
		}
	}
}

// The planar distance in the geometry's own zone stays within the
// Gauss-Kruger scale error (< 0.04 % near Wuhai) of the geodesic distance to
// a vertex that is the nearest point.
func TestCloseToGeodesic(t *testing.T) {
	river := orb.LineString{{106.5, 39.0}, {106.8, 39.5}, {106.6, 40.0}}
	ix, _, err := NewIndex([]orb.Geometry{river}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// East of the bend: the vertex (106.8, 39.5) is nearest.
	for _, p := range []orb.Point{{106.85, 39.5}, {106.83, 39.5}, {107.2, 39.5}} {
		got, err := ix.Distance(p)
		if err != nil {
			t.Fatal(err)
		}
		geo := measure.Distance(p, river[1])
		if rel := math.Abs(got-geo) / geo; rel > 4e-4 {
			t.Errorf("%v: %g m planar, %g m geodesic (%.2g)", p, got, geo, rel)
		}
	}
}

func randomGeometry(rng *rand.Rand, kind int) orb.Geometry {
	c := orb.Point{106.6 + rng.Float64()*0.5, 39.2 + rng.Float64()*0.7}
	r := 0.0005 + rng.Float64()*0.01
	switch kind {
	case 0:
		return c
	case 1:
		return orb.LineString{c, {c[0] + r, c[1] + r/2}, {c[0] + 2*r, c[1] - r}}
	}
	ring := orb.Ring{}
	for k := range 12 {
		a := float64(k) / 12 * 2 * math.Pi
		ring = append(ring, orb.Point{c[0] + r*math.Cos(a), c[1] + r*math.Sin(a)})
	}
	ring = append(ring, ring[0])
	return orb.Polygon{ring}
}

// FuzzWithin: no input panics, returns NaN, or disagrees with Distance.
func FuzzWithin(f *testing.F) {
	f.Add(106.8, 39.5, 0.01, 3000.0, uint8(2))
	f.Add(106.82, 39.55, 0.0, 0.0, uint8(0))
	f.Add(200.0, 39.5, 1.0, 1e9, uint8(1))
	f.Add(math.NaN(), 39.5, 1.0, 1.0, uint8(1))
	ix, _, err := NewIndex([]orb.Geometry{synthRiver(50)}, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, lon, lat, r, d float64, kind uint8) {
		var g orb.Geometry
		switch kind % 3 {
		case 0:
			g = orb.Point{lon, lat}
		case 1:
			g = orb.LineString{{lon, lat}, {lon + r, lat + r}}
		default:
			g = orb.Polygon{{{lon, lat}, {lon + r, lat}, {lon + r, lat + r}, {lon, lat}}}
		}
		got, ok, err := ix.Within(g, d)
		if err != nil {
			return
		}
		if math.IsNaN(got) || (ok && (got < 0 || got > d)) {
			t.Fatalf("Within(%v, %g) = %g %v", g, d, got, ok)
		}
		want, err := ix.Distance(g)
		if err == nil && ok && got != want {
			t.Fatalf("Within %g, Distance %g", got, want)
		}
	})
}

func moveGeometry(g orb.Geometry, d orb.Point) orb.Geometry {
	mv := func(p orb.Point) orb.Point { return orb.Point{p[0] + d[0], p[1] + d[1]} }
	switch g := g.(type) {
	case orb.Point:
		return mv(g)
	case orb.LineString:
		out := orb.LineString{}
		for _, p := range g {
			out = append(out, mv(p))
		}
		return out
	case orb.Polygon:
		out := orb.Polygon{}
		for _, r := range g {
			nr := orb.Ring{}
			for _, p := range r {
				nr = append(nr, mv(p))
			}
			out = append(out, nr)
		}
		return out
	}
	return g
}
