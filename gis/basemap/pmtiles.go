package basemap

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// pmtilesSource reads a PMTiles v3 archive through io.ReaderAt. The root
// directory is kept; leaf directories go through a small LRU.
type pmtilesSource struct {
	info
	path   string
	r      io.ReaderAt
	c      io.Closer
	h      pmHeader
	root   []pmEntry
	leaves *lru[uint64, []pmEntry]
}

// maxLeafDepth bounds the leaf directory chain (the reference writer uses
// at most two levels below the root).
const maxLeafDepth = 4

// maxMetadataBytes bounds the JSON metadata read for the name.
const maxMetadataBytes = 16 << 20

func openPMTiles(path string, f *os.File, size int64) (Source, error) {
	s, err := newPMTiles(path, f, size, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// newPMTiles reads the header and root directory of the size-byte PMTiles
// archive r; c is closed by Close.
func newPMTiles(path string, r io.ReaderAt, size int64, c io.Closer) (_ *pmtilesSource, err error) {
	hb := make([]byte, pmHeaderLen)
	if err := readAt(r, hb, 0); err != nil {
		return nil, newError(CodeCorrupt, path, "PMTiles header: %w", err)
	}
	h, err := parseHeader(hb, size)
	if err != nil {
		return nil, newError(CodeCorrupt, path, "PMTiles header: %w", err)
	}
	if err := checkPMKinds(h); err != nil {
		return nil, newError(CodeUnsupported, path, "%w", err)
	}
	s := &pmtilesSource{path: path, r: r, c: c, h: h, leaves: newLRU[uint64, []pmEntry](64)}
	s.name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	s.minZ, s.maxZ = int(h.minZoom), int(h.maxZoom)
	if h.minLonE7|h.minLatE7|h.maxLonE7|h.maxLatE7 != 0 {
		s.bound, s.hasBound = makeBound(float64(h.minLonE7)/1e7, float64(h.minLatE7)/1e7, float64(h.maxLonE7)/1e7, float64(h.maxLatE7)/1e7)
	}
	s.root, err = s.readDir(h.rootOff, h.rootLen)
	if err != nil {
		return nil, newError(CodeCorrupt, path, "root directory: %w", err)
	}
	if h.metaLen > 0 && h.metaLen <= maxMetadataBytes {
		if b, err := s.readSection(h.metaOff, h.metaLen, h.internalComp, maxMetadataBytes); err == nil {
			var m struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(b, &m) == nil && m.Name != "" {
				s.name = m.Name
			}
		}
	}
	s.tileSize = s.sampleTileSize()
	return s, nil
}

// checkPMKinds refuses compressions and tile types this package cannot
// read.
func checkPMKinds(h pmHeader) error {
	for _, c := range []struct {
		what string
		v    uint8
	}{{"internal", h.internalComp}, {"tile", h.tileComp}} {
		switch c.v {
		case pmCompUnknown, pmCompNone, pmCompGzip:
		case pmCompBrotli:
			return fmt.Errorf("brotli %s compression; only none and gzip are read", c.what)
		case pmCompZstd:
			return fmt.Errorf("zstd %s compression; only none and gzip are read", c.what)
		default:
			return fmt.Errorf("%s compression code %d", c.what, c.v)
		}
	}
	switch h.tileType {
	case pmTypeUnknown, pmTypePNG, pmTypeJPEG:
	case pmTypeMVT:
		return fmt.Errorf("vector tiles (MVT); only raster tiles are drawn")
	case pmTypeWebP:
		return fmt.Errorf("WebP tiles; only PNG and JPEG tiles are drawn")
	case pmTypeAVIF:
		return fmt.Errorf("AVIF tiles; only PNG and JPEG tiles are drawn")
	default:
		return fmt.Errorf("tile type code %d", h.tileType)
	}
	return nil
}

// readSection reads n bytes at off and undoes compression comp.
func (s *pmtilesSource) readSection(off, n uint64, comp uint8, limit int64) ([]byte, error) {
	if n > uint64(limit) {
		return nil, fmt.Errorf("%d bytes, more than %d", n, limit)
	}
	b := make([]byte, n)
	if err := readAt(s.r, b, off); err != nil {
		return nil, err
	}
	return decompress(b, comp, limit)
}

// decompress undoes a PMTiles compression; unknown means "look at the
// bytes".
func decompress(b []byte, comp uint8, limit int64) ([]byte, error) {
	switch {
	case comp == pmCompGzip, comp == pmCompUnknown && len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b:
		out, err := gunzip(b, limit)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return out, nil
	}
	return b, nil
}

func (s *pmtilesSource) readDir(off, n uint64) ([]pmEntry, error) {
	b, err := s.readSection(off, n, s.h.internalComp, maxDirBytes)
	if err != nil {
		return nil, err
	}
	return parseDirectory(b)
}

// leaf returns the leaf directory e points to.
func (s *pmtilesSource) leaf(e pmEntry) ([]pmEntry, error) {
	if es, ok := s.leaves.get(e.offset); ok {
		return es, nil
	}
	if e.offset > s.h.leafLen || uint64(e.length) > s.h.leafLen-e.offset {
		return nil, fmt.Errorf("leaf directory at %d (%d bytes) outside the leaf section", e.offset, e.length)
	}
	es, err := s.readDir(s.h.leafOff+e.offset, uint64(e.length))
	if err != nil {
		return nil, fmt.Errorf("leaf directory at %d: %w", e.offset, err)
	}
	s.leaves.put(e.offset, es)
	return es, nil
}

// lookup finds the data entry of tile id, following leaf directories.
func (s *pmtilesSource) lookup(id uint64) (pmEntry, bool, error) {
	dir := s.root
	for range maxLeafDepth + 1 {
		e, ok := findEntry(dir, id)
		if !ok {
			return pmEntry{}, false, nil
		}
		if e.runLength > 0 {
			return e, true, nil
		}
		var err error
		if dir, err = s.leaf(e); err != nil {
			return pmEntry{}, false, err
		}
	}
	return pmEntry{}, false, fmt.Errorf("leaf directories nested deeper than %d", maxLeafDepth)
}

// tileBytes reads and decompresses the data of entry e.
func (s *pmtilesSource) tileBytes(e pmEntry) ([]byte, error) {
	if e.offset > s.h.dataLen || uint64(e.length) > s.h.dataLen-e.offset {
		return nil, fmt.Errorf("data at %d (%d bytes) outside the tile data section", e.offset, e.length)
	}
	return s.readSection(s.h.dataOff+e.offset, uint64(e.length), s.h.tileComp, maxTileBytes)
}

func (s *pmtilesSource) Tile(ctx context.Context, z, x, y int) (image.Image, error) {
	if s.closed.Load() {
		return nil, newError(CodeNotFound, s.path, "%w", fs.ErrClosed)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validTile(z, x, y) || z < s.minZ || z > s.maxZ {
		return nil, ErrNoTile
	}
	e, ok, err := s.lookup(tileID(z, x, y))
	if err != nil {
		return nil, newError(CodeCorrupt, s.path, "tile %s: %w", where(z, x, y), err)
	}
	if !ok {
		return nil, ErrNoTile
	}
	b, err := s.tileBytes(e)
	if err != nil {
		return nil, newError(CodeCorrupt, s.path, "tile %s: %w", where(z, x, y), err)
	}
	return decodeTile(b, s.path, where(z, x, y))
}

// sampleTileSize reads the first tile reachable from the root (one leaf
// level down at most) for its size.
func (s *pmtilesSource) sampleTileSize() int {
	dir := s.root
	for range 2 {
		if len(dir) == 0 {
			return 0
		}
		e := dir[0]
		if e.runLength > 0 {
			b, err := s.tileBytes(e)
			if err != nil {
				return 0
			}
			return tileSizeOf(b)
		}
		var err error
		if dir, err = s.leaf(e); err != nil {
			return 0
		}
	}
	return 0
}

func (s *pmtilesSource) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	tiles.purge(s)
	return s.c.Close()
}

// readAt fills b from r at off.
func readAt(r io.ReaderAt, b []byte, off uint64) error {
	if off > math.MaxInt64 {
		return io.ErrUnexpectedEOF
	}
	n, err := r.ReadAt(b, int64(off))
	if n == len(b) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}
