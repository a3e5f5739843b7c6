package hugeheap

import (
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Advise reserves up to n bytes of heap that nothing has touched yet,
// marks it for huge pages (madvise MADV_HUGEPAGE) and gives it back to the
// Go runtime at once (a collection), so that the allocations that follow,
// which the runtime places at the lowest free addresses, land there. It
// reports whether it did. It does nothing when the system's transparent
// huge pages are off or already on for all memory ("never", "always"),
// when the kernel counts committed memory strictly (vm.overcommit_memory
// = 2: the reservation could fail, and a failed Go allocation cannot be
// recovered from), under the race detector, or when $MINEREHAB_HUGEPAGES
// is "off". The reservation is bounded by a quarter of the machine's
// memory; untouched, it costs no memory.
//
// Call it first thing in main, or Start it there: it runs a garbage
// collection, and turns the collector off meanwhile (see SetGCPercent).
// Outside Linux it does nothing. Calls after one that did do nothing.
func Advise(n int) bool {
	gc := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(gc)
	return reserve(n)
}

// advised says that Advise did, in this process.
var advised atomic.Bool

// running counts the reservations Start has under way.
var running sync.WaitGroup

// Start is Advise(n) in the background: it returns at once, so that the
// program's start (opening a project, parsing its arguments) goes on
// meanwhile; the reservation takes several milliseconds, a few per cent
// of a `minerehab render`. What the program allocates meanwhile may land
// outside the reserved part, on 4 KiB pages: only speed depends on it.
// The collector is off from the call until the reservation is done; a
// program that changes its percentage must do so through SetGCPercent.
func Start(n int) {
	gc := debug.SetGCPercent(-1)
	running.Go(func() {
		defer debug.SetGCPercent(gc)
		reserve(n)
	})
}

// SetGCPercent is debug.SetGCPercent once the reservations Start began
// are done (each puts back, when done, the percentage it found).
func SetGCPercent(p int) int {
	running.Wait()
	return debug.SetGCPercent(p)
}
