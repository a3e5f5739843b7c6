package store

import (
	"context"
	"database/sql"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

var _ models.LayerTokener = (*Store)(nil)

// LayerTokens implements models.LayerTokener: each layer's change token
// (mr_layer_tokens, schema 5), renewed by triggers in the transaction of
// every insert, update and delete of the layer's rows. A layer whose
// triggers are missing (a table rebuilt by another program) is left out,
// as are all layers of a file older than schema 5: a cache of them could
// not be told stale.
func (s *Store) LayerTokens(ctx context.Context) (map[string][]byte, error) {
	if s.version < 5 {
		return nil, nil
	}
	out := map[string][]byte{}
	err := s.readTx(ctx, func(q *sql.Tx) error {
		triggers := map[string]bool{}
		rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'mr\_token\_%' ESCAPE '\'`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			triggers[n] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = q.QueryContext(ctx, `SELECT layer, token FROM mr_layer_tokens`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l string
			var tok []byte
			if err := rows.Scan(&l, &tok); err != nil {
				return err
			}
			ok := len(tok) > 0
			for _, ev := range tokenEvents {
				ok = ok && triggers[tokenTrigger(l, ev)]
			}
			if ok {
				out[l] = tok
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, classify("read layer tokens of", s.path, err)
	}
	return out, nil
}

// readTx runs fn in one read transaction of the reader pool: one
// snapshot of the file.
func (s *Store) readTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// pauseTokenTriggers drops layer's token triggers for the rest of the
// import transaction tx: with a trigger, every row's INSERT takes a
// statement journal and rewrites the token's page, which made a 50,000
// feature import 40 % slower. The import's Commit calls
// resumeTokenTriggers; a rollback restores them with everything else.
func pauseTokenTriggers(ctx context.Context, tx *sql.Tx, layer string) error {
	for _, ev := range tokenEvents {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER IF EXISTS "+gpkg.QuoteIdent(tokenTrigger(layer, ev))); err != nil {
			return err
		}
	}
	return nil
}

// resumeTokenTriggers gives layer a new token and its triggers back, in
// the import transaction tx (a file older than schema 5 has neither).
func resumeTokenTriggers(ctx context.Context, tx *sql.Tx, layer string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'mr_layer_tokens'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	return createTokenTriggers(ctx, tx, layer)
}

// readerIdle is how many idle read connections the pool keeps: all it
// may open, so a burst of reads (the dashboard's dozen) does not close
// connections afterwards, to open them again, page caches cold, next time.
var readerIdle = readerConns

// ReleaseIdle closes the idle read connections, and with them their
// memory maps of the file: after a read of whole layers (a map's render
// cache being made) the pages read stay resident in the process as long
// as a connection maps them, 640 MiB for the 500,000-feature benchmark
// project. The next read opens a connection again (a millisecond).
func (s *Store) ReleaseIdle() {
	s.r.SetMaxIdleConns(0)
	s.r.SetMaxIdleConns(readerIdle)
}
