//go:build race

package hugeheap

// raceEnabled: built with the race detector, whose shadow memory follows
// every allocation (a reservation would cost resident memory), and whose
// runs measure nothing anyway.
const raceEnabled = true
