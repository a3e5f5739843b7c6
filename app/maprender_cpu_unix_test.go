//go:build unix

package app

import "syscall"

// processCPU is the CPU time this process has used (user + system), in ns.
// The map benchmarks report it per op: on a shared, loaded machine wall
// time per op swings several-fold while CPU time stays put.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
