package render

import (
	"image/color"

	"golang.org/x/image/font/opentype"
)

// Canvas is a drawing surface in pixel coordinates (x right, y down).
// Implementations must accept any Path, including non-finite points and
// points far outside the surface, without panicking, and must not keep p
// after returning. A Canvas need not be safe for concurrent use.
type Canvas interface {
	// FillPath fills p (every subpath taken as closed) with c under the
	// non-zero winding rule.
	FillPath(p *Path, c color.NRGBA)
	// HatchPath draws the hatch pattern h inside p (non-zero rule).
	HatchPath(p *Path, h Hatch)
	// StrokePath strokes p with the given width in pixels, round joins and
	// caps, and the dash pattern dash (alternate on/off lengths in pixels,
	// starting "on", restarting at each subpath; nil for a solid line).
	StrokePath(p *Path, width float64, c color.NRGBA, dash []float64)
	// DrawText draws text in style s with its baseline starting at (x, y).
	DrawText(x, y float64, text string, s *LabelStyle)
}

// Hatch is a pattern of parallel diagonal lines (running from lower left to
// upper right on screen).
type Hatch struct {
	Color   color.NRGBA
	Spacing float64 // distance between line centres, pixels
	Width   float64 // line width, pixels
	// Phase places the pattern: one line passes through every pixel point
	// (x, y) with x+y = Phase. Draw sets it from the feature's first vertex
	// (as stored, before clipping) so the hatch moves with the map and a
	// polygon drawn in parts is hatched as one.
	Phase float64
}

// LabelStyle says how text is drawn.
type LabelStyle struct {
	// Font is a parsed TrueType/OpenType font (see ParseFont). It is only
	// read, so one Font may serve concurrent Draw calls.
	Font  *opentype.Font
	Size  float64 // em size in pixels
	Color color.NRGBA
	// Halo, when not fully transparent, is drawn around the glyphs
	// HaloWidth pixels wide (1.5 if zero) to keep text legible.
	Halo      color.NRGBA
	HaloWidth float64
}

// haloWidth returns the effective halo width, 0 for no halo.
func (s *LabelStyle) haloWidth() float64 {
	if s.Halo.A == 0 {
		return 0
	}
	if s.HaloWidth > 0 && s.HaloWidth < 100 {
		return s.HaloWidth
	}
	return 1.5
}
