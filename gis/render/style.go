package render

import (
	"image/color"
	"iter"
	"math"

	"github.com/paulmach/orb"
)

// HatchKind selects a hatch pattern drawn inside polygons.
type HatchKind uint8

// Hatch kinds.
const (
	HatchNone     HatchKind = iota
	HatchDiagonal           // parallel lines from lower left to upper right
)

// PointShape selects the marker drawn for points.
type PointShape uint8

// Point shapes.
const (
	PointCircle PointShape = iota
	PointSquare
	PointTriangle // pointing up
	PointCross    // an upright "+"
)

// Style says how one feature is drawn. A colour with zero alpha is not
// drawn. Sizes are pixels.
type Style struct {
	Fill        color.NRGBA // polygon interior and marker body
	Stroke      color.NRGBA // polygon outline, line, marker outline
	StrokeWidth float64     // not drawn if <= 0
	Dash        []float64   // on/off lengths for strokes; nil: solid

	Hatch        HatchKind
	HatchColor   color.NRGBA // zero: Stroke
	HatchSpacing float64     // distance between hatch lines; 0: 8
	HatchWidth   float64     // hatch line width; 0: 1

	PointShape PointShape
	PointSize  float64 // marker width; 0: 6
}

// DefaultPointSize is the marker width used when Style.PointSize is zero.
const DefaultPointSize = 6

// maxPointSize bounds marker sizes, pixels.
const maxPointSize = 1000

func (s *Style) pointSize() float64 {
	switch {
	case s.PointSize > maxPointSize:
		return maxPointSize
	case s.PointSize > 0:
		return s.PointSize
	}
	return DefaultPointSize
}

// invisible reports whether s draws nothing (a feature that is only
// labelled or only an obstacle to labels).
func (s *Style) invisible() bool {
	return s.Fill.A == 0 && s.strokeWidth() == 0 && (s.Hatch != HatchDiagonal || s.HatchColor.A == 0 && s.Stroke.A == 0)
}

// strokeWidth returns the usable stroke width, 0 for none.
func (s *Style) strokeWidth() float64 {
	if s.Stroke.A == 0 || !(s.StrokeWidth > 0) {
		return 0
	}
	return min(s.StrokeWidth, maxStrokeWidth)
}

// Feature is one geometry to draw, with its style and optional label.
type Feature struct {
	Geometry orb.Geometry // lon/lat degrees
	Style    Style
	Label    string // drawn with the layer's LabelStyle; "" for none
	// Bound, when not nil, is the box of Geometry's points (of the
	// exterior rings, for polygons), as a caller that keeps it hands it
	// over, so drawing does not compute it again. It must be right: a
	// wrong box can hide the feature.
	Bound *orb.Bound
	// Anchor, when not nil, is where Geometry's label goes, as LabelAnchor
	// finds it, kept by a caller that draws the feature again and again.
	// A feature with a label and nothing to draw (an invisible style)
	// that lies wholly in view is then labelled there without its
	// geometry being projected.
	Anchor *orb.Point
}

// Layer is a list of features drawn together, in order.
type Layer struct {
	Name     string
	Features []Feature
	// Iter, when not nil, is used instead of Features, so a caller can
	// stream features from storage; Draw stops pulling from it when
	// cancelled.
	Iter iter.Seq[Feature]
	// Backward, for DrawFrontToBack, yields the features last first.
	Backward iter.Seq[Feature]
	// Opacity in (0, 1] multiplies the alpha of every colour in the layer
	// (feature by feature, not as a group). A layer with Opacity <= 0 (the
	// zero value) is not drawn: set 1 for an opaque layer.
	Opacity float64
	// LabelStyle draws the features' labels; nil: no labels.
	LabelStyle *LabelStyle
}

// fade returns c with its alpha multiplied by op.
func fade(c color.NRGBA, op float64) color.NRGBA {
	if op < 1 {
		c.A = uint8(math.Round(float64(c.A) * op))
	}
	return c
}
