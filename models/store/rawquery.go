package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// rawQuery runs q on the driver connection under conn, without
// database/sql's per-row locking and conversions, and calls fn with the
// values of each row (valid during the call only). An error of fn ends the
// query and is returned.
func rawQuery(ctx context.Context, conn *sql.Conn, q string, args []any, cols int, fn func(v []driver.Value) error) error {
	return conn.Raw(func(dc any) error {
		qc, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("sqlite driver connection %T cannot query", dc)
		}
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		}
		rows, err := qc.QueryContext(ctx, q, named)
		if err != nil {
			return err
		}
		defer rows.Close()
		if n := len(rows.Columns()); n != cols {
			return fmt.Errorf("query gives %d columns, not %d", n, cols)
		}
		v := make([]driver.Value, cols)
		for {
			if err := rows.Next(v); err != nil {
				if errors.Is(err, io.EOF) {
					return nil
				}
				return err
			}
			if err := fn(v); err != nil {
				return err
			}
		}
	})
}

// textValue is a text column's value as sql.NullString.Scan gives it
// ("" for NULL).
func textValue(v driver.Value) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	}
	var ns sql.NullString
	ns.Scan(v)
	return ns.String
}
