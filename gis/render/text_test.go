package render

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

func TestParseFont(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"go regular ttf", goregular.TTF, true},
		{"empty", nil, false},
		{"garbage", []byte("definitely not a font file"), false},
		{"ttc header only", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), false},
		{"truncated", goregular.TTF[:200], false},
	}
	for _, tc := range tests {
		f, err := ParseFont(tc.data)
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
			continue
		}
		var re *Error
		if err != nil && (!errors.As(err, &re) || re.Code != CodeBadFont) {
			t.Errorf("%s: error %v is not a bad-font *Error", tc.name, err)
		}
		if tc.ok && f == nil {
			t.Errorf("%s: nil font", tc.name)
		}
	}
	if _, err := LoadFont("/nonexistent/font.ttf"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestRealignSFNT(t *testing.T) {
	// Shift every table of Go Regular by 2 bytes (misaligned, as in
	// wqy-microhei.ttc): parsing must still work, through realignment, and
	// give the same advances.
	orig, err := ParseFont(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	bad := misalign(t, goregular.TTF)
	if _, err := parseFirst(bad); err == nil {
		t.Fatal("x/image accepted misaligned tables; the test no longer shows anything")
	}
	fixed, err := ParseFont(bad)
	if err != nil {
		t.Fatal(err)
	}
	var ts typesetter
	a := &LabelStyle{Font: orig, Size: 14}
	b := &LabelStyle{Font: fixed, Size: 14}
	wa, _, _ := ts.measure(a, "Wuhai 123")
	wb, _, _ := ts.measure(b, "Wuhai 123")
	if wa != wb || wa == 0 {
		t.Errorf("widths %g (original) and %g (realigned)", wa, wb)
	}
}

// misalign rebuilds a single sfnt with 2 bytes of padding before each table.
func misalign(t *testing.T, data []byte) []byte {
	t.Helper()
	n := int(data[4])<<8 | int(data[5])
	out := append([]byte(nil), data[:12+16*n]...)
	for i := range n {
		rec := out[12+16*i:]
		o := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		l := int(rec[12])<<24 | int(rec[13])<<16 | int(rec[14])<<8 | int(rec[15])
		out = append(out, 0, 0)
		no := len(out)
		rec[8], rec[9], rec[10], rec[11] = byte(no>>24), byte(no>>16), byte(no>>8), byte(no)
		out = append(out, data[o:o+l]...)
	}
	return out
}

func TestMeasureText(t *testing.T) {
	f := cjkFont(t)
	var ts typesetter
	s := &LabelStyle{Font: f, Size: 20}
	w1, asc, desc := ts.measure(s, "乌")
	w4, _, _ := ts.measure(s, "乌海乌海")
	if w1 < 15 || w1 > 25 || w4 < 4*w1-1 || w4 > 4*w1+1 {
		t.Errorf("widths: one CJK glyph %g, four %g (em 20)", w1, w4)
	}
	if asc < 10 || desc < 2 || asc+desc > 30 {
		t.Errorf("ascent %g descent %g for a 20 px font", asc, desc)
	}
	if w, _, _ := ts.measure(s, "\x00\n\t"); w != 0 {
		t.Errorf("control characters have width %g", w)
	}
}

func TestDrawConcurrent(t *testing.T) {
	f := cjkFont(t)
	ls := &LabelStyle{Font: f, Size: 13, Color: dark, Halo: white}
	layers := append(sceneLabels(smallView, ls), scenePolygons(smallView)...)
	want := render(t, smallView, layers)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				r := NewRaster(smallView.Width, smallView.Height, white)
				if err := Draw(context.Background(), r, smallView, layers); err != nil {
					errs <- err
					return
				}
				for i := range want.Pix {
					if r.img.Pix[i] != want.Pix[i] {
						errs <- errors.New("concurrent rendering differs from sequential")
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
