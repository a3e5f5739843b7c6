package basemap

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
)

// maxTilePixels bounds a tile's edge so a damaged or hostile file cannot
// make the decoder allocate gigabytes.
const maxTilePixels = 4096

// maxTileBytes bounds the stored (and gunzipped) size of one tile.
const maxTileBytes = 32 << 20

// tileKind names what tile bytes look like, for messages and checks.
func tileKind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "jpeg"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		return "avif"
	case bytes.HasPrefix(b, []byte("\x1f\x8b")):
		return "gzip"
	}
	return ""
}

// decodeTile decodes PNG or JPEG tile bytes; where names the tile in
// messages.
func decodeTile(b []byte, path, where string) (image.Image, error) {
	kind := tileKind(b)
	var dec func(io.Reader) (image.Image, error)
	var cfg func(io.Reader) (image.Config, error)
	switch kind {
	case "png":
		dec, cfg = png.Decode, png.DecodeConfig
	case "jpeg":
		dec, cfg = jpeg.Decode, jpeg.DecodeConfig
	case "webp", "avif":
		return nil, newError(CodeUnsupported, path, "tile %s is %s, only PNG and JPEG tiles are drawn", where, kind)
	case "gzip":
		return nil, newError(CodeUnsupported, path, "tile %s is gzip-compressed data, most likely a vector tile (MVT); only raster tiles are drawn", where)
	default:
		return nil, newError(CodeCorrupt, path, "tile %s is neither PNG nor JPEG (%d bytes)", where, len(b))
	}
	c, err := cfg(bytes.NewReader(b))
	if err != nil {
		return nil, newError(CodeCorrupt, path, "tile %s: %w", where, err)
	}
	if c.Width <= 0 || c.Height <= 0 || c.Width > maxTilePixels || c.Height > maxTilePixels {
		return nil, newError(CodeCorrupt, path, "tile %s is %d×%d pixels", where, c.Width, c.Height)
	}
	img, err := dec(bytes.NewReader(b))
	if err != nil {
		return nil, newError(CodeCorrupt, path, "tile %s: %w", where, err)
	}
	return img, nil
}

// tileSizeOf returns the edge of the tile in b, or 0 when it cannot be read.
func tileSizeOf(b []byte) int {
	var c image.Config
	var err error
	switch tileKind(b) {
	case "png":
		c, err = png.DecodeConfig(bytes.NewReader(b))
	case "jpeg":
		c, err = jpeg.DecodeConfig(bytes.NewReader(b))
	default:
		return 0
	}
	if err != nil || c.Width != c.Height || c.Width <= 0 || c.Width > maxTilePixels {
		return 0
	}
	return c.Width
}

// gunzip decompresses b, refusing more than limit bytes of output.
func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("decompresses to more than %d bytes", limit)
	}
	return out, nil
}

// where formats a tile address for messages.
func where(z, x, y int) string { return fmt.Sprintf("%d/%d/%d", z, x, y) }

// validTile reports whether z/x/y is a tile address at all.
func validTile(z, x, y int) bool {
	if z < 0 || z > MaxZoom {
		return false
	}
	n := 1 << z
	return x >= 0 && x < n && y >= 0 && y < n
}
