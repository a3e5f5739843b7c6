package hugeheap

import (
	"bufio"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// sink keeps the test's garbage on the heap.
var sink []byte

// TestAdviseOff (before any test that advises: a second Advise does
// nothing anyway).
func TestAdviseOff(t *testing.T) {
	t.Setenv("MINEREHAB_HUGEPAGES", "off")
	if Advise(256 << 20) {
		t.Error("Advise acted with MINEREHAB_HUGEPAGES=off")
	}
}

func TestAdviseTooSmall(t *testing.T) {
	if Advise(hugePage) {
		t.Error("Advise acted on less than two huge pages")
	}
}

// TestAdviseServesHugePages: after Advise, a big allocation touched once
// is backed (at least partly) by huge pages, which without Advise it is
// not on a system in "madvise" mode.
func TestAdviseServesHugePages(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's shadow memory grows with the heap: resident memory says nothing here")
	}
	if !thpMadvise() || strictOvercommit() {
		t.Skip("transparent huge pages are not in madvise mode here, or overcommit is strict: Advise does nothing by design")
	}
	if advised.Load() {
		t.Skip("Advise ran in this process already (-count > 1): no heap is left unadvised to compare with")
	}
	const n = 32 << 20
	before := make([]byte, n) // not advised: plain pages
	touch(before)
	if kb := anonHugeKB(t, before); kb != 0 {
		t.Fatalf("an unadvised heap block has %d kB of huge pages: the test cannot tell Advise's effect", kb)
	}
	// Garbage just above the last block: freed memory the reservation's
	// start reuses, which the runtime zeroes.
	for range 64 {
		sink = make([]byte, 64<<10)
	}
	sink = nil
	runtime.GC()
	rss := rssKB(t)
	if !Advise(256 << 20) {
		t.Fatal("Advise did nothing on a system where it should")
	}
	// The reservation must cost no memory (a piece zeroed at most).
	if grew := rssKB(t) - rss; grew > 3*firstPiece>>10 {
		t.Errorf("Advise made the process %d kB bigger, want at most %d", grew, 3*firstPiece>>10)
	}
	after := make([]byte, n)
	touch(after)
	if kb := anonHugeKB(t, after); kb < n>>11 {
		t.Errorf("after Advise, a touched %d MiB block has %d kB of huge pages, want at least half of it", n>>20, kb)
	}
	runtime.KeepAlive(before) // else after may reuse its pages, small already
}

// TestAdviseOnce: a second call does nothing.
func TestAdviseOnce(t *testing.T) {
	if raceEnabled || !thpMadvise() || strictOvercommit() {
		t.Skip("Advise does nothing here by design")
	}
	Advise(16 << 20)
	if Advise(16 << 20) {
		t.Error("a second Advise acted")
	}
}

// rssKB is the process's resident memory.
func rssKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm:", err)
	}
	f := strings.Fields(string(b))
	pages, err := strconv.Atoi(f[1])
	if err != nil {
		t.Fatal(err)
	}
	return pages * os.Getpagesize() >> 10
}

func touch(b []byte) {
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
}

// anonHugeKB is the AnonHugePages of the mappings that b lies in, counted
// by /proc/self/smaps (per mapping, so the block's neighbours count too:
// the test compares blocks in mappings the runtime made the same way).
func anonHugeKB(t *testing.T, b []byte) int {
	t.Helper()
	lo := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	hi := lo + uint64(len(b))
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	defer f.Close()
	sum, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && strings.Contains(r, "-") && !strings.HasSuffix(r, ":") {
			a, z, _ := strings.Cut(r, "-")
			start, err1 := strconv.ParseUint(a, 16, 64)
			end, err2 := strconv.ParseUint(z, 16, 64)
			in = err1 == nil && err2 == nil && start < hi && lo < end
			continue
		}
		if v, ok := strings.CutPrefix(line, "AnonHugePages:"); ok && in {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			sum += kb
		}
	}
	return sum
}

func TestRuns(t *testing.T) {
	const p = 4 << 20
	tests := []struct {
		name  string
		spans []span
		want  []span
	}{
		{"none", nil, nil},
		{"one", []span{{10 * p, 11 * p}}, []span{{10 * p, 11 * p}}},
		{"adjacent, unsorted", []span{{12 * p, 13 * p}, {10 * p, 11 * p}, {11 * p, 12 * p}}, []span{{10 * p, 13 * p}}},
		{"a small gap is heap", []span{{10 * p, 11 * p}, {12 * p, 13 * p}}, []span{{10 * p, 13 * p}}},
		{"an arena apart", []span{{10 * p, 11 * p}, {11*p + arenaSize, 12*p + arenaSize}}, []span{{10 * p, 11 * p}, {11*p + arenaSize, 12*p + arenaSize}}},
		{"just under an arena apart", []span{{10 * p, 11 * p}, {11*p + arenaSize - 1, 12*p + arenaSize}}, []span{{10 * p, 12*p + arenaSize}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runs(tt.spans); !slices.Equal(got, tt.want) {
				t.Errorf("runs = %x, want %x", got, tt.want)
			}
		})
	}
}

func TestParseMemTotal(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"MemTotal:       24683620 kB\nMemFree:         1000 kB\n", 24683620 << 10},
		{"MemFree: 1 kB\nMemTotal: 2048 kB", 2048 << 10},
		{"MemTotal: 2048 MB\n", 0},
		{"MemTotal: lots kB\n", 0},
		{"MemTotal: -5 kB\n", 0},
		{"MemTotal:\n", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := parseMemTotal([]byte(tt.in)); got != tt.want {
			t.Errorf("parseMemTotal(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseHugePageSize(t *testing.T) {
	tests := []struct {
		in   string
		want uintptr
	}{
		{"2097152\n", 2 << 20},
		{"536870912\n", 512 << 20}, // arm64 with 64 KiB pages
		{"3000000\n", hugePage},
		{"0\n", hugePage},
		{"huge\n", hugePage},
		{"", hugePage},
	}
	for _, tt := range tests {
		if got := parseHugePageSize([]byte(tt.in)); got != tt.want {
			t.Errorf("parseHugePageSize(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// FuzzParseMemTotal: any text gives 0 or a whole number of KiB, seeded
// with this machine's /proc/meminfo.
func FuzzParseMemTotal(f *testing.F) {
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("MemTotal: 1 kB\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if n := parseMemTotal(b); n < 0 || n%1024 != 0 {
			t.Errorf("parseMemTotal = %d", n)
		}
	})
}

// FuzzParseHugePageSize: any text gives a power of two, seeded with this
// machine's hpage_pmd_size.
func FuzzParseHugePageSize(f *testing.F) {
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("2097152\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if n := parseHugePageSize(b); n == 0 || n&(n-1) != 0 {
			t.Errorf("parseHugePageSize = %d", n)
		}
	})
}
