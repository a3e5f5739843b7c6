// Package hugeheap asks Linux to back the Go heap of a minerehab process
// with transparent huge pages (2 MiB) instead of 4 KiB pages.
//
// Why: a render or an open project fills tens to hundreds of megabytes of
// fresh heap (decoded layers, the frame, the PNG), and on Linux every
// first touch of a 4 KiB page is a page fault. Measured on the 2-core
// benchmark VM, `minerehab render` of the medium (50k) project took ~12,000
// faults, a third of its CPU; of the large (500k) project ~65,000. The
// kernel serves huge pages on first touch only where the program asked for
// them (the usual setting, "madvise"), and the Go runtime does not ask
// since Go 1.21.1. Advise asks, for the first part of the heap.
//
// Nothing here changes what the program computes; it only changes how the
// kernel maps its memory. It knows nothing of maps or mines.
package hugeheap

// Program is how much heap minerehab asks huge pages for: rendering the
// large (500k) benchmark project, or its window open, uses 300 to 600 MiB.
const Program = 512 << 20
