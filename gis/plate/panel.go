package plate

import (
	"math"
	"strings"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// block is one part of the side panel: its height for a column width and
// how to draw it in a box.
type block struct {
	h    float64 // wanted height
	flex bool    // takes what is left (the inset, the table)
	draw func(r rect) error
}

// panel lays the side panel out (one column on landscape sheets, three
// side by side on portrait ones) and draws it.
func (d *drawer) panel(legend []LegendEntry) error {
	gap := d.mm(3.5 * d.k)
	if d.panelBox.w <= 0 {
		return nil
	}
	if d.spec.Paper.Landscape() {
		col := d.panelBox
		blocks := []block{d.overviewBlock(col.w), d.legendBlock(col.w, legend), d.scaleBlock(col.w), d.noteBlock(col.w)}
		if d.spec.Table != nil {
			blocks = append(blocks, d.tableBlock(col.w))
		}
		return d.stack(col, gap, blocks, d.titleBlock(col.w))
	}
	cw := (d.panelBox.w - 2*gap) / 3
	cols := []rect{{d.panelBox.x, d.panelBox.y, cw, d.panelBox.h}, {d.panelBox.x + cw + gap, d.panelBox.y, cw, d.panelBox.h}, {d.panelBox.x + 2*(cw+gap), d.panelBox.y, cw, d.panelBox.h}}
	if err := d.stack(cols[0], gap, []block{d.overviewBlock(cw), d.noteBlock(cw)}, block{}); err != nil {
		return err
	}
	if err := d.stack(cols[1], gap, []block{d.legendBlock(cw, legend), d.scaleBlock(cw)}, block{}); err != nil {
		return err
	}
	var third []block
	if d.spec.Table != nil {
		third = append(third, d.tableBlock(cw))
	}
	return d.stack(cols[2], gap, third, d.titleBlock(cw))
}

// stack places blocks top down in col and bottom at its foot; flexible
// blocks share what the others leave, fixed ones that do not fit are
// dropped.
func (d *drawer) stack(col rect, gap float64, blocks []block, bottom block) error {
	avail := col.h
	if bottom.draw != nil {
		avail -= bottom.h + gap
		if err := bottom.draw(rect{col.x, col.bottom() - bottom.h, col.w, bottom.h}); err != nil {
			return err
		}
	}
	fixed, flexWant := 0.0, 0.0
	for _, b := range blocks {
		if b.flex {
			flexWant += b.h + gap
		} else {
			fixed += b.h + gap
		}
	}
	// Drop fixed blocks from the end until they fit.
	for fixed > avail && len(blocks) > 0 {
		last := blocks[len(blocks)-1]
		blocks = blocks[:len(blocks)-1]
		if last.flex {
			flexWant -= last.h + gap
		} else {
			fixed -= last.h + gap
		}
	}
	// Flexible blocks get what they want, or all share the spare height
	// in proportion.
	share := 1.0
	if spare := avail - fixed; flexWant > spare {
		share = max(0, spare/flexWant)
	}
	y := col.y
	for _, b := range blocks {
		h := b.h
		if b.flex {
			h = (b.h+gap)*share - gap
			if h < d.mm(10*d.k) {
				continue
			}
		}
		if b.draw == nil {
			continue
		}
		if err := b.draw(rect{col.x, y, col.w, h}); err != nil {
			return err
		}
		y += h + gap
	}
	return nil
}

// heading draws a block's heading and returns the y below it.
func (d *drawer) heading(r rect, text string) float64 {
	size := d.pt(10 * d.k)
	d.w.text(r.x+r.w/2, r.y+size, size, text, ink, alignCenter, 0)
	return r.y + size*1.5
}

// overviewBlock is the inset: the overview extent with the frame marked.
func (d *drawer) overviewBlock(w float64) block {
	e := d.spec.OverviewExtent
	if d.spec.Overview == nil || !finiteBound(e) || e.Min == e.Max {
		return block{flex: true}
	}
	v := render.FitView(e, 1000, 1000, 0)
	x0, y0 := v.ToPixel(e.Min)
	x1, y1 := v.ToPixel(e.Max)
	aspect := math.Abs(y1-y0) / math.Max(math.Abs(x1-x0), 1)
	head := d.pt(10*d.k) * 1.5
	want := w*min(max(aspect, 0.55), 1.1) + head
	return block{h: want, flex: true, draw: func(r rect) error {
		y := d.heading(r, d.spec.Strings.Overview)
		box := rect{r.x, y, r.w, r.bottom() - y}
		if box.h < 10 {
			return nil
		}
		ov := render.FitView(e, int(box.w), int(box.h), int(d.mm(2*d.k)))
		var layers []render.Layer
		if d.spec.Overview != nil {
			c, err := d.spec.Overview(d.ctx, ov, d.DPI)
			if err != nil {
				return err
			}
			layers = c.Layers
		}
		mark := render.Style{Stroke: markRed, StrokeWidth: d.mm(0.5 * d.k)}
		layers = append(layers, render.Layer{Name: "frame", Opacity: 1, Features: []render.Feature{{Geometry: d.frameBoundPolygon(), Style: mark}}})
		if err := d.drawLayers(box.x, box.y, ov, insetBg, layers); err != nil {
			return err
		}
		d.s.StrokePath(d.rectPath(rect{box.x, box.y, float64(ov.Width), float64(ov.Height)}), d.mm(0.25*d.k), ink, nil)
		return nil
	}}
}

// legendBlock lists the entries: a swatch and a label, in one or two
// columns.
func (d *drawer) legendBlock(w float64, entries []LegendEntry) block {
	if len(entries) == 0 {
		return block{}
	}
	size := d.pt(8 * d.k)
	row := d.mm(6 * d.k)
	sw, sh := d.mm(9*d.k), d.mm(4.2*d.k)
	cols := 1
	if len(entries) > 5 && w > d.mm(70*d.k) {
		cols = 2
	}
	rows := (len(entries) + cols - 1) / cols
	head := d.pt(10*d.k) * 1.5
	return block{h: head + float64(rows)*row + d.mm(1), draw: func(r rect) error {
		y := d.heading(r, d.spec.Strings.Legend)
		cw := r.w / float64(cols)
		for i, e := range entries {
			c, k := i/rows, i%rows
			x := r.x + float64(c)*cw
			top := y + float64(k)*row + (row-sh)/2
			if err := d.swatch(x, top, sw, sh, e); err != nil {
				return err
			}
			label, ls := d.w.fit(e.Label, size, size*0.7, cw-sw-d.mm(3*d.k))
			d.w.text(x+sw+d.mm(2*d.k), top+sh/2+ls*0.36, ls, label, panelInk, alignLeft, 0)
		}
		return nil
	}}
}

// swatch draws a legend entry's symbol in the w×h box at (x, y) with
// gis/render, so it matches the map exactly.
func (d *drawer) swatch(x, y, w, h float64, e LegendEntry) error {
	pad := max(2, e.Style.StrokeWidth)
	v := render.View{Center: orb.Point{0, 0}, MetresPerPixel: 1, Width: int(math.Ceil(w + 2*pad)), Height: int(math.Ceil(h + 2*pad))}
	W, H := float64(v.Width), float64(v.Height)
	var g orb.Geometry
	switch e.Kind {
	case SwatchLine:
		g = orb.LineString{v.ToLonLat(pad, H/2), v.ToLonLat(W-pad, H/2)}
	case SwatchPoint:
		g = v.ToLonLat(W/2, H/2)
	default:
		g = orb.Polygon{{v.ToLonLat(pad, pad), v.ToLonLat(pad, H-pad), v.ToLonLat(W-pad, H-pad), v.ToLonLat(W-pad, pad), v.ToLonLat(pad, pad)}}
	}
	return d.drawLayers(x-pad, y-pad, v, white, []render.Layer{{Name: "legend", Opacity: 1, Features: []render.Feature{{Geometry: g, Style: e.Style}}}})
}

// scaleBlock is the numeric scale and a scale bar in round metric
// lengths.
func (d *drawer) scaleBlock(w float64) block {
	size := d.pt(9 * d.k)
	small := d.pt(6.5 * d.k)
	barH := d.mm(1.6 * d.k)
	h := size*1.6 + small*1.4 + barH + d.mm(1)
	return block{h: h, draw: func(r rect) error {
		d.w.text(r.x+r.w/2, r.y+size, size, d.spec.Strings.Scale+" "+FormatScale(d.Scale), ink, alignCenter, 0)
		mpd := d.Frame.MetresPerPixel
		unitW := d.w.width(small, " "+d.spec.Strings.Kilometres)
		length, lead := roundLength((r.w*0.85 - unitW) * mpd)
		if length <= 0 {
			return nil
		}
		segs := 5
		if lead == 2 {
			segs = 4
		}
		barW := length / mpd
		x0 := r.x + (r.w-barW-unitW)/2
		y0 := r.y + size*1.6 + small*1.4
		seg := barW / float64(segs)
		for i := range segs {
			c := ink
			if i%2 == 1 {
				c = white
			}
			d.s.FillPath(d.rectPath(rect{x0 + float64(i)*seg, y0, seg, barH}), c)
		}
		d.s.StrokePath(d.rectPath(rect{x0, y0, barW, barH}), d.mm(0.15*d.k), ink, nil)
		div, unit := 1.0, d.spec.Strings.Metres
		if length >= 1000 {
			div, unit = 1000, d.spec.Strings.Kilometres
		}
		for i := 0; i <= segs; i++ {
			if i != 0 && i != segs && segs > 4 && i%2 == 1 {
				continue
			}
			d.w.text(x0+float64(i)*seg, y0-small*0.35, small, trimFloat(length*float64(i)/float64(segs)/div), ink, alignCenter, 0)
		}
		d.w.text(x0+barW+small*0.8, y0+barH, small, unit, ink, alignLeft, 0)
		return nil
	}}
}

// noteBlock is the coordinate-system note, wrapped.
func (d *drawer) noteBlock(w float64) block {
	if d.spec.CRSNote == "" {
		return block{}
	}
	size := d.pt(7 * d.k)
	lines := d.w.wrap(d.spec.CRSNote, size, w)
	return block{h: float64(len(lines)) * size * 1.35, draw: func(r rect) error {
		for i, l := range lines {
			d.w.text(r.x+r.w/2, r.y+size*(1+1.35*float64(i)), size, l, panelInk, alignCenter, 0)
		}
		return nil
	}}
}

// tableBlock is the optional table: a heading and ruled rows, as many as
// fit (the last row then says how many were left out).
func (d *drawer) tableBlock(w float64) block {
	t := d.spec.Table
	head := d.pt(10*d.k) * 1.5
	row := d.mm(5 * d.k)
	return block{h: head + row*float64(len(t.Rows)+1) + 1, flex: true, draw: func(r rect) error {
		y := d.heading(r, t.Title)
		ncol := len(t.Header)
		for _, rw := range t.Rows {
			ncol = max(ncol, len(rw))
		}
		if ncol == 0 {
			return nil
		}
		size := d.pt(7 * d.k)
		// Column widths in proportion to their widest cell.
		widths := make([]float64, ncol)
		all := append([][]string{t.Header}, t.Rows...)
		for _, rw := range all {
			for i, c := range rw {
				widths[i] = max(widths[i], d.w.width(size, c)+size)
			}
		}
		total := 0.0
		for _, v := range widths {
			total += v
		}
		for i := range widths {
			widths[i] *= r.w / total
		}
		fit := int((r.bottom()-y)/row + 1e-6)
		rows := all
		if len(rows) > fit {
			if fit < 2 {
				return nil
			}
			more := len(rows) - fit + 1
			rows = append(rows[:fit-1:fit-1], []string{"… +" + trimFloat(float64(more))})
		}
		for k, rw := range rows {
			ry := y + float64(k)*row
			if k == 0 {
				d.s.FillPath(d.rectPath(rect{r.x, ry, r.w, row}), tableBg)
			}
			x := r.x
			for i, c := range rw {
				txt, ts := d.w.fit(c, size, size*0.75, widths[i]-size*0.5)
				d.w.text(x+widths[i]/2, ry+row/2+ts*0.36, ts, txt, ink, alignCenter, 0)
				x += widths[i]
			}
			d.line(r.x, ry+row, r.right(), ry+row, d.mm(0.1*d.k), grey)
		}
		tb := rect{r.x, y, r.w, float64(len(rows)) * row}
		d.s.StrokePath(d.rectPath(tb), d.mm(0.2*d.k), ink, nil)
		x := r.x
		for _, cw := range widths[:len(widths)-1] {
			x += cw
			d.line(x, tb.y, x, tb.bottom(), d.mm(0.1*d.k), grey)
		}
		return nil
	}}
}

// titleBlock is the 图签: unit; author and checker; date and plate
// number; notes.
func (d *drawer) titleBlock(w float64) block {
	s, tb := d.spec.Strings, d.spec.TitleBlock
	row := d.mm(6.5 * d.k)
	notes := strings.TrimSpace(tb.Notes)
	nrows := 3
	if notes != "" {
		nrows = 4
	}
	return block{h: row * float64(nrows), draw: func(r rect) error {
		size := d.pt(7.5 * d.k)
		lw := d.mm(0.15 * d.k)
		lab := r.w * 0.2
		val := r.w*0.5 - lab
		cell := func(x, y, cw float64, text string, label bool) {
			c := ink
			if label {
				c = grey
			}
			t, ts := d.w.fit(text, size, size*0.6, cw-size*0.6)
			d.w.text(x+cw/2, y+row/2+ts*0.36, ts, t, c, alignCenter, 0)
		}
		rows := [][]string{{s.Unit, tb.Unit}, {s.Author, tb.Author, s.Checker, tb.Checker}, {s.Date, tb.Date, s.Number, tb.Number}}
		if notes != "" {
			rows = append(rows, []string{s.Notes, notes})
		}
		for k, rw := range rows {
			y := r.y + float64(k)*row
			cell(r.x, y, lab, rw[0], true)
			if len(rw) == 2 {
				cell(r.x+lab, y, r.w-lab, rw[1], false)
				d.line(r.x+lab, y, r.x+lab, y+row, lw, ink)
			} else {
				cell(r.x+lab, y, val, rw[1], false)
				cell(r.x+lab+val, y, lab, rw[2], true)
				cell(r.x+2*lab+val, y, val, rw[3], false)
				for _, x := range []float64{r.x + lab, r.x + lab + val, r.x + 2*lab + val} {
					d.line(x, y, x, y+row, lw, ink)
				}
			}
			if k > 0 {
				d.line(r.x, y, r.right(), y, lw, ink)
			}
		}
		d.s.StrokePath(d.rectPath(r), d.mm(0.4*d.k), ink, nil)
		return nil
	}}
}
