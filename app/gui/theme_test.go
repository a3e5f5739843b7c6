package gui

import (
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"minerehab/app/fonts"
)

func TestCJKThemeFonts(t *testing.T) {
	// The theme hands the bytes to Fyne as they are; any distinct bytes do.
	reg := []byte("regular face bytes")
	bold := []byte("bold face bytes")
	base := theme.DefaultTheme()
	tests := []struct {
		name string
		f    *fonts.Font
		// want: which bytes each style gets; nil means the base theme's font
		style fyne.TextStyle
		want  []byte
	}{
		{"regular", &fonts.Font{Family: "T", Regular: reg, Bold: bold}, fyne.TextStyle{}, reg},
		{"bold", &fonts.Font{Family: "T", Regular: reg, Bold: bold}, fyne.TextStyle{Bold: true}, bold},
		{"bold without a bold face", &fonts.Font{Family: "T", Regular: reg}, fyne.TextStyle{Bold: true}, reg},
		{"italic uses the upright face", &fonts.Font{Family: "T", Regular: reg}, fyne.TextStyle{Italic: true}, reg},
		{"monospace keeps Fyne's", &fonts.Font{Family: "T", Regular: reg}, fyne.TextStyle{Monospace: true}, nil},
		{"symbol keeps Fyne's", &fonts.Font{Family: "T", Regular: reg}, fyne.TextStyle{Symbol: true}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := newCJKTheme(base, tc.f).Font(tc.style).Content()
			want := tc.want
			if want == nil {
				want = base.Font(tc.style).Content()
			}
			if !slices.Equal(got, want) {
				t.Errorf("style %+v got the wrong font (%d bytes, want %d)", tc.style, len(got), len(want))
			}
		})
	}
}

func TestSerialRunsInOrder(t *testing.T) {
	var s serial
	var mu sync.Mutex
	var got []int
	for i := range 200 {
		s.Go(func() {
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
		})
	}
	s.Wait()
	for i, v := range got {
		if v != i {
			t.Fatalf("job %d ran at position %d", v, i)
		}
	}
	if len(got) != 200 {
		t.Fatalf("%d jobs ran, want 200", len(got))
	}
}
