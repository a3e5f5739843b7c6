package gui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/models"
)

// summaryState is what the centre panel shows.
type summaryState int

const (
	summaryNone    summaryState = iota // no project: welcome, New/Open, recent projects
	summaryLoading                     // a project is being opened or created
	summaryProject                     // an open project
)

// summaryPanel is the centre of the window until the map canvas arrives:
// the open project's file, schema version and totals, or a welcome page.
type summaryPanel struct {
	widget.BaseWidget
	lang       i18n.Lang
	state      summaryState
	path       string
	info       *models.Info
	loadingKey string // status key of the loading page ("gui.status.opening" …) // nil while loading or when Info failed
	recent     []string

	onNew, onOpen func()
	onRecent      func(path string)
}

func newSummaryPanel(l i18n.Lang) *summaryPanel {
	p := &summaryPanel{lang: l}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *summaryPanel) CreateRenderer() fyne.WidgetRenderer {
	r := &summaryRenderer{p: p}

	// Welcome page.
	r.welcomeTitle = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	r.welcomeTitle.SizeName = theme.SizeNameSubHeadingText
	r.welcomeText = widget.NewLabel("")
	r.welcomeText.Alignment = fyne.TextAlignCenter
	r.welcomeText.Wrapping = fyne.TextWrapWord
	r.newBtn = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { call(p.onNew) })
	r.openBtn = widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() { call(p.onOpen) })
	r.openBtn.Importance = widget.HighImportance
	r.recentTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.recentBox = container.NewVBox()
	r.welcome = container.NewVBox(
		layout.NewSpacer(),
		r.welcomeTitle, r.welcomeText,
		container.NewCenter(container.NewHBox(r.newBtn, r.openBtn)),
		r.recentTitle, r.recentBox,
		layout.NewSpacer(),
	)

	// Loading page.
	r.loadingText = widget.NewLabel("")
	r.loadingText.Alignment = fyne.TextAlignCenter
	r.loadingText.Wrapping = fyne.TextWrapBreak
	r.loading = container.NewVBox(layout.NewSpacer(), r.loadingText, widget.NewProgressBarInfinite(), layout.NewSpacer())

	// Project page.
	r.card = widget.NewCard("", "", nil)
	r.form = container.New(layout.NewFormLayout())
	r.card.SetContent(r.form)

	r.root = container.NewStack(
		container.New(&columnLayout{max: 560, fill: true}, r.welcome),
		container.New(&columnLayout{max: 560, fill: true}, r.loading),
		container.NewVScroll(container.New(&columnLayout{max: 720}, r.card)),
	)
	r.update()
	return r
}

func call(f func()) {
	if f != nil {
		f()
	}
}

type summaryRenderer struct {
	p    *summaryPanel
	root *fyne.Container

	welcome, loading                       *fyne.Container
	welcomeTitle, welcomeText, recentTitle *widget.Label
	newBtn, openBtn                        *widget.Button
	recentBox                              *fyne.Container
	loadingText                            *widget.Label
	card                                   *widget.Card
	form                                   *fyne.Container
}

func (r *summaryRenderer) Layout(s fyne.Size)           { r.root.Resize(s) }
func (r *summaryRenderer) MinSize() fyne.Size           { return r.root.MinSize() }
func (r *summaryRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.root} }
func (r *summaryRenderer) Destroy()                     {}

// Refresh fills the panel only while it shows: the window refreshes both
// summaries whenever a project opens, while the welcome page is hidden
// behind the map and the summary tab is usually not the one selected, and
// laying out their text was a third of a second of the start. Show
// refreshes a hidden panel as it appears.
func (r *summaryRenderer) Refresh() {
	if !r.p.Visible() {
		return
	}
	r.update()
	r.root.Refresh()
}

// update shows the page of the current state and fills it (no I/O here).
func (r *summaryRenderer) update() {
	p, l := r.p, r.p.lang
	for i, o := range r.root.Objects {
		if i == int(p.state) {
			o.Show()
		} else {
			o.Hide()
		}
	}
	switch p.state {
	case summaryNone:
		setLabel(r.welcomeTitle, i18n.T(l, "gui.welcome.title", nil))
		setLabel(r.welcomeText, i18n.T(l, "gui.welcome.text", nil))
		setButton(r.newBtn, i18n.T(l, "gui.menu.new", nil))
		setButton(r.openBtn, i18n.T(l, "gui.menu.open", nil))
		setLabel(r.recentTitle, i18n.T(l, "gui.welcome.recent", nil))
		r.recentTitle.Hidden = len(p.recent) == 0
		r.recentBox.RemoveAll()
		for _, path := range p.recent {
			b := widget.NewButtonWithIcon(filepath.Base(path), theme.FileIcon(), func() {
				if p.onRecent != nil {
					p.onRecent(path)
				}
			})
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			dir := widget.NewLabel(filepath.Dir(path))
			dir.SizeName = theme.SizeNameCaptionText
			dir.Truncation = fyne.TextTruncateEllipsis
			r.recentBox.Add(container.NewBorder(nil, nil, b, nil, dir))
		}
	case summaryLoading:
		setLabel(r.loadingText, i18n.T(l, p.loadingKey, i18n.Args{"path": p.path}))
	case summaryProject:
		r.card.SetTitle(filepath.Base(p.path))
		r.card.SetSubTitle(i18n.T(l, "gui.summary.subtitle", nil))
		r.form.Objects = r.form.Objects[:0]
		for _, kv := range summaryRows(l, p.path, p.info) {
			k := widget.NewLabelWithStyle(kv[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			v := widget.NewLabel(kv[1])
			v.Wrapping = fyne.TextWrapBreak
			r.form.Add(k)
			r.form.Add(v)
		}
	}
}

// summaryRows are the label/value pairs of an open project.
func summaryRows(l i18n.Lang, path string, info *models.Info) [][2]string {
	rows := [][2]string{{i18n.T(l, "gui.summary.path", nil), path}}
	if info == nil {
		return append(rows, [2]string{i18n.T(l, "gui.summary.schema", nil), "–"})
	}
	total := 0
	var ext *orb.Bound
	for _, li := range info.Layers {
		total += li.Count
		if li.Extent != nil {
			if ext == nil {
				b := *li.Extent
				ext = &b
			} else {
				u := ext.Union(*li.Extent)
				ext = &u
			}
		}
	}
	rows = append(rows,
		[2]string{i18n.T(l, "gui.summary.schema", nil), formatCount(info.SchemaVersion)},
		[2]string{i18n.T(l, "gui.summary.features", nil), formatCount(total)},
	)
	for _, name := range []string{models.LayerMines, models.LayerSites, models.LayerFirePoints, models.LayerPlanUnits} {
		li, ok := layerInfo(info, name)
		if !ok {
			continue
		}
		v := formatCount(li.Count)
		if d, _ := models.LayerByName(name); isPolygonal(d) && li.Count > 0 {
			v = i18n.T(l, "gui.summary.count_area", i18n.Args{"n": v, "area": areaText(l, li.AreaM2)})
		}
		rows = append(rows, [2]string{layerName(l, name), v})
	}
	ev := i18n.T(l, "gui.summary.extent.none", nil)
	if ext != nil {
		ev = i18n.T(l, "gui.summary.extent.value", i18n.Args{
			"w": formatFixed(ext.Min.Lon(), 3), "e": formatFixed(ext.Max.Lon(), 3),
			"s": formatFixed(ext.Min.Lat(), 3), "n": formatFixed(ext.Max.Lat(), 3),
		})
	}
	return append(rows, [2]string{i18n.T(l, "gui.summary.extent", nil), ev})
}

// columnLayout centres one column of at most max wide, with padding, in
// the space it is given; a wide window does not stretch the text.
type columnLayout struct {
	max  float32
	fill bool // stretch to the full height (else the child's own height)
}

func (c *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 4
	w := fyne.Min(c.max, size.Width-2*pad)
	for _, o := range objs {
		w = fyne.Max(w, o.MinSize().Width)
		o.Move(fyne.NewPos((size.Width-w)/2, pad))
		h := o.MinSize().Height
		if c.fill {
			h = fyne.Max(size.Height-2*pad, h)
		}
		o.Resize(fyne.NewSize(w, h))
	}
}

func (c *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding() * 4
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSize(2*pad, 2*pad))
}
