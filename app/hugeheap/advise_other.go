//go:build !linux

package hugeheap

// Advise does nothing outside Linux, and reports so.
func Advise(n int) bool { return false }
