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

// The collector's percentage while Start's reservations run (they turn it
// off): restore is what to set when the last is done.
var (
	mu       sync.Mutex
	inFlight int
	restore  int
	running  sync.WaitGroup // for tests: the reservations under way
)

// Start is Advise(n) in the background: it returns at once, so that the
// program's start (opening a project, parsing its arguments) goes on
// meanwhile; the reservation takes several milliseconds, a few per cent
// of a `minerehab render`. What the program allocates meanwhile may land
// outside the reserved part, on 4 KiB pages: only speed depends on it.
// The collector is off from the call until the reservation is done; a
// program that changes its percentage must do so through SetGCPercent.
func Start(n int) {
	mu.Lock()
	if inFlight == 0 {
		restore = debug.SetGCPercent(-1)
	}
	inFlight++
	mu.Unlock()
	running.Go(func() {
		reserve(n)
		mu.Lock()
		if inFlight--; inFlight == 0 {
			debug.SetGCPercent(restore)
		}
		mu.Unlock()
	})
}

// SetGCPercent is debug.SetGCPercent, for a program that Starts a
// reservation: while one runs (the collector off) the percentage is set
// when it is done, and the one that was to be set then is returned.
func SetGCPercent(p int) int {
	mu.Lock()
	defer mu.Unlock()
	if inFlight > 0 {
		old := restore
		restore = p
		return old
	}
	return debug.SetGCPercent(p)
}

// ShortRun tunes the collector for a short command whose heap is mostly
// what it keeps until it exits (a render's decoded layers, its frame):
// no collection until the heap nears limit bytes, instead of one each
// time the heap doubles, each scanning the layers kept (`minerehab
// render` of the benchmark projects from the render cache, 2-core VM,
// medians of alternated runs: medium 174 → 159 ms, large 408 → 360 ms;
// peak memory 80 → 86 and 308 → 329 MiB). Past the limit the collector
// works to stay under it: a first render, which fills the render cache
// and makes much garbage, collects near it (large: 2.8 → 3.1 s, peak 506
// → 686 MiB, once per project). The limit is at most half the machine's
// memory.
func ShortRun(limit int64) {
	if total := int64(memTotal()); total > 0 {
		limit = min(limit, total/2)
	}
	debug.SetMemoryLimit(limit)
	SetGCPercent(-1)
}

// ShortRunLimit is the heap a short command may grow to before collecting:
// twice what a render of the large benchmark project keeps.
const ShortRunLimit = 640 << 20
