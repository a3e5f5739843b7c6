package gpkg

import (
	"context"
	"database/sql"
	"strings"
)

// Querier is what the schema helpers and the reader need: *sql.DB, *sql.Tx
// and *sql.Conn all satisfy it.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// QuoteIdent quotes an SQL identifier: "name", with inner quotes doubled.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
