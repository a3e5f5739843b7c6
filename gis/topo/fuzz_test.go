package topo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// FuzzWKBRoundTrip feeds WKB to the orb ↔ GEOS converter: whatever orb can
// read and prepare accepts, GEOS must read, and reading it back must give
// the prepared geometry bit for bit; polygonal must then produce
// well-formed rings. Anything prepare rejects must be an invalid-input
// *Error. Seeds: hand-made shapes and the real Wuhai district boundaries.
func FuzzWKBRoundTrip(f *testing.F) {
	for _, g := range []orb.Geometry{
		rect(0, 0, 1, 1), holed, bowtie, uShape, mineA, mp(mineA, mineB),
		orb.MultiPolygon{}, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}}},
		line(0, 0, 1, 1, 2, 0), orb.MultiLineString{line(0, 0, 1, 1), line(2, 2, 3, 3)},
		orb.Point{1, 2},
	} {
		f.Add(wkb.MustMarshal(g))
	}
	if dir := sharedDataDir(); dir != "" {
		for _, d := range readMultiPolygons(f, filepath.Join(dir, "admin", "wuhai_districts_150300.json")) {
			f.Add(wkb.MustMarshal(d))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := wkb.Unmarshal(data)
		if err != nil {
			return
		}
		want, err := prepare(g)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeInvalidInput {
				t.Fatalf("prepare: %v, want an invalid-input *Error", err)
			}
			return
		}
		var back orb.Geometry
		err = run("round trip", func(s *session) error {
			gg, err := s.fromOrb(g)
			if err != nil {
				return err
			}
			back, err = toOrb(gg)
			return err
		})
		if err != nil {
			t.Fatalf("round trip of %v: %v", want, err)
		}
		if !sameGeometry(want, back) {
			t.Fatalf("round trip changed the geometry\n in  %v\n out %v", want, back)
		}
		for i, p := range polygonal(back) {
			for j, r := range p {
				o := orb.CW
				if j == 0 {
					o = orb.CCW
				}
				if err := ringShape(r, o); err != nil {
					t.Fatalf("polygonal: polygon %d ring %d: %v", i, j, err)
				}
			}
		}
	})
}

// sameGeometry compares type, structure and coordinates exactly (an empty
// slice equals a nil one).
func sameGeometry(a, b orb.Geometry) bool {
	switch a := a.(type) {
	case orb.Polygon:
		b, ok := b.(orb.Polygon)
		return ok && samePolygon(a, b)
	case orb.MultiPolygon:
		b, ok := b.(orb.MultiPolygon)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !samePolygon(a[i], b[i]) {
				return false
			}
		}
		return true
	case orb.LineString:
		b, ok := b.(orb.LineString)
		return ok && samePoints(a, b)
	case orb.MultiLineString:
		b, ok := b.(orb.MultiLineString)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !samePoints(a[i], b[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func samePolygon(a, b orb.Polygon) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !samePoints(a[i], b[i]) {
			return false
		}
	}
	return true
}

func sharedDataDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		return ""
	}
	return data
}
