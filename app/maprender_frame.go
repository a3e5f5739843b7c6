package app

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"minerehab/gis/basemap"
	"minerehab/gis/render"
	"minerehab/models"
)

// A frame is drawn the same way from the store (RenderMap) and from
// memory (MapCache): layers of mapFeatures, cut into vertical strips drawn
// in parallel, then one label pass over the whole frame.

// mapFeature is one feature ready to draw: its lon/lat geometry and box,
// its style (an index into its layer's styles, which are at pixel ratio
// 1) and its label ("" for none).
type mapFeature struct {
	geom  orb.Geometry
	bound orb.Bound
	label string
	style uint8
	// anchor is where a labelled polygon's label goes (render.LabelAnchor),
	// found by the first frame that labels it and kept for the next ones:
	// finding it again meant projecting the whole polygon every frame
	// (the label pass was an eighth of a zoomed frame). noAnchor when the
	// polygon has none.
	anchor atomic.Pointer[orb.Point]
}

// noAnchor marks a feature whose label anchor was looked for in vain.
var noAnchor = new(orb.Point)

// labelAnchor returns f's label anchor, finding it the first time; nil
// when it has none (not a polygon, or no area). Safe for concurrent
// frames: two may find it at once, and find the same.
func (f *mapFeature) labelAnchor() *orb.Point {
	a := f.anchor.Load()
	if a == nil {
		a = noAnchor
		if p, ok := render.LabelAnchor(f.geom); ok {
			a = &p
		}
		f.anchor.Store(a)
	}
	if a == noAnchor {
		return nil
	}
	return a
}

func (f *mapFeature) point() bool {
	_, ok := f.geom.(orb.Point)
	return ok
}

// mapLayer is one layer's features in drawing order, and the distinct
// styles they use.
type mapLayer struct {
	name   string
	feats  []mapFeature
	styles []render.Style
	// grid indexes feats for views of part of the layer (see visit);
	// built by the first such view. ext is the features' extent (extOK:
	// some box is finite).
	gridOnce, extOnce sync.Once
	grid              *layerGrid
	ext               orb.Bound
	extOK             bool
	// unread is the fids left out because their geometry could not be
	// decoded (a frame reports them through MapOptions.Unread).
	unread []int64
}

// maxStyles bounds a layer's style table (uint8 indices); the symbology
// uses a handful per layer.
const maxStyles = 255

// styleIndex returns the index of st in l.styles, adding it if new.
func (l *mapLayer) styleIndex(st render.Style) uint8 {
	for i := range l.styles {
		if sameStyle(&l.styles[i], &st) {
			return uint8(i)
		}
	}
	if len(l.styles) == maxStyles {
		return maxStyles - 1
	}
	l.styles = append(l.styles, st)
	return uint8(len(l.styles) - 1)
}

// sameStyle compares styles field by field; dash patterns by contents.
func sameStyle(a, b *render.Style) bool {
	if !slices.Equal(a.Dash, b.Dash) {
		return false
	}
	return a.Fill == b.Fill && a.Stroke == b.Stroke && a.StrokeWidth == b.StrokeWidth &&
		a.Hatch == b.Hatch && a.HatchColor == b.HatchColor && a.HatchSpacing == b.HatchSpacing &&
		a.HatchWidth == b.HatchWidth && a.PointShape == b.PointShape && a.PointSize == b.PointSize
}

// readLevels reads layer from st (the features whose box meets bbox, all
// when nil), in fid order, as records of what the map draws, and hands
// each to emit at each of levels (i is the index into levels; with no
// levels, once as stored, i = 0). Each feature is simplified as it is
// read, so the stored geometry is never held whole, and emit must copy
// what it keeps of r. It reads through models.RenderReader when st has
// it (the geometry and the few columns the symbology reads), else
// Store.Features. The reference layer comes in drawing order (see
// referenceOrder).
// The fids of the features whose geometry could not be decoded are
// returned (they are left out, as features without geometry are).
func readLevels(ctx context.Context, st models.Store, layer string, bbox *orb.Bound, levels []int, emit func(i int, r *lodRecord)) ([]int64, error) {
	var ref []lodRecord // the reference layer is sorted first
	var unread []int64
	add := func(f *models.Feature) error {
		if f.GeomErr != nil {
			unread = append(unread, f.ID)
		}
		if f.Geometry == nil {
			return nil
		}
		r := lodRecordOf(f)
		if layer == models.LayerReference {
			ref = append(ref, r)
			return nil
		}
		emitLevels(&r, levels, emit)
		return nil
	}
	var err error
	if rr, ok := st.(models.RenderReader); ok {
		err = readRenderRows(ctx, rr, layer, bbox, true, add)
	} else {
		err = st.Features(ctx, layer, bbox, add)
	}
	if err != nil {
		return nil, err
	}
	for _, j := range referenceOrder(ref) {
		emitLevels(&ref[j], levels, emit)
	}
	return unread, nil
}

func emitLevels(r *lodRecord, levels []int, emit func(int, *lodRecord)) {
	if len(levels) == 0 {
		emit(0, r)
		return
	}
	for i, k := range levels {
		lr := *r
		lr.geom = lodGeometry(r.geom, k)
		emit(i, &lr)
	}
}

// readRecords is readLevels collecting the records: out[i] at levels[i]
// (out[0] as stored without levels), and the fids left unread.
func readRecords(ctx context.Context, st models.Store, layer string, bbox *orb.Bound, levels ...int) ([][]lodRecord, []int64, error) {
	out := make([][]lodRecord, max(1, len(levels)))
	unread, err := readLevels(ctx, st, layer, bbox, levels, func(i int, r *lodRecord) { out[i] = append(out[i], *r) })
	if err != nil {
		return nil, nil, err
	}
	return out, unread, nil
}

// geomBound is g.Bound() for the geometries a project holds, in one
// plain pass over the points (orb's Bound checks each point for
// emptiness); other types fall back to orb.
func geomBound(g orb.Geometry) orb.Bound {
	var b boundAcc
	switch g := g.(type) {
	case orb.Point:
		return g.Bound()
	case orb.LineString:
		b.add(g)
	case orb.MultiLineString:
		for _, l := range g {
			b.add(l)
		}
	case orb.Polygon:
		if len(g) > 0 {
			b.add(g[0])
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if len(p) > 0 {
				b.add(p[0])
			}
		}
	default:
		return g.Bound()
	}
	if !b.ok {
		return g.Bound()
	}
	return orb.Bound{Min: orb.Point{b.minx, b.miny}, Max: orb.Point{b.maxx, b.maxy}}
}

type boundAcc struct {
	minx, miny, maxx, maxy float64
	ok                     bool
}

func (b *boundAcc) add(pts []orb.Point) {
	for _, p := range pts {
		if !b.ok {
			b.minx, b.maxx, b.miny, b.maxy, b.ok = p[0], p[0], p[1], p[1], true
			continue
		}
		b.minx = min(b.minx, p[0])
		b.maxx = max(b.maxx, p[0])
		b.miny = min(b.miny, p[1])
		b.maxy = max(b.maxy, p[1])
	}
}

// renderFields lists what the symbology (StyleFor, LabelFor) reads of a
// layer's features.
func renderFields(layer string, labels bool) models.RenderFields {
	var f models.RenderFields
	if labels {
		// Any layer can be labelled with its names (a layer style).
		f |= models.RenderName
	}
	switch layer {
	case models.LayerMines:
		if labels {
			f |= models.RenderDistrict
		}
	case models.LayerSites:
		f |= models.RenderKind
	case models.LayerFirePoints:
		f |= models.RenderStatus | models.RenderProps
	case models.LayerReference:
		f |= models.RenderFeatureType
	}
	return f
}

// mapLabel is what a feature would be labelled with: mines as LabelFor
// says, other features by their name (drawn when a layer style asks).
func mapLabel(f *models.Feature) string {
	if f.Layer == models.LayerMines {
		return LabelFor(f)
	}
	return strings.TrimSpace(f.Attrs.Name)
}

// readRenderRows reads a layer through rr and hands each row to fn as a
// Feature holding what the symbology reads (Props only while fn runs); a
// geometry that cannot be decoded comes as none, with GeomErr set.
func readRenderRows(ctx context.Context, rr models.RenderReader, layer string, bbox *orb.Bound, labels bool, fn func(*models.Feature) error) error {
	return rr.RenderRows(ctx, layer, bbox, renderFields(layer, labels), func(r *models.RenderRow) error {
		f := renderFeature(layer, r)
		return fn(&f)
	})
}

// Pieces are at least minStripPx wide, and a rectangle is cut into at
// most maxStrips.
const (
	minStripPx = 256
	maxStrips  = 8
)

// framePieces cuts the rectangles rs of a frame into the vertical strips
// drawn in parallel, two per processor across a whole frame: the data is
// rarely spread evenly across a frame, and with one strip per processor
// the one that finished first left its processor idle while the labels
// were placed beside the others (a frame of the large project zoomed in
// 4× came 10-15% sooner with two per processor, the medium overview a
// few percent; three gained nothing more). Each strip is drawn through
// its render.View.Window, whose pixels are the frame's shifted.
func framePieces(rs []image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	for _, r := range rs {
		// A band a pan uncovered, a few pixels across, is drawn whole: a
		// piece costs the features around it (cullMarginPx) too.
		n := min(2*runtime.GOMAXPROCS(0), maxStrips, max(1, r.Dx()/minStripPx), max(1, r.Dx()*r.Dy()/(minStripPx*minStripPx)))
		for i := range n {
			x0, x1 := r.Min.X+r.Dx()*i/n, r.Min.X+r.Dx()*(i+1)/n
			out = append(out, image.Rect(x0, r.Min.Y, x1, r.Max.Y))
		}
	}
	return out
}

// cullMarginPx is how far, in pixels at ratio 1, a feature's box may lie
// outside a strip and still be drawn into it (the widest stroke or marker
// of the symbology reaches this far beyond the geometry).
const cullMarginPx = 16

// grow returns b grown by d degrees of longitude and e of latitude.
func grow(b orb.Bound, d, e float64) orb.Bound {
	return orb.Bound{Min: orb.Point{b.Min[0] - d, b.Min[1] - e}, Max: orb.Point{b.Max[0] + d, b.Max[1] + e}}
}

func meets(a, b orb.Bound) bool {
	return a.Max[0] >= b.Min[0] && a.Min[0] <= b.Max[0] && a.Max[1] >= b.Min[1] && a.Min[1] <= b.Max[1]
}

// degPerPx returns the degrees of longitude and latitude one pixel of v
// spans at its centre.
func degPerPx(v render.View) (float64, float64) {
	a := v.ToLonLat(0, 0)
	b := v.ToLonLat(1, 1)
	return math.Abs(b[0] - a[0]), math.Abs(b[1] - a[1])
}

// stripLayer is fl as one strip draws it front to back: its features
// last first, culled to the strip's box (plus margin) by their stored box,
// with their styles scaled to ratio. The features are waited for when the
// strip comes to the layer (layers under it may still be loading then).
func stripLayer(fl *frameLayer, sv render.View, ratio float64, ls models.LayerStyle) render.Layer {
	// 0 leaves the layer undrawn, as render.Layer does.
	opacity := ls.Opacity
	if !(opacity <= 1) {
		opacity = 1
	}
	dx, dy := degPerPx(sv)
	m := cullMarginPx * ratio
	box := grow(sv.Bound(), m*dx, m*dy)
	return render.Layer{Name: fl.name, Opacity: opacity, Backward: func(yield func(render.Feature) bool) {
		ml := fl.get()
		if ml == nil {
			return // not loaded: the frame fails with the reason
		}
		styles := make([]render.Style, len(ml.styles))
		for i, st := range ml.styles {
			styles[i] = scaleStyle(paletteStyle(st, ls), ratio)
		}
		feats := ml.feats
		ml.visit(box, true, func(i int) bool {
			f := &feats[i]
			return yield(render.Feature{Geometry: f.geom, Style: styles[f.style], Bound: &f.bound})
		})
	}}
}

// frameLayer is a layer of a frame: its name, known at once, and its
// features, which may still be loading when the frame starts (RenderMap
// loads the layers while the strips draw those above them).
type frameLayer struct {
	name  string
	ready chan struct{} // closed once ml is set; nil: set already
	ml    *mapLayer     // nil if loading failed
}

// get waits for the layer's features and returns them (nil if loading
// failed).
func (fl *frameLayer) get() *mapLayer {
	if fl.ready != nil {
		<-fl.ready
	}
	return fl.ml
}

// loadedLayers is layers as a frame's, all loaded.
func loadedLayers(layers []*mapLayer) []*frameLayer {
	fls := make([]*frameLayer, len(layers))
	for i, ml := range layers {
		fls[i] = &frameLayer{name: ml.name, ml: ml}
	}
	return fls
}

// drawFrame draws the layers through vertical strips of v in parallel,
// each front to back (render.DrawFrontToBack: top feature first, what is
// hidden under opaque paint skipped), puts the strips side by side, and
// meanwhile places the labels over the whole frame in one pass (so they
// never collide across strips), drawn with the scale bar over the
// features at the end.
func drawFrame(ctx context.Context, v render.View, layers []*frameLayer, opt MapOptions) (*image.RGBA, error) {
	return drawFrameFrom(ctx, v, layers, opt, nil, nil)
}

// prevFrame is a frame drawn before, without labels or basemap, of the
// same layers in the same symbology (the frame before a pan): pixel
// (x, y) of the frame now drawn is its pixel (x+at.X, y+at.Y).
type prevFrame struct {
	img *image.RGBA
	at  image.Point
}

// drawFrameFrom is drawFrame, taking from prev (when set) the pixels it
// holds and drawing only the rest. When keep is set (and there is no
// basemap) it is handed a copy of the features drawn, before the labels
// go on, as soon as they are: a frame cancelled while its labels are
// placed (the longer part of a frame a pan uncovered little of) still
// leaves its features for the next frame to take from.
func drawFrameFrom(ctx context.Context, v render.View, layers []*frameLayer, opt MapOptions, prev *prevFrame, keep func(*image.RGBA)) (*image.RGBA, error) {
	ratio := opt.ratio()
	canvas := render.NewRaster(v.Width, v.Height, color.NRGBA{})
	img := canvas.Image()
	todo := []image.Rectangle{img.Rect}
	if prev != nil {
		todo = takeFrom(img, prev)
	}
	bg := MapBackground
	if opt.Basemap != nil {
		bg = color.NRGBA{} // the basemap goes under afterwards
	}
	// The labels are placed meanwhile (placing reads no pixels) and drawn
	// over the features once they are all there.
	var labels render.Recorder
	var labelErr error
	var placing sync.WaitGroup
	placing.Go(func() { labelErr = drawLabels(ctx, &labels, v, layers, opt) })
	pieces := framePieces(todo)
	errs := make([]error, len(pieces))
	var drawers sync.WaitGroup
	for i, p := range pieces {
		pv := v.Window(p)
		ls := make([]render.Layer, len(layers))
		for j, fl := range layers {
			ls[j] = stripLayer(fl, pv, ratio, StyleOf(opt.Styles, fl.name))
		}
		sub := img.SubImage(p).(*image.RGBA)
		drawers.Go(func() {
			errs[i] = render.DrawFrontToBack(ctx, render.NewRasterOn(sub), pv, ls, bg)
		})
	}
	drawers.Wait()
	err := errors.Join(errs...)
	if err == nil && keep != nil && opt.Basemap == nil {
		keep(&image.RGBA{Pix: slices.Clone(img.Pix), Stride: img.Stride, Rect: img.Rect})
	}
	placing.Wait()
	if err := errors.Join(err, labelErr); err != nil {
		return nil, err
	}
	for _, fl := range layers {
		if ml := fl.get(); ml != nil {
			opt.Unread.add(ml.name, ml.unread...)
		}
	}
	if opt.Basemap != nil {
		if err := underBasemap(ctx, img, v, opt); err != nil {
			return nil, err
		}
	}
	labels.Replay(canvas)
	return canvas.Image(), nil
}

// takeFrom copies into img the pixels prev holds and returns the
// rectangles of img left to draw: the bands along the edges a pan
// uncovered (none when prev covers img, all of img when they do not meet).
func takeFrom(img *image.RGBA, prev *prevFrame) []image.Rectangle {
	f := img.Rect
	ov := prev.img.Rect.Sub(prev.at).Intersect(f)
	if ov.Empty() {
		return []image.Rectangle{f}
	}
	for y := ov.Min.Y; y < ov.Max.Y; y++ {
		d := img.PixOffset(ov.Min.X, y)
		s := prev.img.PixOffset(ov.Min.X+prev.at.X, y+prev.at.Y)
		copy(img.Pix[d:d+4*ov.Dx()], prev.img.Pix[s:s+4*ov.Dx()])
	}
	var out []image.Rectangle
	for _, r := range []image.Rectangle{
		image.Rect(f.Min.X, f.Min.Y, f.Max.X, ov.Min.Y),   // above
		image.Rect(f.Min.X, ov.Max.Y, f.Max.X, f.Max.Y),   // below
		image.Rect(f.Min.X, ov.Min.Y, ov.Min.X, ov.Max.Y), // left
		image.Rect(ov.Max.X, ov.Min.Y, f.Max.X, ov.Max.Y), // right
	} {
		if !r.Empty() {
			out = append(out, r)
		}
	}
	return out
}

// drawLabels places the labels of the labelled features big enough on
// screen, avoiding the fire point markers and opt.KeepClear, and draws
// opt.Surveys and the scale bar over them.
func drawLabels(ctx context.Context, canvas render.Canvas, v render.View, layers []*frameLayer, opt MapOptions) error {
	ratio := opt.ratio()
	dx, dy := degPerPx(v)
	minLabel := minLabelPx * ratio
	view := grow(v.Bound(), cullMarginPx*ratio*dx, cullMarginPx*ratio*dy)
	var labelLs []render.Layer
	labels := false
	for _, fl := range layers {
		var ls *render.LabelStyle
		if Labelled(fl.name, StyleOf(opt.Styles, fl.name)) {
			ls = LabelStyleFor(models.LayerMines, opt.Font, ratio)
		}
		obstacles := opt.Font != nil && fl.name == models.LayerFirePoints
		if ls == nil && !obstacles {
			continue
		}
		ml := fl.get()
		if ml == nil {
			continue // not loaded: the frame fails with the reason
		}
		feats := ml.feats
		styles := make([]render.Style, len(ml.styles))
		for i, st := range ml.styles {
			styles[i] = scaleStyle(st, ratio)
			if styles[i].PointSize == 0 {
				styles[i].PointSize = render.DefaultPointSize
			}
		}
		labelled := func(f *mapFeature) bool {
			b := f.bound
			return f.label != "" && ((b.Max[0]-b.Min[0])/dx >= minLabel || (b.Max[1]-b.Min[1])/dy >= minLabel)
		}
		// The features again, invisible: those labelled and big enough,
		// and the markers labels keep off. Streamed, not collected: a
		// large project has hundreds of thousands.
		seq := func(yield func(render.Feature) bool) {
			ml.visit(view, false, func(i int) bool {
				f := &feats[i]
				if ls != nil && f.label != "" {
					return !labelled(f) || yield(render.Feature{Geometry: f.geom, Label: f.label, Bound: &f.bound, Anchor: f.labelAnchor()})
				}
				if obstacles && f.point() {
					st := &styles[f.style]
					return yield(render.Feature{Geometry: f.geom, Bound: &f.bound,
						Style: render.Style{PointShape: st.PointShape, PointSize: st.PointSize + st.StrokeWidth}})
				}
				return true
			})
		}
		if ls != nil && !labels {
			ml.visit(view, false, func(i int) bool {
				labels = labelled(&feats[i])
				return !labels
			})
		}
		labelLs = append(labelLs, render.Layer{Name: ml.name, Opacity: 1, Iter: seq, LabelStyle: ls})
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
		if err := render.Draw(ctx, canvas, v, labelLs); err != nil {
			return err
		}
	}
	// The survey sites go over the labels and under the scale bar, where
	// the window stacks its survey overlay.
	if len(opt.Surveys) > 0 {
		if err := render.Draw(ctx, canvas, v, surveyLayers(opt.Surveys, "", ratio)); err != nil {
			return err
		}
	}
	if sbPx > 0 {
		drawScaleBar(canvas, sbMetres, sbPx, opt.Font, ratio, opt.Lang, sbX, sbY)
	}
	return nil
}

// underBasemap puts the basemap under the drawn features: the background
// colour, the tiles over it, the features (transparent where there are
// none) over both. A damaged tile leaves its place blank rather than
// losing the map; only cancellation fails the frame.
func underBasemap(ctx context.Context, img *image.RGBA, v render.View, opt MapOptions) error {
	base := image.NewRGBA(img.Bounds())
	draw.Draw(base, base.Bounds(), image.NewUniform(MapBackground), image.Point{}, draw.Src)
	op := opt.BasemapOpacity
	if !(op > 0 && op <= 1) {
		op = 1
	}
	if err := basemap.Draw(ctx, base, v, opt.Basemap, op); err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	draw.Draw(base, base.Bounds(), img, img.Bounds().Min, draw.Over)
	draw.Draw(img, img.Bounds(), base, image.Point{}, draw.Src)
	return nil
}
