package plate

import (
	"math"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// rect is a box in dots.
type rect struct{ x, y, w, h float64 }

func (r rect) inset(d float64) rect { return rect{r.x + d, r.y + d, r.w - 2*d, r.h - 2*d} }
func (r rect) right() float64       { return r.x + r.w }
func (r rect) bottom() float64      { return r.y + r.h }

// Layout is a plate placed on its sheet at a resolution: where every part
// goes, and the map frame's view.
type Layout struct {
	spec *Spec
	DPI  float64
	// W, H are the sheet's size in dots.
	W, H int
	// Frame is the map frame's view: its pixels are dots, its centre the
	// extent's centre, its scale 1:Scale.
	Frame render.View
	// FrameX, FrameY place the frame's upper left corner on the sheet.
	FrameX, FrameY float64
	Scale          float64

	k                      float64 // size factor of the sheet against A3
	outer, inner, panelBox rect
	titleLines             []string
	titleSize, titleBase   float64 // first baseline
	subSize                float64
	gutter                 float64
}

// Default and limits.
const (
	defaultMarginMM = 10
	// fitMargin is the share of the frame kept free around a fitted extent.
	fitMargin = 0.04
	minDPI    = 36
	maxDPI    = 1200
)

func (l *Layout) mm(v float64) float64 { return v * l.DPI / 25.4 }
func (l *Layout) pt(v float64) float64 { return v * l.DPI / 72 }

// Plan lays spec out at dpi dots per inch. It fails with CodeEmptyExtent
// for an extent that is not finite, CodeScaleTooBig when the extent does
// not fit the frame at spec.Scale (Error.Scale says which scale would),
// CodeNoFont without a font, CodeBadPaper for a paper out of range.
func Plan(spec *Spec, dpi float64) (*Layout, error) {
	if spec.Font == nil {
		return nil, newError(CodeNoFont, "no font for the plate's text")
	}
	p := spec.Paper
	if !(p.WidthMM >= 50 && p.HeightMM >= 50 && p.WidthMM <= 5000 && p.HeightMM <= 5000) {
		return nil, newError(CodeBadPaper, "paper %g×%g mm out of range", p.WidthMM, p.HeightMM)
	}
	if !(dpi >= minDPI && dpi <= maxDPI) {
		return nil, newError(CodeTooLarge, "resolution %g dpi outside %d..%d", dpi, minDPI, maxDPI)
	}
	e := spec.Extent
	if !finiteBound(e) || e.Min[0] > e.Max[0] || e.Min[1] > e.Max[1] || math.Abs(e.Min[1]) > 85 || math.Abs(e.Max[1]) > 85 {
		return nil, newError(CodeEmptyExtent, "extent %v is empty or not finite", e)
	}
	l := &Layout{spec: spec, DPI: dpi}
	l.W, l.H = int(math.Round(l.mm(p.WidthMM))), int(math.Round(l.mm(p.HeightMM)))
	l.k = math.Sqrt(min(p.WidthMM, p.HeightMM) / 297)
	margin := spec.MarginMM
	if !(margin > 0) {
		margin = defaultMarginMM
	}
	margin = min(margin, min(p.WidthMM, p.HeightMM)/6)
	l.outer = rect{l.mm(margin), l.mm(margin), float64(l.W) - 2*l.mm(margin), float64(l.H) - 2*l.mm(margin)}
	l.inner = l.outer.inset(l.mm(1.5 * l.k))
	content := l.inner.inset(l.mm(3 * l.k))

	// Title: shrink to 60 %, then wrap onto up to three lines, then shrink
	// further; never wider than the content box.
	w := &writer{font: spec.Font}
	maxW := content.w * 0.92
	size := l.pt(20 * l.k)
	l.titleLines = []string{spec.Title}
	if tw := w.width(size, spec.Title); tw > maxW {
		if s := size * maxW / tw; s >= size*0.6 {
			size = s
		} else {
			size *= 0.6
			for {
				l.titleLines = w.wrap(spec.Title, size, maxW)
				if len(l.titleLines) <= 3 || size < l.pt(6) {
					break
				}
				size *= 0.9
			}
			if len(l.titleLines) > 3 {
				l.titleLines = append(l.titleLines[:2], l.titleLines[2]+l.titleLines[3])
			}
			// A word longer than the line is cut.
			for i, line := range l.titleLines {
				l.titleLines[i], _ = w.fit(line, size, size, maxW)
			}
		}
	}
	l.titleSize = size
	l.subSize = l.pt(11 * l.k)
	titleH := float64(len(l.titleLines)) * size * 1.25
	if spec.Subtitle != "" {
		titleH += l.subSize * 1.5
	}
	l.titleBase = content.y + size
	body := rect{content.x, content.y + titleH + l.mm(3*l.k), content.w, content.h - titleH - l.mm(3*l.k)}

	// Side panel on the right (landscape) or at the bottom (portrait).
	gap := l.mm(4 * l.k)
	var mapArea rect
	if p.Landscape() {
		pw := math.Round(max(l.mm(62*l.k), body.w*0.23))
		l.panelBox = rect{body.right() - pw, body.y, pw, body.h}
		mapArea = rect{body.x, body.y, body.w - pw - gap, body.h}
	} else {
		ph := math.Round(max(l.mm(70*l.k), body.h*0.27))
		l.panelBox = rect{body.x, body.bottom() - ph, body.w, ph}
		mapArea = rect{body.x, body.y, body.w, body.h - ph - gap}
	}
	// The gutter holds the grid labels above and below the frame.
	l.gutter = 0
	if spec.Grid != GridNone {
		l.gutter = l.mm(5.5 * l.k)
	}
	fx, fy := math.Round(mapArea.x+l.gutter*0.3), math.Round(mapArea.y+l.gutter)
	fw, fh := int(mapArea.w-l.gutter*0.6), int(mapArea.h-2*l.gutter)
	if fw < 16 || fh < 16 || fw > render.MaxViewSize || fh > render.MaxViewSize {
		return nil, newError(CodeTooLarge, "map frame of %d×%d dots out of range", fw, fh)
	}
	l.FrameX, l.FrameY = fx, fy

	// The frame's scale.
	centre := orb.Point{(e.Min[0] + e.Max[0]) / 2, (e.Min[1] + e.Max[1]) / 2}
	need := render.FitView(e, int(float64(fw)*(1-fitMargin)), int(float64(fh)*(1-fitMargin)), 0)
	needN := need.MetresPerPixel * dpi / 0.0254
	if e.Min == e.Max {
		needN = 0
	}
	n := spec.Scale
	switch {
	case n == 0:
		n = niceScale(max(needN, 500))
	case !(n >= 1 && n <= 1e8):
		return nil, newError(CodeScaleTooBig, "scale 1:%g out of range", n)
	default:
		exact := render.FitView(e, fw, fh, 0).MetresPerPixel * dpi / 0.0254
		if e.Min != e.Max && n < exact*(1-1e-9) {
			fits := niceScale(exact)
			return nil, &Error{Code: CodeScaleTooBig, Scale: fits,
				Err: errorf("the extent does not fit a %s frame at %s; %s would", paperName(p), FormatScale(n), FormatScale(fits))}
		}
	}
	l.Scale = n
	l.Frame = render.View{Center: centre, MetresPerPixel: n * 0.0254 / dpi, Width: fw, Height: fh}
	if err := l.Frame.Valid(); err != nil {
		return nil, &Error{Code: CodeEmptyExtent, Err: err}
	}
	return l, nil
}

func paperName(p Paper) string {
	if p.Name != "" {
		return p.Name
	}
	return trimFloat(p.WidthMM) + "×" + trimFloat(p.HeightMM) + " mm"
}

func finiteBound(b orb.Bound) bool {
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
