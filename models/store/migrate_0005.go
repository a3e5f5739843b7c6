package store

import (
	"context"
	"database/sql"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// migrateRenderTokens is schema 5: migrations/0005_render_tokens.sql, then
// a token and its triggers for every layer of models.Layers (see
// tokenTriggerSQL).
func migrateRenderTokens(ctx context.Context, tx *sql.Tx) error {
	if err := sqlFile(ctx, tx, "0005_render_tokens.sql"); err != nil {
		return err
	}
	for _, l := range models.Layers {
		if err := createTokenTriggers(ctx, tx, l.Name); err != nil {
			return err
		}
	}
	return nil
}

// tokenEvents are the row events that renew a layer's token.
var tokenEvents = []string{"insert", "update", "delete"}

// tokenTrigger is the name of the trigger renewing layer's token on event.
func tokenTrigger(layer, event string) string { return "mr_token_" + layer + "_" + event }

// createTokenTriggers gives layer a new token and creates the triggers
// it does not have.
func createTokenTriggers(ctx context.Context, tx *sql.Tx, layer string) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO mr_layer_tokens (layer, token) VALUES (?, randomblob(16))`, layer); err != nil {
		return err
	}
	for _, ev := range tokenEvents {
		q := "CREATE TRIGGER IF NOT EXISTS " + gpkg.QuoteIdent(tokenTrigger(layer, ev)) + " AFTER " + ev + " ON " + gpkg.QuoteIdent(layer) +
			" BEGIN UPDATE mr_layer_tokens SET token = randomblob(16) WHERE layer = " + sqlString(layer) + "; END"
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string {
	out := make([]byte, 0, len(s)+2)
	out = append(out, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}
