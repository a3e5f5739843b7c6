package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/proximity"
	"minerehab/models"
)

// screenRiver is a meandering river through the middle of the test area.
func screenRiver(n int) orb.LineString {
	l := make(orb.LineString, n)
	for i := range l {
		f := float64(i) / float64(n-1)
		l[i] = orb.Point{106.82 + 0.03*math.Sin(f*40) + 0.02*f, 39.2 + 0.7*f}
	}
	return l
}

// screenProject holds a river 黄河, a polygon reference feature, and n
// random mines, sites and fire points over 106.6–107.1 °E, 39.2–39.9 °N.
func screenProject(t testing.TB, n int) (*Store, []*models.Feature) {
	s := newStore(t)
	rng := rand.New(rand.NewPCG(7, 8))
	fs := []*models.Feature{
		{Layer: models.LayerReference, Geometry: screenRiver(300), Attrs: models.Attrs{Name: "黄河", FeatureType: "river"}},
		{Layer: models.LayerReference, Geometry: orb.LineString{{106.9, 39.3}, {106.95, 39.35}}, Attrs: models.Attrs{Name: "都思兔河", FeatureType: "river"}},
		{Layer: models.LayerReference, Geometry: orb.Polygon{ring(106.85, 39.5, 0.05, 0.05, 20)}, Attrs: models.Attrs{Name: "保护区", FeatureType: "reserve"}},
	}
	var probes []*models.Feature
	for i := range n {
		x, y := 106.6+rng.Float64()*0.5, 39.2+rng.Float64()*0.7
		var f *models.Feature
		switch i % 3 {
		case 0:
			f = mine(i, x, y)
		case 1:
			f = &models.Feature{Layer: models.LayerSites, Geometry: orb.MultiPolygon{{ring(x, y, 0.002, 0.001, 12)}},
				Attrs: models.Attrs{Name: fmt.Sprintf("固废堆场%d", i), Kind: models.SiteWasteYard, Licence: "L" + fmt.Sprint(i)}}
		default:
			f = &models.Feature{Layer: models.LayerFirePoints, Geometry: orb.Point{x, y}, Attrs: models.Attrs{Name: fmt.Sprintf("火点%d", i)}}
		}
		probes = append(probes, f)
	}
	importAll(t, s, models.KeySpec{}, append(fs, probes...)...)
	return s, probes
}

// The index-driven screening finds exactly what measuring every feature
// finds, with the same distances, sorted.
func TestScreenMatchesBruteForce(t *testing.T) {
	s, _ := screenProject(t, 3000)
	ctx := context.Background()
	for _, d := range []float64{100, 3000, 20000} {
		p := models.ScreenParams{DistanceM: d}.WithDefaults()
		res, err := s.Screen(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rivers) != 2 || res.RiversSHA256 == "" {
			t.Fatalf("rivers %v %q", res.Rivers, res.RiversSHA256)
		}
		ix, _, err := proximity.NewIndex([]orb.Geometry{screenRiver(300), orb.LineString{{106.9, 39.3}, {106.95, 39.35}}}, proximity.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{}
		for _, layer := range models.ScreenLayers {
			if err := s.Features(ctx, layer, nil, func(f *models.Feature) error {
				dist, err := ix.Distance(f.Geometry)
				if err != nil {
					return err
				}
				if dist <= d {
					want[fmt.Sprint(layer, f.ID)] = dist
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if len(res.Hits) != len(want) || len(want) == 0 {
			t.Fatalf("d %g: %d hits, brute force %d", d, len(res.Hits), len(want))
		}
		for i, h := range res.Hits {
			w, ok := want[fmt.Sprint(h.Layer, h.ID)]
			if !ok || w != h.DistanceM {
				t.Errorf("d %g: hit %+v, brute force %g %v", d, h, w, ok)
			}
			if i > 0 && res.Hits[i-1].DistanceM > h.DistanceM {
				t.Errorf("hits not sorted at %d", i)
			}
			if h.Name == "" || (h.Layer != models.LayerFirePoints && h.Licence == "") {
				t.Errorf("hit without name or licence: %+v", h)
			}
		}
		if res.Candidates < len(res.Hits) {
			t.Errorf("%d candidates < %d hits", res.Candidates, len(res.Hits))
		}
	}
}

func TestScreenSaveLoad(t *testing.T) {
	s, _ := screenProject(t, 300)
	ctx := context.Background()
	res, err := s.Screen(ctx, models.ScreenParams{DistanceM: 3000}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveScreening(ctx, "  2021年6月 黄河3公里排查 ", res); err != nil {
		t.Fatal(err)
	}
	if res.ID == 0 || res.Name != "2021年6月 黄河3公里排查" {
		t.Fatalf("saved as %d %q", res.ID, res.Name)
	}
	if err := s.SaveScreening(ctx, "2021年6月 黄河3公里排查", res); screenCode(err) != models.CodeScreenNameTaken {
		t.Errorf("same name again: %v", err)
	}
	if err := s.SaveScreening(ctx, " ", res); screenCode(err) != models.CodeScreenBadName {
		t.Errorf("blank name: %v", err)
	}
	got, err := s.LoadScreening(ctx, "2021年6月 黄河3公里排查")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != res.ID || !got.At.Equal(res.At) || got.DistanceM != 3000 || got.RiversSHA256 != res.RiversSHA256 ||
		len(got.Rivers) != 2 || len(got.Params.Rivers) != 2 || len(got.Params.Layers) != 3 {
		t.Errorf("loaded %+v\nsaved %+v", got, res)
	}
	if len(got.Hits) != len(res.Hits) {
		t.Fatalf("%d hits loaded, %d saved", len(got.Hits), len(res.Hits))
	}
	for i := range got.Hits {
		if got.Hits[i] != res.Hits[i] {
			t.Errorf("hit %d: %+v, saved %+v", i, got.Hits[i], res.Hits[i])
		}
	}
	// Reproducible: running the saved parameters again gives the same list.
	again, err := s.Screen(ctx, got.Params)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Hits) != len(got.Hits) || again.RiversSHA256 != got.RiversSHA256 {
		t.Errorf("re-run: %d hits, saved %d", len(again.Hits), len(got.Hits))
	}
	list, err := s.Screenings(ctx)
	if err != nil || len(list) != 1 || list[0].Hits != len(res.Hits) || list[0].Name != res.Name {
		t.Errorf("list %+v %v", list, err)
	}
	if _, err := s.LoadScreening(ctx, "nope"); screenCode(err) != models.CodeScreenNotFound {
		t.Errorf("load missing: %v", err)
	}
	if err := s.DeleteScreening(ctx, res.Name); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteScreening(ctx, res.Name); screenCode(err) != models.CodeScreenNotFound {
		t.Errorf("delete twice: %v", err)
	}
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM mr_screening_hits`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d hits left after delete (%v)", n, err)
	}
	// A read-only project screens but does not save.
	path := s.Path()
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	res, err = ro.Screen(ctx, models.ScreenParams{DistanceM: 3000}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.SaveScreening(ctx, "x", res); !errors.Is(err, models.ErrReadOnly) {
		t.Errorf("save read-only: %v", err)
	}
}

func screenCode(err error) string {
	var se *models.ScreenError
	if errors.As(err, &se) {
		return se.Code
	}
	return fmt.Sprint(err)
}

func TestScreenBadInput(t *testing.T) {
	s, _ := screenProject(t, 30)
	ctx := context.Background()
	tests := []struct {
		name string
		p    models.ScreenParams
		code string
	}{
		{"zero distance", models.ScreenParams{Rivers: models.DefaultRivers, Layers: models.ScreenLayers}, models.CodeScreenBadDistance},
		{"negative distance", models.ScreenParams{DistanceM: -5}.WithDefaults(), models.CodeScreenBadDistance},
		{"1e9 m", models.ScreenParams{DistanceM: 1e9}.WithDefaults(), models.CodeScreenBadDistance},
		{"nan", models.ScreenParams{DistanceM: math.NaN()}.WithDefaults(), models.CodeScreenBadDistance},
		{"unknown river layer", models.ScreenParams{DistanceM: 3000, Rivers: []models.RiverRef{{Layer: "rivers"}}}.WithDefaults(), models.CodeScreenUnknownLayer},
		{"unknown screened layer", models.ScreenParams{DistanceM: 3000, Layers: []string{"mines", "wells"}}.WithDefaults(), models.CodeScreenUnknownLayer},
		{"no such river", models.ScreenParams{DistanceM: 3000, Rivers: []models.RiverRef{{Layer: models.LayerReference, Name: "长江"}}}.WithDefaults(), models.CodeScreenNoRivers},
		{"empty river layer", models.ScreenParams{DistanceM: 3000, Rivers: []models.RiverRef{{Layer: models.LayerRoads}}}.WithDefaults(), models.CodeScreenNoRivers},
		{"a river layer with no lines", models.ScreenParams{DistanceM: 3000, Rivers: []models.RiverRef{{Layer: models.LayerReference, Name: "保护区"}}}.WithDefaults(), models.CodeScreenNoLines},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Screen(ctx, tc.p)
			if screenCode(err) != tc.code {
				t.Errorf("error %v, want %s", err, tc.code)
			}
		})
	}
	// Screening the reference layer against its own rivers leaves the rivers out.
	res, err := s.Screen(ctx, models.ScreenParams{DistanceM: 3000, Layers: []string{models.LayerReference}}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Name != "保护区" || res.Hits[0].DistanceM != 0 {
		t.Errorf("reference hits %+v", res.Hits)
	}
}

// BenchmarkScreenStore screens a project of 30,000 features (set
// MINEREHAB_SCREEN_GPKG to a project with a 黄河 reference line for a large
// one; scripts/bench-screen.sh does).
func BenchmarkScreenStore(b *testing.B) {
	var s *Store
	if p := benchGPKG(); p != "" {
		var err error
		if s, err = Open(p, Options{ReadOnly: true}); err != nil {
			b.Fatal(err)
		}
		defer s.Close()
	} else {
		s, _ = screenProject(b, 30000)
	}
	ctx := context.Background()
	p := models.ScreenParams{DistanceM: 3000, Rivers: []models.RiverRef{{Layer: models.LayerReference, Name: "黄河"}}}.WithDefaults()
	b.ResetTimer()
	cpu0 := processCPU()
	defer func() { b.ReportMetric(float64(processCPU()-cpu0)/1e9/float64(b.N), "cpu-s/op") }()
	for b.Loop() {
		res, err := s.Screen(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Hits)), "hits")
		b.ReportMetric(float64(res.Candidates), "candidates")
	}
}

func benchGPKG() string { return os.Getenv("MINEREHAB_SCREEN_GPKG") }
