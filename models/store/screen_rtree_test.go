package store

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/proximity"
	"minerehab/models"
)

// Reading the R*Tree's nodes finds exactly the entries, with the same
// boxes, that querying the R*Tree finds, for river boxes at several
// distances and for boxes that meet nothing or everything.
func TestScreenScanIndexMatchesQuery(t *testing.T) {
	s, _ := screenProject(t, 6000)
	ctx := context.Background()
	conn, err := s.r.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ix, _, err := proximity.NewIndex([]orb.Geometry{screenRiver(300)}, proximity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type boxCase struct {
		name  string
		boxes []orb.Bound
	}
	cases := []boxCase{
		{"nothing", []orb.Bound{{Min: orb.Point{120, 30}, Max: orb.Point{121, 31}}}},
		{"everything", []orb.Bound{{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}}},
		{"a point", []orb.Bound{{Min: orb.Point{106.8, 39.5}, Max: orb.Point{106.8, 39.5}}}},
	}
	for _, d := range []float64{1, 500, 3000, 20000} {
		b, err := ix.Boxes(d)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, boxCase{"river boxes", b})
	}
	for _, tc := range cases {
		for _, layer := range []string{models.LayerMines, models.LayerSites, models.LayerFirePoints, models.LayerReference} {
			t.Run(tc.name+"/"+layer, func(t *testing.T) {
				collect := func(scan bool) map[int64]orb.Bound {
					out := map[int64]orb.Bound{}
					fn := func(id int64, box *orb.Bound) {
						if prev, ok := out[id]; ok && prev != *box {
							t.Errorf("fid %d with boxes %v and %v", id, prev, *box)
						}
						out[id] = *box
					}
					if scan {
						ok, err := s.screenScanIndex(ctx, conn, layer, tc.boxes, fn)
						if err != nil || !ok {
							t.Fatalf("scan: %v %v", ok, err)
						}
					} else if err := s.screenCandidates(ctx, conn, layer, tc.boxes, fn); err != nil {
						t.Fatal(err)
					}
					return out
				}
				got, want := collect(true), collect(false)
				if !maps.Equal(got, want) {
					t.Errorf("node scan found %d entries, the query %d (%v…)", len(got), len(want), firstDiff(got, want))
				}
				if tc.name == "everything" && len(want) == 0 {
					t.Error("the layer is empty")
				}
			})
		}
	}
}

func firstDiff(a, b map[int64]orb.Bound) []int64 {
	var out []int64
	for _, id := range slices.Sorted(maps.Keys(a)) {
		if bb, ok := b[id]; !ok || bb != a[id] {
			out = append(out, id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[id]; !ok {
			out = append(out, id)
		}
	}
	return out[:min(len(out), 5)]
}

func TestIsFloatRTree(t *testing.T) {
	for _, tc := range []struct {
		def  string
		want bool
	}{
		{`CREATE VIRTUAL TABLE "rtree_sites_geom" USING rtree(id, minx, maxx, miny, maxy)`, true},
		{`CREATE VIRTUAL TABLE rtree_a_geom USING RTREE( id,minx , maxx, miny,maxy )`, true},
		{`CREATE VIRTUAL TABLE "rtree_sites_geom" USING rtree_i32(id, minx, maxx, miny, maxy)`, false},
		{`CREATE VIRTUAL TABLE "rtree_sites_geom" USING rtree(id, minx, maxx, miny, maxy, +extra)`, false},
		{`CREATE VIRTUAL TABLE "rtree_sites_geom" USING rtree(id, minx, maxx, miny, maxy, minz, maxz)`, false},
		{`CREATE TABLE rtree_sites_geom (id INTEGER)`, false},
	} {
		if got := isFloatRTree(tc.def); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.def, got, tc.want)
		}
	}
}
