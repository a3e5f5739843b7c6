package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"minerehab/gis/pdf"
	"minerehab/gis/plate"
	"minerehab/gis/render"
	"minerehab/models"
)

// Plate output formats.
const (
	PlatePDF = "pdf"
	PlateSVG = "svg"
	PlatePNG = "png"
)

// PlateFormatOf returns the output format named by a file's extension.
func PlateFormatOf(path string) (string, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return PlatePDF, true
	case ".svg":
		return PlateSVG, true
	case ".png":
		return PlatePNG, true
	}
	return "", false
}

// pdfOptions are the document options of a plate PDF.
func pdfOptions(opt PlateOptions, title string) pdf.Options {
	return pdf.Options{CreationDate: opt.Date, Title: title, Author: opt.TitleBlock.Author, Creator: "minerehab"}
}

// WritePlate draws one plate in format (PlatePDF, PlateSVG, PlatePNG at
// dpi) to w.
func WritePlate(ctx context.Context, st models.Store, opt PlateOptions, format string, dpi float64, w io.Writer) error {
	spec, err := PlateSpec(ctx, st, opt)
	if err != nil {
		return err
	}
	switch format {
	case PlatePDF:
		return plate.WritePDF(ctx, w, spec, pdfOptions(opt, spec.Title))
	case PlateSVG:
		return plate.WriteSVG(ctx, w, spec)
	case PlatePNG:
		img, err := plate.RenderImage(ctx, spec, dpi)
		if err != nil {
			return err
		}
		return render.EncodePNG(w, img)
	}
	return fmt.Errorf("plate: unknown format %q", format)
}

// AtlasKinds maps --atlas words to extent kinds.
var AtlasKinds = map[string]string{"mines": "mine", "zones": "zone", "districts": "district"}

// AtlasExtents lists the pages of an atlas of kind ("mines", "zones",
// "districts").
func AtlasExtents(ctx context.Context, st models.Store, kind string) ([]PlateExtent, error) {
	k, ok := AtlasKinds[kind]
	if !ok {
		return nil, &PlateExtentError{Spec: kind, Code: "bad-extent"}
	}
	return PlateExtents(ctx, st, k)
}

// AtlasPage returns opt for page i (0-based) of an atlas of exts: the
// page's extent and number; a title given by the caller stays, with the
// page's place as subtitle.
func AtlasPage(opt PlateOptions, exts []PlateExtent, i int) PlateOptions {
	o := opt
	o.Extent = exts[i]
	o.Page, o.Pages = i+1, len(exts)
	if opt.Title != "" && opt.Subtitle == "" {
		o.Subtitle = exts[i].Name
	}
	return o
}

// AtlasProgress is told after each page: done of total.
type AtlasProgress func(done, total int)

// WritePlateAtlas draws one page per extent into one PDF. It stops soon
// after ctx is cancelled, writing nothing, and returns ctx's error.
func WritePlateAtlas(ctx context.Context, st models.Store, opt PlateOptions, exts []PlateExtent, w io.Writer, progress AtlasProgress) error {
	if len(exts) == 0 {
		return &PlateExtentError{Spec: "atlas", Code: "empty-extent"}
	}
	doc := pdf.New(pdfOptions(opt, ""))
	// The first page's inset source serves every page: it keeps what it
	// read, so the inset is read once per atlas.
	var firstOverview plate.LayerSource
	for i := range exts {
		if err := ctx.Err(); err != nil {
			return err
		}
		po := AtlasPage(opt, exts, i)
		spec, err := PlateSpec(ctx, st, po)
		if err != nil {
			return &AtlasPageError{Page: i + 1, Name: exts[i].Name, Err: err}
		}
		if i > 0 && spec.Overview != nil {
			spec.Overview = firstOverview
		} else {
			firstOverview = spec.Overview
		}
		if _, err := plate.AddPDFPage(ctx, doc, spec); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return &AtlasPageError{Page: i + 1, Name: exts[i].Name, Err: err}
		}
		if progress != nil {
			progress(i+1, len(exts))
		}
	}
	_, err := doc.WriteTo(w)
	return err
}

// AtlasPageError says which page of an atlas failed.
type AtlasPageError struct {
	Page int
	Name string
	Err  error
}

func (e *AtlasPageError) Error() string {
	return fmt.Sprintf("page %d (%s): %v", e.Page, e.Name, e.Err)
}
func (e *AtlasPageError) Unwrap() error { return e.Err }
