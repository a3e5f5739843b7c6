package app

import (
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/paulmach/orb"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"

	"minerehab/app/fonts"
	"minerehab/app/i18n"
	"minerehab/gis/basemap"
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
	// Basemap, when set, is drawn under the features (an offline MBTiles,
	// PMTiles or XYZ raster; see gis/basemap) at BasemapOpacity (0 means 1).
	Basemap        basemap.Source
	BasemapOpacity float64
	// Styles are the project's layer styles (drawing order, opacity,
	// colours, outline width, labels); nil draws the default symbology.
	Styles []models.LayerStyle
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
	// Surveys are field-survey sites drawn over the features and labels,
	// under the scale bar, as the window lays its survey overlay over its
	// map (RenderSurveys, none current): `minerehab render` draws what the
	// window shows. The window leaves it nil and draws its overlay itself,
	// so a survey edited redraws the overlay only.
	Surveys []*models.Survey
	// Unread, when set, collects the features the frame left out because
	// their stored geometry cannot be read (see UnreadMessage).
	Unread *UnreadGeometries
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

// RenderMap draws the visible layers of st through view v onto a new
// picture of v's size, bottom layer first (LayerOrder of opt.Styles), with
// the mine labels placed without collisions over everything, then
// opt.Surveys and, with opt.ScaleBar, a scale bar.
//
// How it stays fast: at scales of lodLevels[0] metres per pixel and
// coarser, each layer is drawn at a level of detail (maprender_lod.go)
// read from the render cache (maprender_cache.go: one file per layer and
// level, valid while the layer's change token is), or else read from the
// store once and written to the cache when the view shows much of the
// layer; finer views, and views of a small part of a layer, read the
// layer with the view's box, so only features that meet the view leave
// the store's spatial index. The store is read through
// models.RenderReader when it has it, so only the geometry and the columns
// the symbology needs are read; the layers are read concurrently, one
// goroutine each, while the frame is drawn front to back in vertical
// strips in parallel, skipping what lies under opaque paint (see
// drawFrame): a strip waits for each layer as it comes to it, so the top
// layers are drawn while those under them still load. A
// window that redraws the same project again and again should use a
// MapCache, which keeps the layers in memory.
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
	bbox := v.Bound()
	var names []string
	for _, name := range LayerOrder(opt.Styles) {
		if !opt.Hidden[name] {
			names = append(names, name)
		}
	}
	k := lodLevel(v.MetresPerPixel)
	src := newLodSource(ctx, st)
	layers := make([]*frameLayer, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i, name := range names {
		fl := &frameLayer{name: name, ready: make(chan struct{})}
		layers[i] = fl
		wg.Go(func() {
			defer close(fl.ready)
			fl.ml, errs[i] = src.frameLayer(rctx, name, k, &bbox)
			if errs[i] != nil {
				fl.ml = nil
				cancel()
			}
		})
	}
	// The strips start at once: each waits for a layer when it comes to
	// it, top layer first, so the layers under are still loading while
	// those above them are drawn. A layer that fails to load cancels the
	// frame.
	img, err := drawFrame(rctx, v, layers, opt)
	wg.Wait()
	for _, lerr := range errs {
		if lerr != nil && !errors.Is(lerr, context.Canceled) {
			return nil, lerr
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	return img, err
}

// ProjectExtent is ExtentOf(st.Info, hidden), read without summarising the
// layers when st can (models.ExtentReader): a headless render or plate of
// the whole project needs only where its features are.
func ProjectExtent(ctx context.Context, st models.Store, hidden map[string]bool) (b orb.Bound, ok bool, err error) {
	var info models.Info
	if er, isER := st.(models.ExtentReader); isER {
		exts, err := er.Extents(ctx)
		if err != nil {
			return orb.Bound{}, false, err
		}
		for name, e := range exts { // the layers with features, as Info would give them
			info.Layers = append(info.Layers, models.LayerInfo{Name: name, Count: 1, Extent: &e})
		}
	} else if info, err = st.Info(ctx); err != nil {
		return orb.Bound{}, false, err
	}
	b, ok = ExtentOf(info, hidden)
	return b, ok, nil
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
// and parses it for map labels. Labels are regular weight: the bold file
// of the family is not read. A system collection (NotoSansCJK-Regular.ttc)
// is parsed in place, its Simplified Chinese face picked by family name,
// rather than that face being copied out first: a third of the cost of a
// `minerehab render` of a 50,000-feature project went there.
func MapFont() (*opentype.Font, error) {
	env := os.Getenv(fonts.Env)
	cands := fonts.SystemCandidates()
	if env == "" {
		for _, c := range cands {
			if f, ok := collectionFace(c.Regular); ok {
				return f, nil
			}
		}
	}
	for i := range cands {
		cands[i].Bold = ""
	}
	f, _, err := fonts.Find(env, cands)
	if err != nil {
		return nil, err
	}
	return render.ParseFont(f.Regular)
}

// collectionFace parses the font file at path as a collection and returns
// its Simplified Chinese face (family ending in " SC", Sans before Serif
// and Mono), if it has one with a glyph for 中.
func collectionFace(path string) (*opentype.Font, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, false
	}
	key := faceKey{path, st.Size(), st.ModTime().UnixNano()}
	if f, ok := faces.Load(key); ok {
		return f.(*opentype.Font), true
	}
	data, err := fonts.MapFile(path)
	if err != nil {
		return nil, false
	}
	f, ok := parseCollectionFace(data)
	if ok {
		faces.Store(key, f)
	}
	return f, ok
}

// faces keeps the faces collectionFace parsed, by file: a window asks for
// its map font again and again.
var faces sync.Map // faceKey → *opentype.Font

type faceKey struct {
	path        string
	size, mtime int64
}

// parseCollectionFace is collectionFace on the file's bytes.
func parseCollectionFace(data []byte) (f *opentype.Font, ok bool) {
	defer func() {
		if recover() != nil { // sfnt is not hardened against every input
			f, ok = nil, false
		}
	}()
	coll, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, false
	}
	// Family names straight from each face's name table: parsing every
	// face of a CJK collection (tens of thousands of glyphs each) to ask
	// its name costs ten times more.
	best, bestScore := -1, 0
	var buf sfnt.Buffer
	for i := range coll.NumFonts() {
		name := ttcFamily(data, i)
		if !strings.HasSuffix(strings.ToLower(name), " sc") {
			continue
		}
		score := 10
		if l := strings.ToLower(name); strings.Contains(l, "mono") || strings.Contains(l, "serif") {
			score = 5
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil, false
	}
	face, err := coll.Font(best)
	if err != nil {
		return nil, false
	}
	if g, err := face.GlyphIndex(&buf, '中'); err != nil || g == 0 {
		return nil, false
	}
	return face, true
}

// ttcFamily reads the family name (name ID 1, Windows Unicode) of face i
// of a TrueType/OpenType collection from its name table; "" when it
// cannot.
func ttcFamily(data []byte, i int) string {
	be := binary.BigEndian
	in := func(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(data) }
	if !in(0, 12) || string(data[:4]) != "ttcf" || i >= int(be.Uint32(data[8:12])) || !in(12+4*i, 4) {
		return ""
	}
	off := int(be.Uint32(data[12+4*i:]))
	if !in(off, 12) {
		return ""
	}
	n := int(be.Uint16(data[off+4:]))
	for k := range n {
		r := off + 12 + 16*k
		if !in(r, 16) {
			return ""
		}
		if string(data[r:r+4]) != "name" {
			continue
		}
		t, tl := int(be.Uint32(data[r+8:])), int(be.Uint32(data[r+12:]))
		if !in(t, tl) || tl < 6 {
			return ""
		}
		tab := data[t : t+tl]
		count, strOff := int(be.Uint16(tab[2:])), int(be.Uint16(tab[4:]))
		for j := range count {
			rec := 6 + 12*j
			if rec+12 > len(tab) {
				return ""
			}
			plat, enc, id := be.Uint16(tab[rec:]), be.Uint16(tab[rec+2:]), be.Uint16(tab[rec+6:])
			l, o := int(be.Uint16(tab[rec+8:])), int(be.Uint16(tab[rec+10:]))
			if plat != 3 || enc != 1 || id != 1 || strOff+o+l > len(tab) {
				continue
			}
			u := make([]uint16, l/2)
			for q := range u {
				u[q] = be.Uint16(tab[strOff+o+2*q:])
			}
			return string(utf16.Decode(u))
		}
		return ""
	}
	return ""
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
