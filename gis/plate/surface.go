package plate

import (
	"image/color"

	"minerehab/gis/pdf"
	"minerehab/gis/render"
)

// Surface is what a plate is drawn on: a render.Canvas in dots plus
// nested clipped boxes (map frames, the inset).
type Surface interface {
	render.Canvas
	// PushClip moves the origin to (x, y) and clips everything outside
	// the w×h box there, until the matching PopClip.
	PushClip(x, y, w, h float64)
	PopClip()
}

// pdf.Canvas is a Surface.
var _ Surface = (*pdf.Canvas)(nil)

// RasterSurface draws a plate into a gis/render Raster. Nested boxes are
// drawn into their own rasters and composited when popped.
type RasterSurface struct {
	stack []rasterLevel
}

type rasterLevel struct {
	r    *render.Raster
	x, y int
}

// NewRasterSurface returns a w×h dot surface filled with bg.
func NewRasterSurface(w, h int, bg color.NRGBA) *RasterSurface {
	return &RasterSurface{stack: []rasterLevel{{r: render.NewRaster(w, h, bg)}}}
}

func (s *RasterSurface) top() *render.Raster { return s.stack[len(s.stack)-1].r }

// Raster returns the page raster.
func (s *RasterSurface) Raster() *render.Raster { return s.stack[0].r }

// FillPath implements render.Canvas.
func (s *RasterSurface) FillPath(p *render.Path, c color.NRGBA) { s.top().FillPath(p, c) }

// HatchPath implements render.Canvas.
func (s *RasterSurface) HatchPath(p *render.Path, h render.Hatch) { s.top().HatchPath(p, h) }

// StrokePath implements render.Canvas.
func (s *RasterSurface) StrokePath(p *render.Path, w float64, c color.NRGBA, dash []float64) {
	s.top().StrokePath(p, w, c, dash)
}

// DrawText implements render.Canvas.
func (s *RasterSurface) DrawText(x, y float64, text string, st *render.LabelStyle) {
	s.top().DrawText(x, y, text, st)
}

// PushClip implements Surface; x, y, w, h are rounded to whole dots.
func (s *RasterSurface) PushClip(x, y, w, h float64) {
	ix, iy := int(x+0.5), int(y+0.5)
	iw, ih := max(1, int(w+0.5)), max(1, int(h+0.5))
	parent := s.stack[len(s.stack)-1]
	s.stack = append(s.stack, rasterLevel{r: render.NewRaster(iw, ih, color.NRGBA{}), x: parent.x + ix, y: parent.y + iy})
	_ = parent
}

// PopClip implements Surface: the box is composited over its parent.
func (s *RasterSurface) PopClip() {
	if len(s.stack) < 2 {
		return
	}
	lv := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	parent := s.stack[len(s.stack)-1]
	src, dst := lv.r.Image(), parent.r.Image()
	ox, oy := lv.x-parent.x, lv.y-parent.y
	b := src.Bounds()
	for y := 0; y < b.Dy(); y++ {
		dy := oy + y
		if dy < 0 || dy >= dst.Bounds().Dy() {
			continue
		}
		for x := 0; x < b.Dx(); x++ {
			dx := ox + x
			if dx < 0 || dx >= dst.Bounds().Dx() {
				continue
			}
			si := src.PixOffset(x, y)
			a := uint32(src.Pix[si+3])
			if a == 0 {
				continue
			}
			di := dst.PixOffset(dx, dy)
			for k := range 4 {
				// Premultiplied source over destination.
				dst.Pix[di+k] = uint8(uint32(src.Pix[si+k]) + (uint32(dst.Pix[di+k])*(255-a)+127)/255)
			}
		}
	}
}
