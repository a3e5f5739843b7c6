package cli

import (
	"context"
	"flag"
	"fmt"
	"math"
	"strconv"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

func init() {
	register(command{name: "green", usage: "P.gpkg --licence L [--set STATE --date DATE --level regional|national --score N --sheet ID --note TEXT] [--json]", run: runGreen})
	register(command{name: "status", usage: "P.gpkg --licence L [--set STATUS --date DATE --note TEXT] [--owner O --licence-from DATE --licence-to DATE --three-rights true|false --zone ID|none] [--json]", run: runStatus})
}

func runGreen(e *env, args []string) error {
	fs := flag.NewFlagSet("green", flag.ContinueOnError)
	licence := fs.String("licence", "", "")
	set := fs.String("set", "", "")
	date := fs.String("date", "", "")
	level := fs.String("level", "", "")
	score := fs.String("score", "", "")
	sheet := fs.String("sheet", "", "")
	note := fs.String("note", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["green"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	if *licence == "" {
		return &usageError{e.t("cli.green.need-licence", i18n.Args{"name": "green"})}
	}
	ctx := context.Background()
	if *set == "" {
		return showHistory(e, pos[0], *licence, *asJSON, true)
	}
	ed := app.GreenEdit{Licence: *licence, Sheet: *sheet, Note: *note}
	var ok bool
	if ed.State, ok = models.ParseGreenState(*set); !ok {
		return planErr(e, &models.PlanError{Code: models.CodeBadGreenState, Field: "state", Value: *set})
	}
	if ed.Level, ok = models.ParseGreenLevel(*level); !ok {
		return planErr(e, &models.PlanError{Code: models.CodeBadGreenLevel, Field: "level", Value: *level})
	}
	if ed.Date, err = parseAsOf(*date); err != nil {
		return planErr(e, err)
	}
	if *score != "" {
		v, err := strconv.ParseFloat(*score, 64)
		if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return planErr(e, &models.PlanError{Code: models.CodeBadQuantity, Field: "score", Value: *score})
		}
		ed.Score = &v
	}
	p, err := app.OpenPlanning(pos[0], false)
	if err != nil {
		return err
	}
	defer p.Close()
	added, err := app.SetGreen(ctx, p, ed)
	if err != nil {
		return planErr(e, err)
	}
	key := "cli.green.done"
	if !added {
		key = "cli.green.unchanged"
	}
	fmt.Fprintln(e.stdout, e.t(key, i18n.Args{"licence": ed.Licence, "state": e.t("plan.green."+string(ed.State), nil), "date": ed.Date.String()}))
	return p.Close()
}

func runStatus(e *env, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	licence := fs.String("licence", "", "")
	set := fs.String("set", "", "")
	date := fs.String("date", "", "")
	note := fs.String("note", "", "")
	asJSON := fs.Bool("json", false, "")
	owner := fs.String("owner", "", "")
	from := fs.String("licence-from", "", "")
	to := fs.String("licence-to", "", "")
	three := fs.String("three-rights", "", "")
	zone := fs.String("zone", "", "")
	pos, err := parse(e, commands["status"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	if *licence == "" {
		return &usageError{e.t("cli.green.need-licence", i18n.Args{"name": "status"})}
	}
	if *owner != "" || *from != "" || *to != "" || *three != "" || *zone != "" {
		if err := setMineInfo(e, pos[0], *licence, *owner, *from, *to, *three, *zone); err != nil {
			return err
		}
		if *set == "" {
			return nil
		}
	}
	if *set == "" {
		return showHistory(e, pos[0], *licence, *asJSON, false)
	}
	st, ok := models.ParseMineStatus(*set)
	if !ok {
		return planErr(e, &models.PlanError{Code: models.CodeBadStatus, Field: "status", Value: *set})
	}
	d, err := parseAsOf(*date)
	if err != nil {
		return planErr(e, err)
	}
	p, err := app.OpenPlanning(pos[0], false)
	if err != nil {
		return err
	}
	defer p.Close()
	added, err := app.SetStatus(context.Background(), p, *licence, d, st, *note)
	if err != nil {
		return planErr(e, err)
	}
	key := "cli.status.done"
	if !added {
		key = "cli.status.unchanged"
	}
	fmt.Fprintln(e.stdout, e.t(key, i18n.Args{"licence": *licence, "status": e.t("plan.mine-status."+string(st), nil), "date": d.String()}))
	return p.Close()
}

// showHistory prints a mine's green (or status) history.
func showHistory(e *env, path, licence string, asJSON, green bool) error {
	p, err := app.OpenPlanning(path, true)
	if err != nil {
		return err
	}
	defer p.Close()
	h, err := app.HistoryOf(context.Background(), p, licence)
	if err != nil {
		return planErr(e, err)
	}
	if asJSON {
		if green {
			return writeJSON(e.stdout, greenJSON(h.Green))
		}
		return writeJSON(e.stdout, h.Status)
	}
	fmt.Fprintln(e.stdout, e.t("cli.green.history-header", i18n.Args{"licence": licence, "name": h.Mine.Name, "status": e.t("plan.mine-status."+string(h.Mine.Status), nil)}))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	if green {
		for _, r := range h.Green {
			score := ""
			if r.HasScore() {
				score = strconv.FormatFloat(r.Score, 'f', -1, 64)
			}
			level := ""
			if r.Level != "" {
				level = e.t("plan.level."+string(r.Level), nil)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Date, e.t("plan.green."+string(r.State), nil), level, score, r.Note)
		}
	} else {
		for _, r := range h.Status {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.ID, r.Date, e.t("plan.mine-status."+string(r.Status), nil), r.Note)
		}
	}
	return tw.Flush()
}

// greenRecordJSON is a green record with its score as a number or null.
type greenRecordJSON struct {
	models.GreenRecord
	Score *float64 `json:"score"`
}

func greenJSON(rs []models.GreenRecord) []greenRecordJSON {
	out := make([]greenRecordJSON, len(rs))
	for i, r := range rs {
		out[i].GreenRecord = r
		if r.HasScore() {
			v := r.Score
			out[i].Score = &v
		}
	}
	return out
}

// setMineInfo changes the given planning facts of a mine.
func setMineInfo(e *env, path, licence, owner, from, to, three, zone string) error {
	ctx := context.Background()
	p, err := app.OpenPlanning(path, false)
	if err != nil {
		return err
	}
	defer p.Close()
	id, err := app.MineByLicence(ctx, p, licence)
	if err != nil {
		return planErr(e, err)
	}
	info, err := p.MineInfo(ctx, id)
	if err != nil {
		return planErr(e, err)
	}
	if owner != "" {
		info.Owner = owner
	}
	for _, dt := range []struct {
		field, s string
		d        *models.Date
	}{{"licence_from", from, &info.LicenceFrom}, {"licence_to", to, &info.LicenceTo}} {
		if dt.s == "" {
			continue
		}
		v, err := models.ParseDate(dt.s)
		if err != nil {
			err.(*models.PlanError).Field = dt.field
			return planErr(e, err)
		}
		*dt.d = v
	}
	if three != "" {
		b, err := strconv.ParseBool(three)
		if err != nil {
			return planErr(e, &models.PlanError{Code: models.CodeMissingField, Field: "three_rights", Value: three})
		}
		info.ThreeRights = b
	}
	switch zone {
	case "":
	case "none", "0":
		info.ZoneID = 0
	default:
		z, err := strconv.ParseInt(zone, 10, 64)
		if err != nil || z < 0 {
			return planErr(e, &models.PlanError{Code: models.CodeUnknownRecord, Field: "zones", Value: zone})
		}
		info.ZoneID = z
	}
	if err := p.PutMineInfo(ctx, info); err != nil {
		return planErr(e, err)
	}
	fmt.Fprintln(e.stdout, e.t("cli.status.info-saved", i18n.Args{"licence": licence}))
	return p.Close()
}
