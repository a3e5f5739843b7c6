package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"minerehab/app/i18n"
	"minerehab/gis/pdf"
	"minerehab/gis/plate"
	"minerehab/models"
)

// The survey dossier (调查档案): one PDF per surveyed site, for the file
// and for the district, in the user's language. Page 1 is the map plate
// (A4 landscape: the site in red among the mines, sites, roads, rivers and
// districts around it, north arrow, scale bar, graticule, inset, title with
// the site's name and district); then, on A4 portrait, every field of the
// record and the photos with their EXIF time and position. Text is real
// text in the plate font, so the PDF is searchable.

// WriteSurveyDossier writes the dossier of the survey uid as a PDF to w.
// An unknown uid is a *models.SurveyError with Code CodeSurveyNotFound; a
// photo whose stored image cannot be read is shown as a framed note, not
// an error.
func WriteSurveyDossier(ctx context.Context, st models.Store, uid string, l i18n.Lang, w io.Writer) error {
	ss, err := surveyStore(st)
	if err != nil {
		return err
	}
	s, err := ss.Survey(ctx, uid)
	if err != nil {
		return err
	}
	return writeDossier(ctx, st, s, l, w)
}

func writeDossier(ctx context.Context, st models.Store, s *models.Survey, l i18n.Lang, w io.Writer) error {
	font, err := PlateFont()
	if err != nil {
		return err
	}
	ps, _ := st.(models.PhotoStore)
	var photos []models.SurveyPhoto
	if ps != nil {
		if photos, err = ps.SurveyPhotos(ctx, s.UID); err != nil {
			return fmt.Errorf("survey %s photos: %w", s.UID, err)
		}
	}
	plan := &dossierPlan{l: l, font: font}
	plan.attributes(s, len(photos))
	plan.photoGrid(s, photos)
	total := 1 + len(plan.pages)
	pageLabel := func(n int) string { return i18n.T(l, "plate.page", i18n.Args{"n": n, "total": total}) }

	name := strings.TrimSpace(s.SiteName)
	if name == "" {
		name = s.UID
	}
	doc := pdf.New(pdf.Options{CreationDate: s.UpdatedAt, Creator: "minerehab",
		Title:  dtr(l, "pdf.title", i18n.Args{"site": name, "district": orUnset(l, s.District)}),
		Author: strings.Join(s.Surveyors, ", ")})
	spec, err := dossierPlateSpec(ctx, st, s, l, font, pageLabel(1))
	if err != nil {
		return err
	}
	if _, err := plate.AddPDFPage(ctx, doc, spec); err != nil {
		return err
	}
	pw := &pdfWriter{doc: doc, font: font, margin: dossierMargin}
	foot := dtr(l, "footer", i18n.Args{"site": name, "district": orUnset(l, s.District), "uid": s.UID})
	for i, pg := range plan.pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := doc.AddPage(a4W, a4H)
		if err != nil {
			return err
		}
		for _, slot := range pg.photos {
			if err := drawPhoto(ctx, ps, page, slot); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				slot.failed = true
			}
		}
		pw.c = pdf.NewCanvas(page, 1, font)
		for _, op := range pg.ops {
			op(pw)
		}
		pw.line(dossierMargin, a4H-36, a4W-dossierMargin, a4H-36, 0.4, colFormLine, nil)
		pw.text(dossierMargin, a4H-24, 8, (&dossierPlan{font: font}).fit(8, a4W-2*dossierMargin-90, foot), colCaption)
		label := pageLabel(i + 2)
		pw.text(a4W-dossierMargin-pdf.TextWidth(font, 8, label), a4H-24, 8, label, colCaption)
		pw.c.Flush()
	}
	_, err = doc.WriteTo(w)
	return err
}

// WriteDistrictDossiers writes one dossier PDF per survey of a district
// ("" for every survey) into dir, created if need be, and returns the
// files written, by district and site name (pinyin order in Chinese). Files are named district_site_id.pdf
// (the id's first 8 characters keep two sites of the same name apart)
// and each appears only once complete. A district without surveys is a
// *models.SurveyError with Code CodeDossierNoSurveys
// (CodeDossierProjectNoSurveys for "").
func WriteDistrictDossiers(ctx context.Context, st models.Store, district string, l i18n.Lang, dir string) ([]string, error) {
	ss, err := Surveys(ctx, st, district)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, noSurveysError(district)
	}
	sortSurveys(ss, l)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &FileError{File: dir, Code: "write", Err: err}
	}
	var out []string
	for _, s := range ss {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		path := filepath.Join(dir, DossierFileName(s))
		if err := WriteFileAtomic(path, func(w io.Writer) error { return writeDossier(ctx, st, s, l, w) }); err != nil {
			return out, fmt.Errorf("dossier of %s (%s): %w", s.UID, s.SiteName, err)
		}
		out = append(out, path)
	}
	return out, nil
}

// DossierFileName is the file a survey's dossier is written to:
// district_site_id8.pdf, characters file systems refuse replaced.
func DossierFileName(s *models.Survey) string {
	id := s.UID
	if len(id) > 8 {
		id = id[:8]
	}
	var parts []string
	for _, p := range []string{s.District, s.SiteName, id} {
		if p = cleanFileName(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "_") + ".pdf"
}

// cleanFileName replaces what Windows, macOS or Linux refuse in a file
// name (separators, reserved punctuation, control characters) with "-",
// and keeps it to 60 characters.
func cleanFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, ". ")
	if rs := []rune(s); len(rs) > 60 {
		s = string(rs[:60])
	}
	return s
}

// WriteFileAtomic writes path through a temporary file in the same
// directory, renamed into place once write succeeded: no half-written
// file is left behind.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return &FileError{File: path, Code: "write", Err: err}
	}
	tmp := f.Name()
	// CreateTemp makes the file private; a dossier is an ordinary document.
	err = f.Chmod(0o644)
	if err == nil {
		err = write(f)
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = &FileError{File: path, Code: "write", Err: cerr}
	}
	if err == nil {
		if rerr := os.Rename(tmp, path); rerr != nil {
			err = &FileError{File: path, Code: "write", Err: rerr}
		}
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
