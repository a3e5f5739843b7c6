package app

import (
	"context"
	"errors"
	"image"
	"image/color"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/paulmach/orb"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"minerehab/app/fonts"
	"minerehab/app/i18n"
	"minerehab/gis/render"
	"minerehab/models"
)

// Map rendering: a project's layers drawn with the default symbology
// (symbology.go) through a render.View, headless. The window's map widget
// and `minerehab render` both call RenderMap, so they draw the same map.
// Coordinates are lon/lat degrees (CGCS2000); sizes are pixels.

// MapOptions says what RenderMap draws besides the features.
type MapOptions struct {
	// Hidden names layers not to draw (the layer panel's unticked boxes).
	Hidden map[string]bool
	// Font draws the mine labels and the scale bar's text; nil: no text.
	// It must be a face with Chinese glyphs (see MapFont).
	Font *opentype.Font
	// PixelRatio multiplies line widths, marker and text sizes, for
	// screens with more than one pixel per point; 0 means 1.
	PixelRatio float64
	// ScaleBar draws a scale bar in the lower left corner, its text in Lang.
	ScaleBar bool
	Lang     i18n.Lang
	// KeepClear lists boxes of the picture, in pixels, that labels must
	// stay out of: what a window lays over its map (its scale bar).
	KeepClear []image.Rectangle
}

func (o *MapOptions) ratio() float64 {
	if o.PixelRatio > 0 && !math.IsInf(o.PixelRatio, 1) {
		return o.PixelRatio
	}
	return 1
}

// ErrNoExtent is returned when a map is asked for the extent of a project
// (or of layers) that holds no features.
var ErrNoExtent = errors.New("no features to show")

// minLabelPx is the size, in pixels at ratio 1, that a mine must have on
// screen (width or height) to be labelled: smaller ones are left
// unlabelled rather than buried under text.
const minLabelPx = 20

// mapBatch is how many features a layer reader hands to the drawer at a
// time.
const mapBatch = 256

// RenderMap draws the visible layers of st through view v onto a new
// picture of v's size, bottom layer first (models.Layers order), with the
// mine labels placed without collisions over everything and, with
// opt.ScaleBar, a scale bar.
//
// How it stays fast: each layer is read with the view's box, so only
// features that meet the view leave the store's spatial index; the layers
// are read concurrently, each by its own goroutine, while the first ones
// are drawn; the frame is cut into vertical strips drawn in parallel (a
// strip's view has the same centre latitude, so its projection is the
// frame's shifted by whole pixels and the strips join seamlessly), and the
// labels are placed afterwards over the whole frame in one pass, so they
// never collide across strips; gis/render simplifies geometry to the pixel
// grid.
//
// RenderMap stops soon after ctx is cancelled and returns an error that
// matches context.Canceled (the picture is then incomplete and not
// returned). It never keeps st after returning.
func RenderMap(ctx context.Context, st models.Store, v render.View, opt MapOptions) (*image.RGBA, error) {
	if err := v.Valid(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ratio := opt.ratio()
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	strips := stripViews(v)
	var (
		readers sync.WaitGroup
		mu      sync.Mutex
		rerr    error
		stripLs = make([][]render.Layer, len(strips))
		rs      []*layerReader
	)
	fail := func(err error) {
		mu.Lock()
		if rerr == nil {
			rerr = err
		}
		mu.Unlock()
		cancel()
	}
	for _, def := range models.Layers {
		if opt.Hidden[def.Name] {
			continue
		}
		r := &layerReader{st: st, layer: def.Name, bbox: v.Bound(), v: v, ratio: ratio,
			labels: LabelStyleFor(def.Name, opt.Font, ratio) != nil,
			// Markers keep labels off them: fire points are label obstacles.
			obstacles: opt.Font != nil && def.Name == models.LayerFirePoints}
		rs = append(rs, r)
		for i := range strips {
			ch := make(chan []render.Feature, 64)
			r.out = append(r.out, ch)
			stripLs[i] = append(stripLs[i], render.Layer{Name: def.Name, Opacity: 1, Iter: drain(ch)})
		}
		readers.Add(1)
		go func() {
			defer readers.Done()
			defer r.closeOut()
			if err := r.run(ctx); err != nil && ctx.Err() == nil {
				fail(err)
			}
		}()
	}

	// Draw the strips in parallel, then put them side by side.
	rasters := make([]*render.Raster, len(strips))
	errs := make([]error, len(strips))
	var drawers sync.WaitGroup
	for i, sv := range strips {
		drawers.Add(1)
		go func() {
			defer drawers.Done()
			rasters[i] = render.NewRaster(sv.view.Width, sv.view.Height, MapBackground)
			if errs[i] = render.Draw(ctx, rasters[i], sv.view, stripLs[i]); errs[i] != nil {
				cancel()
			}
		}()
	}
	drawers.Wait()
	cancel() // nothing is drawn any more: stop readers left behind by a failed strip
	readers.Wait()
	if rerr != nil {
		return nil, rerr
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	canvas := rasters[0]
	if len(strips) > 1 {
		canvas = render.NewRaster(v.Width, v.Height, MapBackground)
		dst := canvas.Image()
		for i, sv := range strips {
			src := rasters[i].Image()
			for y := 0; y < v.Height; y++ {
				copy(dst.Pix[dst.PixOffset(sv.x0, y):dst.PixOffset(sv.x0+sv.view.Width, y)], src.Pix[src.PixOffset(0, y):src.PixOffset(sv.view.Width, y)])
			}
		}
	}

	// Labels over the whole frame: the labelled features again, invisible,
	// and the markers and boxes they must avoid.
	var labelLs []render.Layer
	labels := false
	for _, r := range rs {
		if len(r.labelled) > 0 || len(r.obstacle) > 0 {
			labelLs = append(labelLs, render.Layer{Name: r.layer, Opacity: 1,
				Features: append(r.labelled, r.obstacle...), LabelStyle: LabelStyleFor(r.layer, opt.Font, ratio)})
			labels = labels || len(r.labelled) > 0
		}
	}
	var sbMetres, sbPx float64
	if opt.ScaleBar {
		// v's pixels are the picture's: the bar is measured in them.
		sbMetres, sbPx = render.ScaleBar(v, int(scaleBarMaxPx*ratio))
	}
	sbX, sbY := 12*ratio, float64(v.Height)-12*ratio
	if labels {
		keep := opt.KeepClear
		if sbPx > 0 {
			w, h := scaleBarBox(sbMetres, sbPx, opt.Font, ratio, opt.Lang)
			keep = append(slices.Clip(keep), image.Rect(int(sbX), int(sbY-h), int(math.Ceil(sbX+w)), int(math.Ceil(sbY))))
		}
		labelLs = append(labelLs, render.Layer{Name: "keep-clear", Opacity: 1, Features: keepClear(v, keep)})
	}
	if len(labelLs) > 0 {
		// The caller's context: ctx is cancelled by now.
		if err := render.Draw(parent, canvas, v, labelLs); err != nil {
			return nil, err
		}
	}
	if sbPx > 0 {
		drawScaleBar(canvas, sbMetres, sbPx, opt.Font, ratio, opt.Lang, sbX, sbY)
	}
	return canvas.Image(), nil
}

// drain yields the features of the batches received on ch.
func drain(ch <-chan []render.Feature) func(yield func(render.Feature) bool) {
	return func(yield func(render.Feature) bool) {
		for batch := range ch {
			for _, f := range batch {
				if !yield(f) {
					return
				}
			}
		}
	}
}

// stripView is one vertical strip of a frame: columns x0 up to
// x0+view.Width.
type stripView struct {
	x0   int
	view render.View
}

// Strips are at least minStripPx wide, and there are at most maxStrips.
const (
	minStripPx = 256
	maxStrips  = 8
)

// stripViews cuts v into vertical strips, one per processor. A strip's
// view is centred on the lon/lat at the middle of the strip on v's
// horizontal centre line: its centre latitude, and so both of its scale
// factors, are v's, and its pixels are v's shifted by x0.
func stripViews(v render.View) []stripView {
	n := min(runtime.GOMAXPROCS(0), maxStrips, max(1, v.Width/minStripPx))
	out := make([]stripView, n)
	for i := range out {
		x0, x1 := v.Width*i/n, v.Width*(i+1)/n
		sv := v
		sv.Width = x1 - x0
		sv.Center = orb.Point{v.ToLonLat(float64(x0)+float64(x1-x0)/2, float64(v.Height)/2)[0], v.Center[1]}
		out[i] = stripView{x0: x0, view: sv}
	}
	return out
}

// layerReader reads one layer from the store and turns its features into
// render features, in batches sent to every strip. It keeps the features
// to label, and the markers labels must avoid, for the label pass.
type layerReader struct {
	st        models.Store
	layer     string
	bbox      orb.Bound
	v         render.View
	ratio     float64
	labels    bool // keep labelled features
	obstacles bool // keep markers as label obstacles
	out       []chan []render.Feature

	labelled []render.Feature // invisible, with their labels
	obstacle []render.Feature // invisible markers of the drawn size
}

func (r *layerReader) closeOut() {
	for _, ch := range r.out {
		close(ch)
	}
}

func (r *layerReader) run(ctx context.Context) error {
	// Pixels per degree at the view centre, for the label size test.
	x0, y0 := r.v.ToPixel(r.v.Center)
	x1, y1 := r.v.ToPixel(orb.Point{r.v.Center[0] + 1, r.v.Center[1] + 1})
	pxLon, pxLat := math.Abs(x1-x0), math.Abs(y1-y0)
	minLabel := minLabelPx * r.ratio

	// The reference layer is drawn districts first, then the reserve and
	// other areas, rivers on top; it is small, so it is sorted whole.
	sortRef := r.layer == models.LayerReference
	var rank []ReferenceKind

	batch := make([]render.Feature, 0, mapBatch)
	send := func() error {
		for _, ch := range r.out {
			select {
			case ch <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		batch = make([]render.Feature, 0, mapBatch)
		return nil
	}
	err := r.st.Features(ctx, r.layer, &r.bbox, func(f *models.Feature) error {
		st := scaleStyle(StyleFor(f), r.ratio)
		batch = append(batch, render.Feature{Geometry: f.Geometry, Style: st})
		if r.labels {
			if text := LabelFor(f); text != "" && f.Geometry != nil {
				b := f.Geometry.Bound()
				if (b.Max[0]-b.Min[0])*pxLon >= minLabel || (b.Max[1]-b.Min[1])*pxLat >= minLabel {
					r.labelled = append(r.labelled, render.Feature{Geometry: f.Geometry, Label: text})
				}
			}
		}
		if r.obstacles {
			if _, ok := f.Geometry.(orb.Point); ok {
				size := st.PointSize
				if size == 0 {
					size = render.DefaultPointSize
				}
				r.obstacle = append(r.obstacle, render.Feature{Geometry: f.Geometry,
					Style: render.Style{PointShape: st.PointShape, PointSize: size + st.StrokeWidth}})
			}
		}
		if sortRef {
			rank = append(rank, ReferenceKindOf(f))
			return nil
		}
		if len(batch) == mapBatch {
			return send()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if sortRef {
		order := make([]int, len(batch))
		for i := range order {
			order[i] = i
		}
		refOrder := map[ReferenceKind]int{RefDistrict: 0, RefOther: 1, RefReserve: 2, RefRiver: 3}
		slices.SortStableFunc(order, func(a, b int) int { return refOrder[rank[a]] - refOrder[rank[b]] })
		sorted := make([]render.Feature, len(batch))
		for i, k := range order {
			sorted[i] = batch[k]
		}
		batch = sorted
	}
	if len(batch) > 0 {
		return send()
	}
	return nil
}

// ExtentOf is the union of the extents of the layers of info that are not
// hidden; ok is false when they hold no features.
func ExtentOf(info models.Info, hidden map[string]bool) (b orb.Bound, ok bool) {
	for _, li := range info.Layers {
		if li.Extent == nil || li.Count == 0 || hidden[li.Name] {
			continue
		}
		if !ok {
			b, ok = *li.Extent, true
		} else {
			b = b.Union(*li.Extent)
		}
	}
	return b, ok
}

// LayerExtent is the extent of one layer of info; ok is false when the
// layer is empty or unknown.
func LayerExtent(info models.Info, layer string) (orb.Bound, bool) {
	for _, li := range info.Layers {
		if li.Name == layer && li.Extent != nil && li.Count > 0 {
			return *li.Extent, true
		}
	}
	return orb.Bound{}, false
}

// MapFont finds the system's Simplified Chinese font (or $MINEREHAB_FONT)
// and parses it for map labels.
func MapFont() (*opentype.Font, error) {
	f, _, err := fonts.FindSystem()
	if err != nil {
		return nil, err
	}
	return render.ParseFont(f.Regular)
}

// ScreenDPI is the resolution assumed for map scales on screen: one point
// (a Fyne unit, a CSS pixel) is 1/96 inch.
const ScreenDPI = 96

// ScaleDenominator is N of the 1:N scale of v on a screen of ScreenDPI
// points per inch, when v's pixels are points.
func ScaleDenominator(v render.View) float64 { return v.Scale(ScreenDPI) }

// MetresPerPixelForScale is the inverse of ScaleDenominator.
func MetresPerPixelForScale(n float64) float64 { return n * 0.0254 / ScreenDPI }

// scaleBarMaxPx is the longest a scale bar may be, pixels at ratio 1.
const scaleBarMaxPx = 120

// ScaleBarText is the label of a scale bar of the given ground length:
// "500 米" / "2 千米" (zh-CN), "500 m" / "2 km" (en).
func ScaleBarText(l i18n.Lang, metres float64) string {
	if metres >= 1000 {
		return i18n.T(l, "map.scalebar.km", i18n.Args{"n": strconv.FormatFloat(metres/1000, 'f', -1, 64)})
	}
	return i18n.T(l, "map.scalebar.m", i18n.Args{"n": strconv.FormatFloat(metres, 'f', -1, 64)})
}

// ScaleBarImage draws the scale bar of view v on a transparent picture
// just large enough for it, for a window to lay over its map. v's pixels
// are points; ratio is the screen's pixels per point. It returns nil when
// v has no usable scale.
func ScaleBarImage(v render.View, fnt *opentype.Font, ratio float64, l i18n.Lang) *image.RGBA {
	if !(ratio > 0) {
		ratio = 1
	}
	metres, px := render.ScaleBar(v, scaleBarMaxPx)
	if px <= 0 {
		return nil
	}
	bw, bh := scaleBarBox(metres, px*ratio, fnt, ratio, l)
	r := render.NewRaster(int(math.Ceil(bw)), int(math.Ceil(bh)), color.NRGBA{})
	drawScaleBar(r, metres, px*ratio, fnt, ratio, l, 0, math.Ceil(bh))
	return r.Image()
}

// scaleBarBox is the size, in pixels, of the box drawScaleBar draws.
func scaleBarBox(metres, barPx float64, fnt *opentype.Font, ratio float64, l i18n.Lang) (w, h float64) {
	size := scaleBarTextSize * ratio
	pad := scaleBarPad * ratio
	return max(barPx, textWidth(fnt, size, ScaleBarText(l, metres))) + 2*pad, size*1.3 + 10*ratio + 2*pad
}

// keepClear covers each box (pixels of v) with invisible square markers:
// the label placer keeps labels off markers.
func keepClear(v render.View, boxes []image.Rectangle) []render.Feature {
	var out []render.Feature
	for _, b := range boxes {
		b = b.Intersect(image.Rect(0, 0, v.Width, v.Height))
		if b.Empty() {
			continue
		}
		side := float64(min(b.Dx(), b.Dy()))
		for y := float64(b.Min.Y); y < float64(b.Max.Y); y += side {
			cy := min(y+side/2, float64(b.Max.Y)-side/2)
			for x := float64(b.Min.X); x < float64(b.Max.X); x += side {
				cx := min(x+side/2, float64(b.Max.X)-side/2)
				out = append(out, render.Feature{Geometry: v.ToLonLat(cx, cy),
					Style: render.Style{PointShape: render.PointSquare, PointSize: side}})
			}
		}
	}
	return out
}

// Scale bar geometry, pixels at ratio 1.
const (
	scaleBarTextSize = 12
	scaleBarPad      = 5
)

// drawScaleBar draws a scale bar of metres on the ground, barPx pixels
// long, with its box's lower left corner at (x, y): a light box, a bar
// with end ticks, and the length above it.
func drawScaleBar(c render.Canvas, metres, barPx float64, fnt *opentype.Font, ratio float64, l i18n.Lang, x, y float64) {
	text := ScaleBarText(l, metres)
	size := scaleBarTextSize * ratio
	pad := scaleBarPad * ratio
	boxW, boxH := scaleBarBox(metres, barPx, fnt, ratio, l)
	var p render.Path
	p.MoveTo(x, y-boxH)
	p.LineTo(x+boxW, y-boxH)
	p.LineTo(x+boxW, y)
	p.LineTo(x, y)
	p.Close()
	c.FillPath(&p, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xc8})

	ink := color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xff}
	bx, by := x+pad, y-pad-3*ratio
	p.Reset()
	p.MoveTo(bx, by-5*ratio)
	p.LineTo(bx, by)
	p.LineTo(bx+barPx, by)
	p.LineTo(bx+barPx, by-5*ratio)
	c.StrokePath(&p, 2*ratio, ink, nil)
	if fnt != nil {
		c.DrawText(bx, by-7*ratio, text, &render.LabelStyle{Font: fnt, Size: size, Color: ink})
	}
}

// textWidth is the advance width of text in fnt at size pixels (0 without
// a font).
func textWidth(fnt *opentype.Font, size float64, text string) float64 {
	if fnt == nil {
		return 0
	}
	face, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return 0
	}
	defer face.Close()
	return float64(font.MeasureString(face, text)) / 64
}
