package basemap

import (
	"reflect"
	"testing"
)

func TestTileID(t *testing.T) {
	// Values from the PMTiles specification's reference implementations.
	for _, c := range []struct {
		z, x, y int
		id      uint64
	}{
		{0, 0, 0, 0},
		{1, 0, 0, 1},
		{1, 0, 1, 2},
		{1, 1, 1, 3},
		{1, 1, 0, 4},
		{2, 0, 0, 5},
		{3, 0, 0, 21},
		{4, 0, 0, 85},
	} {
		if got := tileID(c.z, c.x, c.y); got != c.id {
			t.Errorf("tileID(%d, %d, %d) = %d, want %d", c.z, c.x, c.y, got, c.id)
		}
	}
	// Each zoom fills its own ID range exactly, and consecutive IDs are
	// edge neighbours (a Hilbert curve).
	for z := 0; z <= 6; z++ {
		n := 1 << z
		first := (uint64(1)<<(2*z) - 1) / 3
		at := make([][2]int, n*n)
		filled := make([]bool, n*n)
		for x := range n {
			for y := range n {
				d := tileID(z, x, y) - first
				if d >= uint64(n*n) || filled[d] {
					t.Fatalf("z%d: tile %d/%d has ID offset %d (out of range or taken)", z, x, y, d)
				}
				filled[d], at[d] = true, [2]int{x, y}
			}
		}
		for i := 1; i < len(at); i++ {
			dx, dy := at[i][0]-at[i-1][0], at[i][1]-at[i-1][1]
			if dx*dx+dy*dy != 1 {
				t.Fatalf("z%d: IDs %d and %d are tiles %v and %v, not neighbours", z, i-1, i, at[i-1], at[i])
			}
		}
	}
}

func TestParseDirectory(t *testing.T) {
	// Three entries: tile IDs 5, 6, 10 (deltas 5, 1, 4); run lengths 1, 2,
	// 0 (a leaf); lengths 100, 50, 30; offsets 0 (stored 1), 100 (stored 0:
	// right after the previous), 7 (stored 8).
	good := []byte{3, 5, 1, 4, 1, 2, 0, 100, 50, 30, 1, 0, 8}
	want := []pmEntry{{5, 0, 100, 1}, {6, 100, 50, 2}, {10, 7, 30, 0}}
	got, err := parseDirectory(good)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("parseDirectory = %v, %v; want %v", got, err, want)
	}
	if !reflect.DeepEqual(encodeDir(want), good) {
		t.Fatalf("test writer encodes %v as %v, want %v", want, encodeDir(want), good)
	}
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"count beyond bytes", []byte{200, 1, 1, 1, 1}},
		{"truncated offsets", good[:len(good)-1]},
		{"repeated tile ID", []byte{2, 5, 0, 1, 1, 10, 10, 1, 0}},
		{"zero length", []byte{1, 5, 1, 0, 1}},
		{"first offset relative", []byte{1, 5, 1, 10, 0}},
		{"bad varint", []byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if es, err := parseDirectory(c.b); err == nil {
				t.Fatalf("parseDirectory(%v) = %v, want an error", c.b, es)
			}
		})
	}
	// Lookup: inside a run, past a run, a leaf, before the first entry.
	for _, c := range []struct {
		id   uint64
		want pmEntry
		ok   bool
	}{
		{4, pmEntry{}, false},
		{5, want[0], true},
		{7, want[1], true},
		{8, pmEntry{}, false},
		{11, want[2], true},
	} {
		if e, ok := findEntry(want, c.id); ok != c.ok || e != c.want {
			t.Errorf("findEntry(%d) = %v, %v; want %v, %v", c.id, e, ok, c.want, c.ok)
		}
	}
}
