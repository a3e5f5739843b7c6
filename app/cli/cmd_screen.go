package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/hugeheap"
	"minerehab/app/i18n"
	"minerehab/models"
)

func init() {
	register(command{name: "screen", usage: "P.gpkg [--rivers LAYER[:NAME]]... [--distance METRES] [--layers L,…] [--json] [--save NAME | --list | --show NAME | --rerun NAME]", run: runScreen})
}

// riversFlag collects repeated --rivers values.
type riversFlag []models.RiverRef

func (r *riversFlag) String() string { return "" }

func (r *riversFlag) Set(v string) error {
	ref, err := models.ParseRiverRef(v)
	if err != nil {
		return fmt.Errorf("--rivers %q: no layer %q", v, ref.Layer)
	}
	*r = append(*r, ref)
	return nil
}

func runScreen(e *env, args []string) error {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	var rivers riversFlag
	fs.Var(&rivers, "rivers", "")
	distance := fs.Float64("distance", models.DefaultScreenDistanceM, "")
	layers := fs.String("layers", "", "")
	asJSON := fs.Bool("json", false, "")
	save := fs.String("save", "", "")
	list := fs.Bool("list", false, "")
	show := fs.String("show", "", "")
	rerun := fs.String("rerun", "", "")
	// A screening decodes a candidate geometry per feature near the
	// rivers, short-lived garbage in a short process: collect less often.
	hugeheap.SetGCPercent(400)
	pos, err := parse(e, commands["screen"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	st, err := app.OpenProject(pos[0], *save == "")
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	fail := func(err error) error { return &usageError{app.SurveyMessage(e.lang, err)} }
	switch {
	case *list:
		infos, err := app.Screenings(ctx, st)
		if err != nil {
			return fail(err)
		}
		if *asJSON {
			return screenJSON(e, infos)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, e.t("screen.list.columns", nil))
		for _, in := range infos {
			fmt.Fprintf(tw, "%s\t%s\t%g\t%s\t%d\t\n", in.Name, in.At.Local().Format("2006-01-02 15:04"), in.DistanceM, refList(in.Rivers), in.Hits)
		}
		return tw.Flush()
	case *show != "":
		res, err := app.LoadScreening(ctx, st, *show)
		if err != nil {
			return fail(err)
		}
		return printScreening(e, res, *asJSON)
	case *rerun != "":
		d, err := app.RerunScreening(ctx, st, *rerun)
		if err != nil {
			return fail(err)
		}
		if *asJSON {
			return screenJSON(e, d)
		}
		fmt.Fprintln(e.stdout, e.t("screen.rerun.header", i18n.Args{"name": d.Saved.Name, "date": d.Saved.At.Local().Format("2006-01-02 15:04"),
			"saved": len(d.Saved.Hits), "now": len(d.Now.Hits)}))
		if d.RiversChanged {
			fmt.Fprintln(e.stdout, e.t("screen.rerun.rivers-changed", nil))
		}
		for _, g := range []struct {
			key  string
			hits []models.ScreenHit
		}{{"screen.rerun.added", d.Added}, {"screen.rerun.removed", d.Removed}, {"screen.rerun.moved", d.Moved}} {
			for _, h := range g.hits {
				fmt.Fprintln(e.stdout, e.t(g.key, i18n.Args{"layer": h.Layer, "id": h.ID, "licence": h.Licence, "name": h.Name,
					"distance": fmt.Sprintf("%.1f", h.DistanceM)}))
			}
		}
		if d.Same() {
			fmt.Fprintln(e.stdout, e.t("screen.rerun.same", nil))
		}
		return nil
	}
	p := models.ScreenParams{Rivers: rivers, DistanceM: *distance}
	if *layers != "" {
		for _, l := range strings.Split(*layers, ",") {
			p.Layers = append(p.Layers, strings.TrimSpace(l))
		}
	}
	res, err := app.Screen(ctx, st, p)
	if err != nil {
		return fail(err)
	}
	if *save != "" {
		if err := app.SaveScreening(ctx, st, *save, res); err != nil {
			return fail(err)
		}
	}
	if err := printScreening(e, res, *asJSON); err != nil {
		return err
	}
	if *save != "" && !*asJSON {
		fmt.Fprintln(e.stdout, e.t("screen.saved", i18n.Args{"name": res.Name}))
	}
	return nil
}

func refList(rs []models.RiverRef) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return strings.Join(out, ", ")
}

// writeScreeningJSON prints a screening as indented JSON with one hit per
// line: as readable, and a screening of a large project lists tens of
// thousands of hits, which the indenter would take longer over than the
// screening itself.
func writeScreeningJSON(w io.Writer, res *models.Screening) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	head := *res
	head.Hits = nil
	if err := enc.Encode(&head); err != nil {
		return err
	}
	before, after, ok := bytes.Cut(bytes.Clone(buf.Bytes()), []byte(`"hits": null`))
	if !ok {
		return fmt.Errorf("screening json has no hits field")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(before)
	bw.WriteString(`"hits": [`)
	enc.SetIndent("", "")
	for i := range res.Hits {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		buf.Reset()
		if err := enc.Encode(&res.Hits[i]); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	if len(res.Hits) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteByte(']')
	bw.Write(after)
	return bw.Flush()
}

func screenJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printScreening(e *env, res *models.Screening, asJSON bool) error {
	if asJSON {
		return writeScreeningJSON(e.stdout, res)
	}
	fmt.Fprintln(e.stdout, e.t("screen.header", i18n.Args{"count": len(res.Hits), "distance": res.DistanceM, "rivers": refList(res.Params.Rivers)}))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("screen.columns", nil))
	for _, h := range res.Hits {
		fmt.Fprintf(tw, "%.1f\t%s\t%d\t%s\t%s\t\n", h.DistanceM, h.Layer, h.ID, h.Licence, h.Name)
	}
	return tw.Flush()
}
