package topo

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// rect is the counter-clockwise rectangle [x0,x1]×[y0,y1].
func rect(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

// poly builds a one-ring polygon from x, y pairs, closing it.
func poly(xy ...float64) orb.Polygon {
	r := make(orb.Ring, 0, len(xy)/2+1)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, orb.Point{xy[i], xy[i+1]})
	}
	return orb.Polygon{append(r, r[0])}
}

func mp(ps ...orb.Polygon) orb.MultiPolygon { return orb.MultiPolygon(ps) }

// bowtie crosses itself at (1, 1).
var bowtie = poly(0, 0, 2, 2, 2, 0, 0, 2)

// uShape is a 3×3 square with the slot [1,2]×[1,3] cut from its top.
var uShape = poly(0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3)

// vertexSet is the sorted set of distinct vertices of a ring.
func vertexSet(r orb.Ring) []orb.Point {
	seen := map[orb.Point]bool{}
	var out []orb.Point
	for _, p := range r {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sortPoints(out)
	return out
}

func pts(xy ...float64) []orb.Point {
	out := make([]orb.Point, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		out = append(out, orb.Point{xy[i], xy[i+1]})
	}
	sortPoints(out)
	return out
}

func sortPoints(ps []orb.Point) {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i][0] != ps[j][0] {
			return ps[i][0] < ps[j][0]
		}
		return ps[i][1] < ps[j][1]
	})
}

func samePoints(a, b []orb.Point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func area(g orb.Geometry) float64 { return planar.Area(g) }

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// checkShape fails unless every polygon of ps has a counter-clockwise
// exterior, clockwise holes, every ring closed exactly once (its closing
// position appears only at both ends) with no repeated consecutive
// position.
func checkShape(t *testing.T, ps []orb.Polygon) {
	t.Helper()
	for i, p := range ps {
		if len(p) == 0 {
			t.Errorf("polygon %d is empty", i)
			continue
		}
		for j, r := range p {
			want := orb.CW
			if j == 0 {
				want = orb.CCW
			}
			if err := ringShape(r, want); err != nil {
				t.Errorf("polygon %d ring %d: %v", i, j, err)
			}
			if err := noRevisitedStart(r); err != nil {
				t.Errorf("polygon %d ring %d: %v", i, j, err)
			}
		}
	}
}

// ringShape checks what polygonal guarantees for any input: at least four
// positions, closed, no consecutive repeat, wound as want.
func ringShape(r orb.Ring, want orb.Orientation) error {
	if len(r) < 4 {
		return fmt.Errorf("%d positions", len(r))
	}
	if r[0] != r[len(r)-1] {
		return errors.New("not closed")
	}
	for k := 1; k < len(r); k++ {
		if r[k] == r[k-1] {
			return fmt.Errorf("position %d repeats", k)
		}
	}
	if o := r.Orientation(); o != want {
		return fmt.Errorf("orientation %v, want %v", o, want)
	}
	return nil
}

// noRevisitedStart fails if a ring (of a valid result) passes through its
// closing position in the middle: a valid ring never revisits a position.
func noRevisitedStart(r orb.Ring) error {
	for k := 1; k < len(r)-1; k++ {
		if r[k] == r[0] {
			return fmt.Errorf("position %d repeats the closing position", k)
		}
	}
	return nil
}

// errCode returns the Code of a *Error, "" for nil and "other" otherwise.
func errCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "other"
}

func nan() float64 { return math.NaN() }

func inf() float64 { return math.Inf(1) }
