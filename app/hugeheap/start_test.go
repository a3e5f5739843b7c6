package hugeheap

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestStartKeepsGCPercent: a percentage set through SetGCPercent while a
// Start is under way is the one in force once it is done (the reservation
// would otherwise put back the one it found), and SetGCPercent returns
// the one it replaces, as debug.SetGCPercent does.
func TestStartKeepsGCPercent(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	for range 5 {
		advised.Store(false) // let Advise run again
		Start(64 << 20)
		if prev := SetGCPercent(400); prev != 100 {
			t.Errorf("SetGCPercent during Start returned %d, want 100", prev)
		}
		running.Wait()
		if got := debug.SetGCPercent(100); got != 400 {
			t.Fatalf("the collector's percentage is %d after SetGCPercent(400) during Start", got)
		}
	}
}

// TestShortRun: the collector is off but for the memory limit, which is
// at most half the machine's memory.
func TestShortRun(t *testing.T) {
	oldGC, oldLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer func() { debug.SetGCPercent(oldGC); debug.SetMemoryLimit(oldLimit) }()
	ShortRun(ShortRunLimit)
	if gc := debug.SetGCPercent(100); gc != -1 {
		t.Errorf("percentage after ShortRun = %d, want -1 (off)", gc)
	}
	limit := debug.SetMemoryLimit(math.MaxInt64)
	if limit > ShortRunLimit || limit <= 0 {
		t.Errorf("memory limit after ShortRun = %d, want (0, %d]", limit, ShortRunLimit)
	}
	if total := int64(memTotal()); total > 0 && limit > total/2 {
		t.Errorf("memory limit %d above half the machine's %d", limit, total)
	}
}
