package app

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/app/internal/damaged"
	"minerehab/gis/render"
	"minerehab/models"
	"minerehab/models/store"
)

// unreadMines are the mines of unreadableProject, west to east: the middle
// one's geometry is damaged.
var unreadMines = []struct {
	name   string
	centre orb.Point
}{{"好矿甲", orb.Point{106.80, 39.60}}, {"坏矿", orb.Point{106.85, 39.60}}, {"好矿乙", orb.Point{106.90, 39.60}}}

// unreadableProject writes three square mines and a road, then damages
// the middle mine's geometry blob with sql (as another program might:
// the file's own triggers keep its spatial index as they would) and
// returns the project path and the damaged mine's fid.
func unreadableProject(t *testing.T, damage string) (string, int64) {
	t.Helper()
	var feats []*models.Feature
	for _, m := range unreadMines {
		c, d := m.centre, 0.01
		sq := orb.MultiPolygon{{{{c[0] - d, c[1] - d}, {c[0] + d, c[1] - d}, {c[0] + d, c[1] + d}, {c[0] - d, c[1] + d}, {c[0] - d, c[1] - d}}}}
		feats = append(feats, &models.Feature{Layer: models.LayerMines, Attrs: models.Attrs{Name: m.name}, Geometry: sq})
	}
	road := orb.MultiLineString{{{106.78, 39.58}, {106.92, 39.58}}}
	feats = append(feats, &models.Feature{Layer: models.LayerRoads, Attrs: models.Attrs{Name: "路"}, Geometry: road})
	path := filepath.Join(t.TempDir(), "bad.gpkg")
	return path, damaged.Project(t, path, feats, "坏矿", damage)
}

// unreadCases are the damages: bytes that are no GeoPackage blob at all
// (the example: the index keeps the old box, the envelope check
// of a box query drops the row), and a blob cut short after a sound
// header (its box is indexed, so box queries meet it too).
var unreadCases = []struct {
	name, damage string
	inBoxes      bool // box queries (picking, plates, zoomed frames) meet it
}{
	{"not a blob", "x'47500003deadbeef0102'", false},
	{"truncated wkb", "substr(geom, 1, 45)", true},
}

// TestUnreadableGeometry: a feature whose stored geometry cannot be
// decoded is left off the map and the plate, which still draw the rest
// and say what they left out; reads hand it on without geometry and with
// the reason, picking and search still work, the inspector says what is
// wrong, and an edit that would rewrite it is refused.
func TestUnreadableGeometry(t *testing.T) {
	ctx := context.Background()
	for _, tc := range unreadCases {
		t.Run(tc.name, func(t *testing.T) {
			path, bad := unreadableProject(t, tc.damage)
			st, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			v := render.FitView(orb.Bound{Min: orb.Point{106.77, 39.57}, Max: orb.Point{106.93, 39.63}}, 800, 400, 0)

			// The map: drawn twice (the second may come from the render
			// cache, which must not forget what the layer lacks), and from
			// a window's MapCache.
			cache := NewMapCache(st)
			for i, draw := range []func(MapOptions) error{
				func(o MapOptions) error { _, err := RenderMap(ctx, st, v, o); return err },
				func(o MapOptions) error { _, err := RenderMap(ctx, st, v, o); return err },
				func(o MapOptions) error { _, err := cache.Render(ctx, v, o); return err },
				func(o MapOptions) error { _, err := cache.Render(ctx, v, o); return err },
			} {
				u := &UnreadGeometries{}
				if err := draw(MapOptions{PixelRatio: 1, Unread: u}); err != nil {
					t.Fatalf("frame %d: %v", i, err)
				}
				if got := u.Layer(models.LayerMines); !slices.Equal(got, []int64{bad}) || u.Count() != 1 {
					t.Errorf("frame %d reports %v unread (%d in all), want mines %d", i, got, u.Count(), bad)
				}
			}
			img, err := RenderMap(ctx, st, v, MapOptions{PixelRatio: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range unreadMines {
				x, y := v.ToPixel(m.centre)
				c, bg := img.RGBAAt(int(x), int(y)), MapBackground
				drawn := c.R != bg.R || c.G != bg.G || c.B != bg.B
				if drawn != (m.name != "坏矿") {
					t.Errorf("%s drawn: %v", m.name, drawn)
				}
			}
			for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
				u := &UnreadGeometries{}
				u.add(models.LayerMines, bad)
				msg := UnreadMessage(l, u)
				want := map[i18n.Lang]string{i18n.ZH: "无法读取", i18n.EN: "cannot be read"}[l]
				if !strings.Contains(msg, want) || !strings.Contains(msg, "mines #") {
					t.Errorf("%s: %q", l, msg)
				}
			}

			// Reads: the whole layer, with the damaged feature marked.
			var got *models.Feature
			n := 0
			err = st.Features(ctx, models.LayerMines, nil, func(f *models.Feature) error {
				n++
				if f.ID == bad {
					got = f
				}
				return nil
			})
			if err != nil || n != 3 || got == nil {
				t.Fatalf("features: %d read, damaged one %v, %v", n, got, err)
			}
			var ge *models.GeometryError
			if got.Geometry != nil || !errors.As(got.GeomErr, &ge) || ge.ID != bad {
				t.Errorf("damaged feature: geometry %v, error %v", got.Geometry, got.GeomErr)
			}
			if fs, err := st.Search(ctx, "坏矿", 10); err != nil || len(fs) != 1 || fs[0].GeomErr == nil {
				t.Errorf("search: %v %v", fs, err)
			}
			for _, m := range unreadMines {
				x, y := v.ToPixel(m.centre)
				f, err := Pick(ctx, st, v, x, y, PickTolerance, nil, nil)
				if err != nil {
					t.Fatalf("pick %s: %v", m.name, err)
				}
				if (f != nil && f.Attrs.Name == m.name) != (m.name != "坏矿") {
					t.Errorf("pick at %s: %v", m.name, f)
				}
			}
			box := v.Bound()
			if fs, _, err := SelectBox(ctx, st, box, nil, nil, 100); err != nil || len(fs) != 3 { // two mines and the road
				t.Errorf("box select: %d features, %v", len(fs), err)
			}

			// The inspector's measures say why, in both languages.
			in := Inspect(got)
			if in.Unreadable == nil || in.Vertices != 0 {
				t.Errorf("inspection %+v", in)
			}
			for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
				if s := GeometryErrorText(l, in.Unreadable); s == "" || strings.Contains(s, "gpkg") || strings.Contains(s, "wkb-") {
					t.Errorf("%s: reason %q is not worded", l, s)
				}
			}

			// An attribute edit would write the feature back without its
			// bytes: refused, the file unchanged.
			if _, err := SetAttribute(ctx, st, models.LayerMines, bad, "name", "改名"); !errors.As(err, &ge) {
				t.Errorf("edit of the damaged feature: %v", err)
			} else if msg := Message(i18n.ZH, err); !strings.Contains(msg, "无法读取") {
				t.Errorf("edit refused with %q", msg)
			}
			if f, err := st.Feature(ctx, models.LayerMines, bad); err != nil || f.Attrs.Name != "坏矿" || f.GeomErr == nil {
				t.Errorf("after the refused edit: %v %v", f, err)
			}

			// A plate of it.
			plateFontOrSkip(t)
			opt := plateOptions(t, "survey", PlateExtent{Bound: box, Name: "测试"})
			opt.Paper, opt.Landscape = "A4", false
			opt.Unread = &UnreadGeometries{}
			var buf bytes.Buffer
			if err := WritePlate(ctx, st, opt, PlatePNG, 50, &buf); err != nil {
				t.Fatalf("plate: %v", err)
			}
			if _, err := png.Decode(&buf); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 1, false: 0}[tc.inBoxes]; opt.Unread.Count() != want {
				t.Errorf("plate reports %d unread, want %d", opt.Unread.Count(), want)
			}
		})
	}
}

// TestInspectMissingGeometry: a feature with no geometry, or an empty
// one, is said to have none rather than shown with measures of nothing.
func TestInspectMissingGeometry(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    orb.Geometry
	}{
		{"null", nil},
		{"empty multipolygon", orb.MultiPolygon{}},
		{"empty line", orb.MultiLineString{}},
	} {
		in := Inspect(&models.Feature{Layer: models.LayerMines, Geometry: tc.g})
		if !in.Empty || in.Unreadable != nil || in.Problem != nil {
			t.Errorf("%s: %+v", tc.name, in)
		}
	}
	if in := Inspect(&models.Feature{Geometry: orb.Point{106.8, 39.6}}); in.Empty {
		t.Errorf("a point is not empty: %+v", in)
	}
}
