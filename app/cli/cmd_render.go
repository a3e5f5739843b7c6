package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"golang.org/x/image/font/opentype"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/basemap"
	"minerehab/gis/render"
)

func init() {
	register(command{name: "render", usage: "P.gpkg -o MAP.png [--size WxH] [--bbox minlon,minlat,maxlon,maxlat] [--layers L1,L2…] [--basemap TILES] [--basemap-opacity 0..1]", run: runRender})
}

// Defaults of `render`.
const (
	renderDefaultW = 1600
	renderDefaultH = 1000
	// renderMarginPx is the free border around the project extent when no
	// --bbox is given.
	renderMarginPx = 24
	// renderMaxSize bounds --size: a 8192×8192 RGBA picture is 256 MiB.
	renderMaxSize = 8192
)

// runRender draws the project's map headless, as the window shows it (the
// layers shown and their styles as kept in the project file, mine labels,
// the field-survey sites, a scale bar), into a PNG; --layers names the
// layers to draw instead.
func runRender(e *env, args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	out := fs.String("o", "", "")
	size := fs.String("size", fmt.Sprintf("%dx%d", renderDefaultW, renderDefaultH), "")
	bboxArg := fs.String("bbox", "", "")
	layersArg := fs.String("layers", "", "")
	baseArg := fs.String("basemap", "", "")
	baseOp := fs.Float64("basemap-opacity", 1, "")
	pos, err := parse(e, commands["render"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	if *out == "" {
		return &usageError{e.t("cli.bad-args", i18n.Args{"usage": "minerehab render " + commands["render"].usage, "name": "render"})}
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return &usageError{e.t("cli.render.bad-size", i18n.Args{"size": *size, "max": renderMaxSize})}
	}
	var bbox *orb.Bound
	if *bboxArg != "" {
		b, err := parseBBox(*bboxArg)
		if err != nil {
			return &usageError{e.t("cli.render.bad-bbox", i18n.Args{"bbox": *bboxArg})}
		}
		bbox = &b
	}
	var only map[string]bool
	if *layersArg != "" {
		if only, err = parseLayers(*layersArg); err != nil {
			var bad *badLayerError
			errors.As(err, &bad)
			return &usageError{e.t("cli.render.bad-layer", i18n.Args{"name": bad.name, "layers": layerNames(e.lang)})}
		}
	}

	// The map font is found and parsed while the project opens.
	type fontResult struct {
		f   *opentype.Font
		err error
	}
	fontc := make(chan fontResult, 1)
	go func() {
		f, err := app.MapFont()
		fontc <- fontResult{f, err}
	}()
	st, err := app.OpenProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()

	styles, hidden, err := renderStyles(ctx, st, only)
	if err != nil {
		return &app.ProjectError{Path: pos[0], Err: err}
	}
	var v render.View
	if bbox != nil {
		v = render.FitView(*bbox, w, h, 0)
	} else {
		ext, ok, err := app.ProjectExtent(ctx, st, hidden)
		if err != nil {
			return &app.ProjectError{Path: pos[0], Err: err}
		}
		if !ok {
			return &usageError{e.t("cli.render.empty", i18n.Args{"path": pos[0]})}
		}
		v = render.FitView(ext, w, h, renderMarginPx)
	}
	if v.Valid() != nil {
		return &usageError{e.t("cli.render.bad-bbox", i18n.Args{"bbox": *bboxArg})}
	}

	fr := <-fontc
	fnt, ferr := fr.f, fr.err
	if ferr != nil {
		// The map is still useful without labels: say so and go on.
		fmt.Fprintln(e.stderr, "minerehab render: "+e.t("cli.render.no-font", i18n.Args{"detail": ferr.Error()}))
	}
	opt := app.MapOptions{Font: fnt, ScaleBar: true, Lang: e.lang, BasemapOpacity: *baseOp, Styles: styles, Hidden: hidden,
		Surveys: renderSurveys(ctx, e, st), Unread: &app.UnreadGeometries{}}
	if *baseArg != "" {
		src, err := basemap.Open(*baseArg)
		if err != nil {
			return err
		}
		defer src.Close()
		opt.Basemap = src
	}
	img, err := app.RenderMap(ctx, st, v, opt)
	if err != nil {
		return &app.ProjectError{Path: pos[0], Err: err}
	}

	// Write beside the target and rename, so a failed render never leaves half a file.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".minerehab-render-*")
	if err != nil {
		return &usageError{e.t("cli.render.write-failed", i18n.Args{"path": *out, "detail": rootCause(err)})}
	}
	defer os.Remove(tmp.Name())
	if err := render.EncodePNG(tmp, img); err != nil {
		tmp.Close()
		return &usageError{e.t("cli.render.write-failed", i18n.Args{"path": *out, "detail": rootCause(err)})}
	}
	if err := tmp.Close(); err != nil {
		return &usageError{e.t("cli.render.write-failed", i18n.Args{"path": *out, "detail": rootCause(err)})}
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return &usageError{e.t("cli.render.write-failed", i18n.Args{"path": *out, "detail": rootCause(err)})}
	}
	warnUnread(e, "render", opt.Unread)
	fmt.Fprintln(e.stdout, e.t("cli.render.done", i18n.Args{
		"path": *out, "w": w, "h": h,
		"scale": strconv.FormatFloat(math.Round(app.ScaleDenominator(v)), 'f', 0, 64),
	}))
	return nil
}

// rootCause is the innermost error's text (no Go operation prefixes).
func rootCause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

// parseSize reads "WxH" (or "W×H", "W*H"): two whole numbers of pixels in
// 1..renderMaxSize.
func parseSize(s string) (w, h int, err error) {
	s = strings.TrimSpace(strings.ToLower(s))
	var a, b string
	var ok bool
	for _, sep := range []string{"x", "×", "*"} {
		if a, b, ok = strings.Cut(s, sep); ok {
			break
		}
	}
	if !ok {
		return 0, 0, errors.New("want WxH")
	}
	w, err1 := strconv.Atoi(strings.TrimSpace(a))
	h, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || w < 1 || h < 1 || w > renderMaxSize || h > renderMaxSize {
		return 0, 0, errors.New("want WxH within 1.." + strconv.Itoa(renderMaxSize))
	}
	return w, h, nil
}

// parseBBox reads "minlon,minlat,maxlon,maxlat" in degrees: finite, within
// ±180/±85, min below max.
func parseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, errors.New("want four numbers")
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return orb.Bound{}, errors.New("not a number")
		}
		v[i] = f
	}
	if v[0] < -180 || v[2] > 180 || v[1] < -85 || v[3] > 85 || !(v[0] < v[2]) || !(v[1] < v[3]) {
		return orb.Bound{}, errors.New("out of range")
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}
