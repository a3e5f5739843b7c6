package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"minerehab/app"
	"minerehab/app/i18n"
)

// The survey dossier and the survey table:
//
//	survey dossier P.gpkg (--uid UID | --district D) -o OUT(.pdf|dir)
//	survey table P.gpkg [--district D] -o OUT.xlsx|OUT.csv

// printDossierUsage adds the dossier and table commands to survey's help.
func printDossierUsage(e *env) {
	fmt.Fprintf(e.stdout, "\n%s\n", e.t("cli.survey.long.dossier", nil))
}

// runSurveyDossier writes one site's dossier (--uid, -o a .pdf file) or
// every site's of a district (--district, -o a directory).
func runSurveyDossier(e *env, project, uid, district, out string) error {
	if (uid == "") == (district == "") {
		return &usageError{e.t("cli.survey.dossier.need-target", nil)}
	}
	if out == "" {
		return &usageError{e.t("cli.survey.dossier.need-o", nil)}
	}
	if uid != "" && !strings.EqualFold(filepath.Ext(out), ".pdf") {
		return &usageError{e.t("cli.survey.dossier.not-pdf", i18n.Args{"path": out})}
	}
	st, err := app.OpenProject(project, true)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if uid != "" {
		err := writeAtomically(e, out, func(f *os.File) error { return app.WriteSurveyDossier(ctx, st, uid, e.lang, f) })
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, e.t("survey.dossier.wrote", i18n.Args{"path": out}))
		return nil
	}
	files, err := app.WriteDistrictDossiers(ctx, st, district, e.lang, out)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.t("survey.dossier.wrote-dir", i18n.Args{"count": len(files), "dir": out}))
	for _, f := range files {
		fmt.Fprintln(e.stdout, "  "+filepath.Base(f))
	}
	return nil
}

// runSurveyTable writes the summary table of a district's surveys (all
// without --district), its format from -o's extension.
func runSurveyTable(e *env, project, district, out string) error {
	if out == "" {
		return &usageError{e.t("cli.survey.table.need-o", nil)}
	}
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
	if format != app.SurveyTableCSV && format != app.SurveyTableXLSX {
		return &usageError{e.t("cli.survey.table.bad-ext", i18n.Args{"path": out})}
	}
	st, err := app.OpenProject(project, true)
	if err != nil {
		return err
	}
	defer st.Close()
	ss, err := app.Surveys(context.Background(), st, district)
	if err != nil {
		return err
	}
	err = writeAtomically(e, out, func(f *os.File) error {
		return app.WriteSurveyTable(context.Background(), st, district, format, e.lang, f)
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.t("survey.table.wrote", i18n.Args{"count": len(ss), "path": out}))
	return nil
}
