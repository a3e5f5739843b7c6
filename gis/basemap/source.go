package basemap

import (
	"bytes"
	"context"
	"errors"
	"image"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
)

// Source is a tiled raster in Web Mercator (EPSG:3857, XYZ tile numbering,
// 256-px tiles assumed unless the source says otherwise). Its methods are
// safe for concurrent use.
type Source interface {
	// Tile returns the decoded tile z/x/y (XYZ numbering) or ErrNoTile
	// when the source has none there.
	Tile(ctx context.Context, z, x, y int) (image.Image, error)
	// Zooms returns the smallest and largest zoom level held.
	Zooms() (min, max int)
	// Bounds returns the lon/lat extent if the source declares one.
	Bounds() (orb.Bound, bool)
	// Name is a human-readable name: the declared one or the file name.
	Name() string
	// Close releases the file. Tiles cached by Draw are dropped.
	Close() error
}

// tileSizer is implemented by sources that know their tile size in pixels.
type tileSizer interface{ TileSize() int }

// DefaultTileSize is the tile edge in pixels assumed when a source does not
// say.
const DefaultTileSize = 256

// MaxZoom is the largest zoom level accepted (tile numbers fit in 32 bits).
const MaxZoom = 30

// Open opens the tile source at path: a directory is an XYZ folder
// ({z}/{x}/{y}.png|.jpg|.jpeg), a file is recognised by its content as
// MBTiles (SQLite) or PMTiles v3. Errors are *Error.
func Open(path string) (Source, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, newError(CodeNotFound, path, "")
	}
	if err != nil {
		return nil, newError(CodeNotFound, path, "%w", err)
	}
	if st.IsDir() {
		return openXYZ(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, newError(CodeNotFound, path, "%w", err)
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	head = head[:n]
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		f.Close()
		return nil, newError(CodeCorrupt, path, "reading: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, sqliteMagic):
		f.Close()
		return openMBTiles(path)
	case bytes.HasPrefix(head, pmtilesMagic):
		return openPMTiles(path, f, st.Size())
	}
	f.Close()
	if len(head) >= 4 && head[0] == 'P' && head[1] == 'M' && head[3] == 0 && (head[2] == 1 || head[2] == 2) {
		return nil, newError(CodeUnsupported, path, "PMTiles version %d; convert it to version 3 (pmtiles convert)", head[2])
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mbtiles":
		return nil, newError(CodeCorrupt, path, "named .mbtiles but not an SQLite database: %s", describe(head))
	case ".pmtiles":
		return nil, newError(CodeCorrupt, path, "named .pmtiles but has no PMTiles header: %s", describe(head))
	}
	return nil, newError(CodeUnknownFormat, path, "not MBTiles, PMTiles or a tile folder: %s", describe(head))
}

var sqliteMagic = []byte("SQLite format 3\x00")

// describe says in a few words what a file starting with head looks like.
func describe(head []byte) string {
	has := func(p string) bool { return bytes.HasPrefix(head, []byte(p)) }
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(head) == 0:
		return "the file is empty"
	case has("\x89PNG\r\n\x1a\n"):
		return "it is a single PNG image, not a tile set"
	case has("\xff\xd8\xff"):
		return "it is a single JPEG image, not a tile set"
	case has("II*\x00"), has("MM\x00*"), has("II+\x00"), has("MM\x00+"):
		return "it is a TIFF/GeoTIFF image, not a tile set (make MBTiles from it with gdal_translate -of MBTILES)"
	case has("RIFF") && len(head) >= 12 && string(head[8:12]) == "WEBP":
		return "it is a single WebP image, not a tile set"
	case has("%PDF"):
		return "it is a PDF document"
	case has("PK\x03\x04"):
		return "it is a ZIP archive (unpack it first)"
	case has("\x1f\x8b"):
		return "it is gzip-compressed (unpack it first)"
	case len(head) >= 8 && string(head[4:8]) == "ftyp":
		return "it is an ISO media file (AVIF/HEIF/MP4)"
	case bytes.HasPrefix(trimmed, []byte("{")), bytes.HasPrefix(trimmed, []byte("[")):
		return "it is a JSON text (GeoJSON or a style?)"
	case bytes.HasPrefix(trimmed, []byte("<")):
		return "it is an XML or HTML text"
	case len(head) >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x27 && head[3] == 0x0a:
		return "it is an ESRI shapefile"
	}
	return "its first bytes match no known format"
}
