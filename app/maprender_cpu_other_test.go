//go:build !unix

package app

func processCPU() int64 { return 0 }
