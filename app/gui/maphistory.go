package gui

import (
	"time"

	"minerehab/gis/render"
)

// navKind says what changed the map view, for the view history: a jump
// (zoom to all, to a layer, a typed scale, a toolbar button) is one step;
// a gesture (a drag, a run of wheel notches or of key presses) is one step
// however many events it takes.
type navKind int

const (
	navJump navKind = iota
	navDrag
	navWheel
	navKey
)

// gestureGap is how long a run of wheel notches or key presses may pause
// and still count as one step of the history.
const gestureGap = 700 * time.Millisecond

// maxHistory bounds the view history.
const maxHistory = 100

// viewHistory is the back/forward list of map views, like a browser's.
// Only the centre and scale of the views matter; the size is the widget's.
type viewHistory struct {
	views []render.View
	pos   int // index of the current view; -1 when empty

	kind navKind   // of the last record
	at   time.Time // when it was made
	open bool      // a gesture is in progress: its next event replaces the current view
}

func newViewHistory() viewHistory { return viewHistory{pos: -1} }

// record makes v the current view. A gesture that continues (same kind,
// still open, within gestureGap) replaces the current view; anything else
// adds a step and drops the forward steps.
func (h *viewHistory) record(v render.View, kind navKind, now time.Time) {
	if kind != navJump && h.open && h.kind == kind && h.pos >= 0 && (kind == navDrag || now.Sub(h.at) < gestureGap) {
		h.views[h.pos] = v
	} else {
		h.views = append(h.views[:h.pos+1], v)
		if len(h.views) > maxHistory {
			h.views = append(h.views[:0], h.views[len(h.views)-maxHistory:]...)
		}
		h.pos = len(h.views) - 1
	}
	h.kind, h.at, h.open = kind, now, kind != navJump
}

// end closes the gesture in progress (a drag ended).
func (h *viewHistory) end() { h.open = false }

// reset empties the history.
func (h *viewHistory) reset() { *h = newViewHistory() }

func (h *viewHistory) canBack() bool    { return h.pos > 0 }
func (h *viewHistory) canForward() bool { return h.pos >= 0 && h.pos < len(h.views)-1 }

// back steps back and returns the view there.
func (h *viewHistory) back() (render.View, bool) {
	if !h.canBack() {
		return render.View{}, false
	}
	h.pos--
	h.open = false
	return h.views[h.pos], true
}

// forward steps forward and returns the view there.
func (h *viewHistory) forward() (render.View, bool) {
	if !h.canForward() {
		return render.View{}, false
	}
	h.pos++
	h.open = false
	return h.views[h.pos], true
}
