package plate

import (
	"context"
	"image"
	"image/color"
	"io"

	"minerehab/gis/pdf"
)

// VectorDPI is the resolution of the layout of vector plates (PDF, SVG):
// geometry is simplified to half a dot at it, finer than any print shows.
const VectorDPI = 300

// MaxRasterPixels bounds a raster plate (a 300 dpi A0 sheet is 140
// million pixels).
const MaxRasterPixels = 200_000_000

// AddPDFPage lays spec out and draws it as a new page of doc (page size
// from the paper, in points). The spec's font is embedded, subset.
func AddPDFPage(ctx context.Context, doc *pdf.Document, spec *Spec) (*Layout, error) {
	l, err := Plan(spec, VectorDPI)
	if err != nil {
		return nil, err
	}
	page, err := doc.AddPage(spec.Paper.WidthMM/25.4*72, spec.Paper.HeightMM/25.4*72)
	if err != nil {
		return nil, err
	}
	c := pdf.NewCanvas(page, 72.0/VectorDPI, spec.Font)
	err = Draw(ctx, c, l)
	c.Flush()
	return l, err
}

// WritePDF writes a one-page PDF of spec to w.
func WritePDF(ctx context.Context, w io.Writer, spec *Spec, opt pdf.Options) error {
	doc := pdf.New(opt)
	if _, err := AddPDFPage(ctx, doc, spec); err != nil {
		return err
	}
	_, err := doc.WriteTo(w)
	return err
}

// RenderImage draws spec at dpi onto a white raster.
func RenderImage(ctx context.Context, spec *Spec, dpi float64) (*image.RGBA, error) {
	l, err := Plan(spec, dpi)
	if err != nil {
		return nil, err
	}
	if l.W*l.H > MaxRasterPixels {
		return nil, newError(CodeTooLarge, "%d×%d pixels at %g dpi is more than %d", l.W, l.H, dpi, MaxRasterPixels)
	}
	s := NewRasterSurface(l.W, l.H, color.NRGBA{R: 255, G: 255, B: 255, A: 255})
	if err := Draw(ctx, s, l); err != nil {
		return nil, err
	}
	return s.Raster().Image(), nil
}

// WriteSVG writes spec as an SVG document sized in millimetres.
func WriteSVG(ctx context.Context, w io.Writer, spec *Spec) error {
	l, err := Plan(spec, VectorDPI)
	if err != nil {
		return err
	}
	s := NewSVGSurface(w, spec.Paper.WidthMM, spec.Paper.HeightMM, float64(l.W), float64(l.H), spec.Font.Name()+", sans-serif")
	if err := Draw(ctx, s, l); err != nil {
		return err
	}
	return s.Close()
}
