package plate

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// gridLine is one grid line in frame dots, with its value's label.
type gridLine struct {
	pts   []render.Pt
	label string
	// vertical lines are labelled at the top and bottom edges, horizontal
	// ones at the left and right.
	vertical bool
}

// Grid steps: graticule in degrees, kilometre grid in metres.
var (
	graticuleSteps = []float64{
		1.0 / 3600, 2.0 / 3600, 5.0 / 3600, 10.0 / 3600, 15.0 / 3600, 30.0 / 3600,
		1.0 / 60, 2.0 / 60, 5.0 / 60, 10.0 / 60, 15.0 / 60, 30.0 / 60, 1, 2, 5, 10,
	}
	kmSteps = []float64{100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000}
)

// maxGridLines bounds the lines per direction.
const maxGridLines = 7

// pickStep returns the smallest step giving at most maxGridLines lines
// over span.
func pickStep(steps []float64, span float64) float64 {
	for _, s := range steps {
		if span/s <= maxGridLines {
			return s
		}
	}
	return steps[len(steps)-1]
}

// gridLines computes the grid of the frame.
func (d *drawer) gridLines() []gridLine {
	v := d.Frame
	w, h := float64(v.Width), float64(v.Height)
	switch d.spec.Grid {
	case GridGraticule:
		b := v.Bound()
		var out []gridLine
		step := pickStep(graticuleSteps, b.Max[0]-b.Min[0])
		for lon := math.Ceil(b.Min[0]/step) * step; lon <= b.Max[0]; lon += step {
			x, _ := v.ToPixel(orb.Point{lon, v.Center[1]})
			out = append(out, gridLine{pts: []render.Pt{{X: x, Y: 0}, {X: x, Y: h}}, label: dms(lon, step, "E", "W"), vertical: true})
		}
		step = pickStep(graticuleSteps, b.Max[1]-b.Min[1])
		for lat := math.Ceil(b.Min[1]/step) * step; lat <= b.Max[1]; lat += step {
			_, y := v.ToPixel(orb.Point{v.Center[0], lat})
			out = append(out, gridLine{pts: []render.Pt{{X: 0, Y: y}, {X: w, Y: y}}, label: dms(lat, step, "N", "S")})
		}
		return out
	case GridKilometres:
		c := d.spec.GridCRS
		if c == nil || c.Geographic {
			return nil
		}
		// The frame's range in the grid CRS, from points around its edge.
		minE, minN, maxE, maxN := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for i := 0; i <= 8; i++ {
			t := float64(i) / 8
			for _, p := range [][2]float64{{t * w, 0}, {t * w, h}, {0, t * h}, {w, t * h}} {
				ll := v.ToLonLat(p[0], p[1])
				e, n, err := c.FromLonLat(ll[0], ll[1])
				if err != nil {
					return nil
				}
				minE, maxE, minN, maxN = min(minE, e), max(maxE, e), min(minN, n), max(maxN, n)
			}
		}
		var out []gridLine
		const samples = 12
		project := func(e, n float64) (render.Pt, bool) {
			lon, lat, err := c.ToLonLat(e, n)
			if err != nil {
				return render.Pt{}, false
			}
			x, y := v.ToPixel(orb.Point{lon, lat})
			return render.Pt{X: x, Y: y}, true
		}
		step := pickStep(kmSteps, maxE-minE)
		for e := math.Ceil(minE/step) * step; e <= maxE; e += step {
			var pts []render.Pt
			for i := 0; i <= samples; i++ {
				if p, ok := project(e, minN+(maxN-minN)*float64(i)/samples); ok {
					pts = append(pts, p)
				}
			}
			out = append(out, gridLine{pts: pts, label: km(e, step), vertical: true})
		}
		step = pickStep(kmSteps, maxN-minN)
		for n := math.Ceil(minN/step) * step; n <= maxN; n += step {
			var pts []render.Pt
			for i := 0; i <= samples; i++ {
				if p, ok := project(minE+(maxE-minE)*float64(i)/samples, n); ok {
					pts = append(pts, p)
				}
			}
			out = append(out, gridLine{pts: pts, label: km(n, step)})
		}
		return out
	}
	return nil
}

// dms formats a coordinate in degrees, minutes and seconds, as precise
// as the step needs: 106°48′30″E.
func dms(v, step float64, pos, neg string) string {
	hemi := pos
	if v < 0 {
		hemi, v = neg, -v
	}
	secs := math.Round(v * 3600)
	deg := math.Floor(secs / 3600)
	mins := math.Floor((secs - deg*3600) / 60)
	s := secs - deg*3600 - mins*60
	switch {
	case step >= 1:
		return fmt.Sprintf("%.0f°%s", deg, hemi)
	case step*60 >= 1-1e-9 && s == 0:
		return fmt.Sprintf("%.0f°%02.0f′%s", deg, mins, hemi)
	}
	return fmt.Sprintf("%.0f°%02.0f′%02.0f″%s", deg, mins, s, hemi)
}

// km formats a grid coordinate in kilometres (one decimal for sub-km
// steps).
func km(v, step float64) string {
	if step < 1000 {
		return fmt.Sprintf("%.1f", v/1000)
	}
	return fmt.Sprintf("%.0f", v/1000)
}

// crossing finds where the polyline pts crosses x = at (onX) or y = at,
// returning the other coordinate.
func crossing(pts []render.Pt, at float64, onX bool) (float64, bool) {
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		av, bv, ao, bo := a.Y, b.Y, a.X, b.X
		if onX {
			av, bv, ao, bo = a.X, b.X, a.Y, b.Y
		}
		if (av-at)*(bv-at) <= 0 && av != bv {
			t := (at - av) / (bv - av)
			return ao + t*(bo-ao), true
		}
	}
	return 0, false
}

// grid draws the grid lines inside the frame, ticks outside it, the
// vertical lines' labels in the gutters above and below, the horizontal
// lines' labels inside the frame along its left and right edges.
func (d *drawer) grid() {
	lines := d.gridLines()
	if len(lines) == 0 {
		return
	}
	v := d.Frame
	w, h := float64(v.Width), float64(v.Height)
	d.s.PushClip(d.FrameX, d.FrameY, w, h)
	for _, g := range lines {
		d.p.Reset()
		for i, p := range g.pts {
			if i == 0 {
				d.p.MoveTo(p.X, p.Y)
			} else {
				d.p.LineTo(p.X, p.Y)
			}
		}
		d.s.StrokePath(&d.p, d.mm(0.12*d.k), gridInk, nil)
	}
	size := d.pt(6.5 * d.k)
	tick := d.mm(1.5 * d.k)
	lw := d.mm(0.25 * d.k)
	for _, g := range lines {
		if g.vertical {
			continue
		}
		if y, ok := crossing(g.pts, 0, true); ok && y > size*1.5 && y < h-size {
			d.w.text(tick*1.2, y-size*0.3, size, g.label, ink, alignLeft, size*0.15)
		}
		// The north arrow stands in the upper right corner.
		if y, ok := crossing(g.pts, w, true); ok && y > d.mm(24*d.k) && y < h-size {
			d.w.text(w-tick*1.2, y-size*0.3, size, g.label, ink, alignRight, size*0.15)
		}
	}
	d.s.PopClip()
	fx, fy := d.FrameX, d.FrameY
	for _, g := range lines {
		if g.vertical {
			if x, ok := crossing(g.pts, 0, false); ok && x > 0 && x < w {
				d.line(fx+x, fy, fx+x, fy-tick, lw, ink)
				d.w.text(fx+x, fy-tick-size*0.35, size, g.label, ink, alignCenter, 0)
			}
			if x, ok := crossing(g.pts, h, false); ok && x > 0 && x < w {
				d.line(fx+x, fy+h, fx+x, fy+h+tick, lw, ink)
				d.w.text(fx+x, fy+h+tick+size*1.05, size, g.label, ink, alignCenter, 0)
			}
			continue
		}
		if y, ok := crossing(g.pts, 0, true); ok && y > 0 && y < h {
			d.line(fx, fy+y, fx-tick, fy+y, lw, ink)
		}
		if y, ok := crossing(g.pts, w, true); ok && y > 0 && y < h {
			d.line(fx+w, fy+y, fx+w+tick, fy+y, lw, ink)
		}
	}
}
