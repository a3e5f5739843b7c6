package geojson

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// coords.go: the "coordinates" member, the hot path. Positions go into a
// reused scratch slice, array lengths per nesting level into p.cnt; the orb
// geometry is then built with one backing array for all its points.

// coordFail records why the coordinates could not be read (the caller
// re-validates the value, so a plain syntax error is reported as such).
func (p *parser) coordFail(detail string) bool {
	p.cdetail = detail
	p.cat = p.i
	return false
}

// coords parses the coordinates value at p.i for geometry type gt.
func (p *parser) coords(gt geomType) (orb.Geometry, error) {
	start := p.i
	p.pts = p.pts[:0]
	for d := range p.cnt {
		p.cnt[d] = p.cnt[d][:0]
	}
	p.curType = gt
	p.inf = false
	if gt == gPoint && p.emptyArray() { // RFC 7946 §3.1: empty coordinates may be read as null
		return nil, nil
	}
	if !p.coordArray(geomDepth[gt]) {
		detail, at := p.cdetail, p.cat
		p.i = start
		if err := p.skip(); err != nil {
			return nil, err
		}
		if detail == "" {
			detail = "malformed coordinates"
		}
		p.fail(CodeBadCoordinates, at, detail)
		return nil, nil
	}
	return p.build(gt), nil
}

// emptyArray consumes `[ ]` at p.i if that is what is there.
func (p *parser) emptyArray() bool {
	i := p.i
	if i >= len(p.data) || p.data[i] != '[' {
		return false
	}
	i++
	for i < len(p.data) && isSpace(p.data[i]) {
		i++
	}
	if i < len(p.data) && p.data[i] == ']' {
		p.i = i + 1
		return true
	}
	return false
}

func (p *parser) levels() string {
	name := strings.ToLower(geomNames[p.curType])
	if d := geomDepth[p.curType]; d > 1 {
		return fmt.Sprintf("%s coordinates are %d levels of nested arrays", name, d)
	}
	return name + " coordinates are one array of numbers"
}

// coordArray reads an array nested depth levels (1 = a position).
func (p *parser) coordArray(depth int) bool {
	data := p.data
	p.ws()
	if p.i >= len(data) {
		return p.coordFail("")
	}
	if data[p.i] != '[' {
		return p.coordFail(fmt.Sprintf("expected an array, found %s: %s", kindName(data[p.i]), p.levels()))
	}
	p.i++
	if depth == 1 {
		return p.position()
	}
	p.ws()
	if p.i < len(data) && data[p.i] == ']' {
		p.i++
		p.cnt[depth] = append(p.cnt[depth], 0)
		return true
	}
	n := 0
	for {
		if !p.coordArray(depth - 1) {
			return false
		}
		n++
		p.ws()
		if p.i >= len(data) {
			return p.coordFail("")
		}
		c := data[p.i]
		if c == ',' {
			p.i++
			continue
		}
		if c == ']' {
			p.i++
			break
		}
		return p.coordFail("")
	}
	p.cnt[depth] = append(p.cnt[depth], n)
	return true
}

// position reads the numbers of one position; '[' is already consumed.
func (p *parser) position() bool {
	data := p.data
	var v [4]float64
	n := 0
	p.ws()
	if p.i < len(data) && data[p.i] == ']' {
		p.i++
		return p.coordFail("a position has no numbers; it needs 2 or 3")
	}
	for {
		p.ws()
		if p.i >= len(data) {
			return p.coordFail("")
		}
		c := data[p.i]
		if c != '-' && (c < '0' || c > '9') {
			if c == '[' {
				return p.coordFail(fmt.Sprintf("expected a number, found an array: %s", p.levels()))
			}
			return p.coordFail(fmt.Sprintf("coordinate %d is %s, not a number", n+1, kindName(c)))
		}
		f, ok := p.number()
		if !ok {
			return p.coordFail("")
		}
		if n < 4 {
			v[n] = f
		}
		n++
		p.ws()
		if p.i >= len(data) {
			return p.coordFail("")
		}
		c = data[p.i]
		if c == ',' {
			p.i++
			continue
		}
		if c == ']' {
			p.i++
			break
		}
		return p.coordFail("")
	}
	if n < 2 || n > 4 {
		return p.coordFail(fmt.Sprintf("a position has %d %s; it needs 2 or 3 (a 4th, m, is dropped)", n, plural(n, "number")))
	}
	if p.inf {
		return p.coordFail("a coordinate is too large for a 64-bit float")
	}
	if n > 2 {
		p.hasZ = true
	}
	p.pts = append(p.pts, orb.Point{v[0], v[1]})
	return true
}

// build makes the orb geometry from p.pts and p.cnt.
func (p *parser) build(gt geomType) orb.Geometry {
	pts := p.pts
	switch gt {
	case gPoint:
		return pts[0]
	case gMultiPoint:
		return orb.MultiPoint(clonePoints(pts))
	case gLineString:
		return orb.LineString(clonePoints(pts))
	case gMultiLineString:
		back := clonePoints(pts)
		out := make(orb.MultiLineString, len(p.cnt[2]))
		off := 0
		for k, n := range p.cnt[2] {
			out[k] = orb.LineString(back[off : off+n : off+n])
			off += n
		}
		return out
	case gPolygon:
		back := clonePoints(pts)
		out := make(orb.Polygon, len(p.cnt[2]))
		off := 0
		for k, n := range p.cnt[2] {
			out[k] = orb.Ring(back[off : off+n : off+n])
			off += n
		}
		return out
	case gMultiPolygon:
		back := clonePoints(pts)
		rings := p.cnt[2]
		ringBack := make([]orb.Ring, len(rings))
		out := make(orb.MultiPolygon, len(p.cnt[3]))
		ri, off := 0, 0
		for k, nr := range p.cnt[3] {
			poly := orb.Polygon(ringBack[ri : ri+nr : ri+nr])
			for j := range poly {
				n := rings[ri+j]
				poly[j] = orb.Ring(back[off : off+n : off+n])
				off += n
			}
			ri += nr
			out[k] = poly
		}
		return out
	}
	return nil
}

func clonePoints(pts []orb.Point) []orb.Point {
	out := make([]orb.Point, len(pts))
	copy(out, pts)
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
