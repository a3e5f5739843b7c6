package gui

import (
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

func hv(lon float64) render.View {
	return render.View{Center: orb.Point{lon, 39.5}, MetresPerPixel: 10, Width: 100, Height: 100}
}

func TestViewHistory(t *testing.T) {
	t0 := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	type step struct {
		op   string // record kind, "end", "back", "forward"
		lon  float64
		ms   int
		want []float64 // history centres after the step
		pos  int
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"jumps add steps", []step{
			{"jump", 1, 0, []float64{1}, 0},
			{"jump", 2, 10, []float64{1, 2}, 1},
			{"jump", 3, 20, []float64{1, 2, 3}, 2},
		}},
		{"a drag is one step until it ends", []step{
			{"jump", 1, 0, []float64{1}, 0},
			{"drag", 2, 10, []float64{1, 2}, 1},
			{"drag", 3, 5000, []float64{1, 3}, 1},
			{"end", 0, 5000, []float64{1, 3}, 1},
			{"drag", 4, 5010, []float64{1, 3, 4}, 2},
		}},
		{"wheel steps group within the gap", []step{
			{"jump", 1, 0, []float64{1}, 0},
			{"wheel", 2, 10, []float64{1, 2}, 1},
			{"wheel", 3, 300, []float64{1, 3}, 1},
			{"wheel", 4, 300 + int(gestureGap/time.Millisecond) + 1, []float64{1, 3, 4}, 2},
			{"key", 5, 1500, []float64{1, 3, 4, 5}, 3},
		}},
		{"back, forward, and a new step drops the forward ones", []step{
			{"jump", 1, 0, []float64{1}, 0},
			{"jump", 2, 10, []float64{1, 2}, 1},
			{"jump", 3, 20, []float64{1, 2, 3}, 2},
			{"back", 2, 30, []float64{1, 2, 3}, 1},
			{"back", 1, 40, []float64{1, 2, 3}, 0},
			{"back", 0, 50, []float64{1, 2, 3}, 0},
			{"forward", 2, 60, []float64{1, 2, 3}, 1},
			{"wheel", 9, 70, []float64{1, 2, 9}, 2},
		}},
		{"back ends a gesture", []step{
			{"jump", 1, 0, []float64{1}, 0},
			{"wheel", 2, 10, []float64{1, 2}, 1},
			{"back", 1, 20, []float64{1, 2}, 0},
			{"wheel", 3, 30, []float64{1, 3}, 1},
		}},
	}
	kinds := map[string]navKind{"jump": navJump, "drag": navDrag, "wheel": navWheel, "key": navKey}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newViewHistory()
			for i, s := range tc.steps {
				switch s.op {
				case "end":
					h.end()
				case "back":
					v, ok := h.back()
					if ok != (s.lon != 0) || (ok && v.Center[0] != s.lon) {
						t.Errorf("step %d: back = %v, %v", i, v.Center, ok)
					}
				case "forward":
					v, ok := h.forward()
					if ok != (s.lon != 0) || (ok && v.Center[0] != s.lon) {
						t.Errorf("step %d: forward = %v, %v", i, v.Center, ok)
					}
				default:
					h.record(hv(s.lon), kinds[s.op], at(s.ms))
				}
				var got []float64
				for _, v := range h.views {
					got = append(got, v.Center[0])
				}
				if !slices.Equal(got, s.want) || h.pos != s.pos {
					t.Errorf("step %d (%s): history %v at %d, want %v at %d", i, s.op, got, h.pos, s.want, s.pos)
				}
			}
		})
	}
}

func TestViewHistoryBounded(t *testing.T) {
	h := newViewHistory()
	for i := range 3 * maxHistory {
		h.record(hv(float64(i)), navJump, time.Time{})
	}
	if len(h.views) != maxHistory || h.pos != maxHistory-1 || h.views[h.pos].Center[0] != 3*maxHistory-1 {
		t.Errorf("%d views, at %d", len(h.views), h.pos)
	}
}
