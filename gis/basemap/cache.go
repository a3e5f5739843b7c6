package basemap

import (
	"image"
	"image/draw"
	"reflect"
)

// CacheTiles is how many decoded tiles Draw keeps across calls (all sources
// together). A 256-px tile takes 256 KiB, so the cache stays under 64 MiB
// for such tiles.
const CacheTiles = 256

type tileKey struct {
	src     Source
	z, x, y int
}

// tileCache holds decoded tiles as premultiplied RGBA with origin (0, 0);
// a nil image records a tile the source does not have.
type tileCache struct{ l *lru[tileKey, *image.RGBA] }

var tiles = tileCache{l: newLRU[tileKey, *image.RGBA](CacheTiles)}

// purge drops every tile of src (called by Close).
func (c tileCache) purge(src Source) {
	c.l.removeIf(func(k tileKey) bool { return k.src == src })
}

// cacheable reports whether src can be a map key (a pointer or other
// comparable type); other sources are read afresh on every Draw.
func cacheable(src Source) bool {
	return reflect.TypeOf(src).Comparable()
}

// toRGBA converts img to *image.RGBA with its origin at (0, 0).
func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok && m.Rect.Min == (image.Point{}) {
		return m
	}
	b := img.Bounds()
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Rect, img, b.Min, draw.Src)
	return m
}
