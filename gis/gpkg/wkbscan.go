package gpkg

import (
	"encoding/binary"
	"math"
)

// WKB geometry type codes (ISO 13249-3), without the Z/M thousands.
const (
	wkbPoint              = 1
	wkbLineString         = 2
	wkbPolygon            = 3
	wkbMultiPoint         = 4
	wkbMultiLineString    = 5
	wkbMultiPolygon       = 6
	wkbGeometryCollection = 7
)

// maxNesting bounds the depth of nested geometry collections.
const maxNesting = 32

// bounds accumulates the 2D extent of the coordinates it is shown.
type bounds struct {
	minx, maxx, miny, maxy float64
	n                      int // coordinates seen (empty points excluded)
}

func (a *bounds) add(x, y float64) {
	if a.n == 0 {
		a.minx, a.maxx, a.miny, a.maxy = x, x, y, y
	} else {
		a.minx = min(a.minx, x)
		a.maxx = max(a.maxx, x)
		a.miny = min(a.miny, y)
		a.maxy = max(a.maxy, y)
	}
	a.n++
}

// wkbScanner walks ISO WKB without allocating: it checks that every count
// fits in the bytes that remain (so a decoder never allocates more than the
// blob can hold), that nested types are the ones their parent allows, and
// optionally accumulates the extent.
type wkbScanner struct {
	b      []byte
	acc    *bounds // nil: validate only
	points int     // coordinates scanned, empty points included
}

// geometry scans one geometry at off and returns the offset after it.
// want is the required type code (0: any) and dims the required dimension
// count (0: any), as multi-geometries impose on their members.
func (s *wkbScanner) geometry(off, want, dims, depth int) (int, error) {
	if depth > maxNesting {
		return 0, errorf(CodeBadWKB, "geometry collections nested deeper than %d", maxNesting)
	}
	if len(s.b)-off < 5 {
		return 0, errorf(CodeTruncated, "wkb truncated at byte %d", off)
	}
	var be bool // big-endian WKB
	switch s.b[off] {
	case 0:
		be = true
	case 1:
	default:
		return 0, errorf(CodeBadWKB, "invalid wkb byte be %d at byte %d", s.b[off], off)
	}
	code := u32(s.b[off+1:], be)
	off += 5
	typ := int(code % 1000)
	d := 2
	switch code / 1000 {
	case 0:
	case 1, 2:
		d = 3
	case 3:
		d = 4
	default:
		return 0, errorf(CodeUnsupportedType, "unsupported wkb geometry type %d", code)
	}
	if typ < wkbPoint || typ > wkbGeometryCollection {
		return 0, errorf(CodeUnsupportedType, "unsupported wkb geometry type %d", code)
	}
	if want != 0 && typ != want {
		return 0, errorf(CodeBadWKB, "wkb type %d where %d is required", typ, want)
	}
	if dims != 0 && d != dims {
		return 0, errorf(CodeBadWKB, "member of %d dimensions in a %d-dimension multi-geometry", d, dims)
	}
	switch typ {
	case wkbPoint:
		return s.coords(off, 1, d, be, true)
	case wkbLineString:
		return s.counted(off, d, be)
	case wkbPolygon:
		n, off, err := s.count(off, 4, be)
		if err != nil {
			return 0, err
		}
		for range n {
			if off, err = s.counted(off, d, be); err != nil {
				return 0, err
			}
		}
		return off, nil
	default:
		member, minSize := 0, 9
		switch typ {
		case wkbMultiPoint:
			member, minSize = wkbPoint, 5+8*d
		case wkbMultiLineString:
			member, minSize = wkbLineString, 9
		case wkbMultiPolygon:
			member, minSize = wkbPolygon, 9
		}
		n, off, err := s.count(off, minSize, be)
		if err != nil {
			return 0, err
		}
		memberDims := d
		if typ == wkbGeometryCollection {
			memberDims = 0
		}
		for range n {
			if off, err = s.geometry(off, member, memberDims, depth+1); err != nil {
				return 0, err
			}
		}
		return off, nil
	}
}

// count reads a uint32 count at off and checks that count members of at
// least minSize bytes each fit in what remains.
func (s *wkbScanner) count(off, minSize int, be bool) (int, int, error) {
	if len(s.b)-off < 4 {
		return 0, 0, errorf(CodeTruncated, "wkb truncated at byte %d", off)
	}
	n := int(u32(s.b[off:], be))
	off += 4
	if n > (len(s.b)-off)/minSize {
		return 0, 0, errorf(CodeTruncated, "wkb declares %d members at byte %d but holds fewer", n, off-4)
	}
	return n, off, nil
}

// counted scans a point count and that many points.
func (s *wkbScanner) counted(off, d int, be bool) (int, error) {
	n, off, err := s.count(off, 8*d, be)
	if err != nil {
		return 0, err
	}
	return s.coords(off, n, d, be, false)
}

// coords scans n points of d doubles. A lone point whose x and y are both NaN
// is the empty point.
func (s *wkbScanner) coords(off, n, d int, be bool, lone bool) (int, error) {
	size := n * d * 8
	if len(s.b)-off < size {
		return 0, errorf(CodeTruncated, "wkb truncated at byte %d", off)
	}
	s.points += n
	if s.acc != nil {
		for i := range n {
			p := off + i*d*8
			x := math.Float64frombits(u64(s.b[p:], be))
			y := math.Float64frombits(u64(s.b[p+8:], be))
			if lone && math.IsNaN(x) && math.IsNaN(y) {
				continue
			}
			s.acc.add(x, y)
		}
	}
	return off + size, nil
}

// scanWKB validates the WKB at the start of b and returns its length.
func scanWKB(b []byte, acc *bounds) (int, error) {
	s := wkbScanner{b: b, acc: acc}
	return s.geometry(0, 0, 0, 0)
}

// countWKB validates the WKB at the start of b and returns its length and
// the number of coordinates it holds.
func countWKB(b []byte) (n, points int, err error) {
	s := wkbScanner{b: b}
	n, err = s.geometry(0, 0, 0, 0)
	return n, s.points, err
}

// u32 and u64 read an integer in the given byte be (true: big-endian)
// without going through the binary.ByteOrder interface, which would make
// the scanned slice escape to the heap.
func u32(b []byte, bigEndian bool) uint32 {
	if bigEndian {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

func u64(b []byte, bigEndian bool) uint64 {
	if bigEndian {
		return binary.BigEndian.Uint64(b)
	}
	return binary.LittleEndian.Uint64(b)
}
