package store

import (
	"context"
	"database/sql"
	"fmt"

	"minerehab/models"
)

var _ models.StyleStore = (*Store)(nil)

// LayerStyles reads mr_layer_style; layers without a row get defaults.
func (s *Store) LayerStyles(ctx context.Context) ([]models.LayerStyle, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT layer, visible, draw_order, opacity, fill, stroke, stroke_px, label_field FROM mr_layer_style`)
	if err != nil {
		return nil, classify("read layer styles of", s.path, err)
	}
	defer rows.Close()
	stored := map[string]models.LayerStyle{}
	for rows.Next() {
		var st models.LayerStyle
		var fill, stroke, label sql.NullString
		var px sql.NullFloat64
		if err := rows.Scan(&st.Layer, &st.Visible, &st.Order, &st.Opacity, &fill, &stroke, &px, &label); err != nil {
			return nil, classify("read layer styles of", s.path, err)
		}
		// A colour another program wrote badly falls back to the default
		// rather than making the project unreadable.
		if fill.Valid {
			if c, err := models.ParseColor(fill.String); err == nil {
				st.Fill = &c
			}
		}
		if stroke.Valid {
			if c, err := models.ParseColor(stroke.String); err == nil {
				st.Stroke = &c
			}
		}
		st.StrokePx = px.Float64
		if label.Valid {
			l := label.String
			st.LabelField = &l
		}
		stored[st.Layer] = st
	}
	if err := rows.Err(); err != nil {
		return nil, classify("read layer styles of", s.path, err)
	}
	out := make([]models.LayerStyle, 0, len(models.Layers))
	for _, l := range models.Layers {
		if st, ok := stored[l.Name]; ok {
			out = append(out, st)
		} else {
			out = append(out, models.DefaultLayerStyle(l.Name))
		}
	}
	return out, nil
}

// SetLayerStyle writes one layer's style (one transaction).
func (s *Store) SetLayerStyle(ctx context.Context, st models.LayerStyle) error {
	if _, ok := models.LayerByName(st.Layer); !ok {
		return &Error{Code: CodeUnknownLayer, Op: "set style in", Path: s.path, Err: fmt.Errorf("no layer %q", st.Layer)}
	}
	if !(st.Opacity >= 0 && st.Opacity <= 1) {
		return &Error{Code: CodeSQL, Op: "set style in", Path: s.path, Err: fmt.Errorf("opacity %v outside 0..1", st.Opacity)}
	}
	var fill, stroke, label, px any
	if st.Fill != nil {
		fill = models.FormatColor(*st.Fill)
	}
	if st.Stroke != nil {
		stroke = models.FormatColor(*st.Stroke)
	}
	if st.LabelField != nil {
		label = *st.LabelField
	}
	if st.StrokePx > 0 {
		px = st.StrokePx
	}
	return s.editTx(ctx, "set style in", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mr_layer_style (layer, visible, draw_order, opacity, fill, stroke, stroke_px, label_field)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (layer) DO UPDATE SET visible = excluded.visible, draw_order = excluded.draw_order, opacity = excluded.opacity,
				fill = excluded.fill, stroke = excluded.stroke, stroke_px = excluded.stroke_px, label_field = excluded.label_field`,
			st.Layer, st.Visible, st.Order, st.Opacity, fill, stroke, px, label)
		return err
	})
}
