package basemap

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// xyzSource is a folder of {z}/{x}/{y}.{png,jpg,jpeg} tiles. A
// tilemapresource.xml (gdal2tiles without --xyz) or a metadata.json with
// "scheme": "tms" (mb-util) marks TMS row order, which is flipped.
type xyzSource struct {
	info
	dir  string
	exts []string // extension tried first, then the others
	tms  bool
}

var tileExts = []string{".png", ".jpg", ".jpeg"}

func openXYZ(dir string) (Source, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, newError(CodeNotFound, dir, "%w", err)
	}
	var zooms []int
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		z, err := strconv.Atoi(e.Name())
		if err == nil && z >= 0 && z <= MaxZoom && strconv.Itoa(z) == e.Name() {
			zooms = append(zooms, z)
		}
	}
	if len(zooms) == 0 {
		return nil, newError(CodeUnknownFormat, dir, "a folder without {z}/{x}/{y} tile sub-folders (named 0, 1, 2 …)")
	}
	sort.Ints(zooms)
	s := &xyzSource{dir: dir}
	s.name = filepath.Base(filepath.Clean(dir))
	s.minZ, s.maxZ = zooms[0], zooms[len(zooms)-1]
	if err := s.readTileMapResource(); err != nil {
		return nil, err
	}
	if err := s.readMetadataJSON(); err != nil {
		return nil, err
	}
	sample, ext := findSampleTile(dir, zooms)
	switch ext {
	case "":
		return nil, newError(CodeUnknownFormat, dir, "tile sub-folders hold no .png, .jpg or .jpeg files")
	case ".webp":
		return nil, newError(CodeUnsupported, dir, "WebP tiles; only PNG and JPEG tiles are drawn")
	case ".pbf", ".mvt":
		return nil, newError(CodeUnsupported, dir, "vector tiles (%s, MVT); only raster tiles are drawn", ext)
	}
	s.exts = []string{ext}
	for _, e := range tileExts {
		if e != ext {
			s.exts = append(s.exts, e)
		}
	}
	if b, err := os.ReadFile(sample); err == nil {
		s.tileSize = tileSizeOf(b)
	}
	return s, nil
}

// findSampleTile returns one tile file of the lowest zoom that has one, and
// its lower-case extension.
func findSampleTile(dir string, zooms []int) (path, ext string) {
	for _, z := range zooms {
		zd := filepath.Join(dir, strconv.Itoa(z))
		xs, err := os.ReadDir(zd)
		if err != nil {
			continue
		}
		for _, x := range xs {
			if !x.IsDir() {
				continue
			}
			ys, err := os.ReadDir(filepath.Join(zd, x.Name()))
			if err != nil {
				continue
			}
			for _, y := range ys {
				e := strings.ToLower(filepath.Ext(y.Name()))
				switch e {
				case ".png", ".jpg", ".jpeg", ".webp", ".pbf", ".mvt":
					return filepath.Join(zd, x.Name(), y.Name()), e
				}
			}
		}
	}
	return "", ""
}

// tileMapResource is the part of gdal2tiles' tilemapresource.xml read here.
type tileMapResource struct {
	Title       string `xml:"Title"`
	BoundingBox struct {
		MinX string `xml:"minx,attr"`
		MinY string `xml:"miny,attr"`
		MaxX string `xml:"maxx,attr"`
		MaxY string `xml:"maxy,attr"`
	} `xml:"BoundingBox"`
	TileSets struct {
		Profile string `xml:"profile,attr"`
	} `xml:"TileSets"`
}

func (s *xyzSource) readTileMapResource() error {
	p := filepath.Join(s.dir, "tilemapresource.xml")
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return newError(CodeCorrupt, p, "%w", err)
	}
	var t tileMapResource
	if err := xml.Unmarshal(b, &t); err != nil {
		return newError(CodeCorrupt, p, "%w", err)
	}
	switch t.TileSets.Profile {
	case "mercator", "global-mercator", "":
	default:
		return newError(CodeUnsupported, s.dir, "gdal2tiles profile %q; only Web Mercator tiles (profile mercator) are drawn", t.TileSets.Profile)
	}
	s.tms = true
	if t.Title != "" {
		s.name = t.Title
	}
	f := func(v string) float64 {
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return nanValue
		}
		return x
	}
	bb := t.BoundingBox
	s.bound, s.hasBound = makeBound(f(bb.MinX), f(bb.MinY), f(bb.MaxX), f(bb.MaxY))
	return nil
}

// readMetadataJSON reads an mb-util style metadata.json: name, bounds,
// scheme.
func (s *xyzSource) readMetadataJSON() error {
	p := filepath.Join(s.dir, "metadata.json")
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return newError(CodeCorrupt, p, "%w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return newError(CodeCorrupt, p, "%w", err)
	}
	if v, ok := m["name"].(string); ok && v != "" {
		s.name = v
	}
	if v, ok := m["bounds"].(string); ok {
		s.bound, s.hasBound = parseBounds(v)
	}
	if v, ok := m["bounds"].([]any); ok && len(v) == 4 {
		var f [4]float64
		good := true
		for i := range v {
			x, ok := v[i].(float64)
			f[i], good = x, good && ok
		}
		if good {
			s.bound, s.hasBound = makeBound(f[0], f[1], f[2], f[3])
		}
	}
	switch m["scheme"] {
	case "tms":
		s.tms = true
	case "xyz":
		s.tms = false
	}
	if v, ok := m["format"].(string); ok {
		switch strings.ToLower(v) {
		case "pbf", "mvt":
			return newError(CodeUnsupported, s.dir, "vector tiles (format %q); only raster tiles are drawn", v)
		case "webp":
			return newError(CodeUnsupported, s.dir, "WebP tiles; only PNG and JPEG tiles are drawn")
		}
	}
	return nil
}

func (s *xyzSource) Tile(ctx context.Context, z, x, y int) (image.Image, error) {
	if s.closed.Load() {
		return nil, newError(CodeNotFound, s.dir, "%w", fs.ErrClosed)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validTile(z, x, y) || z < s.minZ || z > s.maxZ {
		return nil, ErrNoTile
	}
	row := y
	if s.tms {
		row = (1 << z) - 1 - y
	}
	base := filepath.Join(s.dir, strconv.Itoa(z), strconv.Itoa(x), strconv.Itoa(row))
	for _, ext := range s.exts {
		b, err := readLimited(base + ext)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, newError(CodeCorrupt, base+ext, "%w", err)
		}
		return decodeTile(b, base+ext, where(z, x, y))
	}
	return nil, ErrNoTile
}

// readLimited reads a tile file, refusing one beyond maxTileBytes.
func readLimited(p string) ([]byte, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fs.ErrNotExist
	}
	if st.Size() > maxTileBytes {
		return nil, errors.New("tile file too large")
	}
	return os.ReadFile(p)
}

func (s *xyzSource) Close() error {
	if !s.closed.Swap(true) {
		tiles.purge(s)
	}
	return nil
}
