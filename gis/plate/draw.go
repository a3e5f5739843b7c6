package plate

import (
	"context"
	"errors"
	"image/color"
	"math"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// Colours of the plate's furniture.
var (
	ink      = color.NRGBA{R: 0x10, G: 0x10, B: 0x10, A: 0xff}
	grey     = color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	white    = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	gridInk  = color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0x70}
	markRed  = color.NRGBA{R: 0xe0, G: 0x10, B: 0x10, A: 0xff}
	tableBg  = color.NRGBA{R: 0xe8, G: 0xe8, B: 0xe8, A: 0xff}
	insetBg  = color.NRGBA{R: 0xfa, G: 0xfa, B: 0xf7, A: 0xff}
	panelInk = color.NRGBA{R: 0x30, G: 0x30, B: 0x30, A: 0xff}
)

// drawer draws one laid-out plate on a surface.
type drawer struct {
	*Layout
	ctx context.Context
	s   Surface
	w   *writer
	p   render.Path
}

// Draw draws the plate laid out in l onto s: the map frame with its
// layers, grid and north arrow, the title, the side panel, the borders.
// It reads the layers through the spec's sources and returns their
// errors; a cancelled ctx returns an error matching context.Canceled.
func Draw(ctx context.Context, s Surface, l *Layout) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d := &drawer{Layout: l, ctx: ctx, s: s, w: &writer{s: s, font: l.spec.Font}}
	var content Content
	if l.spec.Layers != nil {
		c, err := l.spec.Layers(ctx, l.Frame, l.DPI)
		if err != nil {
			return err
		}
		content = c
	}
	err := d.frame(content.Layers)
	if content.Finish != nil {
		legend, ferr := content.Finish()
		if err == nil {
			err = ferr
		}
		content.Legend = legend
	}
	if err != nil {
		return err
	}
	d.title()
	if err := d.panel(content.Legend); err != nil {
		return err
	}
	d.borders()
	return ctx.Err()
}

// rectPath sets d.p to the box r.
func (d *drawer) rectPath(r rect) *render.Path {
	d.p.Reset()
	d.p.MoveTo(r.x, r.y)
	d.p.LineTo(r.right(), r.y)
	d.p.LineTo(r.right(), r.bottom())
	d.p.LineTo(r.x, r.bottom())
	d.p.Close()
	return &d.p
}

func (d *drawer) line(x0, y0, x1, y1, width float64, c color.NRGBA) {
	d.p.Reset()
	d.p.MoveTo(x0, y0)
	d.p.LineTo(x1, y1)
	d.s.StrokePath(&d.p, width, c, nil)
}

// drawLayers draws layers through v inside the box at (x, y), clipped.
func (d *drawer) drawLayers(x, y float64, v render.View, bg color.NRGBA, layers []render.Layer) error {
	d.s.PushClip(x, y, float64(v.Width), float64(v.Height))
	defer d.s.PopClip()
	if bg.A != 0 {
		d.s.FillPath(d.rectPath(rect{0, 0, float64(v.Width), float64(v.Height)}), bg)
	}
	if err := render.Draw(d.ctx, d.s, v, layers); err != nil {
		if ce := d.ctx.Err(); ce != nil {
			return errors.Join(ce, err)
		}
		return err
	}
	return nil
}

// frame draws the map frame: layers, grid, frame line, north arrow.
func (d *drawer) frame(layers []render.Layer) error {
	v := d.Frame
	if err := d.drawLayers(d.FrameX, d.FrameY, v, color.NRGBA{}, layers); err != nil {
		return err
	}
	d.grid()
	fr := rect{d.FrameX, d.FrameY, float64(v.Width), float64(v.Height)}
	d.s.StrokePath(d.rectPath(fr), d.mm(0.35*d.k), ink, nil)
	d.northArrow(fr.right()-d.mm(9*d.k), fr.y+d.mm(6*d.k))
	return nil
}

// northArrow draws a two-tone arrow pointing up with its tip at (x, y)
// and the word for north above it... below the tip's letter.
func (d *drawer) northArrow(cx, top float64) {
	size := d.pt(9 * d.k)
	letterY := top + size
	tip := letterY + d.mm(1.2*d.k)
	h := d.mm(11 * d.k)
	half := h * 0.32
	// White disc behind for legibility.
	d.p.Reset()
	r := h * 0.75
	mid := tip + h*0.45
	for i := range 32 {
		a := float64(i) / 32 * 2 * math.Pi
		if i == 0 {
			d.p.MoveTo(cx+r*math.Cos(a), mid+r*math.Sin(a))
		} else {
			d.p.LineTo(cx+r*math.Cos(a), mid+r*math.Sin(a))
		}
	}
	d.p.Close()
	d.s.FillPath(&d.p, color.NRGBA{R: 255, G: 255, B: 255, A: 0xc0})
	d.p.Reset()
	d.p.MoveTo(cx, tip)
	d.p.LineTo(cx, tip+h*0.72)
	d.p.LineTo(cx-half, tip+h)
	d.p.Close()
	d.s.FillPath(&d.p, ink)
	d.p.Reset()
	d.p.MoveTo(cx, tip)
	d.p.LineTo(cx+half, tip+h)
	d.p.LineTo(cx, tip+h*0.72)
	d.p.LineTo(cx-half, tip+h)
	d.p.Close()
	d.s.StrokePath(&d.p, d.mm(0.2*d.k), ink, nil)
	d.w.text(cx, letterY, size, d.spec.Strings.North, ink, alignCenter, 0)
}

// title draws the title lines and the subtitle, centred.
func (d *drawer) title() {
	cx := d.inner.x + d.inner.w/2
	y := d.titleBase
	for _, line := range d.titleLines {
		d.w.text(cx, y, d.titleSize, line, ink, alignCenter, 0)
		y += d.titleSize * 1.25
	}
	if d.spec.Subtitle != "" {
		sub, size := d.w.fit(d.spec.Subtitle, d.subSize, d.subSize*0.5, d.inner.w*0.9)
		d.w.text(cx, y-d.titleSize*1.25+d.subSize*1.5, size, sub, grey, alignCenter, 0)
	}
}

// borders draws the outer thick and inner thin frame lines and the page
// label.
func (d *drawer) borders() {
	d.s.StrokePath(d.rectPath(d.outer), d.mm(0.8*d.k), ink, nil)
	d.s.StrokePath(d.rectPath(d.inner), d.mm(0.2*d.k), ink, nil)
	if d.spec.PageLabel != "" {
		size := d.pt(8 * d.k)
		d.w.text(d.outer.right(), d.outer.bottom()+size*1.5, size, d.spec.PageLabel, grey, alignRight, 0)
	}
}

// frameBoundPolygon is the map frame's outline in lon/lat, for the inset.
func (d *drawer) frameBoundPolygon() orb.Polygon {
	v := d.Frame
	w, h := float64(v.Width), float64(v.Height)
	var ring orb.Ring
	for _, c := range [][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}, {0, 0}} {
		ring = append(ring, v.ToLonLat(c[0], c[1]))
	}
	return orb.Polygon{ring}
}
