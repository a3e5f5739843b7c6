package gui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The Yellow River screening window (Tools > Yellow River screening…,
// policy section 十五): river features and a distance in, every mine, site
// and fire point within it out, with its distance; the band drawn on the
// map; results saved under a name and date and re-run later to see what
// changed. Everything runs through app.Screen and friends, the same code
// as `minerehab screen`.

// screenView is the screening window's state; the main window holds one
// while it is open.
type screenView struct {
	m        *MainWindow
	win      fyne.Window
	layer    *widget.Select
	names    *widget.Entry
	distance *widget.Entry
	layers   *widget.CheckGroup
	showBand *widget.Check
	run      *widget.Button
	save     *widget.Button
	busy     *widget.ProgressBarInfinite
	summary  *widget.Label
	list     *widget.List
	saved    *widget.Select

	layerOf map[string]string // label → layer, for the river layer and the screened layers
	res     *models.Screening
	band    orb.MultiPolygon
}

// defaultRiverNames is the names entry's default (policy: 黄河 and 都思兔河).
func defaultRiverNames() string {
	var out []string
	for _, r := range models.DefaultRivers {
		out = append(out, r.Name)
	}
	return strings.Join(out, "，")
}

// showScreening opens (or raises) the screening window.
func (m *MainWindow) showScreening() {
	if m.path == "" || m.busy {
		return
	}
	if m.screen != nil {
		m.screen.win.RequestFocus()
		return
	}
	sv := &screenView{m: m, win: m.app.NewWindow(m.t("screenwin.title", nil)), layerOf: map[string]string{}}
	var layerLabels, screenLabels, defaults []string
	for _, l := range models.Layers {
		label := layerName(m.lang, l.Name)
		sv.layerOf[label] = l.Name
		layerLabels = append(layerLabels, label)
	}
	// What the policy asks to list (mines, sites, fire points) and roads.
	for _, l := range append(append([]string{}, models.ScreenLayers...), models.LayerRoads) {
		screenLabels = append(screenLabels, layerName(m.lang, l))
	}
	for _, l := range models.ScreenLayers {
		defaults = append(defaults, layerName(m.lang, l))
	}
	sv.layer = widget.NewSelect(layerLabels, nil)
	sv.layer.SetSelected(layerName(m.lang, models.LayerReference))
	sv.names = widget.NewEntry()
	sv.names.SetText(defaultRiverNames())
	sv.names.SetPlaceHolder(m.t("screenwin.names_hint", nil))
	sv.distance = widget.NewEntry()
	sv.distance.SetText("3000")
	sv.distance.OnSubmitted = func(string) { sv.start() }
	sv.layers = widget.NewCheckGroup(screenLabels, nil)
	sv.layers.Horizontal = true
	sv.layers.SetSelected(defaults)
	sv.showBand = widget.NewCheck(m.t("screenwin.show_band", nil), func(bool) { sv.updateBand() })
	sv.showBand.SetChecked(true)
	sv.run = widget.NewButtonWithIcon(m.t("screenwin.run", nil), theme.SearchIcon(), sv.start)
	sv.run.Importance = widget.HighImportance
	sv.save = widget.NewButtonWithIcon(m.t("screenwin.save", nil), theme.DocumentSaveIcon(), sv.askSave)
	sv.save.Disable()
	sv.busy = widget.NewProgressBarInfinite()
	sv.busy.Hide()
	sv.summary = widget.NewLabel(m.t("screenwin.intro", nil))
	sv.summary.Wrapping = fyne.TextWrapWord
	sv.list = widget.NewList(sv.count, func() fyne.CanvasObject { return widget.NewLabel("") }, sv.row)
	sv.list.OnSelected = sv.pick
	sv.saved = widget.NewSelect(nil, nil)
	sv.saved.PlaceHolder = m.t("screenwin.saved_hint", nil)
	load := widget.NewButton(m.t("screenwin.load", nil), func() { sv.load(false) })
	rerun := widget.NewButton(m.t("screenwin.rerun", nil), func() { sv.load(true) })

	form := widget.NewForm(
		widget.NewFormItem(m.t("screenwin.river_layer", nil), sv.layer),
		widget.NewFormItem(m.t("screenwin.river_names", nil), sv.names),
		widget.NewFormItem(m.t("screenwin.distance", nil), sv.distance),
		widget.NewFormItem(m.t("screenwin.layers", nil), sv.layers),
	)
	top := container.NewVBox(form,
		container.NewHBox(sv.run, sv.save, sv.showBand),
		container.NewBorder(nil, nil, widget.NewLabel(m.t("screenwin.saved", nil)), container.NewHBox(load, rerun), sv.saved),
		sv.busy, sv.summary)
	sv.win.SetContent(container.NewBorder(container.NewPadded(top), nil, nil, nil, sv.list))
	sv.win.Resize(fyne.NewSize(820, 640))
	sv.win.SetOnClosed(func() {
		m.screen = nil
		m.mapView.setBands(nil)
	})
	m.screen = sv
	sv.win.Show()
	sv.refreshSaved()
}

// params reads the form; a bad distance or an empty choice is said in the
// summary and gives ok false.
func (sv *screenView) params() (models.ScreenParams, bool) {
	m := sv.m
	var p models.ScreenParams
	d, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(sv.distance.Text, ",", "")), 64)
	if err != nil {
		sv.say(m.t("screenwin.bad_distance", i18n.Args{"text": sv.distance.Text}), true)
		return p, false
	}
	p.DistanceM = d
	layer := sv.layerOf[sv.layer.Selected]
	for _, n := range strings.FieldsFunc(sv.names.Text, func(r rune) bool { return strings.ContainsRune(",，、;；", r) }) {
		if n = strings.TrimSpace(n); n != "" {
			p.Rivers = append(p.Rivers, models.RiverRef{Layer: layer, Name: n})
		}
	}
	if len(p.Rivers) == 0 {
		p.Rivers = []models.RiverRef{{Layer: layer}} // every feature of the layer
	}
	for _, l := range sv.layers.Selected {
		p.Layers = append(p.Layers, sv.layerOf[l])
	}
	if len(p.Layers) == 0 {
		sv.say(m.t("screenwin.no_layers", nil), true)
		return p, false
	}
	return p, true
}

// say writes the summary line; bad ones in red.
func (sv *screenView) say(s string, bad bool) {
	sv.summary.SetText(s)
	sv.summary.Importance = widget.MediumImportance
	if bad {
		sv.summary.Importance = widget.DangerImportance
	}
	sv.summary.Refresh()
}

// start runs the screening off the UI goroutine.
func (sv *screenView) start() {
	p, ok := sv.params()
	if !ok {
		return
	}
	sv.runWith(func() (*models.Screening, *app.ScreenDiff, error) {
		res, err := app.Screen(sv.m.ctx, sv.m.store, p)
		return res, nil, err
	})
}

// runWith runs job (a screening, a load or a re-run) on the I/O worker
// with the progress bar shown, computes the band and shows the result.
func (sv *screenView) runWith(job func() (*models.Screening, *app.ScreenDiff, error)) {
	m := sv.m
	sv.run.Disable()
	sv.busy.Show()
	sv.busy.Start()
	m.io.Go(func() {
		res, diff, err := job()
		var band orb.MultiPolygon
		var bandErr error
		if err == nil {
			band, bandErr = app.ScreeningBand(m.ctx, m.store, res)
		}
		m.ui(func() {
			sv.busy.Stop()
			sv.busy.Hide()
			sv.run.Enable()
			if err != nil {
				sv.say(m.errorText(err), true)
				return
			}
			sv.res, sv.band = res, band
			sv.save.Enable()
			sv.list.UnselectAll()
			sv.list.Refresh()
			sv.say(sv.describe(res, diff), false)
			if bandErr != nil {
				sv.say(sv.summary.Text+"\n"+m.errorText(bandErr), true)
			}
			sv.updateBand()
		})
	})
}

// describe is the summary of a result (and of its comparison with the
// saved one, for a re-run).
func (sv *screenView) describe(res *models.Screening, diff *app.ScreenDiff) string {
	m := sv.m
	s := m.t("screenwin.summary", i18n.Args{"n": len(res.Hits), "distance": formatCount(int(res.DistanceM)), "rivers": strings.Join(app.RiverNames(res), "、"),
		"at": res.At.Local().Format("2006-01-02 15:04")})
	if res.Name != "" {
		s = m.t("screenwin.saved_as", i18n.Args{"name": res.Name}) + " " + s
	}
	if diff != nil {
		if diff.Same() {
			s += "\n" + m.t("screenwin.rerun_same", nil)
		} else {
			s += "\n" + m.t("screenwin.rerun_diff", i18n.Args{"added": len(diff.Added), "removed": len(diff.Removed), "moved": len(diff.Moved),
				"rivers": m.t(fmt.Sprintf("screenwin.rivers_changed.%v", diff.RiversChanged), nil)})
		}
	}
	return s
}

func (sv *screenView) count() int {
	if sv.res == nil {
		return 0
	}
	return len(sv.res.Hits)
}

// row is one hit: distance, layer, name, licence, district.
func (sv *screenView) row(i widget.ListItemID, o fyne.CanvasObject) {
	h := sv.res.Hits[i]
	name := h.Name
	if name == "" {
		name = fmt.Sprintf("#%d", h.ID)
	}
	var about []string
	for _, s := range []string{h.Licence, h.District} {
		if s != "" {
			about = append(about, s)
		}
	}
	o.(*widget.Label).SetText(sv.m.t("screenwin.hit", i18n.Args{"distance": fmt.Sprintf("%.0f", h.DistanceM), "layer": layerName(sv.m.lang, h.Layer),
		"name": name, "about": strings.Join(about, sv.m.t("screenwin.sep", nil))}))
}

// pick shows a hit on the map.
func (sv *screenView) pick(i widget.ListItemID) {
	m := sv.m
	h := sv.res.Hits[i]
	m.io.Go(func() {
		es, ok := m.store.(models.EditStore)
		if !ok {
			return
		}
		f, err := es.Feature(m.ctx, h.Layer, h.ID)
		m.ui(func() {
			if err != nil {
				sv.say(m.errorText(err), true)
				return
			}
			m.showFound(f)
		})
	})
}

// updateBand shows or hides the band on the map.
func (sv *screenView) updateBand() {
	if sv.showBand.Checked && len(sv.band) > 0 {
		sv.m.mapView.setBands([]orb.MultiPolygon{sv.band})
		return
	}
	sv.m.mapView.setBands(nil)
}

// askSave asks for a name (default: the date and distance) and saves.
func (sv *screenView) askSave() {
	m := sv.m
	if sv.res == nil {
		return
	}
	name := widget.NewEntry()
	name.SetText(m.t("screenwin.default_name", i18n.Args{"date": models.Today().String(), "distance": formatCount(int(sv.res.DistanceM))}))
	dialog.ShowForm(m.t("screenwin.save", nil), m.t("screenwin.save", nil), m.t("gui.button.cancel", nil),
		[]*widget.FormItem{widget.NewFormItem(m.t("screenwin.name", nil), name)}, func(ok bool) {
			if !ok {
				return
			}
			res, n := sv.res, strings.TrimSpace(name.Text)
			m.io.Go(func() {
				err := app.SaveScreening(m.ctx, m.store, n, res)
				m.ui(func() {
					if err != nil {
						sv.say(m.errorText(err), true)
						return
					}
					res.Name = n
					sv.say(sv.describe(res, nil), false)
					sv.refreshSaved()
				})
			})
		}, sv.win)
}

// refreshSaved fills the list of saved screenings.
func (sv *screenView) refreshSaved() {
	m := sv.m
	m.io.Go(func() {
		infos, err := app.Screenings(m.ctx, m.store)
		m.ui(func() {
			if err != nil {
				return
			}
			var names []string
			for _, in := range infos {
				names = append(names, in.Name)
			}
			sv.saved.SetOptions(names)
		})
	})
}

// load shows a saved screening as it was, or (rerun) runs it again on
// today's data and says what changed.
func (sv *screenView) load(rerun bool) {
	name := sv.saved.Selected
	if name == "" {
		return
	}
	m := sv.m
	sv.runWith(func() (*models.Screening, *app.ScreenDiff, error) {
		if !rerun {
			res, err := app.LoadScreening(m.ctx, m.store, name)
			return res, nil, err
		}
		d, err := app.RerunScreening(m.ctx, m.store, name)
		if err != nil {
			return nil, nil, err
		}
		return d.Now, d, nil
	})
}
