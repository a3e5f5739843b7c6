package gui

import (
	"context"
	"errors"
	"image"
	"image/color"
	"maps"
	"math"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"golang.org/x/image/font/opentype"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/basemap"
	"minerehab/gis/render"
	"minerehab/models"
)

// mapView is the map canvas: the open project drawn with the default
// symbology, navigated with the mouse (drag to pan, wheel to zoom about the
// cursor, double click to zoom in) and the keyboard (+ - arrows, Home),
// with a view history and a scale bar.
//
// Its view is in points (Fyne units): Width×Height is the widget's size and
// MetresPerPixel is ground metres per point. Frames are rendered at the
// screen's pixel density by app.RenderMap on a goroutine of their own; a
// newer request cancels the older one, and a generation counter makes
// sure that an old frame that arrives late never replaces a newer one.
// Until the new frame arrives, the last one is shown where its view lies
// in the current view: dragged along while panning, scaled while zooming.
//
// Fields are owned by the UI goroutine, except those the render goroutine
// is handed when it starts.
type mapView struct {
	widget.BaseWidget

	lang      i18n.Lang
	store     *sharedStore // nil when no project is open
	info      *models.Info // for the extents of zoom to all / to a layer
	hidden    map[string]bool
	styles    []models.LayerStyle // the project's layer styles (nil: defaults)
	basemap   basemap.Source      // the offline basemap, nil for none
	basemapOp float64
	font      *opentype.Font // labels; nil: none

	view     render.View // current view, points; valid only when hasView
	hasView  bool
	deferred bool       // a frame was asked for while hidden
	fitTo    *orb.Bound // an extent to fit once the widget has a size
	// restore, when set, replaces the next project's fit: the view it
	// had when it was last closed (centre and metres per point).
	restore *render.View
	// fitted says the view is still the one fitted when the project opened
	// (the user has not moved it): a resize fits the project again.
	fitted  bool
	fitted0 orb.Bound // the extent it was fitted to
	size    fyne.Size
	hist    viewHistory

	frame     image.Image // last frame delivered
	frameView render.View // the view it was drawn for (points)
	scaleBar  image.Image // of the current view

	// The overlay: selection highlight and go-to mark, drawn on its own
	// (cheap) so a new selection does not redraw the map.
	sel   []*models.Feature
	mark  *orb.Point
	warn  []orb.Geometry     // topology warnings: where a zone overlaps another
	bands []orb.MultiPolygon // screening bands along rivers (screening.go)
	// theme is the mines coloured by a planning question (maptheme.go),
	// drawn over the map, placed like it.
	theme       image.Image
	themeView   render.View
	overlay     image.Image
	overlayView render.View
	overlayGen  uint64
	// under lies between the frame and the overlay, placed like them: the
	// survey sites (survey.go draws it off the UI goroutine).
	under     image.Image
	underView render.View

	// Mouse: the modifiers held when the button went down (Fyne's tap and
	// drag events carry none), and the rubber band of a Shift-drag.
	downMod        fyne.KeyModifier
	downPos        fyne.Position
	downOK         bool // downPos is this gesture's: MouseDown was seen
	dragOn         bool // a drag is under way; dragLast is its last position
	dragLast       fyne.Position
	tool           mapTool // the editing tool, nil when navigating
	toolDrag       bool    // the drag in progress belongs to the tool
	panning        bool    // the drag in progress pans (the tool declined it)
	boxing         bool
	boxFrom, boxTo fyne.Position

	gen    uint64 // generation of the latest render request
	cancel context.CancelFunc
	// While the map is panned, the frame in flight is let land (it is at
	// the scale shown, and the next frame takes what it drew, see
	// app.MapCache) and the view the pan reached drawn after it: flying
	// says a frame is in flight for gen, of flyView; pending that the
	// view has moved since; panNext that the next request is a pan's.
	flying, pending, panNext bool
	flyView                  render.View
	panRest                  [2]float64 // points of the pan not yet made (less than a device pixel)
	renders                  sync.WaitGroup
	closing                  atomic.Bool // no new renders, no frames delivered: the window is shutting down

	// render draws a frame; nil draws from the project's MapCache (tests
	// set it, e.g. to app.RenderMap wrapped).
	render func(ctx context.Context, st models.Store, v render.View, opt app.MapOptions) (*image.RGBA, error)
	// ratio is the screen's pixels per point; nil asks the canvas.
	ratio func() float32

	onView   func()                     // the view or the history changed
	onCursor func(p orb.Point, in bool) // the cursor moved over (in) or left the map
	onError  func(err error)            // a render failed (not cancelled)
	onFocus  func()                     // the map wants the keyboard
	onFrame  func()                     // a new frame is shown
	// onUnread is told, with each frame shown, of the features it left
	// out because their stored geometry cannot be read (none: not called).
	onUnread func(u *app.UnreadGeometries)
	onPick   func(p fyne.Position, add bool) // a click selects (add: Shift held)
	onBox    func(b orb.Bound, add bool)     // a Shift-drag box selects
	onEscape func()                          // Esc: select none
	onDelete func()                          // Delete: delete the selection
}

func newMapView(l i18n.Lang) *mapView {
	m := &mapView{lang: l, hidden: map[string]bool{}, hist: newViewHistory()}
	m.ExtendBaseWidget(m)
	return m
}

// Zoom steps.
const (
	zoomStep     = 2.0 // + / - keys, toolbar buttons, double click
	wheelPerStep = 50  // wheel delta (Fyne units) for one factor of √2·√2 = 2
	panFraction  = 0.25
	fitMarginPt  = 20
	// maxMetresPerPoint and minMetresPerPoint bound zooming: the whole of
	// China, a tenth of a millimetre per point.
	maxMetresPerPoint = 20000
	minMetresPerPoint = 0.005
)

// setProject shows a project (st nil: none). A new store fits the view to
// the project's extent and starts a new history; the same store again
// (a reload) keeps the view and redraws.
func (m *mapView) setProject(st *sharedStore, info *models.Info) {
	same := st != nil && st == m.store
	m.store, m.info = st, info
	if !same {
		m.hasView, m.fitTo, m.frame = false, nil, nil
		m.hist.reset()
		if st != nil && info != nil {
			if b, ok := app.ExtentOf(*info, nil); ok {
				m.fitTo = &b
			}
		}
		m.applyFit()
	}
	m.requestRender()
	m.changed()
	m.Refresh()
}

// setInfo updates the extents known for zooming (after a reload).
func (m *mapView) setInfo(info *models.Info) { m.info = info }

// setStyles sets the layer styles and the hidden layers, and redraws.
// Nothing is redrawn when neither changes what is drawn (a visibility
// change the map has already shown, being saved).
func (m *mapView) setStyles(styles []models.LayerStyle, hidden map[string]bool) {
	same := maps.Equal(m.hidden, hidden) && sameLooks(m.styles, styles)
	m.styles, m.hidden = styles, hidden
	if !same {
		m.requestRender()
	}
}

// sameLooks reports whether two style lists draw alike (visibility aside,
// which the hidden set carries).
func sameLooks(a, b []models.LayerStyle) bool {
	for _, l := range models.Layers {
		x, y := app.StyleOf(a, l.Name), app.StyleOf(b, l.Name)
		x.Visible, y.Visible = true, true
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// setHidden hides or shows a layer and redraws.
func (m *mapView) setHidden(layer string, hide bool) {
	if m.hidden[layer] == hide {
		return
	}
	m.hidden[layer] = hide
	m.requestRender()
}

func (m *mapView) setLang(l i18n.Lang) {
	if l == m.lang {
		return
	}
	m.lang = l
	m.updateScaleBar()
	m.Refresh()
}

// setFont sets the label font and redraws.
func (m *mapView) setFont(f *opentype.Font) {
	m.font = f
	m.updateScaleBar()
	m.requestRender()
}

// Show implements fyne.Widget: a frame asked for while the map was hidden
// is drawn now.
func (m *mapView) Show() {
	m.BaseWidget.Show()
	if m.deferred {
		m.requestRender()
	}
}

// Resize implements fyne.Widget: the view keeps its centre and scale and
// grows or shrinks with the widget.
func (m *mapView) Resize(s fyne.Size) {
	m.BaseWidget.Resize(s)
	if s == m.size {
		return
	}
	m.size = s
	w, h := int(math.Round(float64(s.Width))), int(math.Round(float64(s.Height)))
	if m.hasView && m.fitted && len(m.hist.views) == 1 {
		m.hasView, m.fitTo = false, &m.fitted0
		m.hist.reset()
	}
	if m.hasView {
		m.view.Width, m.view.Height = w, h
		if m.view.Valid() != nil {
			return
		}
	}
	m.applyFit()
	m.updateScaleBar()
	m.requestRender()
	m.requestOverlay()
	m.changed()
}

// applyFit fits the view to m.fitTo when the widget has a size.
func (m *mapView) applyFit() {
	w, h := int(math.Round(float64(m.size.Width))), int(math.Round(float64(m.size.Height)))
	if m.fitTo == nil || w <= 0 || h <= 0 {
		return
	}
	v := render.FitView(*m.fitTo, w, h, fitMarginPt)
	if v.Valid() != nil {
		return
	}
	v.MetresPerPixel = clampMPP(v.MetresPerPixel)
	m.fitted, m.fitted0 = true, *m.fitTo
	if r := m.restore; r != nil {
		v.Center, v.MetresPerPixel = r.Center, r.MetresPerPixel
		m.fitted, m.restore = false, nil
	}
	m.fitTo = nil
	m.view, m.hasView = v, true
	m.hist.record(v, navJump, time.Now())
	m.updateScaleBar()
}

func clampMPP(mpp float64) float64 { return min(max(mpp, minMetresPerPoint), maxMetresPerPoint) }

// navigate makes v the current view, records it in the history and
// redraws.
func (m *mapView) navigate(v render.View, kind navKind) {
	if !m.hasView || v.Valid() != nil {
		return
	}
	m.view = v
	m.fitted = false
	m.hist.record(v, kind, time.Now())
	m.viewChanged()
}

// viewChanged redraws after a change of view.
func (m *mapView) viewChanged() {
	m.updateScaleBar()
	m.requestRender()
	m.requestOverlay()
	m.changed()
	m.Refresh()
}

func (m *mapView) changed() {
	if m.onView != nil {
		m.onView()
	}
}

// zoomAt zooms by factor (>1 in) about the point p of the widget.
func (m *mapView) zoomAt(factor float64, p fyne.Position, kind navKind) {
	if !m.hasView {
		return
	}
	mpp := clampMPP(m.view.MetresPerPixel / factor)
	m.navigate(m.view.ZoomAt(m.view.MetresPerPixel/mpp, float64(p.X), float64(p.Y)), kind)
}

// zoomCentre zooms by factor about the middle of the map.
func (m *mapView) zoomCentre(factor float64, kind navKind) {
	m.zoomAt(factor, fyne.NewPos(float32(m.view.Width)/2, float32(m.view.Height)/2), kind)
}

// panBy moves the map content by (dx, dy) points.
func (m *mapView) panBy(dx, dy float64, kind navKind) {
	if m.hasView {
		// By whole device pixels, so the frame drawn before stays of use
		// (app.MapCache takes from it); the rest waits for the next move.
		r := m.pixelRatio()
		dx, dy = dx+m.panRest[0], dy+m.panRest[1]
		sx, sy := math.Round(dx*r)/r, math.Round(dy*r)/r
		m.panRest = [2]float64{dx - sx, dy - sy}
		m.panNext = true
		m.navigate(m.view.Pan(sx, sy), kind)
		m.panNext = false
	}
}

// zoomToBound shows b whole.
func (m *mapView) zoomToBound(b orb.Bound) {
	if !m.hasView {
		m.fitTo = &b
		m.applyFit()
		m.viewChanged()
		return
	}
	v := render.FitView(b, m.view.Width, m.view.Height, fitMarginPt)
	v.MetresPerPixel = clampMPP(v.MetresPerPixel)
	m.navigate(v, navJump)
}

// zoomAll shows every feature of the visible layers (all layers when they
// are all hidden).
func (m *mapView) zoomAll() {
	if m.info == nil {
		return
	}
	b, ok := app.ExtentOf(*m.info, m.hidden)
	if !ok {
		if b, ok = app.ExtentOf(*m.info, nil); !ok {
			return
		}
	}
	m.zoomToBound(b)
}

// zoomToLayer shows every feature of one layer.
func (m *mapView) zoomToLayer(layer string) {
	if m.info == nil {
		return
	}
	if b, ok := app.LayerExtent(*m.info, layer); ok {
		m.zoomToBound(b)
	}
}

// setScale shows the map at 1:n about its centre.
func (m *mapView) setScale(n float64) {
	if !m.hasView || !(n > 0) || math.IsInf(n, 1) {
		return
	}
	v := m.view
	v.MetresPerPixel, v.ScaleLat = clampMPP(app.MetresPerPixelForScale(n)), 0
	m.navigate(v, navJump)
}

// scale is the denominator of the current 1:N scale (0 without a view).
func (m *mapView) scale() float64 {
	if !m.hasView {
		return 0
	}
	return app.ScaleDenominator(m.view)
}

func (m *mapView) back() {
	if v, ok := m.hist.back(); ok && m.hasView {
		m.view.Center, m.view.MetresPerPixel, m.view.ScaleLat = v.Center, v.MetresPerPixel, v.ScaleLat
		m.viewChanged()
	}
}

func (m *mapView) forward() {
	if v, ok := m.hist.forward(); ok && m.hasView {
		m.view.Center, m.view.MetresPerPixel, m.view.ScaleLat = v.Center, v.MetresPerPixel, v.ScaleLat
		m.viewChanged()
	}
}

// pixelRatio is the screen's pixels per point.
func (m *mapView) pixelRatio() float64 {
	if m.ratio != nil {
		if r := m.ratio(); r > 0 {
			return float64(r)
		}
		return 1
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil && c.Scale() > 0 {
		return float64(c.Scale())
	}
	return 1
}

// requestRender starts drawing the current view, cancelling the render in
// flight; after a pan, it lets a frame in flight at the same scale land
// first (see flying).
func (m *mapView) requestRender() {
	pan := m.panNext
	m.panNext = false
	if pan && m.flying && !m.closing.Load() && m.flyView.MetresPerPixel == m.view.MetresPerPixel &&
		m.flyView.Width == m.view.Width && m.flyView.Height == m.view.Height {
		m.pending = true
		return
	}
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.gen++
	m.flying, m.pending = false, false
	if m.store == nil || !m.hasView || m.closing.Load() || m.view.Valid() != nil {
		return
	}
	if !m.Visible() {
		// Hidden (behind the loading page while a project opens): the
		// frame is drawn when the map shows, at the size it shows at.
		m.deferred = true
		return
	}
	m.deferred = false
	gen, st, v := m.gen, m.store, m.view
	rv, ratio := m.devicePixels(v)
	opt := app.MapOptions{Hidden: maps.Clone(m.hidden), Styles: m.styles, Font: m.font, PixelRatio: ratio, Lang: m.lang,
		Basemap: m.basemap, BasemapOpacity: m.basemapOp, Unread: &app.UnreadGeometries{}}
	if m.scaleBar != nil { // labels stay clear of the scale bar laid over the map
		b := m.scaleBar.Bounds()
		x0, y1 := int(scaleBarMargin*ratio), rv.Height-int(scaleBarMargin*ratio)
		opt.KeepClear = []image.Rectangle{image.Rect(x0, y1-b.Dy(), x0+b.Dx(), y1)}
	}
	ctx, cancel := context.WithCancel(st.ctx)
	m.cancel = cancel
	m.flying, m.flyView = true, v
	draw := m.render
	if draw == nil {
		cache := st.cache
		draw = func(ctx context.Context, _ models.Store, v render.View, opt app.MapOptions) (*image.RGBA, error) {
			return cache.Render(ctx, v, opt)
		}
	}
	m.renders.Add(1)
	go func() {
		defer m.renders.Done()
		defer cancel()
		var img *image.RGBA
		err := st.read(func(s models.Store) error {
			var err error
			img, err = draw(ctx, s, rv, opt)
			return err
		})
		if ctx.Err() != nil && err == nil {
			err = ctx.Err()
		}
		if !m.closing.Load() {
			onUI(func() { m.deliver(gen, v, img, err, opt.Unread) })
		}
	}()
}

// deliver shows a finished frame unless a newer render has been asked for
// since; runs on the UI goroutine.
func (m *mapView) deliver(gen uint64, v render.View, img *image.RGBA, err error, unread *app.UnreadGeometries) {
	if gen != m.gen || m.closing.Load() {
		return // stale: a newer frame is on its way
	}
	m.flying = false
	if m.pending { // a pan moved on meanwhile: draw where it is now
		defer m.requestRender()
	}
	if err != nil {
		if !errors.Is(err, context.Canceled) && !errors.Is(err, errStoreClosed) && m.onError != nil {
			m.onError(err)
		}
		return
	}
	m.frame, m.frameView = img, v
	m.Refresh()
	if m.onFrame != nil {
		m.onFrame()
	}
	if m.onUnread != nil && unread.Count() > 0 {
		m.onUnread(unread)
	}
}

// shutdown cancels the render in flight and refuses new ones.
func (m *mapView) shutdown() {
	m.closing.Store(true)
	if m.cancel != nil {
		m.cancel()
	}
}

// wait blocks until every render goroutine has finished (tests, shutdown).
func (m *mapView) wait() { m.renders.Wait() }

func (m *mapView) updateScaleBar() {
	m.scaleBar = nil
	if m.hasView {
		if img := app.ScaleBarImage(m.view, m.font, m.pixelRatio(), m.lang); img != nil {
			m.scaleBar = img
		}
	}
}

// framePlace is where the last frame lies in the current view, in points:
// moved while panning, scaled while zooming.
func (m *mapView) framePlace() (fyne.Position, fyne.Size, bool) {
	if m.frame == nil {
		return fyne.Position{}, fyne.Size{}, false
	}
	return m.place(m.frameView)
}

// place is where a picture drawn for view f lies in the current view.
func (m *mapView) place(f render.View) (fyne.Position, fyne.Size, bool) {
	if !m.hasView {
		return fyne.Position{}, fyne.Size{}, false
	}
	x0, y0 := m.view.ToPixel(f.ToLonLat(0, 0))
	x1, y1 := m.view.ToPixel(f.ToLonLat(float64(f.Width), float64(f.Height)))
	if !(x1 > x0) || !(y1 > y0) || math.IsInf(x1-x0, 0) || math.IsInf(y1-y0, 0) {
		return fyne.Position{}, fyne.Size{}, false
	}
	return fyne.NewPos(float32(x0), float32(y0)), fyne.NewSize(float32(x1-x0), float32(y1-y0)), true
}

// devicePixels is view v in the screen's device pixels (the pictures are
// drawn at full resolution on high-density screens), and the ratio.
func (m *mapView) devicePixels(v render.View) (render.View, float64) {
	ratio := m.pixelRatio()
	rv := v
	rv.MetresPerPixel /= ratio
	rv.Width = max(1, int(math.Round(float64(v.Width)*ratio)))
	rv.Height = max(1, int(math.Round(float64(v.Height)*ratio)))
	return rv, ratio
}

// showImage places one of the map's images (the frame, the theme, the
// survey sites, the overlay) at pos, size sz, or hides it (ok false); the
// canvas image is refreshed only when the picture itself changed.
func showImage(obj *canvas.Image, shown *image.Image, img image.Image, pos fyne.Position, sz fyne.Size, ok bool) {
	if !ok {
		obj.Hide()
		return
	}
	if *shown != img {
		obj.Image = img
		*shown = img
		obj.Refresh()
	}
	obj.Move(pos)
	obj.Resize(sz)
	obj.Show()
}

// Mouse and keyboard.

// Dragged implements fyne.Draggable: the map follows the mouse.
// With Shift held it draws a selection box instead.
func (m *mapView) Dragged(ev *fyne.DragEvent) {
	from, d := m.dragStep(ev)
	if m.tool != nil && !m.boxing {
		if !m.toolDrag && !m.panning {
			m.toolDrag = m.tool.dragStart(from)
			m.panning = !m.toolDrag
		}
		if m.toolDrag {
			m.tool.drag(ev.Position)
			m.Refresh()
			return
		}
	}
	if m.downMod&fyne.KeyModifierShift != 0 && m.onBox != nil {
		if !m.boxing {
			m.boxing = true
			m.boxFrom = from
		}
		m.boxTo = ev.Position
		m.Refresh()
		return
	}
	m.panBy(float64(d.DX), float64(d.DY), navDrag)
}

// dragStep returns where the mouse was at the last drag event (where the
// button went down, at the first) and how far it moved since. Fyne's own
// delta is not used: under the GLFW driver the first Dragged of a gesture
// measures from the window's corner, not from where the button went down
// (in a real X window a drag by 10 points panned the map by 810).
func (m *mapView) dragStep(ev *fyne.DragEvent) (from fyne.Position, d fyne.Delta) {
	switch {
	case m.dragOn:
		from = m.dragLast
	case m.downOK:
		from = m.downPos
	default: // no MouseDown seen (Fyne's test driver): its delta
		from = ev.Position.Subtract(ev.Dragged)
	}
	m.dragOn, m.dragLast = true, ev.Position
	return from, fyne.NewDelta(ev.Position.X-from.X, ev.Position.Y-from.Y)
}

// DragEnd implements fyne.Draggable: a pan ends, or a box selects.
func (m *mapView) DragEnd() {
	m.panning = false
	m.dragOn, m.downOK = false, false
	if m.toolDrag {
		m.toolDrag = false
		m.tool.dragEnd()
		m.Refresh()
		return
	}
	if m.boxing {
		m.boxing = false
		m.Refresh()
		if m.hasView && m.onBox != nil {
			a := m.view.ToLonLat(float64(m.boxFrom.X), float64(m.boxFrom.Y))
			b := m.view.ToLonLat(float64(m.boxTo.X), float64(m.boxTo.Y))
			m.onBox(orb.Bound{Min: a, Max: a}.Extend(b), m.downMod&fyne.KeyModifierControl != 0)
		}
		return
	}
	m.hist.end()
	if m.pending {
		// The mouse is let go: the view is where it stays. The frame in
		// flight was for a view passed; what it drew of the features is
		// kept when it got that far (app.MapCache), so drawing this
		// view now, not after it, brings the final frame sooner.
		m.requestRender()
	}
}

// MouseDown implements desktop.Mouseable: it remembers the modifiers for
// the tap or drag that follows.
func (m *mapView) MouseDown(ev *desktop.MouseEvent) {
	m.downMod, m.downPos, m.downOK = ev.Modifier, ev.Position, true
}

// MouseUp implements desktop.Mouseable.
func (m *mapView) MouseUp(*desktop.MouseEvent) {
	if !m.dragOn {
		m.downOK = false // a click: no drag follows from this press
	}
}

// Scrolled implements fyne.Scrollable: the wheel zooms about the cursor.
func (m *mapView) Scrolled(ev *fyne.ScrollEvent) {
	dy := max(-4*wheelPerStep, min(4*wheelPerStep, float64(ev.Scrolled.DY)))
	if dy == 0 {
		return
	}
	m.zoomAt(math.Pow(zoomStep, dy/wheelPerStep), ev.Position, navWheel)
}

// Tapped implements fyne.Tappable: a click gives the map the keyboard.
// It also picks the feature under the cursor; Shift adds it to the
// selection (or takes it out).
func (m *mapView) Tapped(ev *fyne.PointEvent) {
	if m.onFocus != nil {
		m.onFocus()
	}
	if m.tool != nil && m.hasView && m.tool.tap(ev.Position) {
		m.Refresh()
		return
	}
	if m.onPick != nil && m.hasView {
		m.onPick(ev.Position, m.downMod&fyne.KeyModifierShift != 0)
	}
}

// DoubleTapped implements fyne.DoubleTappable: zoom in about the point.
// A tool may take it (a drawing finishes).
func (m *mapView) DoubleTapped(ev *fyne.PointEvent) {
	if m.tool != nil && m.hasView && m.tool.doubleTap(ev.Position) {
		m.Refresh()
		return
	}
	m.zoomAt(zoomStep, ev.Position, navJump)
}

// MouseIn implements desktop.Hoverable.
func (m *mapView) MouseIn(ev *desktop.MouseEvent) { m.MouseMoved(ev) }

// MouseMoved implements desktop.Hoverable: the status bar shows where the
// cursor is.
func (m *mapView) MouseMoved(ev *desktop.MouseEvent) {
	if m.onCursor != nil && m.hasView {
		m.onCursor(m.view.ToLonLat(float64(ev.Position.X), float64(ev.Position.Y)), true)
	}
	if m.tool != nil && m.hasView {
		m.tool.move(ev.Position)
		m.Refresh()
	}
}

// MouseOut implements desktop.Hoverable.
func (m *mapView) MouseOut() {
	if m.onCursor != nil {
		m.onCursor(orb.Point{}, false)
	}
}

// FocusGained implements fyne.Focusable.
func (m *mapView) FocusGained() {}

// FocusLost implements fyne.Focusable.
func (m *mapView) FocusLost() {}

// TypedRune implements fyne.Focusable: + and = zoom in, - zooms out.
func (m *mapView) TypedRune(r rune) {
	if m.tool != nil && m.tool.typedRune(r) {
		m.Refresh()
		return
	}
	switch r {
	case '+', '=':
		m.zoomCentre(zoomStep, navKey)
	case '-', '_':
		m.zoomCentre(1/zoomStep, navKey)
	}
}

// TypedKey implements fyne.Focusable: arrows pan by a quarter of the map,
// Home shows everything, Page Up/Down zoom.
func (m *mapView) TypedKey(ev *fyne.KeyEvent) {
	if !m.hasView {
		return
	}
	if m.tool != nil && m.tool.key(ev.Name) {
		m.Refresh()
		return
	}
	dx, dy := math.Round(float64(m.view.Width)*panFraction), math.Round(float64(m.view.Height)*panFraction)
	switch ev.Name {
	case fyne.KeyLeft:
		m.panBy(dx, 0, navKey)
	case fyne.KeyRight:
		m.panBy(-dx, 0, navKey)
	case fyne.KeyUp:
		m.panBy(0, dy, navKey)
	case fyne.KeyDown:
		m.panBy(0, -dy, navKey)
	case fyne.KeyHome:
		m.zoomAll()
	case fyne.KeyEscape:
		if m.onEscape != nil {
			m.onEscape()
		}
	case fyne.KeyDelete:
		if m.onDelete != nil {
			m.onDelete()
		}
	case fyne.KeyPageUp:
		m.zoomCentre(zoomStep, navKey)
	case fyne.KeyPageDown:
		m.zoomCentre(1/zoomStep, navKey)
	}
}

// CreateRenderer implements fyne.Widget.
func (m *mapView) CreateRenderer() fyne.WidgetRenderer {
	r := &mapRenderer{m: m,
		bg:      canvas.NewRectangle(app.MapBackground),
		frame:   canvas.NewImageFromImage(nil),
		bar:     canvas.NewImageFromImage(nil),
		overlay: canvas.NewImageFromImage(nil),
		under:   canvas.NewImageFromImage(nil),
		theme:   canvas.NewImageFromImage(nil),
		box:     canvas.NewRectangle(boxFill),
	}
	r.under.FillMode = canvas.ImageFillStretch
	r.theme.FillMode = canvas.ImageFillStretch
	r.theme.ScaleMode = canvas.ImageScaleFastest
	r.under.ScaleMode = canvas.ImageScaleFastest
	r.box.StrokeColor, r.box.StrokeWidth = boxStroke, 1.5
	r.overlay.FillMode = canvas.ImageFillStretch
	r.overlay.ScaleMode = canvas.ImageScaleFastest
	r.frame.FillMode = canvas.ImageFillStretch
	r.frame.ScaleMode = canvas.ImageScaleFastest
	r.bar.FillMode = canvas.ImageFillStretch
	r.update()
	return r
}

// mapRenderer lays out the background, the last frame where its view lies
// and the scale bar in the lower left. It does no I/O and no drawing of
// its own.
type mapRenderer struct {
	m                   *mapView
	bg, box             *canvas.Rectangle
	frame, bar, overlay *canvas.Image
	under               *canvas.Image
	shownUnder          image.Image
	theme               *canvas.Image
	shownTheme          image.Image
	shownFrame          image.Image
	shownBar            image.Image
	shownOverlay        image.Image
	toolObjs            []fyne.CanvasObject // the tool's sketch, handles and snap marker
}

// The rubber band of box selection.
var (
	boxFill   = color.NRGBA{0x00, 0xb4, 0xff, 0x30}
	boxStroke = color.NRGBA{0x00, 0x80, 0xc0, 0xff}
)

func (r *mapRenderer) Destroy()           {}
func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }
func (r *mapRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.frame, r.theme, r.under, r.overlay, r.box}
	objs = append(objs, r.toolObjs...)
	return append(objs, r.bar)
}
func (r *mapRenderer) Layout(fyne.Size) { r.update() }
func (r *mapRenderer) Refresh()         { r.update() }

// scaleBarMargin is the scale bar's distance from the map's lower left
// corner, points.
const scaleBarMargin = 10

func (r *mapRenderer) update() {
	m := r.m
	size := m.Size()
	r.bg.Resize(size)
	r.bg.Move(fyne.Position{})
	pos, sz, ok := m.framePlace()
	showImage(r.frame, &r.shownFrame, m.frame, pos, sz, ok)
	for _, l := range []struct {
		obj   *canvas.Image
		shown *image.Image
		img   image.Image
		view  render.View
	}{{r.theme, &r.shownTheme, m.theme, m.themeView}, {r.under, &r.shownUnder, m.under, m.underView}, {r.overlay, &r.shownOverlay, m.overlay, m.overlayView}} {
		pos, sz, ok := m.place(l.view)
		showImage(l.obj, l.shown, l.img, pos, sz, ok && l.img != nil)
	}
	r.toolObjs = nil
	if m.tool != nil && m.hasView {
		r.toolObjs = m.tool.objects(m.view)
	}
	if m.boxing {
		x0, y0 := min(m.boxFrom.X, m.boxTo.X), min(m.boxFrom.Y, m.boxTo.Y)
		r.box.Move(fyne.NewPos(x0, y0))
		r.box.Resize(fyne.NewSize(abs32(m.boxTo.X-m.boxFrom.X), abs32(m.boxTo.Y-m.boxFrom.Y)))
		r.box.Show()
	} else {
		r.box.Hide()
	}
	if m.scaleBar != nil {
		if r.shownBar != m.scaleBar {
			r.bar.Image = m.scaleBar
			r.shownBar = m.scaleBar
			r.bar.Refresh()
		}
		ratio := float32(m.pixelRatio())
		b := m.scaleBar.Bounds()
		bs := fyne.NewSize(float32(b.Dx())/ratio, float32(b.Dy())/ratio)
		r.bar.Resize(bs)
		r.bar.Move(fyne.NewPos(scaleBarMargin, size.Height-scaleBarMargin-bs.Height))
		r.bar.Show()
	} else {
		r.bar.Hide()
	}
}

// restoreView makes the next project open at this view instead of its
// full extent (the view it had when it was last closed).
func (m *mapView) restoreView(centre orb.Point, mpp float64) {
	m.restore = &render.View{Center: centre, MetresPerPixel: mpp}
}
