package app

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/crs"
	"minerehab/gis/geojson"
	"minerehab/gis/pdf"
	"minerehab/gis/plate"
	"minerehab/gis/render"
	"minerehab/models"
)

// Plates (图件): a project's layers laid out on paper by gis/plate with the
// domain symbology, legend words, title block and coordinate note in the
// user's language. Coordinates are lon/lat degrees (CGCS2000); the grid is
// the CGCS2000 3° Gauss–Krüger zone of the extent's centre.

// PlateOptions say what plate to make.
type PlateOptions struct {
	Template *PlateTemplate
	Extent   PlateExtent
	// Paper is A0–A4; Landscape turns it.
	Paper     string
	Landscape bool
	// Scale is N of 1:N; 0 fits the extent with a round scale.
	Scale           float64
	Title, Subtitle string // "" for the template's title and the extent's name
	Lang            i18n.Lang
	// TitleBlock: empty Date and Number are filled from Date and the
	// template's prefix.
	TitleBlock plate.TitleBlock
	// Date stamps the title block and the PDF; zero: no date.
	Date time.Time
	Font *pdf.Font
	// Overview is the inset's extent; nil: the whole project.
	Overview *orb.Bound
	// Page and Pages number an atlas page (0: a single plate).
	Page, Pages int
	// Bands are screening bands drawn over the layers (see ScreeningBand),
	// each with its legend label.
	Bands []PlateBand
	// Unread, when set, collects the features left off the plate because
	// their stored geometry cannot be read (see UnreadMessage).
	Unread *UnreadGeometries
}

// PlateBand is a strip drawn on a plate: the area a river screening
// covered.
type PlateBand struct {
	Geometry orb.MultiPolygon
	Label    string
}

// printRatio turns the screen symbology (pixels of 1/96 inch) into dots at
// dpi, a little finer than on screen, as printed maps are.
func printRatio(dpi float64) float64 { return dpi / ScreenDPI * 0.8 }

// gkZoneCRS returns the CGCS2000 3° Gauss–Krüger CRS (zone-prefixed
// eastings) of the zone holding lon, nil outside zones 25–45 (China).
func gkZoneCRS(lon float64) (*crs.CRS, int) {
	zone := int(math.Round(lon / 3))
	if zone < 25 || zone > 45 {
		return nil, zone
	}
	c, err := crs.ByEPSG(4488 + zone)
	if err != nil {
		return nil, zone
	}
	return c, zone
}

// PlateSpec builds the plate of opt: layout parameters, texts and the
// layer sources that read st when the plate is drawn.
func PlateSpec(ctx context.Context, st models.Store, opt PlateOptions) (*plate.Spec, error) {
	t := opt.Template
	if t == nil {
		return nil, &PlateTemplateError{Name: "", Code: "unknown-template"}
	}
	if opt.Font == nil {
		return nil, ErrNoPlateFont
	}
	paper, err := plate.PaperSize(opt.Paper, opt.Landscape)
	if err != nil {
		return nil, err
	}
	l := opt.Lang
	tr := func(key string, args i18n.Args) string { return i18n.T(l, key, args) }
	ext := opt.Extent
	spec := &plate.Spec{
		Paper: paper, Extent: ext.Bound, Scale: opt.Scale, Font: opt.Font,
		Strings: plate.Strings{
			Legend: tr("plate.legend", nil), Scale: tr("plate.scale", nil), North: tr("plate.north", nil),
			Overview: tr("plate.overview", nil), Unit: tr("plate.block.unit", nil), Author: tr("plate.block.author", nil),
			Checker: tr("plate.block.checker", nil), Date: tr("plate.block.date", nil), Number: tr("plate.block.number", nil),
			Notes: tr("plate.block.notes", nil), Metres: tr("plate.unit.m", nil), Kilometres: tr("plate.unit.km", nil),
		},
		TitleBlock: opt.TitleBlock,
	}
	spec.Title = opt.Title
	if spec.Title == "" {
		spec.Title = tr(t.TitleKey, i18n.Args{"place": ext.Name})
	}
	spec.Subtitle = opt.Subtitle
	if spec.Subtitle == "" && ext.Kind == "mine" && ext.Key != ext.Name {
		spec.Subtitle = tr("plate.subtitle.licence", i18n.Args{"licence": ext.Key})
	}
	if spec.TitleBlock.Date == "" && !opt.Date.IsZero() {
		spec.TitleBlock.Date = opt.Date.Format("2006-01-02")
	}
	if spec.TitleBlock.Number == "" && t.NumberPrefix != "" {
		n := max(opt.Page, 1)
		spec.TitleBlock.Number = fmt.Sprintf("%s-%02d", t.NumberPrefix, n)
	}
	if opt.Pages > 0 {
		spec.PageLabel = tr("plate.page", i18n.Args{"n": opt.Page, "total": opt.Pages})
	}
	centre := (ext.Bound.Min[0] + ext.Bound.Max[0]) / 2
	gk, zone := gkZoneCRS(centre)
	switch {
	case t.Grid == "km" && gk != nil:
		spec.Grid, spec.GridCRS = plate.GridKilometres, gk
		spec.CRSNote = tr("plate.crs.gk", i18n.Args{"zone": zone})
	case t.Grid == "graticule" || (t.Grid == "km" && gk == nil):
		spec.Grid = plate.GridGraticule
		spec.CRSNote = tr("plate.crs.geographic", nil)
	default:
		spec.CRSNote = tr("plate.crs.geographic", nil)
	}

	src := &plateSource{st: st, t: t, font: opt.Font, lang: l, bands: opt.Bands, unread: opt.Unread}
	spec.Layers = src.frame
	if t.Overview {
		var ob orb.Bound
		if opt.Overview != nil {
			ob = *opt.Overview
		} else if info, err := st.Info(ctx); err == nil {
			ob, _ = ExtentOf(info, nil)
		}
		if ob.Max[0] > ob.Min[0] && ob.Max[1] > ob.Min[1] {
			spec.OverviewExtent = ob
			spec.Overview = src.overview
		}
	}
	if t.Table != "" {
		tab, err := src.table(ctx, ext.Bound)
		if err != nil {
			return nil, err
		}
		if tab != nil && len(tab.Rows) > 0 {
			spec.Table = tab
		}
	}
	return spec, nil
}

// plateSource reads a project's layers for a plate.
type plateSource struct {
	st   models.Store
	t    *PlateTemplate
	font *pdf.Font
	lang i18n.Lang
	// bands are drawn over the layers, under the labels.
	bands []PlateBand
	// unread collects the features left out for an unreadable geometry.
	unread *UnreadGeometries

	mu      sync.Mutex
	ovView  render.View
	ovCache *plate.Content
}

// legendItem is one legend entry and where it sorts.
type legendItem struct {
	rank  int
	entry plate.LegendEntry
}

// plateReaders is how many layers are read at once (the store has four
// read connections).
const plateReaders = 3

// plateBatch is how many features a layer reader hands to the drawer at
// a time.
const plateBatch = 512

// frame reads the template's layers in v's box: one goroutine per layer
// streams its features to the drawer in batches, so reading the store
// and drawing overlap. The legend and the labelled features are gathered
// as they pass; Finish returns the legend once drawing is done.
func (s *plateSource) frame(ctx context.Context, v render.View, dpi float64) (plate.Content, error) {
	ratio := printRatio(dpi)
	bbox := v.Bound()
	x0, y0 := v.ToPixel(v.Center)
	x1, y1 := v.ToPixel(orb.Point{v.Center[0] + 1, v.Center[1] + 1})
	pxLon, pxLat := math.Abs(x1-x0), math.Abs(y1-y0)
	minLabel := minLabelPx * ratio

	ctx, cancel := context.WithCancel(ctx)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		legend = map[string]legendItem{}
		rerr   error
	)
	var layers, labelLayers []render.Layer
	// Readers run at most plateReaders at a time, in drawing order: reader
	// i starts when reader i-plateReaders is done. A reader holds one of
	// the store's few read connections while it waits for the drawer to
	// take its batches, so readers of layers drawn later must not take
	// them all while the layer being drawn waits for one.
	var dones []chan struct{}
	for _, def := range models.Layers {
		if !slices.Contains(s.t.Layers, def.Name) {
			continue
		}
		var after chan struct{}
		if len(dones) >= plateReaders {
			after = dones[len(dones)-plateReaders]
		}
		var ls *render.LabelStyle
		if s.t.Labels {
			ls = LabelStyleFor(def.Name, s.font.Face(), ratio)
		}
		ch := make(chan []render.Feature, 128)
		done := make(chan struct{})
		dones = append(dones, done)
		var labelled []render.Feature
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done)
			defer close(ch)
			if after != nil {
				select {
				case <-after:
				case <-ctx.Done():
					return
				}
			}
			seen := map[string]legendItem{}
			batch := make([]render.Feature, 0, plateBatch)
			var rank []ReferenceKind
			sortRef := def.Name == models.LayerReference
			send := func() error {
				select {
				case ch <- batch:
				case <-ctx.Done():
					return ctx.Err()
				}
				batch = make([]render.Feature, 0, plateBatch)
				return nil
			}
			err := plateRead(ctx, s.st, def.Name, &bbox, func(f *models.Feature) error {
				if f.GeomErr != nil {
					s.unread.add(def.Name, f.ID)
				}
				style, key, kind, order := s.style(f)
				style = scaleStyle(style, ratio)
				batch = append(batch, render.Feature{Geometry: f.Geometry, Style: style})
				if _, ok := seen[key]; !ok {
					seen[key] = legendItem{rank: order, entry: plate.LegendEntry{Label: i18n.T(s.lang, key, nil), Kind: kind, Style: style}}
				}
				if ls != nil && f.Geometry != nil {
					if text := LabelFor(f); text != "" {
						b := f.Geometry.Bound()
						if (b.Max[0]-b.Min[0])*pxLon >= minLabel || (b.Max[1]-b.Min[1])*pxLat >= minLabel {
							labelled = append(labelled, render.Feature{Geometry: f.Geometry, Label: text})
						}
					}
				}
				if sortRef {
					rank = append(rank, ReferenceKindOf(f))
					return nil
				}
				if len(batch) == plateBatch {
					return send()
				}
				return nil
			})
			if err == nil && sortRef {
				// Districts first, then the reserve and other areas, rivers on top.
				order := map[ReferenceKind]int{RefDistrict: 0, RefOther: 1, RefReserve: 2, RefRiver: 3}
				idx := make([]int, len(batch))
				for i := range idx {
					idx[i] = i
				}
				slices.SortStableFunc(idx, func(a, b int) int { return order[rank[a]] - order[rank[b]] })
				sorted := make([]render.Feature, len(batch))
				for i, k := range idx {
					sorted[i] = batch[k]
				}
				batch = sorted
			}
			if err == nil && len(batch) > 0 {
				err = send()
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil && rerr == nil && ctx.Err() == nil {
				rerr = err
			}
			for k, it := range seen {
				legend[k] = it
			}
		}()
		layers = append(layers, render.Layer{Name: def.Name, Opacity: 1, Iter: plateDrain(ch)})
		if ls != nil {
			// Labels over every layer: an invisible copy of the labelled
			// features, drawn after all layers, once this one is read.
			labelLayers = append(labelLayers, render.Layer{Name: def.Name + "-labels", Opacity: 1, LabelStyle: ls,
				Iter: func(yield func(render.Feature) bool) {
					select {
					case <-done:
					case <-ctx.Done():
						return
					}
					for _, f := range labelled {
						if !yield(f) {
							return
						}
					}
				}})
		}
	}
	if len(s.bands) > 0 {
		style := scaleStyle(bandStyle, ratio)
		band := render.Layer{Name: "screening-band", Opacity: 1}
		mu.Lock() // the layer readers fill the legend at the same time
		for i, b := range s.bands {
			band.Features = append(band.Features, render.Feature{Geometry: b.Geometry, Style: style})
			legend["band:"+b.Label] = legendItem{rank: 1000 + i, entry: plate.LegendEntry{Label: b.Label, Kind: plate.SwatchPolygon, Style: style}}
		}
		mu.Unlock()
		layers = append(layers, band)
	}
	finish := func() ([]plate.LegendEntry, error) {
		cancel()
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		items := make([]legendItem, 0, len(legend))
		for _, it := range legend {
			items = append(items, it)
		}
		slices.SortFunc(items, func(a, b legendItem) int {
			if a.rank != b.rank {
				return a.rank - b.rank
			}
			return strings.Compare(a.entry.Label, b.entry.Label)
		})
		var entries []plate.LegendEntry
		for _, it := range items {
			entries = append(entries, it.entry)
		}
		return entries, rerr
	}
	return plate.Content{Layers: append(layers, labelLayers...), Finish: finish}, nil
}

// overview reads districts, rivers, the reserve and mines, thin and
// unlabelled, for the inset; the same inset is read once per atlas.
func (s *plateSource) overview(ctx context.Context, v render.View, dpi float64) (plate.Content, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ovCache != nil && s.ovView == v {
		return *s.ovCache, nil
	}
	ratio := printRatio(dpi) * 0.5
	bbox := v.Bound()
	var layers []render.Layer
	names := []string{models.LayerReference}
	// Mines make the inset a location map of a small project; in a large
	// one they are a blur that costs as much to read as the frame.
	if n, err := s.st.Count(ctx, models.LayerMines, &bbox); err == nil && n <= maxOverviewMines {
		names = append(names, models.LayerMines)
	}
	for _, name := range names {
		var feats []render.Feature
		err := s.st.Features(ctx, name, &bbox, func(f *models.Feature) error {
			if name == models.LayerReference && ReferenceKindOf(f) == RefOther {
				return nil
			}
			st := scaleStyle(StyleFor(f), ratio)
			st.Hatch = render.HatchNone
			feats = append(feats, render.Feature{Geometry: f.Geometry, Style: st})
			return nil
		})
		if err != nil {
			return plate.Content{}, err
		}
		layers = append(layers, render.Layer{Name: name, Opacity: 1, Features: feats})
	}
	c := plate.Content{Layers: layers}
	s.ovView, s.ovCache = v, &c
	return c, nil
}

// maxOverviewMines is the most mines the inset draws.
const maxOverviewMines = 2000

// Colours of the template variants.
var (
	colGreenIn    = rgba(0x1e, 0x8c, 0x3c, 0xff)
	colGreenBuild = rgba(0xe0, 0xa0, 0x10, 0xff)
	colGreenNone  = rgba(0x8a, 0x84, 0x7c, 0xff)
	colPlanDone   = rgba(0x1f, 0x9e, 0x6e, 0xff)
	colPlanActive = rgba(0xf0, 0x8c, 0x1a, 0xff)
	colPlanTodo   = rgba(0xb0, 0x3a, 0x2e, 0xff)
	colAbandoned  = rgba(0xb0, 0x10, 0x10, 0xff)
)

func polyStyle(c color.NRGBA, fillA uint8, w float64) render.Style {
	return render.Style{Fill: withA(c, fillA), Stroke: c, StrokeWidth: w}
}

// style returns a feature's style on the plate and its legend key, swatch
// kind and legend order.
func (s *plateSource) style(f *models.Feature) (render.Style, string, plate.GeomKind, int) {
	st := StyleFor(f)
	switch f.Layer {
	case models.LayerReference:
		switch ReferenceKindOf(f) {
		case RefDistrict:
			return st, "plate.legend.district", plate.SwatchLine, 90
		case RefRiver:
			return st, "plate.legend.river", plate.SwatchLine, 80
		case RefReserve:
			return st, "plate.legend.reserve", plate.SwatchPolygon, 70
		}
		return st, "plate.legend.reference", plate.SwatchPolygon, 85
	case models.LayerZones:
		return st, "plate.legend.zone", plate.SwatchPolygon, 5
	case models.LayerMines:
		switch s.t.MineStyle {
		case "green":
			switch greenState(f) {
			case 2:
				return polyStyle(colGreenIn, 0x60, 2), "plate.legend.mine.green", plate.SwatchPolygon, 10
			case 1:
				return polyStyle(colGreenBuild, 0x60, 2), "plate.legend.mine.green-building", plate.SwatchPolygon, 11
			}
			return polyStyle(colGreenNone, 0x40, 1.5), "plate.legend.mine.green-none", plate.SwatchPolygon, 12
		case "abandoned":
			if f.Attrs.Status == models.StatusAbandoned || f.Attrs.Status == models.StatusClosed {
				a := polyStyle(colAbandoned, 0x30, 2.5)
				a.Hatch, a.HatchColor, a.HatchSpacing, a.HatchWidth = render.HatchDiagonal, withA(colAbandoned, 0xa0), 6, 1
				return a, "plate.legend.mine.abandoned", plate.SwatchPolygon, 10
			}
		}
		return st, "plate.legend.mine", plate.SwatchPolygon, 13
	case models.LayerPlanUnits:
		if s.t.PlanStyle == "status" {
			switch planState(f) {
			case 2:
				return polyStyle(colPlanDone, 0x70, 2), "plate.legend.plan.done", plate.SwatchPolygon, 20
			case 1:
				return polyStyle(colPlanActive, 0x70, 2), "plate.legend.plan.active", plate.SwatchPolygon, 21
			}
			return polyStyle(colPlanTodo, 0x50, 2), "plate.legend.plan.todo", plate.SwatchPolygon, 22
		}
		return st, "plate.legend.plan", plate.SwatchPolygon, 20
	case models.LayerSites:
		kind := f.Attrs.Kind
		if kind == "" {
			kind = models.SiteOther
		}
		return st, "plate.legend.site." + string(kind), plate.SwatchPolygon, 30 + slices.Index(models.SiteKinds, kind)
	case models.LayerRoads:
		return st, "plate.legend.road", plate.SwatchLine, 60
	case models.LayerFirePoints:
		switch FireStateOf(f) {
		case FireBurning:
			return st, "plate.legend.fire.burning", plate.SwatchPoint, 50
		case FireExtinguished:
			return st, "plate.legend.fire.out", plate.SwatchPoint, 51
		}
		return st, "plate.legend.fire.unknown", plate.SwatchPoint, 52
	}
	return st, "plate.legend.reference", plate.SwatchPolygon, 99
}

// propString returns the first of keys found as a top-level string (or
// number) property.
func propString(f *models.Feature, keys ...string) string {
	if len(f.Props) == 0 {
		return ""
	}
	out := ""
	_ = geojson.TopLevel(f.Props, func(key string, raw []byte) bool {
		if !slices.Contains(keys, key) {
			return true
		}
		if v, ok := geojson.StringValue(raw); ok {
			out = strings.TrimSpace(v)
		} else {
			out = strings.TrimSpace(string(raw))
		}
		return out == ""
	})
	return out
}

// greenState: 2 in the green-mine register, 1 being built, 0 neither.
func greenState(f *models.Feature) int {
	v := strings.ToLower(propString(f, "绿色矿山", "green_mine", "绿色矿山状态", "green_state"))
	switch v {
	case "已入库", "入库", "是", "true", "yes", "国家级", "自治区级", "in_register", "green":
		return 2
	case "创建中", "在建", "申报中", "建设中", "building", "in_progress":
		return 1
	}
	return 0
}

// planState: 2 done, 1 under way, 0 not started.
func planState(f *models.Feature) int {
	v := strings.ToLower(propString(f, "状态", "status", "进度状态", "progress_status"))
	switch v {
	case "已完成", "完成", "已验收", "done", "completed", "complete":
		return 2
	case "进行中", "施工中", "治理中", "in_progress", "active", "ongoing":
		return 1
	}
	if p := propString(f, "进度", "progress"); p != "" {
		if n, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64); err == nil {
			switch {
			case n >= 100:
				return 2
			case n > 0:
				return 1
			}
		}
	}
	return 0
}

// maxTableRows bounds the rows read for a plate's table (the panel shows
// fewer and says how many were left out).
const maxTableRows = 200

// table lists the template's table layer's features in the extent.
func (s *plateSource) table(ctx context.Context, b orb.Bound) (*plate.Table, error) {
	tr := func(key string) string { return i18n.T(s.lang, key, nil) }
	tab := &plate.Table{Title: tr("plate.table." + s.t.Table)}
	switch s.t.Table {
	case models.LayerPlanUnits:
		tab.Header = []string{tr("plate.col.name"), tr("plate.col.area"), tr("plate.col.status")}
	case models.LayerSites:
		tab.Header = []string{tr("plate.col.name"), tr("plate.col.kind"), tr("plate.col.area")}
	case models.LayerMines:
		tab.Header = []string{tr("plate.col.name"), tr("plate.col.licence"), tr("plate.col.area")}
	}
	n := 0
	err := s.st.Features(ctx, s.t.Table, &b, func(f *models.Feature) error {
		n++
		if len(tab.Rows) >= maxTableRows {
			return nil
		}
		name := strings.TrimSpace(f.Attrs.Name)
		if name == "" {
			name = "#" + strconv.FormatInt(f.ID, 10)
		}
		ha := strconv.FormatFloat(f.AreaM2/1e4, 'f', 2, 64)
		switch s.t.Table {
		case models.LayerPlanUnits:
			state := []string{"plate.legend.plan.todo", "plate.legend.plan.active", "plate.legend.plan.done"}[planState(f)]
			tab.Rows = append(tab.Rows, []string{name, ha, tr(state)})
		case models.LayerSites:
			kind := f.Attrs.Kind
			if kind == "" {
				kind = models.SiteOther
			}
			tab.Rows = append(tab.Rows, []string{name, tr("plate.legend.site." + string(kind)), ha})
		case models.LayerMines:
			tab.Rows = append(tab.Rows, []string{name, f.Attrs.Licence, ha})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n > len(tab.Rows) {
		tab.Rows = append(tab.Rows, []string{"…", strconv.Itoa(n - len(tab.Rows)), ""})
	}
	return tab, nil
}

// plateDrain yields the features of the batches received on ch.
func plateDrain(ch <-chan []render.Feature) func(yield func(render.Feature) bool) {
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

// plateFields is what the plate's symbology, legend and labels read of a
// feature (StyleFor, the template's mine and plan styles, LabelFor): not
// the licence, areas or source geometry.
const plateFields = models.RenderName | models.RenderDistrict | models.RenderStatus | models.RenderKind |
	models.RenderFeatureType | models.RenderProps

// plateRead reads the features of layer meeting bbox for drawing: through
// the store's narrow render query when it has one (a third less work per
// feature than Features), else Features. fn must not keep f.Props.
func plateRead(ctx context.Context, st models.Store, layer string, bbox *orb.Bound, fn func(*models.Feature) error) error {
	rr, ok := st.(models.RenderReader)
	if !ok {
		return st.Features(ctx, layer, bbox, fn)
	}
	return rr.RenderRows(ctx, layer, bbox, plateFields, func(r *models.RenderRow) error {
		f := renderFeature(layer, r)
		return fn(&f)
	})
}
