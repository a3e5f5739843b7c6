package hugeheap

import (
	"runtime/debug"
	"testing"
)

// TestStartKeepsGCPercent: a percentage set through SetGCPercent while a
// Start is under way stays set once it is done (it puts back the one it
// found before SetGCPercent sets the new one).
func TestStartKeepsGCPercent(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	for range 5 {
		advised.Store(false) // let Advise run again
		Start(64 << 20)
		SetGCPercent(400)
		running.Wait()
		if got := debug.SetGCPercent(100); got != 400 {
			t.Fatalf("the collector's percentage is %d after SetGCPercent(400) during Start", got)
		}
	}
}
