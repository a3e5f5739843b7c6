package app

import (
	"fmt"
	"image"
	"math"
	"strings"

	"minerehab/gis/render"
	"minerehab/models"
)

// A pan moves the map as a whole, pixel for pixel (render.View.Pan keeps
// the projection's scale latitude), so the frame before a pan holds all
// of the frame after it but the bands along the edges the pan uncovers.
// MapCache keeps the last frame it drew, without its labels and scale
// bar (they are placed again over every frame: a label may move or
// appear as the map moves), and draws only those bands: while the mouse
// drags, each frame costs the few percent of the map it uncovers, and
// the frame after the mouse stops comes as soon.

// lastFrame is the frame a MapCache drew last, before its labels.
type lastFrame struct {
	img    *image.RGBA
	view   render.View
	layers []*mapLayer // the layers drawn, in order (identity: Invalidate replaces them)
	styles string      // styleKey of the symbology
	ratio  float64
}

// maxShiftError is how far, in pixels, the frame before may lie from a
// whole-pixel shift of the frame now and still be taken from: floating
// point rounding only (a pan keeps the scale factors exactly).
const maxShiftError = 1e-3

// prevFor returns what of the last frame a frame of v drawn from layers
// with opt can take, or nil.
func (c *MapCache) prevFor(v render.View, layers []*mapLayer, opt MapOptions) *prevFrame {
	if opt.Basemap != nil {
		return nil // the last frame is not kept then
	}
	c.mu.Lock()
	lf := c.last
	c.mu.Unlock()
	if lf == nil || lf.ratio != opt.ratio() || len(lf.layers) != len(layers) || lf.styles != styleKey(opt.Styles) {
		return nil
	}
	for i := range layers {
		if lf.layers[i] != layers[i] {
			return nil
		}
	}
	pv := lf.view
	if pv.MetresPerPixel != v.MetresPerPixel {
		return nil
	}
	// Where the corners of each frame fall in the other: the same
	// whole-pixel shift for all, or the projections differ.
	at, ok := wholeShift(pv, v)
	if !ok {
		return nil
	}
	if back, ok := wholeShift(v, pv); !ok || back != at.Mul(-1) {
		return nil
	}
	if !lf.img.Rect.Sub(at).Overlaps(image.Rect(0, 0, v.Width, v.Height)) {
		return nil
	}
	return &prevFrame{img: lf.img, at: at}
}

// wholeShift returns the whole-pixel shift s that takes the corners of
// frame to to those of frame from (pixel p of to is pixel p+s of from);
// ok is false when they do not agree to maxShiftError.
func wholeShift(from, to render.View) (s image.Point, ok bool) {
	for i, c := range [][2]float64{{0, 0}, {float64(to.Width), float64(to.Height)}} {
		x, y := from.ToPixel(to.ToLonLat(c[0], c[1]))
		x, y = x-c[0], y-c[1]
		rx, ry := math.Round(x), math.Round(y)
		if !(math.Abs(x-rx) <= maxShiftError && math.Abs(y-ry) <= maxShiftError) || math.Abs(rx) > 1<<20 || math.Abs(ry) > 1<<20 {
			return s, false
		}
		if p := image.Pt(int(rx), int(ry)); i == 0 {
			s = p
		} else if p != s {
			return s, false
		}
	}
	return s, true
}

// forgetFrame drops the last frame: the next is drawn whole.
func (c *MapCache) forgetFrame() {
	c.mu.Lock()
	c.last = nil
	c.mu.Unlock()
}

// keepFrame makes img (v's frame before its labels) the last frame, unless
// a layer drawn was invalidated meanwhile.
func (c *MapCache) keepFrame(img *image.RGBA, v render.View, layers []*mapLayer, opt MapOptions) {
	if img == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ml := range layers {
		if !c.holds(ml) {
			return
		}
	}
	c.last = &lastFrame{img: img, view: v, layers: layers, styles: styleKey(opt.Styles), ratio: opt.ratio()}
}

// holds reports whether ml is one of the layers c keeps; c.mu is held.
func (c *MapCache) holds(ml *mapLayer) bool {
	for _, cl := range c.layers {
		if cl.layer == ml {
			return true
		}
	}
	return false
}

// styleKey writes out what of styles the features' pixels depend on
// (order, opacity, colours, widths; not the labels), by value: a style
// changed in place must not match the frame drawn before.
func styleKey(styles []models.LayerStyle) string {
	var b strings.Builder
	col := func(c interface{ RGBA() (r, g, b, a uint32) }, ok bool) string {
		if !ok {
			return "-"
		}
		r, g, bl, a := c.RGBA()
		return fmt.Sprintf("%x.%x.%x.%x", r, g, bl, a)
	}
	for _, s := range styles {
		fmt.Fprintf(&b, "%s|%t|%d|%g|%s|%s|%g;", s.Layer, s.Visible, s.Order, s.Opacity,
			col(s.Fill, s.Fill != nil), col(s.Stroke, s.Stroke != nil), s.StrokePx)
	}
	return b.String()
}
