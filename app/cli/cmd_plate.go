package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/hugeheap"
	"minerehab/app/i18n"
	"minerehab/gis/plate"
	"minerehab/models"
)

func init() {
	register(command{name: "plate", usage: "P.gpkg -o OUT.pdf|.svg|.png [--template status|plan|progress|survey|FILE.json] [--extent all|view|mine:LICENCE|zone:CODE|district:NAME] [--paper A3] [--orientation landscape|portrait] [--scale N] [--title T] [--atlas mines|zones|districts] [--screening NAME] | --save-template FILE.json", run: runPlate})
}

// Defaults and limits of `plate`.
const (
	plateDefaultDPI = 150
	plateMaxDPI     = 1200
)

// plateFlags are the parsed options of one `plate` run.
type plateFlags struct {
	out, template, extent, paper, orientation, title, subtitle, atlas, bbox string
	unit, author, checker, date, number, notes, screening                   string
	scale, dpi                                                              float64
}

// runPlate makes a print plate (or an atlas of them) of a project.
func runPlate(e *env, args []string) error {
	fs := flag.NewFlagSet("plate", flag.ContinueOnError)
	var f plateFlags
	fs.StringVar(&f.out, "o", "", "")
	fs.StringVar(&f.template, "template", "status", "")
	fs.StringVar(&f.extent, "extent", "all", "")
	fs.StringVar(&f.paper, "paper", "A3", "")
	fs.StringVar(&f.orientation, "orientation", "landscape", "")
	fs.Float64Var(&f.scale, "scale", 0, "")
	fs.StringVar(&f.title, "title", "", "")
	fs.StringVar(&f.subtitle, "subtitle", "", "")
	fs.StringVar(&f.atlas, "atlas", "", "")
	fs.StringVar(&f.bbox, "bbox", "", "")
	fs.Float64Var(&f.dpi, "dpi", plateDefaultDPI, "")
	fs.StringVar(&f.unit, "unit", "", "")
	fs.StringVar(&f.author, "author", "", "")
	fs.StringVar(&f.checker, "checker", "", "")
	fs.StringVar(&f.date, "date", "", "")
	fs.StringVar(&f.number, "number", "", "")
	fs.StringVar(&f.notes, "notes", "", "")
	fs.StringVar(&f.screening, "screening", "", "")
	saveTemplate := fs.String("save-template", "", "")
	pos, err := parse(e, commands["plate"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	if *saveTemplate != "" {
		// Templates are data: write one out to edit and pass back with
		// --template FILE.json.
		tmpl, err := app.LoadPlateTemplate(f.template)
		if err != nil {
			return plateError(e, err)
		}
		out, err := os.Create(*saveTemplate)
		if err != nil {
			return &usageError{e.t("cli.render.write-failed", i18n.Args{"path": *saveTemplate, "detail": rootCause(err)})}
		}
		if err := tmpl.Save(out); err != nil {
			out.Close()
			return &usageError{e.t("cli.render.write-failed", i18n.Args{"path": *saveTemplate, "detail": rootCause(err)})}
		}
		if err := out.Close(); err != nil {
			return &usageError{e.t("cli.render.write-failed", i18n.Args{"path": *saveTemplate, "detail": rootCause(err)})}
		}
		fmt.Fprintln(e.stdout, e.t("cli.plate.template-saved", i18n.Args{"path": *saveTemplate}))
		return nil
	}
	usage := func() error {
		return &usageError{e.t("cli.bad-args", i18n.Args{"usage": "minerehab plate " + commands["plate"].usage, "name": "plate"})}
	}
	if f.out == "" {
		return usage()
	}
	format, ok := app.PlateFormatOf(f.out)
	if !ok {
		return &usageError{e.t("cli.plate.bad-output", i18n.Args{"path": f.out})}
	}
	var landscape bool
	switch strings.ToLower(f.orientation) {
	case "landscape", "横向":
		landscape = true
	case "portrait", "纵向":
	default:
		return &usageError{e.t("cli.plate.bad-orientation", i18n.Args{"value": f.orientation})}
	}
	if _, err := plate.PaperSize(f.paper, landscape); err != nil {
		return &usageError{e.t("cli.plate.bad-paper", i18n.Args{"value": f.paper})}
	}
	if f.scale != 0 && !(f.scale >= 1 && f.scale <= 1e8) {
		return &usageError{e.t("cli.plate.bad-scale", i18n.Args{"value": strconv.FormatFloat(f.scale, 'g', -1, 64)})}
	}
	if !(f.dpi >= 36 && f.dpi <= plateMaxDPI) {
		return &usageError{e.t("cli.plate.bad-dpi", i18n.Args{"value": strconv.FormatFloat(f.dpi, 'g', -1, 64), "max": plateMaxDPI})}
	}
	if f.atlas != "" {
		if _, ok := app.AtlasKinds[f.atlas]; !ok {
			return &usageError{e.t("cli.plate.bad-atlas", i18n.Args{"value": f.atlas})}
		}
	}
	date := time.Now()
	if f.date != "" {
		d, err := time.Parse("2006-01-02", f.date)
		if err != nil {
			return &usageError{e.t("cli.plate.bad-date", i18n.Args{"value": f.date})}
		}
		date = d
	}
	var view *orb.Bound
	if f.bbox != "" {
		b, err := parseBBox(f.bbox)
		if err != nil {
			return &usageError{e.t("cli.render.bad-bbox", i18n.Args{"bbox": f.bbox})}
		}
		view = &b
	}
	// The font (about 0.1 s to load and parse) loads while the project
	// opens and the extent resolves.
	go app.PlateFont()
	tmpl, err := app.LoadPlateTemplate(f.template)
	if err != nil {
		return plateError(e, err)
	}
	st, err := app.OpenProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	font, err := app.PlateFont()
	if err != nil {
		return plateError(e, err)
	}
	// A plate allocates much short-lived geometry and few long-lived
	// objects, in a short process: collect garbage less often.
	hugeheap.SetGCPercent(400)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	opt := app.PlateOptions{
		Template: tmpl, Paper: f.paper, Landscape: landscape, Scale: f.scale,
		Title: f.title, Subtitle: f.subtitle, Lang: e.lang, Date: date, Font: font,
		TitleBlock: plate.TitleBlock{Unit: f.unit, Author: f.author, Checker: f.checker, Number: f.number, Notes: f.notes},
		Unread:     &app.UnreadGeometries{},
	}
	if f.screening != "" {
		band, err := app.SavedScreeningBand(ctx, st, f.screening, e.lang)
		if err != nil {
			return err
		}
		opt.Bands = []app.PlateBand{band}
	}
	// The inset shows the whole project: resolve it once for every page.
	all, err := app.ResolvePlateExtent(ctx, st, "all", nil)
	if err != nil {
		return plateError(e, err)
	}
	opt.Overview = &all.Bound
	if f.atlas != "" {
		return runPlateAtlas(ctx, e, st, opt, f, format)
	}
	ext := all
	if strings.ToLower(strings.TrimSpace(f.extent)) != "all" {
		if ext, err = app.ResolvePlateExtent(ctx, st, f.extent, view); err != nil {
			return plateError(e, err)
		}
	}
	opt.Extent = ext
	if err := writeAtomically(e, f.out, func(w *os.File) error {
		return app.WritePlate(ctx, st, opt, format, f.dpi, w)
	}); err != nil {
		return err
	}
	warnUnread(e, "plate", opt.Unread)
	fmt.Fprintln(e.stdout, e.t("cli.plate.done", i18n.Args{"path": f.out, "pages": 1}))
	return nil
}

// runPlateAtlas writes one page per mine, zone or district: one PDF, or
// one SVG/PNG file per page (OUT-001.png …).
func runPlateAtlas(ctx context.Context, e *env, store models.Store, opt app.PlateOptions, f plateFlags, format string) error {
	exts, err := app.AtlasExtents(ctx, store, f.atlas)
	if err != nil {
		return plateError(e, err)
	}
	if len(exts) == 0 {
		return &usageError{e.t("cli.plate.atlas-empty", i18n.Args{"atlas": f.atlas})}
	}
	bar := newProgressBar(e, false)
	defer bar.finish()
	progress := func(done, total int) { bar.update(float64(done) / float64(total)) }
	if format == app.PlatePDF {
		if err := writeAtomically(e, f.out, func(w *os.File) error {
			return app.WritePlateAtlas(ctx, store, opt, exts, w, progress)
		}); err != nil {
			return err
		}
	} else {
		ext := filepath.Ext(f.out)
		base := strings.TrimSuffix(f.out, ext)
		for i := range exts {
			if err := ctx.Err(); err != nil {
				return plateError(e, err)
			}
			path := fmt.Sprintf("%s-%03d%s", base, i+1, ext)
			po := app.AtlasPage(opt, exts, i)
			if err := writeAtomically(e, path, func(w *os.File) error {
				return app.WritePlate(ctx, store, po, format, f.dpi, w)
			}); err != nil {
				return err
			}
			progress(i+1, len(exts))
		}
	}
	warnUnread(e, "plate", opt.Unread)
	fmt.Fprintln(e.stdout, e.t("cli.plate.done", i18n.Args{"path": f.out, "pages": len(exts)}))
	return nil
}

// plateError turns an error of making a plate into the user's language.
func plateError(e *env, err error) error {
	if msg := app.PlateMessage(e.lang, err); msg != "" {
		return &usageError{msg}
	}
	return err
}

// writeAtomically writes path through a temporary file beside it renamed
// into place, so a failed or cancelled plate never leaves half a file.
func writeAtomically(e *env, path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".minerehab-plate-*")
	if err != nil {
		return &usageError{e.t("cli.plate.write-failed", i18n.Args{"path": path, "detail": rootCause(err)})}
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return &usageError{e.t("cli.plate.write-failed", i18n.Args{"path": path, "detail": rootCause(err)})}
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		if errors.Is(err, os.ErrPermission) {
			return &usageError{e.t("cli.plate.write-failed", i18n.Args{"path": path, "detail": rootCause(err)})}
		}
		return plateError(e, err)
	}
	if err := tmp.Close(); err != nil {
		return &usageError{e.t("cli.plate.write-failed", i18n.Args{"path": path, "detail": rootCause(err)})}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &usageError{e.t("cli.plate.write-failed", i18n.Args{"path": path, "detail": rootCause(err)})}
	}
	return nil
}
