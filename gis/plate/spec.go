package plate

import (
	"context"

	"github.com/paulmach/orb"

	"minerehab/gis/crs"
	"minerehab/gis/pdf"
	"minerehab/gis/render"
)

// GridKind selects the coordinate grid drawn over the map frame.
type GridKind uint8

// Grid kinds.
const (
	GridNone       GridKind = iota
	GridGraticule           // meridians and parallels labelled in degrees, minutes, seconds
	GridKilometres          // a projected (Gauss–Krüger) kilometre grid, see Spec.GridCRS
)

// GeomKind says how a legend swatch is drawn.
type GeomKind uint8

// Swatch kinds.
const (
	SwatchPolygon GeomKind = iota
	SwatchLine
	SwatchPoint
)

// LegendEntry is one line of the legend: a swatch drawn in Style and its
// label. Style sizes are dots at the plate's resolution, like the layers'.
type LegendEntry struct {
	Label string
	Kind  GeomKind
	Style render.Style
}

// Content is what a LayerSource hands to the plate for one map frame.
type Content struct {
	Layers []render.Layer
	// Legend lists the entries for what the frame shows (the caller knows
	// which styles appear in it); it is drawn in this order.
	Legend []LegendEntry
	// Finish, when not nil, is called once the layers have been drawn, or
	// drawing stopped: a source that streams its layers (render.Layer.Iter)
	// stops and returns the legend of what it read, which replaces Legend,
	// and any error it met.
	Finish func() ([]LegendEntry, error)
}

// LayerSource returns the layers to draw through view v at dpi dots per
// inch: styles in dots (a point is dpi/72 dots), label styles in the
// font's Face. It should read only features that meet v.Bound().
type LayerSource func(ctx context.Context, v render.View, dpi float64) (Content, error)

// TitleBlock is the 图签: who made the plate and what it is.
type TitleBlock struct {
	Unit, Author, Checker, Date, Number, Notes string
}

// Table is an optional table printed in the side panel (e.g. a mine's
// plan units with areas and progress).
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
}

// Strings are the fixed words of a plate in the user's language.
type Strings struct {
	Legend, Scale, North, Overview string
	// Title block labels.
	Unit, Author, Checker, Date, Number, Notes string
	// Metres and Kilometres are the scale bar's unit words ("米", "千米").
	Metres, Kilometres string
}

// Spec describes one plate.
type Spec struct {
	Paper    Paper
	MarginMM float64 // blank border outside the outer frame line; 0: 10 mm
	// Extent is the lon/lat box the map frame must show; the frame is
	// centred on it.
	Extent orb.Bound
	// Scale is N of the frame's 1:N scale; 0 fits the extent with a round
	// scale.
	Scale           float64
	Title, Subtitle string
	Grid            GridKind
	// GridCRS is the projected CRS of a kilometre grid (e.g. EPSG:4524,
	// CGCS2000 3° zone 36, with the zone prefix in eastings).
	GridCRS *crs.CRS
	// CRSNote is the coordinate-system note printed under the scale, e.g.
	// "2000国家大地坐标系 高斯-克吕格投影 3°带 第36带".
	CRSNote    string
	TitleBlock TitleBlock
	Strings    Strings
	// Font draws every text of the plate; it must cover the texts'
	// characters (a CJK TrueType font).
	Font *pdf.Font
	// PageLabel is printed at the foot of the sheet (e.g. "第 2 页 共 9 页").
	PageLabel string

	Layers LayerSource
	// Overview draws the inset: OverviewExtent (zero: no inset) through
	// these layers, with the map frame's area marked.
	Overview       LayerSource
	OverviewExtent orb.Bound
	Table          *Table
}
