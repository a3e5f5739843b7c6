package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strconv"
)

// unmappedConn returns a read connection with memory mapping off, for a
// query that reads rows scattered over most of the file once (screening),
// or the whole of a layer (building the render cache): mapping them costs
// a process more (page table entries for the whole file, hundreds of MiB
// resident: the large benchmark project's first open peaked above 1 GB)
// than reading them through SQLite's page cache. restore turns mapping
// back on before the connection returns to the pool; op names the work in
// errors.
func (s *Store) unmappedConn(ctx context.Context, op string) (conn *sql.Conn, restore func(), err error) {
	conn, err = s.r.Conn(ctx)
	if err != nil {
		return nil, nil, classify(op, s.path, err)
	}
	var mmap int64
	if err := conn.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&mmap); err != nil || mmap == 0 {
		return conn, func() {}, nil
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 0"); err != nil {
		return conn, func() {}, nil
	}
	return conn, func() {
		if _, err := conn.ExecContext(context.Background(), "PRAGMA mmap_size = "+strconv.FormatInt(mmap, 10)); err != nil {
			// Not back as it was: the pool must not keep this connection.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}, nil
}
