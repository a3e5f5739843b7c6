package models

import (
	"context"
	"fmt"
	"image/color"
	"strings"
)

// LayerStyle is how the map draws one layer, as a planner set it in the
// layer panel; it is kept in the project file so the project looks the
// same on every desk. Zero values mean "the program's default".
type LayerStyle struct {
	Layer   string
	Visible bool
	// Order places the layer in the drawing order: larger on top. Layers
	// with equal Order keep the default order (models.Layers).
	Order   int
	Opacity float64 // 0..1; 1 opaque
	Fill    *color.NRGBA
	Stroke  *color.NRGBA
	// StrokePx is the outline width in points; 0: default.
	StrokePx float64
	// LabelField is the attribute labelled (a field name or property key);
	// nil: default (mines' names); pointer to "": no labels.
	LabelField *string
}

// DefaultLayerStyle is a layer drawn as the program draws it by default.
func DefaultLayerStyle(layer string) LayerStyle {
	order := 0
	for i, l := range Layers {
		if l.Name == layer {
			order = i
		}
	}
	return LayerStyle{Layer: layer, Visible: true, Order: order, Opacity: 1}
}

// StyleStore keeps layer styles and per-project settings.
type StyleStore interface {
	// LayerStyles returns the stored style of every layer, defaults for
	// those never set.
	LayerStyles(ctx context.Context) ([]LayerStyle, error)
	// SetLayerStyle stores one layer's style.
	SetLayerStyle(ctx context.Context, s LayerStyle) error
}

// ParseColor reads #rrggbb or #rrggbbaa.
func ParseColor(s string) (color.NRGBA, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var c color.NRGBA
	c.A = 0xff
	switch len(s) {
	case 6:
		_, err := fmt.Sscanf(s, "%02x%02x%02x", &c.R, &c.G, &c.B)
		return c, err
	case 8:
		_, err := fmt.Sscanf(s, "%02x%02x%02x%02x", &c.R, &c.G, &c.B, &c.A)
		return c, err
	}
	return c, fmt.Errorf("colour %q: want #rrggbb or #rrggbbaa", s)
}

// FormatColor writes #rrggbbaa.
func FormatColor(c color.NRGBA) string {
	return fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}
