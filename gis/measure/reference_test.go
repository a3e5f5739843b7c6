package measure

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// These tests compare against GeographicLib (Planimeter, GeodSolve) output
// stored in testdata by gen_reference.py.

type refPolygon struct {
	area, perimeter float64
	points          int
}

// referencePolygons aggregates reference_areas.tsv per source and feature:
// area = Σ parts (|exterior| − Σ |holes|), perimeter = Σ all rings.
func referencePolygons(t *testing.T) map[[2]string]*refPolygon {
	out := map[[2]string]*refPolygon{}
	for _, r := range readTSV(t, "reference_areas.tsv") {
		key := [2]string{r[0], r[1]}
		p := out[key]
		if p == nil {
			p = &refPolygon{}
			out[key] = p
		}
		a := math.Abs(atof(t, r[6]))
		if r[3] != "0" {
			a = -a
		}
		p.area += a
		p.perimeter += atof(t, r[5])
		p.points += int(atof(t, r[4]))
	}
	return out
}

func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestAreaAgainstPlanimeter(t *testing.T) {
	refs := referencePolygons(t)
	for _, src := range []string{"synthetic", "wuhai", "inner_mongolia"} {
		t.Run(src, func(t *testing.T) {
			feats := readFeatures(t, sourceFile(t, src))
			n := 0
			for _, f := range feats {
				ref, ok := refs[[2]string{src, f.name}]
				if !ok {
					continue
				}
				n++
				got := Area(f.geom)
				gotP := Length(f.geom)
				ea, ep := relErr(got, ref.area), relErr(gotP, ref.perimeter)
				t.Logf("%-24s area %.6f m² (ref %.6f) rel %.2e; perimeter rel %.2e", f.name, got, ref.area, ea, ep)
				// Tolerances: both programs sum edge terms of order 1e10 m²
				// (the area between an edge and the equator), so round-off
				// is about 1e-4 m² for shapes with hundreds of vertices;
				// and GeographicLib parses decimal degrees up to an ulp
				// (≈ 1 nm) away from the correctly rounded value, which
				// moves each edge length by up to about 1 nm.
				if math.Abs(got-ref.area) > 3e-10*ref.area+1e-4 {
					t.Errorf("%s: area %.6f m², Planimeter %.6f m² (rel %.2e)", f.name, got, ref.area, ea)
				}
				if math.Abs(gotP-ref.perimeter) > 1e-12*ref.perimeter+5e-10*float64(ref.points) {
					t.Errorf("%s: perimeter %.9f m, Planimeter %.9f m", f.name, gotP, ref.perimeter)
				}
			}
			if n == 0 {
				t.Fatal("no reference polygons matched")
			}
		})
	}
}

func TestLengthAgainstPlanimeter(t *testing.T) {
	refs := map[string]float64{}
	for _, r := range readTSV(t, "reference_lines.tsv") {
		if r[0] != "synthetic" {
			t.Fatalf("unexpected source %q", r[0])
		}
		refs[r[1]] += atof(t, r[4])
	}
	n := 0
	for _, f := range readFeatures(t, sourceFile(t, "synthetic")) {
		want, ok := refs[f.name]
		if !ok {
			continue
		}
		n++
		got := Length(f.geom)
		if math.Abs(got-want) > 1e-12*want+1e-9 {
			t.Errorf("%s: length %.9f m, Planimeter -l %.9f m", f.name, got, want)
		}
		if a := Area(f.geom); a != 0 {
			t.Errorf("%s: area of a line = %v, want 0", f.name, a)
		}
	}
	if n != len(refs) {
		t.Fatalf("matched %d of %d reference lines", n, len(refs))
	}
}

func TestDistanceAgainstGeodSolve(t *testing.T) {
	rows := readTSV(t, "reference_distances.tsv")
	if len(rows) < 200 {
		t.Fatalf("only %d reference pairs", len(rows))
	}
	var worst float64
	for _, r := range rows {
		lat1, lon1, lat2, lon2 := atof(t, r[0]), atof(t, r[1]), atof(t, r[2]), atof(t, r[3])
		want := atof(t, r[4])
		a, b := orb.Point{lon1, lat1}, orb.Point{lon2, lat2}
		got := Distance(a, b)
		// GeodSolve prints to 0.1 nm and parses decimal degrees up to an ulp
		// (≈ 1 nm) off; Karney's method itself is good to ~15 nm.
		if d := math.Abs(got - want); d > 2e-8 {
			t.Errorf("Distance(%v, %v) = %.9f m, GeodSolve %.9f m (diff %.2g m)", a, b, got, want, d)
		} else if d > worst {
			worst = d
		}
		if back := Distance(b, a); math.Abs(back-got) > 2e-8 {
			t.Errorf("Distance not symmetric for %v, %v: %.9f vs %.9f", a, b, got, back)
		}
	}
	t.Logf("%d pairs, worst difference %.2g m", len(rows), worst)
}
