package app

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
	"minerehab/models/store"
)

// contentDigest is a digest of every feature of every layer: fid, encoded
// geometry, attributes, properties and area, in fid order. Two projects
// with the same digest hold the same features byte for byte.
func contentDigest(t *testing.T, st models.Store) string {
	t.Helper()
	h := sha256.New()
	for _, d := range models.Layers {
		var rows []string
		err := st.Features(context.Background(), d.Name, nil, func(f *models.Feature) error {
			r, err := store.Encode(f)
			if err != nil {
				return err
			}
			rows = append(rows, fmt.Sprintf("%d|%x|%+v|%s|%v|%d|%x", f.ID, r.Geom, f.Attrs, f.Props, f.AreaM2, r.SrcEPSG, r.SrcGeom))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(rows)
		fmt.Fprintln(h, d.Name, len(rows))
		for _, r := range rows {
			fmt.Fprintln(h, r)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestRandomEditsUndoneCompletely applies random sequences of edits
// (attributes, additions, deletions, moves, merges, splits), undoes them
// all, and checks the project's content is byte for byte what it was; then
// redoes them all and checks it equals the state after the edits.
func TestRandomEditsUndoneCompletely(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			st := sampleProject(t)
			rng := rand.New(rand.NewPCG(seed, 7))
			before := contentDigest(t, st)
			var mines, zones []*models.Feature
			_ = st.Features(ctx, models.LayerMines, nil, func(f *models.Feature) error { mines = append(mines, f); return nil })
			applied := 0
			for range 25 {
				var err error
				switch rng.IntN(6) {
				case 0:
					m := mines[rng.IntN(len(mines))]
					_, err = SetAttribute(ctx, st, m.Layer, m.ID, "status", []string{"停产", "生产", "关闭"}[rng.IntN(3)])
				case 1:
					x, y := 106.7+rng.Float64()*0.3, 39.3+rng.Float64()*0.5
					var f *models.Feature
					if f, err = NewFeature(models.LayerZones, square(x, y, 0.01), map[string]string{"name": fmt.Sprint("区", applied)}); err == nil {
						f, err = AddFeature(ctx, st, f)
						zones = append(zones, f)
					}
				case 2:
					if len(zones) == 0 {
						continue
					}
					i := rng.IntN(len(zones))
					err = DeleteFeatures(ctx, st, []*models.Feature{zones[i]})
					zones = append(zones[:i], zones[i+1:]...)
				case 3:
					m := mines[rng.IntN(len(mines))]
					cur, _ := st.(models.EditStore).Feature(ctx, m.Layer, m.ID)
					moved := orb.Clone(cur.Geometry).(orb.MultiPolygon)
					for _, p := range moved {
						for _, r := range p {
							for k := range r {
								r[k][0] += 0.001
							}
						}
					}
					_, err = ReplaceGeometries(ctx, st, "edit.move", []*models.Feature{cur}, []orb.Geometry{moved})
				case 4:
					if len(zones) < 2 {
						continue
					}
					var z *models.Feature
					if z, err = MergeFeatures(ctx, st, zones[:2]); err == nil {
						zones = append([]*models.Feature{z}, zones[2:]...)
					}
				case 5:
					if len(zones) == 0 {
						continue
					}
					z, _ := st.(models.EditStore).Feature(ctx, models.LayerZones, zones[0].ID)
					b := z.Geometry.Bound()
					c := b.Center()
					var ps []*models.Feature
					if ps, err = SplitFeature(ctx, st, z, orb.LineString{{c[0], b.Min[1] - 0.01}, {c[0], b.Max[1] + 0.01}}); err == nil {
						zones = append(ps, zones[1:]...)
					}
				}
				if err != nil {
					t.Fatalf("edit %d: %v", applied, err)
				}
				applied++
			}
			after := contentDigest(t, st)
			if after == before {
				t.Fatal("the edits changed nothing")
			}
			es := st.(models.EditStore)
			hist, _ := es.History(ctx)
			for range hist {
				if _, err := Undo(ctx, st); err != nil {
					t.Fatal(err)
				}
			}
			if got := contentDigest(t, st); got != before {
				t.Fatalf("after undoing %d edits the project differs from before", len(hist))
			}
			for range hist {
				if _, err := Redo(ctx, st); err != nil {
					t.Fatal(err)
				}
			}
			if got := contentDigest(t, st); got != after {
				t.Fatal("after redoing every edit the project differs from after the edits")
			}
		})
	}
}
