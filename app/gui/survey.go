package gui

import (
	"context"
	"errors"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The window's side of abandoned-mine field surveys (issue 7): the survey
// sites drawn over the map, drawing a new site (Tools menu), the survey
// form, the survey list with packages and conflicts. Records are read and
// written on the I/O worker; every save and delete is one edit of the
// project's history (models.WithEditLabel), so Ctrl+Z undoes it. Nothing
// is fetched from the network: the form works offline.

// surveyUI holds the survey state of the main window. Owned by the UI
// goroutine.
type surveyUI struct {
	m *MainWindow

	path      string           // the project the records below are of
	all       []*models.Survey // every record (replaced whole, never changed in place)
	photos    map[string]int   // photos per survey UID
	conflicts int              // package conflicts waiting for a decision
	loadGen   uint64
	hidden    bool   // the planner hid the survey sites (list window)
	current   string // UID of the record the open form shows, haloed

	gen uint64 // generation of the overlay render

	form         *surveyForm   // the open form, nil when none
	list         *surveyList   // the open list window, nil when closed
	conflictView *conflictView // the open conflict view, nil when none
}

// newSurveyUI wires the survey overlay to the map: it follows the view,
// and a click on a survey site opens its form instead of selecting.
func newSurveyUI(m *MainWindow) *surveyUI {
	su := &surveyUI{m: m}
	mv := m.mapView
	if prev := mv.onView; prev != nil {
		mv.onView = func() { prev(); su.requestOverlay() }
	} else {
		mv.onView = su.requestOverlay
	}
	pick := mv.onPick
	mv.onPick = func(p fyne.Position, add bool) {
		if s := su.at(p); s != nil && !add {
			su.openForm(s)
			return
		}
		if pick != nil {
			pick(p, add)
		}
	}
	return su
}

// at is the survey site under the map point p, nil when none (or hidden).
func (su *surveyUI) at(p fyne.Position) *models.Survey {
	mv := su.m.mapView
	if su.hidden || !mv.hasView || len(su.all) == 0 {
		return nil
	}
	return app.SurveyAt(mv.view, su.all, float64(p.X), float64(p.Y), app.PickTolerance)
}

// refresh follows the window: another project (or none) drops the
// records and closes the form and the list; a new language relabels the
// list.
func (su *surveyUI) refresh() {
	m := su.m
	if su.path != m.path {
		su.path = m.path
		su.all, su.photos, su.conflicts, su.current = nil, nil, 0, ""
		if su.form != nil {
			su.form.close()
		}
		if su.list != nil {
			su.list.win.Close()
		}
		su.requestOverlay()
		su.reload()
		return
	}
	if su.list != nil {
		su.list.relabel()
	}
}

// reload reads the records afresh (after a save, a delete, an import, an
// undo or redo) and redraws what shows them.
func (su *surveyUI) reload() {
	m := su.m
	if m.path == "" {
		return
	}
	su.loadGen++
	gen := su.loadGen
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		all, err := app.Surveys(m.ctx, m.store, "")
		counts := map[string]int{}
		nConf := 0
		if err == nil {
			for _, s := range all {
				if ps, perr := app.SurveyPhotos(m.ctx, m.store, s.UID); perr == nil {
					counts[s.UID] = len(ps)
				}
			}
			if cs, cerr := app.SurveyConflicts(m.ctx, m.store); cerr == nil {
				nConf = len(cs)
			}
		}
		m.ui(func() {
			if gen != su.loadGen {
				return
			}
			if err != nil && !errors.Is(err, app.ErrNoSurveys) {
				m.status.show("gui.status.error", i18n.Args{"detail": m.errorText(err)})
				return
			}
			su.all, su.photos, su.conflicts = all, counts, nConf
			su.requestOverlay()
			if su.list != nil {
				su.list.show()
			}
			if f := su.form; f != nil && !f.isNew && su.byUID(f.orig.UID) == nil {
				f.close() // undone: nothing left to edit (the status bar says what was undone)
			}
		})
	})
}

// byUID is the loaded record with that UID, nil when none.
func (su *surveyUI) byUID(uid string) *models.Survey {
	for _, s := range su.all {
		if s.UID == uid {
			return s
		}
	}
	return nil
}

// setCurrent haloes the record uid on the map ("" for none).
func (su *surveyUI) setCurrent(uid string) {
	if su.current != uid {
		su.current = uid
		su.requestOverlay()
	}
}

// setHidden shows or hides the survey sites.
func (su *surveyUI) setHidden(h bool) {
	su.hidden = h
	su.requestOverlay()
}

// requestOverlay draws the survey sites of the current view off the UI
// goroutine (like the selection overlay); a newer request supersedes an
// older one.
func (su *surveyUI) requestOverlay() {
	mv := su.m.mapView
	su.gen++
	if !mv.hasView || mv.closing.Load() || mv.view.Valid() != nil || su.hidden || len(su.all) == 0 || su.m.path == "" {
		if mv.under != nil {
			mv.under = nil
			mv.Refresh()
		}
		return
	}
	gen, v, all, cur := su.gen, mv.view, su.all, su.current
	rv, ratio := mv.devicePixels(v)
	mv.renders.Add(1)
	go func() {
		defer mv.renders.Done()
		b := v.Bound()
		pad := 20 * v.MetresPerPixel / 80000 // markers reach a little beyond their point
		b.Min[0], b.Min[1], b.Max[0], b.Max[1] = b.Min[0]-pad, b.Min[1]-pad, b.Max[0]+pad, b.Max[1]+pad
		var in []*models.Survey
		for _, s := range all {
			if s.Geometry != nil && s.Geometry.Bound().Intersects(b) {
				in = append(in, s)
			}
		}
		img, err := app.RenderSurveys(context.Background(), rv, in, cur, ratio)
		if err != nil || mv.closing.Load() {
			return
		}
		onUI(func() {
			if gen != su.gen || mv.closing.Load() {
				return
			}
			mv.under, mv.underView = img, v
			mv.Refresh()
		})
	}()
}

// startSurveyDraw begins drawing a survey site: a polygon (survey area)
// or a point. It draws, snaps and measures like every drawing tool;
// finishing opens the survey form.
func (m *MainWindow) startSurveyDraw(mode drawMode) {
	if m.path == "" || m.busy || !m.mapView.hasView {
		return
	}
	sk := newSketch(m.mapView, models.LayerSites, mode)
	sk.snapPx = m.snapDistance()
	sk.onChange = func(g orb.Geometry) { m.showSketchMeasure(g) }
	sk.onCancel = func() {
		m.endTool()
		m.status.show("gui.status.draw_cancelled", nil)
	}
	sk.onFinish = func(g orb.Geometry) { m.surveys.finishSketch(sk, g) }
	m.mapView.setTool(sk)
	m.loadSnap()
	if mode == drawPoint {
		m.status.show("surveyform.status.drawing_point", nil)
	} else {
		m.status.show("surveyform.status.drawing_area", nil)
	}
	m.win.Canvas().Focus(m.mapView)
}

// finishSketch checks a drawn survey site and opens the form for it.
func (su *surveyUI) finishSketch(sk *sketchTool, g orb.Geometry) {
	m := su.m
	if su.form != nil {
		return // the form of this drawing is already open
	}
	if p, ok := g.(orb.Point); ok {
		su.newForm(p, sk)
		return
	}
	checked, err := app.CheckDrawn(models.LayerSites, g)
	if err != nil {
		var de *app.DrawError
		if errors.As(err, &de) && de.Code == "self-intersection" {
			m.showCrossing(sk, de.At, func(g orb.Geometry) { su.newForm(singlePolygon(g), sk) })
			return
		}
		m.status.show("gui.status.edit_refused", i18n.Args{"detail": m.errorText(err)})
		return
	}
	su.newForm(singlePolygon(checked), sk)
}

// singlePolygon unwraps a one-part multipolygon: a survey site drawn as
// one polygon is stored as one.
func singlePolygon(g orb.Geometry) orb.Geometry {
	if mp, ok := g.(orb.MultiPolygon); ok && len(mp) == 1 {
		return mp[0]
	}
	return g
}

// newForm opens the form for a site just drawn.
func (su *surveyUI) newForm(g orb.Geometry, sk *sketchTool) {
	s := &models.Survey{Geometry: g, Date: models.Today().String()}
	if a, _ := app.Measure(g); a > 0 {
		s.DisturbedM2 = math.Round(a*10) / 10
	}
	su.showForm(s, true, sk)
}

// openForm opens the form of a stored record (a click on its site or its
// row in the list).
func (su *surveyUI) openForm(s *models.Survey) {
	if su.form != nil {
		if !su.form.isNew && su.form.orig.UID == s.UID {
			return
		}
		su.form.close()
	}
	c := *s
	c.Surveyors = slices.Clone(s.Surveyors)
	c.Hazards = slices.Clone(s.Hazards)
	su.showForm(&c, false, nil)
}

// labelled is m.ctx marking the writes made with it as one undoable edit.
func (su *surveyUI) labelled(key, name string) context.Context {
	return models.WithEditLabel(su.m.ctx, models.Label{Key: key, Args: map[string]string{"name": name}})
}

// save stores s (added when isNew) and then the photos picked for it, each
// an edit of the history; done runs on the UI goroutine with the errors.
func (su *surveyUI) save(s *models.Survey, isNew bool, photos []*models.PhotoData, done func(err, photoErr error)) {
	m := su.m
	key := "edit.survey.change"
	if isNew {
		key = "edit.survey.add"
	}
	name := s.SiteName
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		err := app.SaveSurvey(su.labelled(key, name), m.store, s)
		var perr error
		if err == nil {
			for _, pd := range photos {
				if perr = app.AddPreparedPhoto(su.labelled("edit.survey.photo", name), m.store, s.UID, pd); perr != nil {
					break
				}
			}
		}
		h := m.readHistory()
		m.ui(func() {
			m.history = h
			m.refreshEditMenu()
			done(err, perr)
			su.reload()
		})
	})
}

// confirmDelete asks, then deletes the record s as one undoable edit.
func (su *surveyUI) confirmDelete(parent fyne.Window, s *models.Survey, done func()) {
	m := su.m
	confirm(parent, m.t("surveyform.delete.title", nil), m.t("surveyform.delete.ask", i18n.Args{"name": s.SiteName}),
		m.t("surveyform.delete.ok", nil), m.t("gui.button.cancel", nil), func(ok bool) {
			if ok {
				su.delete(s, done)
			}
		})
}

// delete removes the record s; done (non-nil) runs when it is gone.
func (su *surveyUI) delete(s *models.Survey, done func()) {
	m := su.m
	uid, name := s.UID, s.SiteName
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		err := app.DeleteSurvey(su.labelled("edit.survey.delete", name), m.store, uid)
		h := m.readHistory()
		m.ui(func() {
			m.history = h
			m.refreshEditMenu()
			if err != nil {
				m.showError(m.t("surveyform.error.delete", i18n.Args{"name": name}), err)
				return
			}
			m.status.show("surveyform.status.deleted", i18n.Args{"name": name})
			if done != nil {
				done()
			}
			su.reload()
		})
	})
}

// zoomTo shows a survey site on the map (200 m around a point).
func (su *surveyUI) zoomTo(s *models.Survey) {
	if s.Geometry != nil && su.m.mapView.hasView {
		su.m.mapView.zoomToBound(padBound(s.Geometry.Bound(), 100))
	}
}
