package cli

import (
	"context"
	"fmt"
	"strings"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// badLayerError is a name in --layers that is no layer.
type badLayerError struct{ name string }

func (e *badLayerError) Error() string { return fmt.Sprintf("no layer %q", e.name) }

// parseLayers reads --layers: layer names separated by commas, each as
// the project file names it (mines, fire_points…) or as the layer panel
// does in either language (矿山, Fire points…), in any case.
func parseLayers(s string) (map[string]bool, error) {
	only := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		name, ok := layerNamed(strings.TrimSpace(part))
		if !ok {
			return nil, &badLayerError{strings.TrimSpace(part)}
		}
		only[name] = true
	}
	if len(only) == 0 {
		return nil, &badLayerError{s}
	}
	return only, nil
}

// layerNamed finds the layer s names.
func layerNamed(s string) (string, bool) {
	for _, l := range models.Layers {
		if strings.EqualFold(s, l.Name) {
			return l.Name, true
		}
		for _, lang := range i18n.Langs {
			if strings.EqualFold(s, i18n.T(lang, "gui.layer."+l.Name, nil)) {
				return l.Name, true
			}
		}
	}
	return "", false
}

// layerNames lists the layers for an error message: each one's name in
// the project file and in lang.
func layerNames(lang i18n.Lang) string {
	var b strings.Builder
	for i, l := range models.Layers {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", l.Name, i18n.T(lang, "gui.layer."+l.Name, nil))
	}
	return b.String()
}

// renderStyles returns the layer styles kept in the project file and the
// layers not to draw: those the layer panel hides, or, when only is set,
// every layer but those in it (shown even where the panel hides them).
func renderStyles(ctx context.Context, st models.Store, only map[string]bool) ([]models.LayerStyle, map[string]bool, error) {
	var styles []models.LayerStyle
	if ss, ok := st.(models.StyleStore); ok {
		var err error
		if styles, err = ss.LayerStyles(ctx); err != nil {
			return nil, nil, fmt.Errorf("read layer styles: %w", err)
		}
	}
	if only == nil {
		return styles, app.HiddenLayers(styles), nil
	}
	hidden := map[string]bool{}
	for _, l := range models.Layers {
		hidden[l.Name] = !only[l.Name]
	}
	return styles, hidden, nil
}
