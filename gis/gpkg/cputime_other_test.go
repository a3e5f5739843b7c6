//go:build !unix

package gpkg

func processCPU() int64 { return 0 }
