package plate

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"minerehab/gis/crs"
)

func TestNiceScaleAndFormat(t *testing.T) {
	for _, c := range []struct {
		in, want float64
		text     string
	}{
		{420, 500, "1:500"}, {1001, 1500, "1:1500"}, {9000, 10000, "1:10 000"}, {26000, 30000, "1:30 000"},
		{75000, 75000, "1:75 000"}, {410000, 500000, "1:500 000"}, {1, 1, "1:1"},
	} {
		got := niceScale(c.in)
		if got != c.want || FormatScale(got) != c.text {
			t.Errorf("niceScale(%g) = %g %q, want %g %q", c.in, got, FormatScale(got), c.want, c.text)
		}
	}
	for _, c := range []struct {
		v, step float64
		want    string
	}{
		{106.75, 0.25, "106°45′E"}, {39.5125, 30.0 / 3600, "39°30′45″N"}, {107, 1, "107°E"}, {-1.5, 0.5, "1°30′W"},
	} {
		if got := dms(c.v, c.step, "E", "W"); c.want[len(c.want)-1] == 'N' {
			if got := dms(c.v, c.step, "N", "S"); got != c.want {
				t.Errorf("dms(%g) = %q, want %q", c.v, got, c.want)
			}
		} else if got != c.want {
			t.Errorf("dms(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestScaleIsExact: the frame at 1:N shows N metres of ground per metre
// of paper at its centre, measured in the Gauss–Krüger zone, within 0.5 %.
func TestScaleIsExact(t *testing.T) {
	spec := testSpec(t, "A3", true)
	gk, _ := crs.ByEPSG(4524)
	for _, n := range []float64{75000, 150000, 500000} {
		spec.Scale = n
		l, err := Plan(spec, VectorDPI)
		if err != nil {
			t.Fatalf("1:%g: %v", n, err)
		}
		v := l.Frame
		cx, cy := float64(v.Width)/2, float64(v.Height)/2
		const dots = 1000.0 // 84.67 mm at 300 dpi
		a, b := v.ToLonLat(cx-dots/2, cy), v.ToLonLat(cx+dots/2, cy)
		ax, ay, _ := gk.FromLonLat(a[0], a[1])
		bx, by, _ := gk.FromLonLat(b[0], b[1])
		ground := math.Hypot(bx-ax, by-ay) / 0.99985 // GK scale factor near 106.8°E is about 1.00017
		paper := dots / VectorDPI * 0.0254
		if r := ground / paper / n; math.Abs(r-1) > 0.005 {
			t.Errorf("1:%g: ground/paper = %.1f (%.3f%% off)", n, ground/paper, 100*(r-1))
		}
		metres, lead := roundLength(0.5 * float64(v.Width) * v.MetresPerPixel)
		if bar := metres / v.MetresPerPixel / VectorDPI * 0.0254; math.Abs(bar*n/metres-1) > 1e-9 || lead == 0 {
			t.Errorf("scale bar of %g m is %g m of paper", metres, bar)
		}
	}
}

func TestPlanBadInput(t *testing.T) {
	spec := testSpec(t, "A4", false)
	for _, c := range []struct {
		name string
		edit func(s *Spec)
		code string
	}{
		{"nan extent", func(s *Spec) { s.Extent = orb.Bound{Min: orb.Point{math.NaN(), 0}, Max: orb.Point{1, 1}} }, CodeEmptyExtent},
		{"inverted extent", func(s *Spec) { s.Extent = orb.Bound{Min: orb.Point{2, 2}, Max: orb.Point{1, 1}} }, CodeEmptyExtent},
		{"scale too big", func(s *Spec) { s.Scale = 1000 }, CodeScaleTooBig},
		{"scale negative", func(s *Spec) { s.Scale = -1 }, CodeScaleTooBig},
		{"no font", func(s *Spec) { s.Font = nil }, CodeNoFont},
		{"tiny paper", func(s *Spec) { s.Paper = Paper{WidthMM: 10, HeightMM: 10} }, CodeBadPaper},
	} {
		s := *spec
		c.edit(&s)
		_, err := Plan(&s, VectorDPI)
		var pe *Error
		if !errors.As(err, &pe) || pe.Code != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	s := *spec
	s.Scale = 1000
	_, err := Plan(&s, VectorDPI)
	var pe *Error
	if errors.As(err, &pe) && !(pe.Scale > 1000) {
		t.Errorf("scale error suggests %g", pe.Scale)
	}
	// A point extent fits at the default scale.
	s = *spec
	s.Extent = orb.Bound{Min: orb.Point{106.8, 39.6}, Max: orb.Point{106.8, 39.6}}
	if l, err := Plan(&s, VectorDPI); err != nil || l.Scale != 500 {
		t.Errorf("point extent: %v", err)
	}
	if _, err := PaperSize("B5", true); err == nil {
		t.Error("B5 accepted")
	}
}

// FuzzTitle lays out arbitrary titles: at most three lines, each within
// the sheet, never an error.
func FuzzTitle(f *testing.F) {
	f.Add("乌海市矿山地质环境现状图")
	f.Add(strings.Repeat("很长的图名 Long title ", 40))
	f.Add(strings.Repeat("W", 600))
	f.Add("\x00\n\t标题")
	spec := testSpec(f, "A4", false)
	f.Fuzz(func(t *testing.T, title string) {
		if !utf8.ValidString(title) {
			return
		}
		s := *spec
		s.Title = title
		l, err := Plan(&s, 72)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.titleLines) > 3 {
			t.Fatalf("%d title lines", len(l.titleLines))
		}
		w := &writer{font: s.Font}
		for _, line := range l.titleLines {
			if tw := w.width(l.titleSize, line); tw > l.inner.w {
				t.Fatalf("title line %q is %g wide, sheet %g", line, tw, l.inner.w)
			}
		}
	})
}
