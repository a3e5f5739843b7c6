package gpkg

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// TableInfo describes one feature table of a GeoPackage.
type TableInfo struct {
	Name       string
	GeomColumn string
	GeomType   string // geometry_type_name, e.g. MULTIPOLYGON
	SrsID      int32
	Count      int64 // rows
}

// ListFeatureTables lists the feature tables registered in gpkg_contents and
// gpkg_geometry_columns, by name, with their row counts.
func ListFeatureTables(ctx context.Context, q Querier) ([]TableInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id
		FROM gpkg_contents c JOIN gpkg_geometry_columns g ON lower(g.table_name) = lower(c.table_name)
		WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err != nil {
		return nil, fmt.Errorf("gpkg: listing feature tables: %w", err)
	}
	var out []TableInfo
	for rows.Next() {
		var t TableInfo
		if err := rows.Scan(&t.Name, &t.GeomColumn, &t.GeomType, &t.SrsID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("gpkg: listing feature tables: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gpkg: listing feature tables: %w", err)
	}
	rows.Close()
	for i := range out {
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+QuoteIdent(out[i].Name)).Scan(&out[i].Count); err != nil {
			return nil, fmt.Errorf("gpkg: counting %s: %w", out[i].Name, err)
		}
	}
	return out, nil
}

// column of a user table as PRAGMA table_info reports it.
type tableColumn struct {
	name, typ string
	pk        bool
}

func tableColumns(ctx context.Context, q Querier, table string) ([]tableColumn, error) {
	rows, err := q.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, fmt.Errorf("gpkg: reading columns of %s: %w", table, err)
	}
	defer rows.Close()
	var cols []tableColumn
	for rows.Next() {
		var c tableColumn
		var pk int
		if err := rows.Scan(&c.name, &c.typ, &pk); err != nil {
			return nil, fmt.Errorf("gpkg: reading columns of %s: %w", table, err)
		}
		c.pk = pk == 1
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gpkg: reading columns of %s: %w", table, err)
	}
	if len(cols) == 0 {
		return nil, &Error{Code: CodeNoTable, Detail: fmt.Sprintf("table %s does not exist", table)}
	}
	return cols, nil
}

// ReadFeatures calls fn for every row of a feature table in primary key
// order with its fid, its geometry (nil when NULL) and props: a JSON object
// of the other columns in table order, keys the column names; INTEGER
// values exact, REAL as the shortest decimal that round-trips (NaN and
// infinities as null), TEXT as strings, BOOLEAN columns as true/false, BLOBs
// as base64 strings, NULL as null. g and props are freshly allocated for
// each row; fn may keep them.
func ReadFeatures(ctx context.Context, q Querier, table string, fn func(fid int64, g orb.Geometry, props []byte) error) error {
	geomCol, _, err := GeometryColumn(ctx, q, table)
	if err != nil {
		return err
	}
	cols, err := tableColumns(ctx, q, table)
	if err != nil {
		return err
	}
	fid := "rowid"
	for _, c := range cols {
		if c.pk && strings.EqualFold(c.typ, "INTEGER") {
			fid = QuoteIdent(c.name)
		}
	}
	if fid == "rowid" && len(cols) > 0 && strings.EqualFold(cols[0].typ, "INTEGER") {
		fid = QuoteIdent(cols[0].name) // a view: its first INTEGER column is the fid
	}
	var sel []string
	var props []tableColumn
	for _, c := range cols {
		if strings.EqualFold(c.name, geomCol) || QuoteIdent(c.name) == fid {
			continue
		}
		switch strings.ToUpper(c.typ) {
		case "DATE", "DATETIME", "TIMESTAMP":
			// "+x" drops the declared type, so the driver hands over the
			// stored text instead of parsing it into a time.Time.
			sel = append(sel, "+"+QuoteIdent(c.name))
		default:
			sel = append(sel, QuoteIdent(c.name))
		}
		props = append(props, c)
	}
	query := fmt.Sprintf("SELECT %s, %s", fid, QuoteIdent(geomCol))
	if len(sel) > 0 {
		query += ", " + strings.Join(sel, ", ")
	}
	query += fmt.Sprintf(" FROM %s ORDER BY %s", QuoteIdent(table), fid)
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("gpkg: reading %s: %w", table, err)
	}
	defer rows.Close()
	vals := make([]any, 2+len(props))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var buf bytes.Buffer
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("gpkg: reading %s: %w", table, err)
		}
		id, _ := vals[0].(int64)
		var g orb.Geometry
		if b, ok := vals[1].([]byte); ok && b != nil {
			if g, _, err = Decode(b); err != nil {
				return fmt.Errorf("gpkg: %s fid %d: %w", table, id, err)
			}
		}
		buf.Reset()
		buf.WriteByte('{')
		for i, c := range props {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSONString(&buf, c.name)
			buf.WriteByte(':')
			writeJSONValue(&buf, vals[2+i], c.typ)
		}
		buf.WriteByte('}')
		if err := fn(id, g, bytes.Clone(buf.Bytes())); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("gpkg: reading %s: %w", table, err)
	}
	return nil
}

func writeJSONValue(buf *bytes.Buffer, v any, typ string) {
	switch v := v.(type) {
	case nil:
		buf.WriteString("null")
	case int64:
		if strings.EqualFold(typ, "BOOLEAN") && (v == 0 || v == 1) {
			buf.WriteString(strconv.FormatBool(v == 1))
			return
		}
		buf.WriteString(strconv.FormatInt(v, 10))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			buf.WriteString("null")
			return
		}
		buf.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case string:
		writeJSONString(buf, v)
	case []byte:
		writeJSONString(buf, base64.StdEncoding.EncodeToString(v))
	case bool:
		buf.WriteString(strconv.FormatBool(v))
	default:
		writeJSONString(buf, fmt.Sprint(v))
	}
}

// writeJSONString writes s as a JSON string without HTML escaping.
func writeJSONString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // a string always encodes
	buf.Truncate(buf.Len() - 1) // Encode appends a newline
}
