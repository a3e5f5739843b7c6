package gui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// uiTurn makes the functions handed to the UI goroutine from background
// goroutines (the project I/O worker, the map's renders) take turns. On the
// real driver they already do, all running on the UI goroutine; Fyne's test
// driver runs fyne.Do on the calling goroutine instead, and the lock gives
// the tests the same one-at-a-time order. A function run this way must not
// call onUI itself.
var uiTurn sync.Mutex

// onUI runs fn on the UI goroutine, one at a time with the others.
func onUI(fn func()) {
	fyne.Do(func() {
		uiTurn.Lock()
		defer uiTurn.Unlock()
		fn()
	})
}
