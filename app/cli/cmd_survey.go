package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

func init() {
	register(command{name: "survey", usage: "list|export|import|conflicts|resolve|photo|dossier|table P.gpkg …", run: runSurvey})
}

// runSurvey dispatches the survey subcommands:
//
//	survey list P.gpkg [--district D] [--json]
//	survey export P.gpkg --o PKG.gpkg [--district D]
//	survey import P.gpkg PKG.gpkg [--json]
//	survey conflicts P.gpkg [--json]
//	survey resolve P.gpkg UID --keep mine|theirs
//	survey photo P.gpkg UID FILE… [--keep-original]
//	survey dossier P.gpkg (--uid UID | --district D) -o OUT(.pdf|dir)
//	survey table P.gpkg [--district D] -o OUT.xlsx|OUT.csv
func runSurvey(e *env, args []string) error {
	c := commands["survey"]
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			printUsage(e, c, nil)
			printDossierUsage(e)
			return flag.ErrHelp
		}
		return &usageError{e.t("cli.bad-args", i18n.Args{"usage": "minerehab survey " + c.usage, "name": "survey"})}
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("survey", flag.ContinueOnError)
	district := fs.String("district", "", "")
	out := fs.String("o", "", "")
	asJSON := fs.Bool("json", false, "")
	keep := fs.String("keep", "", "")
	keepOriginal := fs.Bool("keep-original", false, "")
	uid := fs.String("uid", "", "")
	fail := func(err error) error { return &usageError{app.SurveyMessage(e.lang, err)} }
	ctx := context.Background()
	want := map[string][2]int{"list": {1, 1}, "export": {1, 1}, "import": {2, 2}, "conflicts": {1, 1}, "resolve": {2, 2}, "photo": {3, -1},
		"dossier": {1, 1}, "table": {1, 1}}
	n, ok := want[sub]
	if !ok {
		return &usageError{e.t("cli.survey.unknown-sub", i18n.Args{"name": sub})}
	}
	pos, err := parse(e, c, fs, args, n[0], n[1])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printDossierUsage(e)
		}
		return err
	}
	switch sub {
	case "dossier":
		return runSurveyDossier(e, pos[0], *uid, *district, *out)
	case "table":
		return runSurveyTable(e, pos[0], *district, *out)
	}
	readOnly := sub == "list" || sub == "conflicts"
	st, err := app.OpenProject(pos[0], readOnly)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "list":
		ss, err := app.Surveys(ctx, st, *district)
		if err != nil {
			return fail(err)
		}
		if *asJSON {
			return screenJSON(e, ss)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, e.t("survey.columns", nil))
		for _, s := range ss {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t\n", s.UID, s.District, s.SiteName, s.Date, s.Disturbance, s.Priority)
		}
		return tw.Flush()
	case "export":
		if *out == "" {
			return &usageError{e.t("cli.survey.need-o", nil)}
		}
		k, err := app.ExportSurveyPackage(ctx, st, *out, *district)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintln(e.stdout, e.t("survey.exported", i18n.Args{"count": k, "path": *out}))
		return nil
	case "import":
		rep, err := app.ImportSurveyPackage(ctx, st, pos[1])
		if err != nil {
			return fail(err)
		}
		if *asJSON {
			return screenJSON(e, rep)
		}
		fmt.Fprintln(e.stdout, e.t("survey.imported", i18n.Args{"path": pos[1], "added": len(rep.Added), "updated": len(rep.Updated),
			"unchanged": len(rep.Unchanged), "kept": len(rep.KeptMine), "conflicts": len(rep.Conflicts)}))
		for _, c := range rep.Conflicts {
			fmt.Fprintln(e.stdout, e.t("survey.conflict", i18n.Args{"uid": c.UID, "name": c.Mine.SiteName}))
		}
		return nil
	case "conflicts":
		cs, err := app.SurveyConflicts(ctx, st)
		if err != nil {
			return fail(err)
		}
		if *asJSON {
			return screenJSON(e, cs)
		}
		for _, c := range cs {
			fmt.Fprintln(e.stdout, e.t("survey.conflict", i18n.Args{"uid": c.UID, "name": c.Mine.SiteName}))
			printSideBySide(e, c.Mine, c.Theirs)
		}
		return nil
	case "photo":
		for _, f := range pos[2:] {
			data, err := os.ReadFile(f)
			if err != nil {
				return &usageError{app.Message(e.lang, &app.FileError{File: f, Code: "missing-file", Err: err})}
			}
			ph, err := app.AddSurveyPhoto(ctx, st, pos[1], f, data, *keepOriginal)
			if err != nil {
				return fail(err)
			}
			where := ""
			if ph.Lat != nil {
				where = fmt.Sprintf(" (%.6f, %.6f)", *ph.Lon, *ph.Lat)
			}
			fmt.Fprintln(e.stdout, e.t("survey.photo.added", i18n.Args{"file": ph.FileName, "w": ph.Width, "h": ph.Height, "where": where}))
		}
		return nil
	case "resolve":
		cs, err := app.SurveyConflicts(ctx, st)
		if err != nil {
			return fail(err)
		}
		for _, c := range cs {
			if c.UID != pos[1] {
				continue
			}
			var k *models.Survey
			switch *keep {
			case "mine":
				k = c.Mine
			case "theirs":
				k = c.Theirs
			default:
				return &usageError{e.t("cli.survey.need-keep", nil)}
			}
			if err := app.ResolveSurveyConflict(ctx, st, k); err != nil {
				return fail(err)
			}
			fmt.Fprintln(e.stdout, e.t("survey.resolved", i18n.Args{"uid": c.UID, "keep": *keep}))
			return nil
		}
		return fail(&models.SurveyError{Code: models.CodeSurveyNoConflict, Value: pos[1]})
	}
	return nil
}

// printSideBySide prints the fields where mine and theirs differ.
func printSideBySide(e *env, mine, theirs *models.Survey) {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("survey.diff.columns", nil))
	row := func(field string, a, b any) {
		if fmt.Sprint(a) != fmt.Sprint(b) {
			fmt.Fprintf(tw, "  %s\t%v\t%v\t\n", field, a, b)
		}
	}
	row("site_name", mine.SiteName, theirs.SiteName)
	row("survey_date", mine.Date, theirs.Date)
	row("surveyors", mine.Surveyors, theirs.Surveyors)
	row("disturbance", mine.Disturbance, theirs.Disturbance)
	row("disturbed_m2", mine.DisturbedM2, theirs.DisturbedM2)
	row("hazards", mine.Hazards, theirs.Hazards)
	row("land_cover", mine.LandCover, theirs.LandCover)
	row("measures", mine.Measures, theirs.Measures)
	row("reuse", mine.Reuse, theirs.Reuse)
	row("priority", mine.Priority, theirs.Priority)
	row("notes", mine.Notes, theirs.Notes)
	row("geometry", mine.Geometry, theirs.Geometry)
	tw.Flush()
}
