package app

import (
	"context"
	"image"
	"image/color"

	"minerehab/gis/render"
	"minerehab/models"
)

// Map themes: the window can colour the mines by their green-mine state or
// by the status of their open deadlines on a date, drawn over the map as a
// layer of its own (the map's layers keep their symbology; the theme is a
// question asked of the planning data, not a style of the layer).

// MapTheme names what the mines are coloured by ("": nothing).
type MapTheme string

// The themes.
const (
	ThemeNone     MapTheme = ""
	ThemeGreen    MapTheme = "green"
	ThemeDeadline MapTheme = "deadline"
)

// Themes lists the themes in menu order.
var Themes = []MapTheme{ThemeNone, ThemeGreen, ThemeDeadline}

// ThemeClass is one class of a theme: its translation key (theme.<theme>.<class>)
// and its fill.
type ThemeClass struct {
	Key  string
	Fill color.NRGBA
}

var (
	themeGreen = []ThemeClass{
		{"theme.green.green", color.NRGBA{0x1b, 0x8a, 0x3c, 0xb0}},     // counted and green
		{"theme.green.progress", color.NRGBA{0x9c, 0xd0, 0x6a, 0xb0}},  // building or applied
		{"theme.green.none", color.NRGBA{0xef, 0x8f, 0x00, 0xb0}},      // counted, not on the way
		{"theme.green.blocked", color.NRGBA{0xd3, 0x2f, 0x2f, 0xc0}},   // listed, but in a nature reserve
		{"theme.green.uncounted", color.NRGBA{0x9e, 0x9e, 0x9e, 0x90}}, // closed or abandoned
	}
	themeDeadline = []ThemeClass{
		{"theme.deadline.overdue", color.NRGBA{0xd3, 0x2f, 0x2f, 0xc0}},
		{"theme.deadline.behind", color.NRGBA{0xef, 0x8f, 0x00, 0xb0}},
		{"theme.deadline.on_track", color.NRGBA{0x1b, 0x8a, 0x3c, 0xb0}},
		{"theme.deadline.none", color.NRGBA{0x9e, 0x9e, 0x9e, 0x70}},
	}
)

// ThemeLegend lists a theme's classes in legend order.
func ThemeLegend(t MapTheme) []ThemeClass {
	switch t {
	case ThemeGreen:
		return themeGreen
	case ThemeDeadline:
		return themeDeadline
	}
	return nil
}

// MineThemeOn is the class of every mine on d (0: today) under theme t.
func MineThemeOn(ctx context.Context, st models.Store, t MapTheme, d models.Date) (map[int64]ThemeClass, error) {
	if t == ThemeNone {
		return nil, nil
	}
	p, err := PlanningOf(st)
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		d = models.Today()
	}
	out := map[int64]ThemeClass{}
	switch t {
	case ThemeGreen:
		ms, err := MinesOn(ctx, p, d, nil)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			c := themeGreen[2]
			switch {
			case !m.Counted:
				c = themeGreen[4]
			case m.ReserveBlocked:
				c = themeGreen[3]
			case m.Green:
				c = themeGreen[0]
			case m.GreenState == models.GreenBuilding || m.GreenState == models.GreenApplied:
				c = themeGreen[1]
			}
			out[m.ID] = c
		}
	case ThemeDeadline:
		dl, err := DeadlinesOn(ctx, p, d)
		if err != nil {
			return nil, err
		}
		worst := dl.WorstByMine()
		mines, err := p.MineFacts(ctx)
		if err != nil {
			return nil, err
		}
		for _, m := range mines {
			c := themeDeadline[3]
			if s, ok := worst[m.ID]; ok {
				switch s {
				case models.Overdue:
					c = themeDeadline[0]
				case models.Behind:
					c = themeDeadline[1]
				default:
					c = themeDeadline[2]
				}
			}
			out[m.ID] = c
		}
	}
	return out, nil
}

// RenderTheme draws the mines of view v filled by their class on a
// transparent image, with pixel ratio ratio.
func RenderTheme(ctx context.Context, st models.Store, v render.View, classes map[int64]ThemeClass, ratio float64) (*image.RGBA, error) {
	if ratio <= 0 {
		ratio = 1
	}
	bbox := v.Bound()
	layer := render.Layer{Name: "theme", Opacity: 1}
	err := plateRead(ctx, st, models.LayerMines, &bbox, func(f *models.Feature) error {
		c, ok := classes[f.ID]
		if !ok || f.Geometry == nil {
			return nil
		}
		stroke := c.Fill
		stroke.A = 0xff
		layer.Features = append(layer.Features, render.Feature{Geometry: f.Geometry, Style: render.Style{
			Fill: c.Fill, Stroke: stroke, StrokeWidth: 1.2 * ratio}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	r := render.NewRaster(v.Width, v.Height, color.NRGBA{})
	if err := render.Draw(ctx, r, v, []render.Layer{layer}); err != nil {
		return nil, err
	}
	return r.Image(), nil
}
