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

// How survey values are worded in the window, and the fields of a record
// in the order the form, the list and the conflict view show them.

// Reuse modes (再利用方式), stored as these words (the bureau's own terms);
// the window translates them for English.
var surveyReuse = []string{"修复绿化", "转型利用", "自然恢复", "固废堆场"}

// reuseKey is a reuse mode's catalogue key suffix.
var reuseKey = map[string]string{"修复绿化": "greening", "转型利用": "conversion", "自然恢复": "natural", "固废堆场": "solid_waste"}

// surveyFields are a record's fields as the store names them (SurveyError.Field).
var surveyFields = []string{"geometry", "district", "site_name", "survey_date", "surveyors", "disturbance", "disturbed_m2",
	"hazards", "land_cover", "measures", "reuse", "priority", "notes"}

func fieldLabel(l i18n.Lang, field string) string { return i18n.T(l, "surveyform.field."+field, nil) }

func disturbanceText(l i18n.Lang, d models.Disturbance) string {
	if d == "" {
		return ""
	}
	for _, k := range models.Disturbances {
		if k == d {
			return i18n.T(l, "surveyform.disturbance."+string(d), nil)
		}
	}
	return string(d)
}

func hazardText(l i18n.Lang, h models.Hazard) string {
	for _, k := range models.Hazards {
		if k == h {
			return i18n.T(l, "surveyform.hazard."+string(h), nil)
		}
	}
	return string(h)
}

func reuseText(l i18n.Lang, r string) string {
	if k, ok := reuseKey[r]; ok {
		return i18n.T(l, "surveyform.reuse."+k, nil)
	}
	return r
}

func priorityText(l i18n.Lang, p int) string {
	if p < 1 || p > 3 {
		return ""
	}
	return i18n.T(l, "surveyform.priority."+strconv.Itoa(p), nil)
}

// geometryText says what a site is: a point and where, or a polygon's area.
func geometryText(l i18n.Lang, g orb.Geometry) string {
	switch g := g.(type) {
	case orb.Point:
		return i18n.T(l, "surveyform.geom.point", i18n.Args{"lon": fmt.Sprintf("%.6f", g[0]), "lat": fmt.Sprintf("%.6f", g[1])})
	case nil:
		return ""
	}
	a, _ := app.Measure(g)
	return i18n.T(l, "surveyform.geom.polygon", i18n.Args{"m2": formatFixed(a, 1), "n": pointCount(g)})
}

func pointCount(g orb.Geometry) int {
	n := 0
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			n += max(0, len(r)-1)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			n += pointCount(p)
		}
	}
	return n
}

// fieldText is a record's field as the window shows it.
func fieldText(l i18n.Lang, s *models.Survey, field string) string {
	switch field {
	case "geometry":
		return geometryText(l, s.Geometry)
	case "district":
		return s.District
	case "site_name":
		return s.SiteName
	case "survey_date":
		return s.Date
	case "surveyors":
		return strings.Join(s.Surveyors, i18n.T(l, "surveyform.list_sep", nil))
	case "disturbance":
		return disturbanceText(l, s.Disturbance)
	case "disturbed_m2":
		return formatFixed(s.DisturbedM2, 1)
	case "hazards":
		var hs []string
		for _, h := range s.Hazards {
			hs = append(hs, hazardText(l, h))
		}
		return strings.Join(hs, i18n.T(l, "surveyform.list_sep", nil))
	case "land_cover":
		return s.LandCover
	case "measures":
		return s.Measures
	case "reuse":
		return reuseText(l, s.Reuse)
	case "priority":
		return priorityText(l, s.Priority)
	case "notes":
		return s.Notes
	}
	return ""
}

// sameField: a and b say the same in field.
func sameField(a, b *models.Survey, field string) bool {
	if field == "geometry" {
		return orb.Equal(a.Geometry, b.Geometry)
	}
	if field == "hazards" {
		return fmt.Sprint(sortedHazards(a.Hazards)) == fmt.Sprint(sortedHazards(b.Hazards))
	}
	return fieldText(i18n.EN, a, field) == fieldText(i18n.EN, b, field) && (field != "disturbed_m2" || a.DisturbedM2 == b.DisturbedM2)
}

func sortedHazards(hs []models.Hazard) []models.Hazard {
	out := append([]models.Hazard(nil), hs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// copyField sets dst's field to src's.
func copyField(dst, src *models.Survey, field string) {
	switch field {
	case "geometry":
		dst.Geometry = src.Geometry
	case "district":
		dst.District = src.District
	case "site_name":
		dst.SiteName = src.SiteName
	case "survey_date":
		dst.Date = src.Date
	case "surveyors":
		dst.Surveyors = append([]string(nil), src.Surveyors...)
	case "disturbance":
		dst.Disturbance = src.Disturbance
	case "disturbed_m2":
		dst.DisturbedM2 = src.DisturbedM2
	case "hazards":
		dst.Hazards = append([]models.Hazard(nil), src.Hazards...)
	case "land_cover":
		dst.LandCover = src.LandCover
	case "measures":
		dst.Measures = src.Measures
	case "reuse":
		dst.Reuse = src.Reuse
	case "priority":
		dst.Priority = src.Priority
	case "notes":
		dst.Notes = src.Notes
	}
}

// splitSurveyors reads "张三, 李四，王五、赵六" into names.
func splitSurveyors(s string) []string {
	f := func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' }
	var out []string
	for _, p := range strings.FieldsFunc(s, f) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseArea reads square metres: "12,345.6", "12345", full-width digits.
func parseArea(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == ',' || r == '，' || r == ' ' || r == '\u00a0':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "m²"), "㎡")
	if s == "" {
		return 0, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v != v || v > 1e12 {
		return 0, false
	}
	return v, true
}

// confirm asks a yes/no question in parent with our own button labels.
func confirm(parent fyne.Window, title, msg, ok, cancel string, done func(bool)) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, ok, cancel, container.NewBorder(nil, nil, widget.NewIcon(theme.QuestionIcon()), nil, l), done, parent)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
}
