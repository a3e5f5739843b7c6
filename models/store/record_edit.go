package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// Record edits (models.RowChange): a planning or survey write made with a
// context labelled by models.WithEditLabel is captured row by row while it
// runs, by temporary triggers on the record tables that log each row's
// image before and after, and stored in mr_history as one edit in the same
// transaction. Undo and redo then write those images back. The capture is
// generic: the planning and survey code stays as it is, and whatever a
// write touches (cascaded deletes included) comes back on undo.
//
// A row image is the JSON object {column: [type, value]} that SQLite
// itself builds (rowImage): blobs as hex, reals as 17 significant digits
// so that they round-trip exactly, integers and text as they are. The
// same expression reads the current row for the conflict check, so equal
// rows have byte-equal images.

// recordTables are the tables whose rows record edits capture. Derived
// tables (mr_progress_totals, kept by triggers; the surveys' spatial
// index) are left out: their own triggers follow the captured rows.
var recordTables = []string{
	"mr_mine_info", "mr_mine_status", "mr_green", "mr_green_scores", "mr_targets",
	"mr_zone_settings", "mr_zone_milestones", "mr_plan_units", "mr_measures", "mr_progress",
	"mr_photos", "mr_site_remaining", "mr_problems", "mr_fire_log",
	"mr_surveys", "mr_survey_photos", "mr_survey_conflicts",
}

func isRecordTable(t string) bool {
	for _, r := range recordTables {
		if r == t {
			return true
		}
	}
	return false
}

// tableColumns lists a table's columns other than its rowid alias.
func tableColumns(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type col struct {
		name, typ string
		pk        int
	}
	var cols []col
	pks := 0
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.name, &c.typ, &c.pk); err != nil {
			return nil, err
		}
		if c.pk > 0 {
			pks++
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, c := range cols {
		if pks == 1 && c.pk == 1 && strings.EqualFold(c.typ, "INTEGER") {
			continue // the rowid itself, kept as RowChange.RowID
		}
		out = append(out, c.name)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("record table %s has no columns", table)
	}
	return out, nil
}

// rowImage is the SQL expression of the image of the row alias (NEW, OLD
// or the table's name).
func rowImage(alias string, cols []string) string {
	var b strings.Builder
	b.WriteString("json_object(")
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		v := alias + "." + gpkg.QuoteIdent(c)
		fmt.Fprintf(&b, "'%s', json_array(typeof(%s), CASE typeof(%s) WHEN 'blob' THEN hex(%s) WHEN 'real' THEN printf('%%!.17g', %s) ELSE %s END)",
			strings.ReplaceAll(c, "'", "''"), v, v, v, v, v)
	}
	b.WriteString(")")
	return b.String()
}

// columnValue is the SQL expression decoding column c of the image bound
// as parameter ?1.
func columnValue(c string) string {
	path := `'$."` + strings.ReplaceAll(c, "'", "''") + `"'`
	return fmt.Sprintf("(CASE json_extract(?1, %s || '[0]') WHEN 'blob' THEN unhex(json_extract(?1, %s || '[1]')) "+
		"WHEN 'real' THEN CAST(json_extract(?1, %s || '[1]') AS REAL) WHEN 'null' THEN NULL ELSE json_extract(?1, %s || '[1]') END)",
		path, path, path, path)
}

// capture is the row log of one labelled write.
type capture struct {
	label  models.Label
	tables map[string][]string // columns by table
}

// startCapture installs the capture triggers when ctx carries an edit
// label; it returns nil otherwise (the write is not in the history).
func startCapture(ctx context.Context, tx *sql.Tx) (*capture, error) {
	label, ok := models.EditLabelFrom(ctx)
	if !ok {
		return nil, nil
	}
	c := &capture{label: label, tables: map[string][]string{}}
	stmts := []string{
		`CREATE TEMP TABLE IF NOT EXISTS mr_capture (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid INTEGER NOT NULL, before TEXT, after TEXT)`,
		`DELETE FROM temp.mr_capture`,
	}
	for _, t := range recordTables {
		cols, err := tableColumns(ctx, tx, t)
		if err != nil {
			return nil, err
		}
		c.tables[t] = cols
		q := gpkg.QuoteIdent(t)
		name := "mr_capture_" + t
		stmts = append(stmts,
			fmt.Sprintf(`CREATE TEMP TRIGGER %s_i AFTER INSERT ON main.%s BEGIN INSERT INTO temp.mr_capture (tbl, rid, before, after) VALUES ('%s', NEW.rowid, NULL, %s); END`,
				name, q, t, rowImage("NEW", cols)),
			fmt.Sprintf(`CREATE TEMP TRIGGER %s_u AFTER UPDATE ON main.%s BEGIN INSERT INTO temp.mr_capture (tbl, rid, before, after) VALUES ('%s', NEW.rowid, %s, %s); END`,
				name, q, t, rowImage("OLD", cols), rowImage("NEW", cols)),
			fmt.Sprintf(`CREATE TEMP TRIGGER %s_d AFTER DELETE ON main.%s BEGIN INSERT INTO temp.mr_capture (tbl, rid, before, after) VALUES ('%s', OLD.rowid, %s, NULL); END`,
				name, q, t, rowImage("OLD", cols)),
		)
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return nil, fmt.Errorf("start capturing the edit: %w", err)
		}
	}
	return c, nil
}

// finish removes the triggers and stores what was captured as one history
// entry (none when the write changed nothing).
func (c *capture) finish(ctx context.Context, tx *sql.Tx) error {
	if c == nil {
		return nil
	}
	for _, t := range recordTables {
		for _, op := range []string{"i", "u", "d"} {
			if _, err := tx.ExecContext(ctx, "DROP TRIGGER temp.mr_capture_"+t+"_"+op); err != nil {
				return err
			}
		}
	}
	changes, err := c.changes(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM temp.mr_capture`); err != nil {
		return err
	}
	if len(changes) == 0 {
		return nil
	}
	return appendHistory(ctx, tx, &models.Edit{Label: c.label, Changes: changes})
}

// changes folds the log into one change per row, in the order rows were
// first touched: the first image before, the last after; a row inserted
// and deleted again, or updated back to what it was, drops out.
func (c *capture) changes(ctx context.Context, tx *sql.Tx) ([]models.Change, error) {
	rows, err := tx.QueryContext(ctx, `SELECT tbl, rid, before, after FROM temp.mr_capture ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct {
		t string
		r int64
	}
	at := map[key]int{}
	var out []*models.RowChange
	for rows.Next() {
		var rc models.RowChange
		var before, after sql.NullString
		if err := rows.Scan(&rc.Table, &rc.RowID, &before, &after); err != nil {
			return nil, err
		}
		k := key{rc.Table, rc.RowID}
		if i, seen := at[k]; seen {
			out[i].After = raw(after)
			continue
		}
		rc.Before, rc.After = raw(before), raw(after)
		at[k] = len(out)
		out = append(out, &rc)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var changes []models.Change
	for _, rc := range out {
		if bytes.Equal(rc.Before, rc.After) {
			continue
		}
		changes = append(changes, models.Change{Row: rc})
	}
	return changes, nil
}

func raw(s sql.NullString) json.RawMessage {
	if !s.Valid {
		return nil
	}
	return json.RawMessage(s.String)
}

// appendHistory records e as the newest history entry and drops the
// entries that were undone (the redo branch).
func appendHistory(ctx context.Context, tx *sql.Tx, e *models.Edit) error {
	cmd, err := encodeEdit(e)
	if err != nil {
		return err
	}
	label, _ := json.Marshal(e.Label)
	if _, err := tx.ExecContext(ctx, `DELETE FROM mr_history WHERE undone = 1`); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO mr_history (at, label, cmd) VALUES (?, ?, ?)`,
		time.Now().UTC().Format(timeFormat), string(label), cmd)
	return err
}

// applyRow writes one row change after checking the row is in its Before
// state. A row already deleted when the change deletes it is accepted: a
// cascade of an earlier change of the same edit removed it.
func applyRow(ctx context.Context, tx *sql.Tx, rc *models.RowChange, cols map[string][]string) error {
	if !isRecordTable(rc.Table) {
		return &Error{Code: CodeUnknownLayer, Op: "edit", Err: fmt.Errorf("no record table %q", rc.Table)}
	}
	cs, ok := cols[rc.Table]
	if !ok {
		var err error
		if cs, err = tableColumns(ctx, tx, rc.Table); err != nil {
			return err
		}
		cols[rc.Table] = cs
	}
	t := gpkg.QuoteIdent(rc.Table)
	conflict := func(why string) error {
		return fmt.Errorf("%s row %d: %s: %w", rc.Table, rc.RowID, why, models.ErrEditConflict)
	}
	var cur sql.NullString
	err := tx.QueryRowContext(ctx, "SELECT "+rowImage(t, cs)+" FROM "+t+" WHERE rowid = ?", rc.RowID).Scan(&cur)
	exists := err == nil
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	switch {
	case rc.Before == nil && exists:
		return conflict("a row with this id exists")
	case rc.Before != nil && !exists && rc.After == nil:
		return nil
	case rc.Before != nil && !exists:
		return fmt.Errorf("%s row %d: %w", rc.Table, rc.RowID, models.ErrNoFeature)
	case rc.Before != nil && cur.String != string(rc.Before):
		return conflict("the record differs")
	}
	if rc.After == nil {
		_, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE rowid = ?2", nil, rc.RowID)
		return err
	}
	vals := make([]string, len(cs))
	for i, c := range cs {
		vals[i] = columnValue(c)
	}
	quoted := make([]string, len(cs))
	for i, c := range cs {
		quoted[i] = gpkg.QuoteIdent(c)
	}
	if exists {
		set := make([]string, len(cs))
		for i := range cs {
			set[i] = quoted[i] + " = " + vals[i]
		}
		_, err = tx.ExecContext(ctx, "UPDATE "+t+" SET "+strings.Join(set, ", ")+" WHERE rowid = ?2", string(rc.After), rc.RowID)
	} else {
		_, err = tx.ExecContext(ctx, "INSERT INTO "+t+" (rowid, "+strings.Join(quoted, ", ")+") VALUES (?2, "+strings.Join(vals, ", ")+")",
			string(rc.After), rc.RowID)
	}
	if err != nil {
		return fmt.Errorf("%s row %d: %w", rc.Table, rc.RowID, err)
	}
	return nil
}
