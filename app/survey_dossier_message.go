package app

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/measure"
	"minerehab/models"
)

// Words of the survey dossier and the survey table: a record's coded
// fields (disturbance, hazards, priority, site kind) in the user's
// language. Errors of both are models.SurveyError with the codes below,
// so Message and SurveyMessage word them (keys err.survey.<code>).

// Dossier and survey-table error codes (models.SurveyError.Code).
const (
	// CodeDossierNoSurveys: the district (Value) has no survey records.
	CodeDossierNoSurveys = "dossier-no-surveys"
	// CodeDossierProjectNoSurveys: the project has no survey records at all.
	CodeDossierProjectNoSurveys = "dossier-project-no-surveys"
	// CodeDossierBadFormat: the table format (Value) is neither csv nor xlsx.
	CodeDossierBadFormat = "dossier-bad-format"
)

// noSurveysError is the error for a district ("" for the whole project)
// without survey records.
func noSurveysError(district string) error {
	if district == "" {
		return &models.SurveyError{Code: CodeDossierProjectNoSurveys}
	}
	return &models.SurveyError{Code: CodeDossierNoSurveys, Field: "district", Value: district}
}

func dtr(l i18n.Lang, key string, args i18n.Args) string { return i18n.T(l, "dossier."+key, args) }

// disturbanceWord translates a disturbance kind; an unknown one is shown
// as recorded, an empty one as "not recorded".
func disturbanceWord(l i18n.Lang, d models.Disturbance) string {
	if d == "" {
		return dtr(l, "unset", nil)
	}
	key := "dossier.disturbance." + string(d)
	if s := i18n.T(l, key, nil); s != key {
		return s
	}
	return string(d)
}

// hazardWords translates the hazards, joined the language's way; none
// recorded reads "none".
func hazardWords(l i18n.Lang, hs []models.Hazard) string {
	if len(hs) == 0 {
		return dtr(l, "none", nil)
	}
	words := make([]string, len(hs))
	for i, h := range hs {
		key := "dossier.hazard." + string(h)
		if s := i18n.T(l, key, nil); s != key {
			words[i] = s
		} else {
			words[i] = string(h)
		}
	}
	return strings.Join(words, dtr(l, "list-sep", nil))
}

// priorityWord words a priority 1–3 (0: not set).
func priorityWord(l i18n.Lang, p int) string {
	if p < 1 || p > 3 {
		return dtr(l, "unset", nil)
	}
	return dtr(l, fmt.Sprintf("priority.%d", p), nil)
}

// orUnset is s, or "not recorded" when it is blank.
func orUnset(l i18n.Lang, s string) string {
	if strings.TrimSpace(s) == "" {
		return dtr(l, "unset", nil)
	}
	return s
}

// surveyCentroid is the site's point: the point itself, or the
// area-weighted centroid of the polygon (lon/lat degrees).
func surveyCentroid(g orb.Geometry) orb.Point {
	if p, ok := g.(orb.Point); ok {
		return p
	}
	if g == nil {
		return orb.Point{math.NaN(), math.NaN()}
	}
	c, _ := planarCentroid(g)
	return c
}

// siteKindWord says whether the site is a point or a polygon, with the
// polygon's geodesic area (GRS80) in ha and 亩.
func siteKindWord(l i18n.Lang, g orb.Geometry) string {
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		a := measure.AreaOf(g)
		return dtr(l, "site.polygon", i18n.Args{"m2": fmtFixed(a.M2, 0), "ha": fmtFixed(a.Ha, 2), "mu": fmtFixed(a.Mu, 1)})
	}
	return dtr(l, "site.point", nil)
}

// areaWords writes a recorded area in m², ha and 亩.
func areaWords(l i18n.Lang, m2 float64) string {
	if m2 <= 0 {
		return dtr(l, "unset", nil)
	}
	return dtr(l, "area", i18n.Args{"m2": fmtFixed(m2, 0), "ha": fmtFixed(measure.Hectares(m2), 2), "mu": fmtFixed(measure.Mu(m2), 1)})
}

// lonLatWords writes a position as degrees east and north, 6 decimals
// (about 0.1 m).
func lonLatWords(l i18n.Lang, p orb.Point) string {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return dtr(l, "unset", nil)
	}
	return dtr(l, "lonlat", i18n.Args{"lon": fmtFixed(p[0], 6), "lat": fmtFixed(p[1], 6)})
}

// fmtFixed writes v with prec decimals and thousands grouped by commas.
func fmtFixed(v float64, prec int) string {
	s := fmt.Sprintf("%.*f", prec, v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
