package gui

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
)

// Timing the start: with MINEREHAB_FIRST_FRAME set, the window writes to
// standard error how long after the process started its map showed the
// first frame, and with the value "quit" it then quits. The startup
// benchmark (scripts/bench-startup.sh) runs the real program on the sample
// in a real X server this way.

// FirstFrameEnv names the variable.
const FirstFrameEnv = "MINEREHAB_FIRST_FRAME"

// processStart is taken when this package initialises, a few milliseconds
// after the process starts (the runtime and Fyne's packages before it).
var processStart = time.Now()

// traceFirstFrame wires the report to the map's first frame.
func (m *MainWindow) traceFirstFrame() {
	mode, ok := os.LookupEnv(FirstFrameEnv)
	if !ok {
		return
	}
	prev := m.mapView.onFrame
	done := false
	m.mapView.onFrame = func() {
		if prev != nil {
			prev()
		}
		if done {
			return
		}
		done = true
		fmt.Fprintf(os.Stderr, "first map frame after %.3f s\n", time.Since(processStart).Seconds())
		if mode == "quit" {
			fyne.Do(m.app.Quit)
		}
	}
}
