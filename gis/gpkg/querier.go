package gpkg

import (
	"context"
	"database/sql"
	"fmt"
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

// prepare prepares a statement on any Querier that can (all of *sql.DB,
// *sql.Tx and *sql.Conn can).
func prepare(ctx context.Context, q Querier, query string) (*sql.Stmt, error) {
	p, ok := q.(interface {
		PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	})
	if !ok {
		return nil, fmt.Errorf("gpkg: %T cannot prepare statements", q)
	}
	return p.PrepareContext(ctx, query)
}
