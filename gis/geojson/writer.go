package geojson

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Errors returned (wrapped) by Writer.Write.
var (
	ErrInvalidProperties = errors.New("properties are not a json object or null")
	ErrInvalidID         = errors.New("id is not a json string or number")
	ErrNonFinite         = errors.New("coordinate is nan or infinite")
	ErrNestedCollection  = errors.New("geometrycollection inside a geometrycollection")
	ErrUnsupportedGeom   = errors.New("unsupported geometry type")
	ErrClosed            = errors.New("writer is closed")
)

// Writer writes a FeatureCollection, one feature per line, as features
// arrive. Coordinates get at most 7 decimals (strconv 'f' format with
// trailing zeros trimmed); rings are oriented as RFC 7946 §3.1.6 asks,
// exterior rings counter-clockwise and holes clockwise (the shoelace sign
// decides; rings are written reversed when needed, the caller's geometry is
// not modified). orb.Ring and orb.Bound are written as Polygons.
type Writer struct {
	bw      *bufio.Writer
	buf     []byte
	n       int
	started bool
	closed  bool
	err     error
}

// NewWriter returns a Writer to w. Nothing is written before the first
// Write or Close.
func NewWriter(w io.Writer) *Writer {
	return &Writer{bw: bufio.NewWriterSize(w, 64<<10)}
}

const header = `{"type":"FeatureCollection","features":[` + "\n"

// Write appends one feature. id is raw JSON (a string token or a number) or
// nil for none; props is raw JSON of an object, written byte-exact, or nil
// for null.
func (w *Writer) Write(id []byte, g orb.Geometry, props []byte) error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if id != nil {
		if _, ok := StringValue(id); !ok {
			return fmt.Errorf("geojson: writing feature %d: %w", w.n, ErrInvalidID)
		}
	}
	if props != nil {
		k := ValueKind(props)
		p := &parser{data: props}
		if (k != KindObject && k != KindNull) || p.validateAll() != nil {
			return fmt.Errorf("geojson: writing feature %d: %w", w.n, ErrInvalidProperties)
		}
	}
	b := w.buf[:0]
	if !w.started {
		b = append(b, header...)
	} else {
		b = append(b, ",\n"...)
	}
	b = append(b, `{"type":"Feature",`...)
	if id != nil {
		b = append(b, `"id":`...)
		b = append(b, trimSpace(id)...)
		b = append(b, ',')
	}
	b = append(b, `"geometry":`...)
	var err error
	if b, err = appendGeometry(b, g, false); err != nil {
		return fmt.Errorf("geojson: writing feature %d: %w", w.n, err)
	}
	b = append(b, `,"properties":`...)
	if props == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, trimSpace(props)...)
	}
	b = append(b, '}')
	w.buf = b
	w.n++
	w.started = true
	if _, err := w.bw.Write(b); err != nil {
		w.err = fmt.Errorf("geojson: writing feature %d: %w", w.n-1, err)
		return w.err
	}
	return nil
}

// Close ends the collection and flushes. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.bw.WriteString(header)
	} else {
		w.bw.WriteString("\n")
	}
	w.bw.WriteString("]}\n")
	if err := w.bw.Flush(); err != nil {
		w.err = fmt.Errorf("geojson: finishing the collection: %w", err)
	}
	return w.err
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func appendGeometry(b []byte, g orb.Geometry, inCollection bool) ([]byte, error) {
	var err error
	switch g := g.(type) {
	case nil:
		return append(b, "null"...), nil
	case orb.Point:
		b = append(b, `{"type":"Point","coordinates":`...)
		b, err = appendPoint(b, g)
	case orb.MultiPoint:
		b = append(b, `{"type":"MultiPoint","coordinates":`...)
		b, err = appendPoints(b, g, false)
	case orb.LineString:
		b = append(b, `{"type":"LineString","coordinates":`...)
		b, err = appendPoints(b, g, false)
	case orb.MultiLineString:
		b = append(b, `{"type":"MultiLineString","coordinates":[`...)
		for i, ls := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendPoints(b, ls, false); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	case orb.Ring:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, err = appendPolygon(b, orb.Polygon{g})
	case orb.Bound:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, err = appendPolygon(b, g.ToPolygon())
	case orb.Polygon:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, err = appendPolygon(b, g)
	case orb.MultiPolygon:
		b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
		for i, p := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendPolygon(b, p); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	case orb.Collection:
		if inCollection {
			return b, ErrNestedCollection
		}
		b = append(b, `{"type":"GeometryCollection","geometries":[`...)
		for i, m := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if m == nil {
				return b, fmt.Errorf("%w: nil member of a collection", ErrUnsupportedGeom)
			}
			if b, err = appendGeometry(b, m, true); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	default:
		return b, fmt.Errorf("%w: %T", ErrUnsupportedGeom, g)
	}
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// appendPolygon writes rings, the first counter-clockwise, the rest clockwise.
func appendPolygon(b []byte, p orb.Polygon) ([]byte, error) {
	b = append(b, '[')
	var err error
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		a := signedArea(r)
		reverse := (i == 0 && a < 0) || (i > 0 && a > 0)
		if b, err = appendPoints(b, r, reverse); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// signedArea is twice the shoelace area of r: positive when counter-clockwise
// (x east, y north). Coordinates are taken relative to the first vertex to
// keep precision.
func signedArea(r []orb.Point) float64 {
	if len(r) < 3 {
		return 0
	}
	x0, y0 := r[0][0], r[0][1]
	var s float64
	for i := 1; i+1 < len(r); i++ {
		ax, ay := r[i][0]-x0, r[i][1]-y0
		bx, by := r[i+1][0]-x0, r[i+1][1]-y0
		s += ax*by - bx*ay
	}
	return s
}

func appendPoints(b []byte, pts []orb.Point, reverse bool) ([]byte, error) {
	b = append(b, '[')
	var err error
	for i := range pts {
		if i > 0 {
			b = append(b, ',')
		}
		j := i
		if reverse {
			j = len(pts) - 1 - i
		}
		if b, err = appendPoint(b, pts[j]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func appendPoint(b []byte, p orb.Point) ([]byte, error) {
	b = append(b, '[')
	b, err := appendCoord(b, p[0])
	if err != nil {
		return b, err
	}
	b = append(b, ',')
	if b, err = appendCoord(b, p[1]); err != nil {
		return b, err
	}
	return append(b, ']'), nil
}

// appendCoord writes v with at most 7 decimals, trailing zeros trimmed.
func appendCoord(b []byte, v float64) ([]byte, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b, ErrNonFinite
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 7, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b, nil
}
