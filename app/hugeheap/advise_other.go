//go:build !linux

package hugeheap

// reserve does nothing outside Linux, and reports so.
func reserve(n int) bool { return false }

// memTotal is unknown outside Linux.
func memTotal() int { return 0 }
