package hugeheap

import (
	"bytes"
	"cmp"
	"os"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"unsafe"
)

// hugePage is the usual size of a transparent huge page (x86-64, and
// arm64 with 4 KiB pages); hugePageSize reads the system's.
const hugePage = 2 << 20

// hugePageSize is the size of the system's transparent huge pages.
func hugePageSize() uintptr {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")
	if err != nil {
		return hugePage
	}
	return parseHugePageSize(b)
}

// parseHugePageSize reads the contents of hpage_pmd_size (bytes, a power
// of two), hugePage when it cannot.
func parseHugePageSize(b []byte) uintptr {
	n, err := strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64)
	if err != nil || n < 4096 || n > 1<<30 || n&(n-1) != 0 {
		return hugePage
	}
	return uintptr(n)
}

// madvHugePage is MADV_HUGEPAGE (not in package syscall's constants on
// every architecture).
const madvHugePage = 14

// reserve is Advise (start.go) on Linux, with the collector off.
func reserve(n int) bool {
	if raceEnabled || advised.Load() || os.Getenv("MINEREHAB_HUGEPAGES") == "off" || !thpMadvise() || strictOvercommit() {
		return false
	}
	if total := memTotal(); total > 0 {
		n = min(n, total/4)
	}
	if n < 2*hugePage {
		return false
	}
	// In pieces: the runtime zeroes a whole allocation when its start
	// reuses freed memory, which touches all its pages, small (most of a
	// second for 256 MiB). A small first piece takes any freed memory at
	// the top of the heap; the others then start on fresh memory. No
	// collections meanwhile (the caller turned the collector off): each
	// piece would start one (the heap is small yet).
	var pieces [][]byte
	var spans []span
	for size := firstPiece; n > 0; size = pieceSize {
		size = min(size, n)
		b := make([]byte, size)
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		pieces, spans = append(pieces, b), append(spans, span{lo, lo + uintptr(size)})
		n -= size
	}
	ok, hp := true, hugePageSize()
	for _, r := range runs(spans) {
		ok = advise(r.lo, r.hi, hp) && ok
	}
	runtime.KeepAlive(pieces)
	pieces = nil
	runtime.GC() // frees the reservation for what comes next
	advised.Store(ok)
	return ok
}

// The pieces of the reservation: fewer mean fewer calls into the
// runtime's heap growth (~80 µs each).
const (
	firstPiece = 4 << 20
	pieceSize  = 64 << 20
)

// arenaSize is the unit in which the Go runtime reserves heap address
// space on 64-bit Linux: two pieces less than this apart lie in the same
// or neighbouring reservations, so all between them is heap.
const arenaSize = 64 << 20

// span is an address range [lo, hi).
type span struct{ lo, hi uintptr }

// runs joins spans less than arenaSize apart, in address order (sorting
// spans).
func runs(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	var out []span
	for _, s := range spans {
		if k := len(out) - 1; k >= 0 && s.lo-out[k].hi < arenaSize {
			out[k].hi = max(out[k].hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}

// advise marks the interior of [lo, hi) aligned to huge pages of size hp,
// heap the runtime has mapped, for huge pages.
func advise(lo, hi, hp uintptr) bool {
	start := (lo + hp - 1) &^ (hp - 1)
	end := hi &^ (hp - 1)
	if end <= start {
		return false
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvHugePage)
	return errno == 0
}

// thpMadvise reports whether transparent huge pages are served where they
// are asked for, and only there.
func thpMadvise() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// strictOvercommit reports whether the kernel refuses to commit more
// memory than it has (or whether that cannot be told).
func strictOvercommit() bool {
	b, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err != nil || string(bytes.TrimSpace(b)) == "2"
}

// memTotal is the machine's memory in bytes, 0 when unknown.
func memTotal() int {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	return parseMemTotal(b)
}

// parseMemTotal reads the MemTotal line of /proc/meminfo's contents, in
// bytes; 0 when there is none or it does not read.
func parseMemTotal(b []byte) int {
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("MemTotal:")); ok {
			f := bytes.Fields(rest)
			if len(f) == 2 && string(f[1]) == "kB" {
				if kb, err := strconv.Atoi(string(f[0])); err == nil && kb > 0 && kb < 1<<50 {
					return kb << 10
				}
			}
			return 0
		}
	}
	return 0
}
