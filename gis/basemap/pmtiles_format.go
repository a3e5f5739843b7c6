package basemap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// PMTiles v3 layout (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md).

var pmtilesMagic = []byte("PMTiles\x03")

const pmHeaderLen = 127

// Compression and tile type codes of the PMTiles header.
const (
	pmCompUnknown = 0
	pmCompNone    = 1
	pmCompGzip    = 2
	pmCompBrotli  = 3
	pmCompZstd    = 4

	pmTypeUnknown = 0
	pmTypeMVT     = 1
	pmTypePNG     = 2
	pmTypeJPEG    = 3
	pmTypeWebP    = 4
	pmTypeAVIF    = 5
)

// pmHeader is the fixed 127-byte PMTiles v3 header.
type pmHeader struct {
	rootOff, rootLen   uint64
	metaOff, metaLen   uint64
	leafOff, leafLen   uint64
	dataOff, dataLen   uint64
	addressed          uint64
	entries, contents  uint64
	clustered          bool
	internalComp       uint8
	tileComp           uint8
	tileType           uint8
	minZoom, maxZoom   uint8
	minLonE7, minLatE7 int32
	maxLonE7, maxLatE7 int32
	centerZoom         uint8
	centerLonE7        int32
	centerLatE7        int32
}

// parseHeader decodes and checks a PMTiles v3 header; size is the file
// size, which every section must fit in.
func parseHeader(b []byte, size int64) (pmHeader, error) {
	var h pmHeader
	if len(b) < pmHeaderLen {
		return h, fmt.Errorf("header is %d bytes, want %d", len(b), pmHeaderLen)
	}
	if string(b[:8]) != string(pmtilesMagic) {
		return h, errors.New("no PMTiles v3 magic")
	}
	u64 := func(o int) uint64 { return binary.LittleEndian.Uint64(b[o:]) }
	i32 := func(o int) int32 { return int32(binary.LittleEndian.Uint32(b[o:])) }
	h.rootOff, h.rootLen = u64(8), u64(16)
	h.metaOff, h.metaLen = u64(24), u64(32)
	h.leafOff, h.leafLen = u64(40), u64(48)
	h.dataOff, h.dataLen = u64(56), u64(64)
	h.addressed, h.entries, h.contents = u64(72), u64(80), u64(88)
	h.clustered = b[96] == 1
	h.internalComp, h.tileComp, h.tileType = b[97], b[98], b[99]
	h.minZoom, h.maxZoom = b[100], b[101]
	h.minLonE7, h.minLatE7, h.maxLonE7, h.maxLatE7 = i32(102), i32(106), i32(110), i32(114)
	h.centerZoom = b[118]
	h.centerLonE7, h.centerLatE7 = i32(119), i32(123)

	sections := []struct {
		name     string
		off, len uint64
	}{
		{"root directory", h.rootOff, h.rootLen},
		{"metadata", h.metaOff, h.metaLen},
		{"leaf directories", h.leafOff, h.leafLen},
		{"tile data", h.dataOff, h.dataLen},
	}
	for _, s := range sections {
		if s.off > uint64(size) || s.len > uint64(size)-s.off {
			return h, fmt.Errorf("%s (offset %d, %d bytes) runs past the end of the %d-byte file", s.name, s.off, s.len, size)
		}
	}
	if h.rootLen == 0 {
		return h, errors.New("empty root directory")
	}
	if h.minZoom > h.maxZoom || h.maxZoom > MaxZoom {
		return h, fmt.Errorf("zoom levels %d..%d", h.minZoom, h.maxZoom)
	}
	return h, nil
}

// pmEntry is one directory entry. runLength 0 marks a leaf directory at
// offset within the leaf section; otherwise the entry covers tiles
// tileID..tileID+runLength-1, all stored at offset within the data section.
type pmEntry struct {
	tileID    uint64
	offset    uint64
	length    uint32
	runLength uint32
}

// maxDirBytes bounds a (decompressed) directory.
const maxDirBytes = 64 << 20

// parseDirectory decodes an uncompressed PMTiles v3 directory: the entry
// count, then columns of delta-coded tile IDs, run lengths, lengths and
// offsets (0 meaning "right after the previous entry", else offset+1), all
// unsigned varints.
func parseDirectory(b []byte) ([]pmEntry, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return nil, errors.New("bad entry count")
	}
	b = b[k:]
	// Every entry takes at least four bytes.
	if n > uint64(len(b))/4 {
		return nil, fmt.Errorf("%d entries in %d bytes", n, len(b))
	}
	next := func(what string, i int) (uint64, error) {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, fmt.Errorf("bad %s varint at entry %d", what, i)
		}
		b = b[k:]
		return v, nil
	}
	es := make([]pmEntry, n)
	var id uint64
	for i := range es {
		d, err := next("tile ID", i)
		if err != nil {
			return nil, err
		}
		if i > 0 && d == 0 {
			return nil, fmt.Errorf("tile IDs not increasing at entry %d", i)
		}
		if id+d < id {
			return nil, fmt.Errorf("tile ID overflows at entry %d", i)
		}
		id += d
		es[i].tileID = id
	}
	for i := range es {
		v, err := next("run length", i)
		if err != nil {
			return nil, err
		}
		if v > 1<<32-1 {
			return nil, fmt.Errorf("run length %d at entry %d", v, i)
		}
		es[i].runLength = uint32(v)
	}
	for i := range es {
		v, err := next("length", i)
		if err != nil {
			return nil, err
		}
		if v == 0 || v > 1<<32-1 {
			return nil, fmt.Errorf("length %d at entry %d", v, i)
		}
		es[i].length = uint32(v)
	}
	for i := range es {
		v, err := next("offset", i)
		if err != nil {
			return nil, err
		}
		switch {
		case v == 0 && i == 0:
			return nil, errors.New("first entry has a relative offset")
		case v == 0:
			p := es[i-1]
			es[i].offset = p.offset + uint64(p.length)
		default:
			es[i].offset = v - 1
		}
	}
	return es, nil
}

// findEntry returns the entry whose tile range holds id, or the leaf
// directory entry that may hold it; ok is false when neither exists.
func findEntry(es []pmEntry, id uint64) (pmEntry, bool) {
	// Last entry with tileID <= id.
	i := sort.Search(len(es), func(i int) bool { return es[i].tileID > id }) - 1
	if i < 0 {
		return pmEntry{}, false
	}
	e := es[i]
	if e.runLength == 0 || id-e.tileID < uint64(e.runLength) {
		return e, true
	}
	return pmEntry{}, false
}

// tileID is the PMTiles tile ID of z/x/y: the tiles of all lower zooms,
// then the position along the zoom's Hilbert curve.
func tileID(z, x, y int) uint64 {
	acc := (uint64(1)<<(2*uint(z)) - 1) / 3
	n := uint64(1) << uint(z)
	ux, uy := uint64(x), uint64(y)
	var d uint64
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint64
		if ux&s != 0 {
			rx = 1
		}
		if uy&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		// Rotate the quadrant.
		if ry == 0 {
			if rx == 1 {
				ux = n - 1 - ux
				uy = n - 1 - uy
			}
			ux, uy = uy, ux
		}
	}
	return acc + d
}
