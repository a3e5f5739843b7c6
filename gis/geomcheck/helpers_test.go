package geomcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"testing"

	"github.com/paulmach/orb"
)

// Test helpers: locating the shared data and a small GeoJSON reader (the
// orb/geojson package would pull a new module into go.mod). The reader
// accepts the non-standard NaN and Infinity tokens some test files use.

// sharedData returns the path of /work/shared/data found relative to the
// module root, skipping the test when the folder is absent.
func sharedData(t testing.TB) string {
	t.Helper()
	dir := sharedDataDir()
	if dir == "" {
		t.Skip("shared data folder not available")
	}
	return dir
}

// num is a JSON number that also accepts the strings "NaN", "Infinity"
// and "-Infinity".
type num float64

func (n *num) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		switch s {
		case "NaN":
			*n = num(math.NaN())
		case "Infinity":
			*n = num(math.Inf(1))
		case "-Infinity":
			*n = num(math.Inf(-1))
		default:
			return fmt.Errorf("bad number %q", s)
		}
		return nil
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*n = num(f)
	return err
}

type position []num

func (p position) point() (orb.Point, error) {
	if len(p) < 2 {
		return orb.Point{}, fmt.Errorf("position with %d coordinates", len(p))
	}
	return orb.Point{float64(p[0]), float64(p[1])}, nil
}

type object struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometries  []object        `json:"geometries"`
	Geometry    *object         `json:"geometry"`
	Features    []object        `json:"features"`
}

var nonFinite = regexp.MustCompile(`([\[,]\s*)(-?Infinity|NaN)`)

// decodeGeoJSON returns the geometries of a GeoJSON text (geometry,
// Feature or FeatureCollection); null geometries are skipped.
func decodeGeoJSON(b []byte) ([]orb.Geometry, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // UTF-8 byte-order mark
	b = nonFinite.ReplaceAll(b, []byte(`$1"$2"`))
	var o object
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	var out []orb.Geometry
	var walk func(o object) error
	walk = func(o object) error {
		switch o.Type {
		case "FeatureCollection":
			for _, f := range o.Features {
				if err := walk(f); err != nil {
					return err
				}
			}
			return nil
		case "Feature":
			if o.Geometry == nil {
				return nil
			}
			return walk(*o.Geometry)
		}
		g, err := decodeGeometry(o)
		if err == nil {
			out = append(out, g)
		}
		return err
	}
	return out, walk(o)
}

func decodeGeometry(o object) (orb.Geometry, error) {
	pts := func(ps []position) ([]orb.Point, error) {
		out := make([]orb.Point, len(ps))
		for i, p := range ps {
			var err error
			if out[i], err = p.point(); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	poly := func(rs [][]position) (orb.Polygon, error) {
		p := make(orb.Polygon, len(rs))
		for i, r := range rs {
			ring, err := pts(r)
			if err != nil {
				return nil, err
			}
			p[i] = ring
		}
		return p, nil
	}
	switch o.Type {
	case "Point":
		var c position
		if err := json.Unmarshal(o.Coordinates, &c); err != nil {
			return nil, err
		}
		return c.point()
	case "MultiPoint":
		var c []position
		if err := json.Unmarshal(o.Coordinates, &c); err != nil {
			return nil, err
		}
		p, err := pts(c)
		return orb.MultiPoint(p), err
	case "LineString":
		var c []position
		if err := json.Unmarshal(o.Coordinates, &c); err != nil {
			return nil, err
		}
		p, err := pts(c)
		return orb.LineString(p), err
	case "MultiLineString":
		var c [][]position
		if err := json.Unmarshal(o.Coordinates, &c); err != nil {
			return nil, err
		}
		m := orb.MultiLineString{}
		for _, l := range c {
			p, err := pts(l)
			if err != nil {
				return nil, err
			}
			m = append(m, p)
		}
		return m, nil
	case "Polygon":
		var c [][]position
		if err := json.Unmarshal(o.Coordinates, &c); err != nil {
			return nil, err
		}
		return poly(c)
	case "MultiPolygon":
		var c [][][]position
		if err := json.Unmarshal(o.Coordinates, &c); err != nil {
			return nil, err
		}
		m := orb.MultiPolygon{}
		for _, pc := range c {
			p, err := poly(pc)
			if err != nil {
				return nil, err
			}
			m = append(m, p)
		}
		return m, nil
	case "GeometryCollection":
		c := orb.Collection{}
		for _, m := range o.Geometries {
			g, err := decodeGeometry(m)
			if err != nil {
				return nil, err
			}
			c = append(c, g)
		}
		return c, nil
	}
	return nil, fmt.Errorf("unsupported type %q", o.Type)
}

// problemCode returns the Code of err ("" for nil) and fails on other errors.
func problemCode(t testing.TB, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	p, ok := err.(*Problem)
	if !ok {
		t.Fatalf("error %v is %T, want *Problem", err, err)
	}
	return p.Code
}
