package store

import (
	"context"
	"errors"
	"maps"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// grid imports n×n small squares 0.01° apart from (106.5, 39.3).
func grid(t *testing.T, s *Store, n int) {
	t.Helper()
	var fs []*models.Feature
	for i := range n * n {
		x, y := 106.5+0.01*float64(i%n), 39.3+0.01*float64(i/n)
		fs = append(fs, &models.Feature{
			Layer:    models.LayerSites,
			Geometry: orb.MultiPolygon{{orb.Ring{{x, y}, {x + 0.005, y}, {x + 0.005, y + 0.005}, {x, y + 0.005}, {x, y}}}},
			Attrs:    models.Attrs{Kind: models.SiteSpoilHeap},
			AreaM2:   1000,
		})
	}
	importAll(t, s, models.KeySpec{}, fs...)
}

func TestBBoxQueries(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	grid(t, s, 10)
	for _, tc := range []struct {
		name string
		box  *orb.Bound
		want []int64
	}{
		{"all", nil, nil},
		{"one cell", &orb.Bound{Min: orb.Point{106.501, 39.301}, Max: orb.Point{106.502, 39.302}}, []int64{1}},
		{"touching edge counts", &orb.Bound{Min: orb.Point{106.505, 39.30}, Max: orb.Point{106.508, 39.30}}, []int64{1}},
		{"gap between cells", &orb.Bound{Min: orb.Point{106.506, 39.306}, Max: orb.Point{106.509, 39.309}}, []int64{}},
		// Just outside a cell by less than float32 resolution at this
		// longitude: the index's rounded box meets it, the exact test not.
		{"outside by 1e-9", &orb.Bound{Min: orb.Point{106.505000001, 39.3}, Max: orb.Point{106.5099999, 39.3001}}, []int64{}},
		{"two by two", &orb.Bound{Min: orb.Point{106.514, 39.314}, Max: orb.Point{106.521, 39.321}}, []int64{12, 13, 22, 23}},
		{"outside", &orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, []int64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int64
			err := s.Features(ctx, "sites", tc.box, func(f *models.Feature) error {
				got = append(got, f.ID)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			n, err := s.Count(ctx, "sites", tc.box)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if len(got) != 100 || n != 100 {
					t.Fatalf("all: %d features, count %d", len(got), n)
				}
				return
			}
			if len(got) == 0 {
				got = []int64{}
			}
			if !reflect.DeepEqual(got, tc.want) || n != len(tc.want) {
				t.Fatalf("features %v count %d, want %v", got, n, tc.want)
			}
		})
	}
}

func TestFeatureRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	src := orb.MultiPolygon{{orb.Ring{{36512345.678, 4391234.5}, {36513345.678, 4391234.5}, {36513345.678, 4392234.5}, {36512345.678, 4391234.5}}}}
	in := []*models.Feature{
		mine(1, 106.8, 39.6),
		{Layer: "fire_points", Geometry: orb.Point{106.81, 39.61}, Attrs: models.Attrs{Name: "火点 1"}, Props: []byte(`{"温度":412.5}`)},
		{Layer: "reference", Geometry: orb.LineString{{106.7, 39.5}, {106.9, 39.8}}, Attrs: models.Attrs{FeatureType: "river"}},
		{Layer: "reference", Geometry: orb.Collection{orb.Point{1, 2}}, Props: []byte(` { "a" : [1, 2] } `)},
	}
	in[0].Source = &models.Source{EPSG: 4524, Geometry: src}
	importAll(t, s, models.KeySpec{}, in...)
	var out []*models.Feature
	for _, layer := range []string{"mines", "fire_points", "reference"} {
		if err := s.Features(ctx, layer, nil, func(f *models.Feature) error {
			out = append(out, f)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if len(out) != len(in) {
		t.Fatalf("%d features back", len(out))
	}
	for i, f := range out {
		want := *in[i]
		want.ID = f.ID
		if !reflect.DeepEqual(f, &want) {
			t.Errorf("feature %d:\n got %+v\nwant %+v", i, f, &want)
		}
	}
}

func TestInfo(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range info.Layers {
		if l.Count != 0 || l.Extent != nil || l.AreaM2 != 0 {
			t.Errorf("empty project: %+v", l)
		}
	}
	checkExtents(t, s, info)
	grid(t, s, 4)
	importAll(t, s, models.KeySpec{}, mine(1, 106.8, 39.6), mine(2, 106.9, 39.7))
	info, err = s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]models.LayerInfo{}
	for _, l := range info.Layers {
		byName[l.Name] = l
	}
	sites := byName["sites"]
	if sites.Count != 16 || sites.AreaM2 != 16000 || sites.Extent == nil ||
		*sites.Extent != (orb.Bound{Min: orb.Point{106.5, 39.3}, Max: orb.Point{106.535, 39.335}}) {
		t.Errorf("sites %+v %v", sites, sites.Extent)
	}
	m := byName["mines"]
	if m.Count != 2 || math.Abs(m.AreaM2-(123456.5*2+3)) > 1e-6 || m.Extent == nil || m.Extent.Min[0] > 106.797 || m.Extent.Max[0] < 106.903 {
		t.Errorf("mines %+v %v", m, m.Extent)
	}
	checkExtents(t, s, info)
	// An extent missing from gpkg_contents (another program's edit) is computed.
	if _, err := s.w.Exec("UPDATE gpkg_contents SET min_x = NULL, min_y = NULL, max_x = NULL, max_y = NULL"); err != nil {
		t.Fatal(err)
	}
	info2, _ := s.Info(ctx)
	for i, l := range info2.Layers {
		if (l.Extent == nil) != (info.Layers[i].Extent == nil) || l.Extent != nil && *l.Extent != *info.Layers[i].Extent {
			t.Errorf("%s: computed extent %v, recorded %v", l.Name, l.Extent, info.Layers[i].Extent)
		}
	}
	checkExtents(t, s, info2)
}

// checkExtents: Extents gives exactly the extents of info's layers that
// hold features.
func checkExtents(t *testing.T, s *Store, info models.Info) {
	t.Helper()
	got, err := s.Extents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]orb.Bound{}
	for _, l := range info.Layers {
		if l.Count > 0 && l.Extent != nil {
			want[l.Name] = *l.Extent
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("Extents = %v, want %v (from Info)", got, want)
	}
}

func TestUnknownLayer(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	var e *Error
	if err := s.Features(ctx, "mines; DROP TABLE mines", nil, func(*models.Feature) error { return nil }); !errors.As(err, &e) || e.Code != CodeUnknownLayer {
		t.Errorf("features: %v", err)
	}
	if _, err := s.Count(ctx, "wells", nil); !errors.As(err, &e) || e.Code != CodeUnknownLayer {
		t.Errorf("count: %v", err)
	}
}

func TestFeaturesCallbackError(t *testing.T) {
	s := newStore(t)
	grid(t, s, 2)
	stop := errors.New("stop")
	n := 0
	err := s.Features(context.Background(), "sites", nil, func(*models.Feature) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("err %v after %d calls", err, n)
	}
}
