package geomcheck

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func ring(xy ...float64) orb.Ring {
	r := make(orb.Ring, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, orb.Point{xy[i], xy[i+1]})
	}
	return r
}

var (
	square4   = ring(0, 0, 4, 0, 4, 4, 0, 4, 0, 0)
	squareCW4 = ring(0, 0, 0, 4, 4, 4, 4, 0, 0, 0)
	nan       = math.NaN()
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		code string
		at   *orb.Point // expected Problem.At when set
	}{
		// valid
		{"square", orb.Polygon{square4}, "", nil},
		{"square clockwise", orb.Polygon{squareCW4}, "", nil},
		{"triangle", orb.Polygon{ring(0, 0, 1, 0, 0, 1, 0, 0)}, "", nil},
		{"bare ring", square4, "", nil},
		{"hole inside", orb.Polygon{square4, ring(1, 1, 1, 2, 2, 2, 2, 1, 1, 1)}, "", nil},
		{"hole touching exterior at a vertex", orb.Polygon{square4, ring(0, 0, 1, 2, 2, 1, 0, 0)}, "", nil},
		{"hole vertex touching exterior edge", orb.Polygon{square4, ring(2, 0, 3, 1, 1, 1, 2, 0)}, "", nil},
		{"two holes touching at a point", orb.Polygon{square4, ring(1, 1, 2, 2, 2, 1, 1, 1), ring(2, 2, 3, 3, 3, 2, 2, 2)}, "", nil},
		{"repeated points", orb.Polygon{ring(0, 0, 0, 0, 4, 0, 4, 0, 4, 4, 0, 4, 0, 4, 0, 0, 0, 0)}, "", nil},
		{"collinear vertex", orb.Polygon{ring(0, 0, 2, 0, 4, 0, 4, 4, 0, 4, 0, 0)}, "", nil},
		{"concave", orb.Polygon{ring(0, 0, 4, 0, 4, 4, 2, 1, 0, 4, 0, 0)}, "", nil},
		{"point", orb.Point{1, 2}, "", nil},
		{"multipoint", orb.MultiPoint{{1, 2}, {1, 2}}, "", nil},
		{"line", orb.LineString{{0, 0}, {1, 1}}, "", nil},
		{"self-crossing line", orb.LineString{{0, 0}, {2, 2}, {2, 0}, {0, 2}}, "", nil},
		{"line with repeats", orb.LineString{{0, 0}, {0, 0}, {1, 1}}, "", nil},
		{"multipolygon", orb.MultiPolygon{{square4}, {ring(10, 10, 11, 10, 11, 11, 10, 10)}}, "", nil},
		{"collection", orb.Collection{orb.Point{1, 1}, orb.Polygon{square4}}, "", nil},
		{"bound", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, "", nil},
		{"projected metres", orb.Polygon{ring(639420, 5685290, 639420, 5673960, 646720, 5673960, 646720, 5685290, 639420, 5685290)}, "", nil},

		// structural
		{"nil", nil, CodeEmpty, nil},
		{"empty polygon", orb.Polygon{}, CodeEmpty, nil},
		{"empty multipolygon", orb.MultiPolygon{}, CodeEmpty, nil},
		{"empty line", orb.LineString{}, CodeEmpty, nil},
		{"empty multipoint", orb.MultiPoint{}, CodeEmpty, nil},
		{"empty collection", orb.Collection{}, CodeEmpty, nil},
		{"unclosed", orb.Polygon{ring(0, 0, 4, 0, 4, 4, 0, 4)}, CodeRingNotClosed, &orb.Point{0, 0}},
		{"3-position ring", orb.Polygon{ring(0, 0, 1, 0, 0, 0)}, CodeRingTooShort, nil},
		{"empty ring", orb.Polygon{orb.Ring{}}, CodeRingTooShort, nil},
		{"2 distinct positions", orb.Polygon{ring(0, 0, 1, 0, 1, 0, 0, 0)}, CodeRingTooShort, nil},
		{"all positions equal", orb.Polygon{ring(1, 1, 1, 1, 1, 1, 1, 1)}, CodeRingTooShort, nil},
		{"unclosed hole", orb.Polygon{square4, ring(1, 1, 2, 1, 2, 2, 1, 2)}, CodeRingNotClosed, nil},
		{"NaN", orb.Polygon{ring(0, 0, 4, 0, nan, 4, 0, 4, 0, 0)}, CodeNonFinite, nil},
		{"Inf point", orb.Point{math.Inf(1), 0}, CodeNonFinite, nil},
		{"NaN in line", orb.LineString{{0, 0}, {nan, 1}}, CodeNonFinite, nil},
		{"NaN in bound", orb.Bound{Min: orb.Point{nan, 0}}, CodeNonFinite, nil},
		{"one-point line", orb.LineString{{1, 1}}, CodeLineTooShort, nil},
		{"line of equal points", orb.LineString{{1, 1}, {1, 1}, {1, 1}}, CodeLineTooShort, nil},
		{"short line in multi", orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}}}, CodeLineTooShort, nil},
		{"empty member of multipolygon", orb.MultiPolygon{{square4}, {}}, CodeEmpty, nil},

		// topological
		{"bow-tie", orb.Polygon{ring(0, 0, 2, 2, 2, 0, 0, 2, 0, 0)}, CodeSelfIntersection, &orb.Point{1, 1}},
		{"figure-eight through a vertex", orb.Polygon{ring(0, 0, 1, 1, 2, 0, 2, 2, 1, 1, 0, 2, 0, 0)}, CodeSelfIntersection, &orb.Point{1, 1}},
		{"ring touching its own edge", orb.Polygon{ring(0, 0, 4, 0, 4, 4, 2, 0, 0, 4, 0, 0)}, CodeSelfIntersection, &orb.Point{2, 0}},
		{"spike", orb.Polygon{ring(0, 0, 4, 0, 4, 4, 2, 4, 2, 6, 2, 4, 0, 4, 0, 0)}, CodeSelfIntersection, nil},
		{"spike along an edge", orb.Polygon{ring(0, 0, 4, 0, 2, 0, 2, 3, 0, 0)}, CodeSelfIntersection, nil},
		{"collinear ring", orb.Polygon{ring(0, 0, 1, 0, 2, 0, 0, 0)}, CodeSelfIntersection, nil},
		{"hole crossing exterior", orb.Polygon{square4, ring(3, 1, 5, 1, 5, 2, 3, 2, 3, 1)}, CodeSelfIntersection, &orb.Point{4, 1}},
		{"hole crossing exterior through shared vertices", orb.Polygon{square4, ring(2, 2, 4, 4, 6, 2, 4, 0, 2, 2)}, CodeSelfIntersection, nil},
		{"hole crossing exterior edges at its vertices", orb.Polygon{square4, ring(3, 1, 4, 2, 5, 1, 4, 0.5, 3, 1)}, CodeSelfIntersection, nil},
		{"hole sharing an edge with exterior", orb.Polygon{square4, ring(0, 0, 2, 0, 2, 2, 0, 0)}, CodeSelfIntersection, nil},
		{"holes crossing", orb.Polygon{square4, ring(1, 1, 3, 1, 3, 2, 1, 2, 1, 1), ring(2, 0.5, 2.5, 0.5, 2.5, 3, 2, 3, 2, 0.5)}, CodeSelfIntersection, nil},
		{"bow-tie in multipolygon", orb.MultiPolygon{{square4}, {ring(0, 0, 2, 2, 2, 0, 0, 2, 0, 0)}}, CodeSelfIntersection, nil},
		{"bow-tie in collection", orb.Collection{orb.Point{0, 0}, orb.Polygon{ring(0, 0, 2, 2, 2, 0, 0, 2, 0, 0)}}, CodeSelfIntersection, nil},
		{"near-collinear spike", orb.Polygon{ring(106.8, 39.6, 106.9, 39.6, 106.9, 39.7, 106.85, 39.7, 106.85, 39.75, 106.85000000000001, 39.7, 106.8, 39.7, 106.8, 39.6)}, CodeSelfIntersection, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(tc.g)
			if got := problemCode(t, err); got != tc.code {
				t.Fatalf("Check = %v, want code %q", err, tc.code)
			}
			if err == nil {
				return
			}
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("%v is not a *Problem", err)
			}
			if tc.at != nil && p.At != *tc.at {
				t.Errorf("At = %v, want %v (%v)", p.At, *tc.at, err)
			}
			if msg := err.Error(); msg != strings.ToLower(msg[:1])+msg[1:] || !strings.HasPrefix(msg, "geomcheck: ") {
				t.Errorf("message %q", msg)
			}
			// The exhaustive pair search must agree.
			c := checker{brute: true}
			if pb := c.geometry(tc.g); pb == nil || pb.Code != p.Code {
				t.Errorf("brute force gives %v", pb)
			}
		})
	}
}

func TestProblemFields(t *testing.T) {
	mp := orb.MultiPolygon{{square4}, {square4, ring(1, 1, 2, 1, 2, 2, 1, nan, 1, 1)}}
	var p *Problem
	if !errors.As(Check(mp), &p) {
		t.Fatal("want a *Problem")
	}
	want := Problem{Code: CodeNonFinite, Part: 1, Ring: 1, Index: 3, At: orb.Point{1, nan}}
	if p.Code != want.Code || p.Part != want.Part || p.Ring != want.Ring || p.Index != want.Index || p.At[0] != 1 {
		t.Errorf("got %+v, want %+v", *p, want)
	}

	unclosed := orb.Polygon{ring(0, 0, 4, 0, 4, 4, 0, 4)}
	if !errors.As(Check(unclosed), &p) || p.At != (orb.Point{0, 0}) || p.Other != (orb.Point{0, 4}) || p.Index != 3 {
		t.Errorf("unclosed: %+v", p)
	}

	hole := orb.Polygon{square4, ring(3, 1, 5, 1, 5, 2, 3, 2, 3, 1)}
	if !errors.As(Check(hole), &p) || p.Ring != 1 {
		t.Errorf("hole crossing: %+v, want Ring 1", p)
	}
}

func TestCheckLonLat(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		code string
	}{
		{"inside", orb.Point{106.8, 39.6}, ""},
		{"limits", orb.LineString{{-180, -90}, {180, 90}}, ""},
		{"lon 181", orb.Point{181, 0}, CodeOutOfRange},
		{"lon -361", orb.Polygon{ring(4.8, 50.8, 4.9, 50.8, -361, 50.9, 4.8, 50.8)}, CodeOutOfRange},
		{"lat 90.5", orb.MultiPoint{{0, 0}, {0, 90.5}}, CodeOutOfRange},
		{"projected", orb.Polygon{ring(639420, 5685290, 639420, 5673960, 646720, 5673960, 639420, 5685290)}, CodeOutOfRange},
		{"NaN before range", orb.LineString{{nan, 0}, {500, 0}}, CodeNonFinite},
		{"range before topology", orb.Polygon{ring(0, 0, 200, 2, 200, 0, 0, 2, 0, 0)}, CodeOutOfRange},
		{"topology", orb.Polygon{ring(0, 0, 2, 2, 2, 0, 0, 2, 0, 0)}, CodeSelfIntersection},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := problemCode(t, CheckLonLat(tc.g)); got != tc.code {
				t.Errorf("CheckLonLat = %q, want %q", got, tc.code)
			}
		})
	}
	if err := Check(orb.Point{181, 0}); err != nil {
		t.Errorf("Check must not test the range: %v", err)
	}
}
