package app

import (
	"errors"
	"math"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/crs"
	"minerehab/gis/geomcheck"
	"minerehab/gis/measure"
	"minerehab/models"
)

// Inspection is what the inspector shows of a feature beyond its
// attributes: measures and where it is.
type Inspection struct {
	AreaM2     float64 // ellipsoidal, 0 for points and lines
	AreaHa     float64
	AreaMu     float64
	PerimeterM float64 // boundary length of polygons, length of lines
	Vertices   int
	Centroid   orb.Point // lon/lat
	// GK is the centroid in CGCS2000 3° Gauss–Krüger zone 36 (EPSG:4524
	// easting with the zone prefix, northing); GKPlainE is the easting
	// without the prefix (EPSG:4545). GKOK is false when the centroid is
	// outside any sensible reach of zone 36.
	GKNorth, GKEast, GKPlainE float64
	GKOK                      bool
	// Problem says what is wrong with the geometry (nil when valid): the
	// map still draws it; the inspector says so.
	Problem *geomcheck.Problem
	// Swapped is set when the coordinates look like latitude/longitude
	// swapped (a frequent spreadsheet mistake).
	Swapped bool
	// Unreadable is why the stored geometry cannot be decoded (the
	// feature's GeomErr); Empty is set for a feature without geometry or
	// with one without coordinates. The map draws neither: the inspector
	// says so rather than show no measures.
	Unreadable error
	Empty      bool
}

// gk36 and gk36Plain: CGCS2000 3° GK zone 36 with and without the prefix.
var gk36, gk36Plain = mustCRS(4524), mustCRS(4545)

func mustCRS(code int) *crs.CRS {
	c, err := crs.ByEPSG(code)
	if err != nil {
		panic(err)
	}
	return c
}

// Inspect measures f.
func Inspect(f *models.Feature) Inspection {
	var in Inspection
	g := f.Geometry
	if f.GeomErr != nil {
		in.Unreadable = f.GeomErr
		return in
	}
	if g == nil {
		in.Empty = true
		return in
	}
	in.Vertices = measure.Vertices(g)
	if p, ok := g.(orb.Point); in.Vertices == 0 || ok && math.IsNaN(p[0]) { // GeoPackage's empty point is NaN, NaN
		in.Vertices, in.Empty = 0, true
		return in
	}
	if err := geomcheck.CheckLonLat(g); err != nil {
		var p *geomcheck.Problem
		if errors.As(err, &p) {
			in.Problem = p
		}
	}
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		in.AreaM2 = measure.Area(g)
	}
	in.AreaHa, in.AreaMu = measure.Hectares(in.AreaM2), measure.Mu(in.AreaM2)
	in.PerimeterM = measure.Length(g)
	in.Centroid = centroid(g)
	c := in.Centroid
	in.Swapped = c[0] >= 18 && c[0] <= 54 && c[1] >= 73 && c[1] <= 136 // China's lat/lon ranges, crossed
	if e, n, err := gk36.FromLonLat(c[0], c[1]); err == nil {
		in.GKEast, in.GKNorth, in.GKOK = e, n, true
		if pe, _, err := gk36Plain.FromLonLat(c[0], c[1]); err == nil {
			in.GKPlainE = pe
		}
	}
	return in
}

// GeometryProblemText says what is wrong with a geometry, and where, in
// the user's language (the import's wording).
func GeometryProblemText(l i18n.Lang, p *geomcheck.Problem) string {
	if p == nil {
		return ""
	}
	return reason(l, p.Code, problemPlace(p))
}
