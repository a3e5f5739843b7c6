package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// FIDColumn is the INTEGER PRIMARY KEY of every feature table CreateFeatureTable makes.
const FIDColumn = "fid"

// GeometryTypes are the geometry type names a feature table may declare
// (the GeoPackage core types; curve types need extensions not supported here).
var GeometryTypes = []string{
	"GEOMETRY", "POINT", "LINESTRING", "POLYGON",
	"MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
}

// Column is a non-geometry column of a feature table.
type Column struct {
	Name    string
	Type    string // a GeoPackage data type: TEXT, INTEGER, REAL, BLOB, DATETIME, ...
	NotNull bool
	// MimeType, when set, records the column in gpkg_data_columns with that
	// MIME type (e.g. "application/json"), together with Title and Description.
	MimeType    string
	Title       string
	Description string
}

// CreateFeatureTable creates a feature table with the integer primary key
// FIDColumn, the geometry column and the given columns; registers it in
// gpkg_contents and gpkg_geometry_columns (no Z, no M); and creates its
// R*Tree index rtree_<name>_<geomColumn> with the GeoPackage triggers and
// the gpkg_extensions row. The srs must already be in gpkg_spatial_ref_sys.
// Run it in a transaction after InitCore.
func CreateFeatureTable(ctx context.Context, q Querier, name, geomColumn, geomType string, srsID int32, columns []Column) error {
	geomType = strings.ToUpper(geomType)
	known := false
	for _, t := range GeometryTypes {
		known = known || t == geomType
	}
	if !known {
		return errorf(CodeBadGeomType, "geometry type %q is not a geopackage core type", geomType)
	}
	var ddl strings.Builder
	fmt.Fprintf(&ddl, "CREATE TABLE %s (%s INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, %s %s",
		QuoteIdent(name), QuoteIdent(FIDColumn), QuoteIdent(geomColumn), geomType)
	for _, c := range columns {
		fmt.Fprintf(&ddl, ", %s %s", QuoteIdent(c.Name), c.Type)
		if c.NotNull {
			ddl.WriteString(" NOT NULL")
		}
	}
	ddl.WriteString(")")
	stmts := []struct {
		sql  string
		args []any
	}{
		{ddl.String(), nil},
		{`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
			VALUES (?, 'features', ?, '', ?)`, []any{name, name, srsID}},
		{`INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
			VALUES (?, ?, ?, ?, 0, 0)`, []any{name, geomColumn, geomType, srsID}},
	}
	for _, c := range columns {
		if c.MimeType == "" {
			continue
		}
		stmts = append(stmts, struct {
			sql  string
			args []any
		}{`INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description, mime_type)
			VALUES (?, ?, ?, ?, ?, ?)`, []any{name, c.Name, c.Name, nullable(c.Title), nullable(c.Description), c.MimeType}})
	}
	for _, s := range stmts {
		if _, err := q.ExecContext(ctx, s.sql, s.args...); err != nil {
			return fmt.Errorf("gpkg: creating feature table %s: %w", name, err)
		}
	}
	return CreateRTree(ctx, q, name, geomColumn)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// RTreeName is the name of the spatial index of a table's geometry column.
func RTreeName(table, geomColumn string) string {
	return "rtree_" + table + "_" + geomColumn
}

// RTreeTriggers lists the trigger names of the spatial index, as the
// GeoPackage 1.3 R*Tree extension names them.
func RTreeTriggers(table, geomColumn string) []string {
	r := RTreeName(table, geomColumn)
	return []string{r + "_insert", r + "_update1", r + "_update2", r + "_update3", r + "_update4", r + "_delete"}
}

// CreateRTree creates the R*Tree virtual table of a feature table's
// geometry column, fills it from existing rows, creates its triggers and
// records the gpkg_rtree_index extension.
func CreateRTree(ctx context.Context, q Querier, table, geomColumn string) error {
	rt := QuoteIdent(RTreeName(table, geomColumn))
	if _, err := q.ExecContext(ctx, "CREATE VIRTUAL TABLE "+rt+" USING rtree(id, minx, maxx, miny, maxy)"); err != nil {
		return fmt.Errorf("gpkg: creating spatial index of %s: %w", table, err)
	}
	if err := LoadRTree(ctx, q, table, geomColumn, 0); err != nil {
		return err
	}
	if err := CreateRTreeTriggers(ctx, q, table, geomColumn); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
		VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')`, table, geomColumn, defRTree)
	if err != nil {
		return fmt.Errorf("gpkg: registering spatial index of %s: %w", table, err)
	}
	return nil
}

// rtreeTriggerDDL returns the CREATE TRIGGER statements, in RTreeTriggers order.
func rtreeTriggerDDL(table, geomColumn string) []string {
	t, c, i := QuoteIdent(table), QuoteIdent(geomColumn), QuoteIdent(FIDColumn)
	rt := QuoteIdent(RTreeName(table, geomColumn))
	names := RTreeTriggers(table, geomColumn)
	bbox := fmt.Sprintf("ST_MinX(NEW.%[1]s), ST_MaxX(NEW.%[1]s), ST_MinY(NEW.%[1]s), ST_MaxY(NEW.%[1]s)", c)
	filled := fmt.Sprintf("(NEW.%[1]s NOTNULL AND NOT ST_IsEmpty(NEW.%[1]s))", c)
	empty := fmt.Sprintf("(NEW.%[1]s ISNULL OR ST_IsEmpty(NEW.%[1]s))", c)
	return []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN (new.%s NOT NULL AND NOT ST_IsEmpty(NEW.%s)) BEGIN INSERT OR REPLACE INTO %s VALUES (NEW.%s, %s); END`,
			QuoteIdent(names[0]), t, c, c, rt, i, bbox),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND %s BEGIN INSERT OR REPLACE INTO %s VALUES (NEW.%s, %s); END`,
			QuoteIdent(names[1]), c, t, i, i, filled, rt, i, bbox),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN OLD.%s = NEW.%s AND %s BEGIN DELETE FROM %s WHERE id = OLD.%s; END`,
			QuoteIdent(names[2]), c, t, i, i, empty, rt, i),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND %s BEGIN DELETE FROM %s WHERE id = OLD.%s; INSERT OR REPLACE INTO %s VALUES (NEW.%s, %s); END`,
			QuoteIdent(names[3]), t, i, i, filled, rt, i, rt, i, bbox),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE ON %s WHEN OLD.%s != NEW.%s AND %s BEGIN DELETE FROM %s WHERE id IN (OLD.%s, NEW.%s); END`,
			QuoteIdent(names[4]), t, i, i, empty, rt, i, i),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN old.%s NOT NULL BEGIN DELETE FROM %s WHERE id = OLD.%s; END`,
			QuoteIdent(names[5]), t, c, rt, i),
	}
}

// CreateRTreeTriggers creates the six triggers that keep the spatial index
// of a feature table current.
func CreateRTreeTriggers(ctx context.Context, q Querier, table, geomColumn string) error {
	for _, s := range rtreeTriggerDDL(table, geomColumn) {
		if _, err := q.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("gpkg: creating spatial index triggers of %s: %w", table, err)
		}
	}
	return nil
}

// DropRTreeTriggers drops the spatial index triggers, for a bulk load that
// then calls LoadRTree and CreateRTreeTriggers in the same transaction.
func DropRTreeTriggers(ctx context.Context, q Querier, table, geomColumn string) error {
	for _, name := range RTreeTriggers(table, geomColumn) {
		if _, err := q.ExecContext(ctx, "DROP TRIGGER IF EXISTS "+QuoteIdent(name)); err != nil {
			return fmt.Errorf("gpkg: dropping spatial index trigger %s: %w", name, err)
		}
	}
	return nil
}

// LoadRTree adds to the spatial index every row whose fid >= minFID and
// whose geometry is not NULL or empty, in one INSERT ... SELECT.
func LoadRTree(ctx context.Context, q Querier, table, geomColumn string, minFID int64) error {
	c := QuoteIdent(geomColumn)
	_, err := q.ExecContext(ctx, fmt.Sprintf(`INSERT OR REPLACE INTO %s (id, minx, maxx, miny, maxy)
		SELECT %s, ST_MinX(%s), ST_MaxX(%s), ST_MinY(%s), ST_MaxY(%s) FROM %s
		WHERE %s >= ? AND %s NOT NULL AND NOT ST_IsEmpty(%s)`,
		QuoteIdent(RTreeName(table, geomColumn)), QuoteIdent(FIDColumn), c, c, c, c, QuoteIdent(table),
		QuoteIdent(FIDColumn), c, c), minFID)
	if err != nil {
		return fmt.Errorf("gpkg: filling spatial index of %s: %w", table, err)
	}
	return nil
}

// GeometryColumn returns the geometry column and srs_id of a feature table.
func GeometryColumn(ctx context.Context, q Querier, table string) (column string, srsID int32, err error) {
	err = q.QueryRowContext(ctx, `SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)`, table).
		Scan(&column, &srsID)
	if err == sql.ErrNoRows {
		return "", 0, &Error{Code: CodeNoTable, Detail: fmt.Sprintf("%s is not a feature table", table)}
	}
	if err != nil {
		return "", 0, fmt.Errorf("gpkg: reading geometry column of %s: %w", table, err)
	}
	return column, srsID, nil
}

// UpdateContentsExtent recomputes the extent of a feature table in
// gpkg_contents from the envelopes of its geometries (exact, unlike the
// float32 R*Tree) and sets last_change to now. An empty table gets NULLs.
func UpdateContentsExtent(ctx context.Context, q Querier, table string) error {
	col, _, err := GeometryColumn(ctx, q, table)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE %s NOT NULL", QuoteIdent(col), QuoteIdent(table), QuoteIdent(col)))
	if err != nil {
		return fmt.Errorf("gpkg: reading geometries of %s: %w", table, err)
	}
	defer rows.Close()
	var acc bounds
	for rows.Next() {
		var b sql.RawBytes
		if err := rows.Scan(&b); err != nil {
			return fmt.Errorf("gpkg: reading geometries of %s: %w", table, err)
		}
		minx, maxx, miny, maxy, empty, err := Envelope(b)
		if err != nil || empty {
			continue // undecodable blobs are Validate's business, not the extent's
		}
		acc.add(minx, miny)
		acc.add(maxx, maxy)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("gpkg: reading geometries of %s: %w", table, err)
	}
	rows.Close()
	if acc.n == 0 {
		return SetContentsExtent(ctx, q, table, nil)
	}
	return SetContentsExtent(ctx, q, table, &orb.Bound{Min: orb.Point{acc.minx, acc.miny}, Max: orb.Point{acc.maxx, acc.maxy}})
}

// SetContentsExtent writes a table's extent (NULLs for nil) to gpkg_contents
// and sets last_change to now.
func SetContentsExtent(ctx context.Context, q Querier, table string, b *orb.Bound) error {
	var args []any
	if b == nil {
		args = []any{nil, nil, nil, nil, table}
	} else {
		args = []any{b.Min[0], b.Min[1], b.Max[0], b.Max[1], table}
	}
	_, err := q.ExecContext(ctx, `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
		last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE lower(table_name) = lower(?)`, args...)
	if err != nil {
		return fmt.Errorf("gpkg: updating extent of %s: %w", table, err)
	}
	return nil
}

// ContentsExtent reads a table's extent from gpkg_contents; nil when unset.
func ContentsExtent(ctx context.Context, q Querier, table string) (*orb.Bound, error) {
	var minx, miny, maxx, maxy sql.NullFloat64
	err := q.QueryRowContext(ctx, `SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE lower(table_name) = lower(?)`, table).
		Scan(&minx, &miny, &maxx, &maxy)
	if err == sql.ErrNoRows {
		return nil, &Error{Code: CodeNoTable, Detail: fmt.Sprintf("%s is not in gpkg_contents", table)}
	}
	if err != nil {
		return nil, fmt.Errorf("gpkg: reading extent of %s: %w", table, err)
	}
	if !minx.Valid || !miny.Valid || !maxx.Valid || !maxy.Valid {
		return nil, nil
	}
	return &orb.Bound{Min: orb.Point{minx.Float64, miny.Float64}, Max: orb.Point{maxx.Float64, maxy.Float64}}, nil
}
