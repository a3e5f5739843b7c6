package render

import (
	"context"
	"encoding/binary"
	"image/color"
	"slices"

	"github.com/paulmach/orb"
)

// DrawFrontToBack draws the features of layers onto r, giving the picture
// Draw gives onto a raster filled with bg (to within a few levels: paint
// under a pixel already within 1 % of opaque is skipped, see nearOpaque),
// without labels, but the other way round: top layer first and each
// layer's last feature first, every feature painted under the paint
// already there ("destination over", which is associative like "over", so
// the result is the same). A feature whose pixels are all (nearly) opaque
// by then is hidden and skipped without being rasterised: on a crowded overview, where most features lie under
// others, that is most of them. bg is painted under everything at the
// end. What r holds already stays in front of the features: start from a
// transparent raster (NewRaster with a transparent background, or Clear
// to it) for the features alone. (A frame's strips are parts of a new
// picture, transparent already: clearing them again was a pass over the
// frame for nothing.)
//
// Each layer's features are taken from Backward when set (it must yield
// them last first), else from Features, else from Iter (collected first).
// Cancellation and errors are as for Draw.
func DrawFrontToBack(ctx context.Context, r *Raster, v View, layers []Layer, bg color.NRGBA) error {
	_, err := drawFrontToBack(ctx, r, v, layers, bg)
	return err
}

func drawFrontToBack(ctx context.Context, r *Raster, v View, layers []Layer, bg color.NRGBA) (drawStats, error) {
	if err := v.Valid(); err != nil {
		return drawStats{}, err
	}
	r.resetOcclusion()
	r.under = true
	defer func() { r.under = false; r.endAlpha() }()
	d := newDrawer(ctx, r, v)
	defer d.release()
	d.occ = r
	if !d.check() {
		return d.stats, d.err
	}
	for li := len(layers) - 1; li >= 0; li-- {
		l := &layers[li]
		if !(l.Opacity > 0) {
			continue
		}
		d.op = min(l.Opacity, 1)
		d.layer = li
		d.labelStyle = nil
		switch {
		case l.Backward != nil:
			for f := range l.Backward {
				if !d.feature(&f) {
					break
				}
			}
		case l.Features == nil && l.Iter != nil:
			fs := slices.Collect(l.Iter)
			for i := len(fs) - 1; i >= 0; i-- {
				if !d.feature(&fs[i]) {
					break
				}
			}
		default:
			for i := len(l.Features) - 1; i >= 0; i-- {
				if !d.feature(&l.Features[i]) {
					break
				}
			}
		}
		if d.err != nil {
			return d.stats, d.err
		}
	}
	r.paintUnder(bg)
	return d.stats, nil
}

// paintUnder paints c under every pixel, the nearly opaque ones too (see
// nearOpaque): an opaque c leaves the picture opaque.
func (r *Raster) paintUnder(c color.NRGBA) {
	b := r.newBlender(c)
	bare := under(0, b.rb, b.ga) // a pixel nothing was painted on: c itself
	bare2 := uint64(bare) | uint64(bare)<<32
	w := r.img.Rect.Dx()
	for y := range r.img.Rect.Dy() {
		off := r.img.PixOffset(0, y)
		row := r.img.Pix[off : off+4*w]
		// Two pixels at a time: most of a frame's pixels are background
		// nothing was painted on, or opaque paint; eight at a time where
		// the alpha plane says they are all opaque or all bare.
		i := 0
		if r.alpha != nil {
			al := r.alpha[off>>2 : off>>2+w]
			for ; i+32 <= len(row); i += 32 {
				switch binary.LittleEndian.Uint64(al[i>>2:]) {
				case allOpaque:
					continue
				case 0: // bare (premultiplied): the colour, unread
					for j := i; j < i+32; j += 8 {
						binary.LittleEndian.PutUint64(row[j:j+8:j+8], bare2)
					}
					continue
				}
				for j := i; j < i+32; j += 8 {
					b.paintUnder2(row[j:j+8:j+8], bare, bare2)
				}
			}
		}
		for ; i+8 <= len(row); i += 8 {
			b.paintUnder2(row[i:i+8:i+8], bare, bare2)
		}
		if i < len(row) {
			b.paintUnder1(row[i:i+4:i+4], bare)
		}
	}
}

// allOpaque is eight alphas of 255.
const allOpaque = ^uint64(0)

// paintUnder2 paints b's colour under the two pixels px; bare is that
// colour, bare2 it twice.
func (b *blender) paintUnder2(px []byte, bare uint32, bare2 uint64) {
	const opaque2 = uint64(0xff000000ff000000)
	switch p := binary.LittleEndian.Uint64(px); {
	case p == 0:
		binary.LittleEndian.PutUint64(px, bare2)
	case p&opaque2 == opaque2:
	default:
		b.paintUnder1(px[:4:4], bare)
		b.paintUnder1(px[4:8:8], bare)
	}
}

// paintUnder1 paints b's colour under pixel px; bare is that colour.
func (b *blender) paintUnder1(px []byte, bare uint32) {
	switch p := binary.LittleEndian.Uint32(px); {
	case p == 0:
		binary.LittleEndian.PutUint32(px, bare)
	case p>>24 != 255:
		binary.LittleEndian.PutUint32(px, under(p, b.rb, b.ga))
	}
}

// geomBox returns the lon/lat box of g's points (exterior rings only for
// polygons); ok is false for geometries it does not know or without
// points.
func geomBox(g orb.Geometry) (b orb.Bound, ok bool) {
	first := true
	add := func(pts []orb.Point) {
		if len(pts) == 0 {
			return
		}
		pb := ptsBound(pts)
		if first {
			b, first = pb, false
			return
		}
		b.Min[0] = min(b.Min[0], pb.Min[0])
		b.Min[1] = min(b.Min[1], pb.Min[1])
		b.Max[0] = max(b.Max[0], pb.Max[0])
		b.Max[1] = max(b.Max[1], pb.Max[1])
	}
	switch g := g.(type) {
	case orb.Point:
		add([]orb.Point{g})
	case orb.LineString:
		add(g)
	case orb.MultiLineString:
		for _, l := range g {
			add(l)
		}
	case orb.Polygon:
		if len(g) > 0 {
			add(g[0])
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if len(p) > 0 {
				add(p[0])
			}
		}
	default:
		return b, false
	}
	return b, !first
}

// occluded reports whether all of f, drawn with margin pixels around its
// geometry, would land on opaque paint (front-to-back drawing only).
func (d *drawer) occluded(f *Feature, margin float64) bool {
	var b orb.Bound
	if f.Bound != nil {
		b = *f.Bound
	} else {
		var ok bool
		if b, ok = geomBox(f.Geometry); !ok {
			return false
		}
	}
	x0, y1 := d.toPixel(b.Min)
	x1, y0 := d.toPixel(b.Max)
	if !finite(x0) || !finite(x1) || !finite(y0) || !finite(y1) {
		return false
	}
	return d.occ.hidden(Rect{x0, y0, x1, y1}.Outset(margin))
}
