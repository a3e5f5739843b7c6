package app

import (
	"context"
	"errors"
	"image"
	"image/color"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"minerehab/gis/hit"
	"minerehab/gis/render"
	"minerehab/models"
)

// Abandoned-mine field surveys: the use cases behind `minerehab survey`
// and the window's survey form.

// ErrNoSurveys is returned when the project's store cannot keep surveys.
var ErrNoSurveys = errors.New("this project store cannot keep surveys")

func surveyStore(st models.Store) (models.SurveyStore, error) {
	ss, ok := st.(models.SurveyStore)
	if !ok {
		return nil, ErrNoSurveys
	}
	return ss, nil
}

// SaveSurvey adds or updates a survey record (a new UID when it has none).
func SaveSurvey(ctx context.Context, st models.Store, s *models.Survey) error {
	ss, err := surveyStore(st)
	if err != nil {
		return err
	}
	return ss.PutSurvey(ctx, s)
}

// Surveys lists the survey records of a district ("" for all).
func Surveys(ctx context.Context, st models.Store, district string) ([]*models.Survey, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return nil, err
	}
	return ss.Surveys(ctx, district)
}

// ExportSurveyPackage writes a survey package for one district ("" for
// all) to path, which must not exist, and returns the record count.
func ExportSurveyPackage(ctx context.Context, st models.Store, path, district string) (int, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return 0, err
	}
	return ss.ExportSurveys(ctx, path, district)
}

// ImportSurveyPackage merges a package back: new and changed records by
// UID; records both sides changed become conflicts for the planner
// (nothing is overwritten silently). A package from another project or
// with a newer schema is refused and the project left unchanged.
func ImportSurveyPackage(ctx context.Context, st models.Store, path string) (*models.SurveyImport, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return nil, err
	}
	return ss.ImportSurveys(ctx, path)
}

// SurveyConflicts lists the records waiting for the planner: mine and
// theirs side by side.
func SurveyConflicts(ctx context.Context, st models.Store) ([]models.SurveyConflict, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return nil, err
	}
	return ss.SurveyConflicts(ctx)
}

// ResolveSurveyConflict keeps one version (mine, theirs or a merge, with
// the conflict's UID) and closes the conflict.
func ResolveSurveyConflict(ctx context.Context, st models.Store, keep *models.Survey) error {
	ss, err := surveyStore(st)
	if err != nil {
		return err
	}
	return ss.ResolveSurveyConflict(ctx, keep)
}

// DeleteSurvey removes a survey record and its photos. Made with a ctx
// marked by models.WithEditLabel (the window does), it is one undoable
// edit of the project's history.
func DeleteSurvey(ctx context.Context, st models.Store, uid string) error {
	ss, err := surveyStore(st)
	if err != nil {
		return err
	}
	return ss.DeleteSurvey(ctx, uid)
}

// SurveyByUID reads one survey record.
func SurveyByUID(ctx context.Context, st models.Store, uid string) (*models.Survey, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return nil, err
	}
	return ss.Survey(ctx, uid)
}

// SurveyPhotos lists a survey's photos (metadata only), oldest first.
func SurveyPhotos(ctx context.Context, st models.Store, surveyUID string) ([]models.SurveyPhoto, error) {
	ps, ok := st.(models.PhotoStore)
	if !ok {
		return nil, ErrNoSurveys
	}
	return ps.SurveyPhotos(ctx, surveyUID)
}

// SurveyPhotoThumb reads a stored photo's JPEG thumbnail.
func SurveyPhotoThumb(ctx context.Context, st models.Store, photoUID string) ([]byte, error) {
	ps, ok := st.(models.PhotoStore)
	if !ok {
		return nil, ErrNoSurveys
	}
	return ps.SurveyPhotoBytes(ctx, photoUID, true)
}

// AddPreparedPhoto stores a photo PreparePhoto has checked and converted
// (the window prepares it when the planner picks the file, to show its
// thumbnail and EXIF before the survey is saved) with the survey surveyUID.
func AddPreparedPhoto(ctx context.Context, st models.Store, surveyUID string, pd *models.PhotoData) error {
	ps, ok := st.(models.PhotoStore)
	if !ok {
		return ErrNoSurveys
	}
	pd.Photo.SurveyUID = surveyUID
	return ps.AddSurveyPhoto(ctx, pd)
}

// SurveyDistricts lists the district names a survey can be filed under:
// the project's districts (reference features typed district / 行政区)
// and those already used by survey records, sorted. here is the district
// whose polygon holds the centre of at (nil: none), "" when none does.
func SurveyDistricts(ctx context.Context, st models.Store, at orb.Geometry) (names []string, here string, err error) {
	seen := map[string]bool{}
	add := func(n string) {
		if n = strings.TrimSpace(n); n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	var centre orb.Point
	if at != nil {
		centre = at.Bound().Center()
	}
	err = st.Features(ctx, models.LayerReference, nil, func(f *models.Feature) error {
		if ReferenceKindOf(f) != RefDistrict {
			return nil
		}
		add(f.Attrs.Name)
		if at != nil && here == "" && containsPoint(f.Geometry, centre) {
			here = strings.TrimSpace(f.Attrs.Name)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	if ss, e := surveyStore(st); e == nil {
		all, err := ss.Surveys(ctx, "")
		if err != nil {
			return nil, "", err
		}
		for _, s := range all {
			add(s.District)
		}
	}
	sort.Strings(names)
	return names, here, nil
}

// containsPoint: p lies inside the polygon g (holes excluded).
func containsPoint(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return false
}

// Survey sites on the window's map: a violet dashed outline over a white
// halo (no layer of the default symbology uses violet), filled and marked
// in the colour of the priority; the site being edited drawn solid.
var (
	surveyHalo   = color.NRGBA{0xff, 0xff, 0xff, 0xd0}
	surveyStroke = color.NRGBA{0x6a, 0x1b, 0x9a, 0xff}
	surveyFill   = map[int]color.NRGBA{
		1: {0xe5, 0x39, 0x35, 0xff}, // priority 1: red
		2: {0xfb, 0x8c, 0x00, 0xff}, // 2: orange
		3: {0xfd, 0xd8, 0x35, 0xff}, // 3: yellow
		0: {0xb3, 0x9d, 0xdb, 0xff}, // unset: pale violet
	}
)

// RenderSurveys draws survey sites on a transparent image of view v (the
// window's survey overlay, drawn off the UI goroutine): polygons with a
// dashed outline and a light fill, points as squares, filled by priority;
// the survey current (a UID, "" for none) is drawn with a solid, wider
// outline.
func RenderSurveys(ctx context.Context, v render.View, ss []*models.Survey, current string, ratio float64) (*image.RGBA, error) {
	r := render.NewRaster(v.Width, v.Height, color.NRGBA{})
	if err := render.Draw(ctx, r, v, surveyLayers(ss, current, ratio)); err != nil {
		return nil, err
	}
	return r.Image(), nil
}

// surveyLayers are the layers RenderSurveys draws: the halos under all the
// sites. RenderMap draws the same over its map (MapOptions.Surveys).
func surveyLayers(ss []*models.Survey, current string, ratio float64) []render.Layer {
	if ratio <= 0 {
		ratio = 1
	}
	halo := render.Layer{Name: "survey-halo", Opacity: 1}
	top := render.Layer{Name: "surveys", Opacity: 1}
	for _, s := range ss {
		if s == nil || s.Geometry == nil {
			continue
		}
		fill, ok := surveyFill[s.Priority]
		if !ok {
			fill = surveyFill[0]
		}
		_, point := s.Geometry.(orb.Point)
		width, size, dash := 2.0, 12.0, []float64{7 * ratio, 4 * ratio}
		if s.UID == current {
			width, size, dash = 3.5, 15, nil
		}
		if point {
			dash = nil // a dashed square reads as broken
		} else {
			fill.A = 0x50
		}
		hs := render.Style{Stroke: surveyHalo, StrokeWidth: (width + 3) * ratio, PointSize: (size + 4) * ratio, PointShape: render.PointSquare}
		if point {
			hs.Fill = surveyHalo
		}
		halo.Features = append(halo.Features, render.Feature{Geometry: s.Geometry, Style: hs})
		top.Features = append(top.Features, render.Feature{Geometry: s.Geometry, Style: render.Style{Fill: fill, Stroke: surveyStroke,
			StrokeWidth: width * ratio, Dash: dash, PointShape: render.PointSquare, PointSize: size * ratio}})
	}
	return []render.Layer{halo, top}
}

// SurveyAt is the survey site under the pixel (x, y) of view v within tol
// pixels: the nearest point or edge, a polygon holding the pixel counting
// as 0 away; points win over polygons at equal distance. nil when none.
func SurveyAt(v render.View, ss []*models.Survey, x, y, tol float64) *models.Survey {
	var best *models.Survey
	bestD := math.Inf(1)
	for _, s := range ss {
		if s == nil || s.Geometry == nil {
			continue
		}
		d, ok := hit.NearPixel(s.Geometry, v.ToPixel, x, y, tol)
		if !ok {
			continue
		}
		if _, pt := s.Geometry.(orb.Point); pt {
			d -= tol // a marker over a polygon is what the click meant
		}
		if d < bestD {
			best, bestD = s, d
		}
	}
	return best
}
