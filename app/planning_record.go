package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"minerehab/models"
)

// RecordKind is what a bulk-update spreadsheet holds.
type RecordKind string

// Bulk-update kinds (`minerehab record --kind`).
const (
	RecordGreen    RecordKind = "green"
	RecordStatus   RecordKind = "status"
	RecordProgress RecordKind = "progress"
	RecordProblem  RecordKind = "problem"
	RecordFire     RecordKind = "fire"
	RecordSite     RecordKind = "site"
)

// RecordKinds lists the kinds.
var RecordKinds = []RecordKind{RecordGreen, RecordStatus, RecordProgress, RecordProblem, RecordFire, RecordSite}

// RecordColumns are each kind's columns: the required ones first, then
// the optional ones. Headers may also be written in Chinese (see
// columnAliases); column order is free.
var RecordColumns = map[RecordKind]struct{ Required, Optional []string }{
	RecordGreen:    {[]string{"licence", "date", "state"}, []string{"level", "score", "sheet", "note"}},
	RecordStatus:   {[]string{"licence", "date", "status"}, []string{"note"}},
	RecordProgress: {[]string{"measure", "date"}, []string{"area_ha", "volume_m3", "note"}},
	RecordProblem:  {[]string{"licence", "found", "description", "state"}, []string{"category", "deadline", "responsible", "closed", "evidence"}},
	RecordFire:     {[]string{"point", "date", "state"}, []string{"note"}},
	RecordSite:     {[]string{"site", "date", "area_ha", "volume_m3"}, []string{"reuse", "note"}},
}

var columnAliases = map[string]string{
	"采矿许可证号": "licence", "许可证号": "licence", "采矿证号": "licence", "license": "licence",
	"日期": "date", "时间": "date", "状态": "state", "生产状态": "status", "级别": "level", "得分": "score", "评分": "score",
	"评分表": "sheet", "备注": "note", "措施": "measure", "措施编号": "measure", "面积": "area_ha", "面积(公顷)": "area_ha",
	"方量": "volume_m3", "体积": "volume_m3", "方量(立方米)": "volume_m3", "发现日期": "found", "问题类别": "category", "类别": "category",
	"问题描述": "description", "描述": "description", "整改期限": "deadline", "期限": "deadline", "责任人": "responsible",
	"责任单位": "responsible", "销号日期": "closed", "佐证": "evidence", "佐证材料": "evidence", "火点": "point", "火点编号": "point",
	"场地": "site", "场地编号": "site", "剩余面积": "area_ha", "剩余方量": "volume_m3", "利用方向": "reuse",
}

// RecordFileError says which file a bulk update failed on; Err is the
// *models.PlanError of the first bad row (its Row counts the header as 1).
type RecordFileError struct {
	File string
	Err  error
}

func (e *RecordFileError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *RecordFileError) Unwrap() error { return e.Err }

// RecordSummary is what a bulk update did.
type RecordSummary struct {
	File      string     `json:"file"`
	Kind      RecordKind `json:"kind"`
	Encoding  string     `json:"encoding"` // UTF-8, or GB18030 when the file was not UTF-8
	Rows      int        `json:"rows"`
	Added     int        `json:"added"`
	Unchanged int        `json:"unchanged"`
}

// RecordCSV reads a district's spreadsheet (CSV, UTF-8 with or without a
// byte-order mark, or GBK/GB18030 as Excel on Chinese Windows saves it) and
// records every row in one transaction. Any bad row — an unknown licence,
// an impossible date, a negative quantity, progress beyond 100%, a green
// record before the mine's licence, a duplicate row — records nothing and
// is reported with its row number.
func RecordCSV(ctx context.Context, ps models.PlanningStore, kind RecordKind, file string, data []byte) (*RecordSummary, error) {
	sum := &RecordSummary{File: file, Kind: kind, Encoding: "UTF-8"}
	fail := func(err error) (*RecordSummary, error) { return nil, &RecordFileError{File: file, Err: err} }
	cols, ok := RecordColumns[kind]
	if !ok {
		return fail(&models.PlanError{Code: models.CodeBadHeader, Field: "kind", Value: string(kind)})
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(dec) || !plainText(dec) {
			return fail(&models.PlanError{Code: models.CodeBadEncoding})
		}
		data, sum.Encoding = dec, "GB18030"
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return fail(&models.PlanError{Code: models.CodeBadHeader, Row: 1, Detail: "empty-file"})
	}
	if err != nil {
		return fail(&models.PlanError{Code: models.CodeBadHeader, Row: 1, Detail: err.Error()})
	}
	index := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if a, ok := columnAliases[h]; ok {
			h = a
		}
		if _, dup := index[h]; dup {
			return fail(&models.PlanError{Code: models.CodeBadHeader, Row: 1, Field: h, Detail: "repeated-column"})
		}
		index[h] = i
	}
	for _, c := range cols.Required {
		if _, ok := index[c]; !ok {
			return fail(&models.PlanError{Code: models.CodeBadHeader, Row: 1, Field: c, Detail: "missing-column"})
		}
	}
	rc := &recordCtx{ctx: ctx, ps: ps, seen: map[string]int{}, infos: map[int64]*models.MineInfo{}}
	if err := rc.load(kind); err != nil {
		return nil, err
	}
	batch := &models.RecordBatch{}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				row = pe.Line
			}
			return fail(&models.PlanError{Code: models.CodeBadHeader, Row: row, Detail: err.Error()})
		}
		if planBlank(rec) {
			continue
		}
		get := func(c string) string {
			if i, ok := index[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if err := rc.row(kind, get, batch); err != nil {
			var pe *models.PlanError
			if errors.As(err, &pe) {
				pe.Row = row
			}
			return fail(err)
		}
		key := string(kind) + "\x00" + strings.Join(planTrimAll(rec), "\x00")
		if first, dup := rc.seen[key]; dup {
			return fail(&models.PlanError{Code: models.CodeDuplicate, Row: row, Detail: fmt.Sprintf("same as row %d", first)})
		}
		rc.seen[key] = row
		sum.Rows++
	}
	res, err := ps.Record(ctx, batch)
	if err != nil {
		return fail(err)
	}
	sum.Added, sum.Unchanged = res.Added, res.Unchanged
	return sum, nil
}

// plainText reports whether decoded text holds no control characters
// (other than tab and line ends) and no replacement characters: a binary
// file "decodes" as GB18030 too, but not into text.
func plainText(b []byte) bool {
	for _, r := range string(b) {
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return false
		}
	}
	return true
}

func planBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func planTrimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, f := range rec {
		out[i] = strings.TrimSpace(f)
	}
	return out
}

// recordCtx resolves licences, measures and fire points once per file.
type recordCtx struct {
	ctx      context.Context
	ps       models.PlanningStore
	licences map[string][]int64
	measures map[int64]*measureLoad
	seen     map[string]int
	infos    map[int64]*models.MineInfo
}

type measureLoad struct {
	m          models.Measure
	loaded     bool            // stored entries read
	stored     map[string]bool // keys of the stored entries
	area, volm float64         // done so far, stored plus earlier rows
}

// load reads a measure's stored entries, once.
func (l *measureLoad) load(ctx context.Context, ps models.PlanningStore) error {
	if l.loaded {
		return nil
	}
	es, err := ps.Progress(ctx, l.m.ID)
	if err != nil {
		return err
	}
	l.stored = map[string]bool{}
	for _, e := range es {
		l.area += e.AreaHa
		l.volm += e.VolumeM3
		l.stored[progressKey(e)] = true
	}
	l.loaded = true
	return nil
}

func progressKey(e models.ProgressEntry) string {
	return fmt.Sprint(e.Date, "|", e.AreaHa, "|", e.VolumeM3, "|", e.Note)
}

func (rc *recordCtx) load(kind RecordKind) error {
	switch kind {
	case RecordGreen, RecordStatus, RecordProblem:
		facts, err := rc.ps.MineFacts(rc.ctx)
		if err != nil {
			return err
		}
		rc.licences = map[string][]int64{}
		for _, f := range facts {
			if f.Licence != "" {
				rc.licences[f.Licence] = append(rc.licences[f.Licence], f.ID)
			}
		}
	case RecordProgress:
		ms, err := rc.ps.Measures(rc.ctx, 0)
		if err != nil {
			return err
		}
		rc.measures = map[int64]*measureLoad{}
		for _, m := range ms {
			rc.measures[m.ID] = &measureLoad{m: m}
		}
	}
	return nil
}

func (rc *recordCtx) mine(licence string) (int64, error) {
	if licence == "" {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "licence"}
	}
	ids := rc.licences[licence]
	switch len(ids) {
	case 0:
		return 0, &models.PlanError{Code: models.CodeUnknownMine, Field: "licence", Value: licence}
	case 1:
		return ids[0], nil
	}
	return 0, &models.PlanError{Code: models.CodeAmbiguousMine, Field: "licence", Value: licence}
}

func planDate(field, s string, required bool) (models.Date, error) {
	if s == "" {
		if required {
			return 0, &models.PlanError{Code: models.CodeMissingField, Field: field}
		}
		return 0, nil
	}
	d, err := models.ParseDate(s)
	if err != nil {
		return 0, &models.PlanError{Code: models.CodeBadDate, Field: field, Value: s}
	}
	return d, nil
}

func planQuantity(field, s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, &models.PlanError{Code: models.CodeBadQuantity, Field: field, Value: s}
	}
	return v, nil
}

// row parses one row into the batch.
func (rc *recordCtx) row(kind RecordKind, get func(string) string, b *models.RecordBatch) error {
	switch kind {
	case RecordGreen:
		id, err := rc.mine(get("licence"))
		if err != nil {
			return err
		}
		d, err := planDate("date", get("date"), true)
		if err != nil {
			return err
		}
		st, ok := models.ParseGreenState(get("state"))
		if !ok {
			return &models.PlanError{Code: models.CodeBadGreenState, Field: "state", Value: get("state")}
		}
		lv, ok := models.ParseGreenLevel(get("level"))
		if !ok {
			return &models.PlanError{Code: models.CodeBadGreenLevel, Field: "level", Value: get("level")}
		}
		score := math.NaN()
		if s := get("score"); s != "" {
			if score, err = planQuantity("score", s); err != nil {
				return err
			}
		}
		info := rc.infos[id]
		if info == nil {
			i, err := rc.ps.MineInfo(rc.ctx, id)
			if err != nil {
				return err
			}
			info = &i
			rc.infos[id] = info
		}
		if !info.LicenceFrom.IsZero() && d < info.LicenceFrom {
			return &models.PlanError{Code: models.CodeBeforeLicence, Field: "date", Value: get("date"), Detail: info.LicenceFrom.String()}
		}
		b.Green = append(b.Green, models.GreenRecord{MineID: id, Date: d, State: st, Level: lv, Score: score, Sheet: get("sheet"), Note: get("note")})
	case RecordStatus:
		id, err := rc.mine(get("licence"))
		if err != nil {
			return err
		}
		d, err := planDate("date", get("date"), true)
		if err != nil {
			return err
		}
		st, ok := models.ParseMineStatus(get("status"))
		if !ok {
			return &models.PlanError{Code: models.CodeBadStatus, Field: "status", Value: get("status")}
		}
		b.Status = append(b.Status, models.StatusRecord{MineID: id, Date: d, Status: st, Note: get("note")})
	case RecordProgress:
		mid, err := strconv.ParseInt(get("measure"), 10, 64)
		l := rc.measures[mid]
		if err != nil || l == nil {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "measure", Value: get("measure")}
		}
		d, err := planDate("date", get("date"), true)
		if err != nil {
			return err
		}
		a, err := planQuantity("area_ha", get("area_ha"))
		if err != nil {
			return err
		}
		v, err := planQuantity("volume_m3", get("volume_m3"))
		if err != nil {
			return err
		}
		if err := l.load(rc.ctx, rc.ps); err != nil {
			return err
		}
		e := models.ProgressEntry{MeasureID: mid, Date: d, AreaHa: a, VolumeM3: v, Note: get("note")}
		if l.stored[progressKey(e)] {
			// Already recorded (the file sent again): the store leaves it.
			b.Progress = append(b.Progress, e)
			return nil
		}
		l.area += a
		l.volm += v
		if l.m.AreaHa > 0 && l.area > l.m.AreaHa*(1+1e-9) {
			return &models.PlanError{Code: models.CodeOverPlanned, Field: "area_ha", Value: get("area_ha"), Detail: fmt.Sprintf("%g of %g ha", l.area, l.m.AreaHa)}
		}
		if l.m.VolumeM3 > 0 && l.volm > l.m.VolumeM3*(1+1e-9) {
			return &models.PlanError{Code: models.CodeOverPlanned, Field: "volume_m3", Value: get("volume_m3"), Detail: fmt.Sprintf("%g of %g m³", l.volm, l.m.VolumeM3)}
		}
		b.Progress = append(b.Progress, e)
	case RecordProblem:
		id, err := rc.mine(get("licence"))
		if err != nil {
			return err
		}
		p := models.MineProblem{MineID: id, Category: get("category"), Description: get("description"), Responsible: get("responsible"), Evidence: get("evidence")}
		if p.Found, err = planDate("found", get("found"), true); err != nil {
			return err
		}
		if p.Deadline, err = planDate("deadline", get("deadline"), false); err != nil {
			return err
		}
		if p.Closed, err = planDate("closed", get("closed"), false); err != nil {
			return err
		}
		st, ok := models.ParseProblemState(get("state"))
		if !ok {
			return &models.PlanError{Code: models.CodeBadProblemState, Field: "state", Value: get("state")}
		}
		p.State = st
		if p.Description == "" {
			return &models.PlanError{Code: models.CodeMissingField, Field: "description"}
		}
		b.Problems = append(b.Problems, p)
	case RecordFire:
		pid, err := strconv.ParseInt(get("point"), 10, 64)
		if err != nil || pid <= 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "point", Value: get("point")}
		}
		d, err := planDate("date", get("date"), true)
		if err != nil {
			return err
		}
		st, ok := models.ParseFireState(get("state"))
		if !ok {
			return &models.PlanError{Code: models.CodeBadFireState, Field: "state", Value: get("state")}
		}
		b.Fire = append(b.Fire, models.FireLog{PointID: pid, Date: d, State: st, Note: get("note")})
	case RecordSite:
		sid, err := strconv.ParseInt(get("site"), 10, 64)
		if err != nil || sid <= 0 {
			return &models.PlanError{Code: models.CodeUnknownRecord, Field: "sites", Value: get("site")}
		}
		r := models.SiteRemaining{SiteID: sid, Note: get("note")}
		if r.Date, err = planDate("date", get("date"), true); err != nil {
			return err
		}
		if r.AreaHa, err = planQuantity("area_ha", get("area_ha")); err != nil {
			return err
		}
		if r.VolumeM3, err = planQuantity("volume_m3", get("volume_m3")); err != nil {
			return err
		}
		if s := get("reuse"); s != "" {
			m, ok := models.ParseReuseMode(s)
			if !ok {
				return &models.PlanError{Code: models.CodeBadReuse, Field: "reuse", Value: s}
			}
			r.Reuse = m
		}
		b.Sites = append(b.Sites, r)
	}
	return nil
}
