package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/models"
)

// testStore is a test double of models.Store for the window only: it
// returns a fixed Info and records Close. The store itself is tested in
// models/store; TestRealStore opens the window on the real one.
type testStore struct {
	info    models.Info
	infoErr error

	mu     sync.Mutex
	closed int
}

func (s *testStore) Info(context.Context) (models.Info, error) { return s.info, s.infoErr }
func (s *testStore) BeginImport(context.Context) (models.ImportTx, error) {
	return nil, errors.New("the window does not import")
}

// Features finds nothing: the map draws an empty frame for these windows
// (TestMap* draw the real sample through the real store).
func (s *testStore) Features(context.Context, string, *orb.Bound, func(*models.Feature) error) error {
	return nil
}
func (s *testStore) Count(context.Context, string, *orb.Bound) (int, error) {
	return 0, errors.New("the window counts from Info")
}
func (s *testStore) Validate(context.Context) ([]models.Problem, error) { return nil, nil }
func (s *testStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed++
	return nil
}
func (s *testStore) closeCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func bound(w, s, e, n float64) *orb.Bound {
	b := orb.Bound{Min: orb.Point{w, s}, Max: orb.Point{e, n}}
	return &b
}

// wuhaiInfo is a plausible project: areas in m², extents in lon/lat.
func wuhaiInfo() models.Info {
	return models.Info{SchemaVersion: 3, Layers: []models.LayerInfo{
		{Name: models.LayerReference, Count: 9, Extent: bound(106.6, 39.15, 107.15, 39.95)},
		{Name: models.LayerZones, Count: 4, Extent: bound(106.75, 39.35, 107.0, 39.75), AreaM2: 23_456_000},
		{Name: models.LayerMines, Count: 1280, Extent: bound(106.72, 39.28, 107.05, 39.85), AreaM2: 48_213_456.7},
		{Name: models.LayerPlanUnits, Count: 0},
		{Name: models.LayerSites, Count: 342, Extent: bound(106.73, 39.3, 107.02, 39.8), AreaM2: 12_345_678.9},
		{Name: models.LayerRoads, Count: 56, Extent: bound(106.7, 39.25, 107.08, 39.86)},
		{Name: models.LayerFirePoints, Count: 17, Extent: bound(106.8, 39.4, 106.95, 39.6)},
	}}
}

// stores hands out test stores by path and records what was asked for.
type stores struct {
	mu      sync.Mutex
	byPath  map[string]*testStore
	opened  []string
	created []string
	fail    map[string]error
}

func newStores() *stores {
	return &stores{byPath: map[string]*testStore{}, fail: map[string]error{}}
}

func (s *stores) open(path string) (models.Store, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opened = append(s.opened, path)
	if err := s.fail[path]; err != nil {
		return nil, err
	}
	st := &testStore{info: wuhaiInfo()}
	s.byPath[path] = st
	return st, nil
}

func (s *stores) create(path string) (models.Store, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.created = append(s.created, path)
	st := &testStore{info: models.Info{SchemaVersion: 3}}
	for _, d := range models.Layers {
		st.info.Layers = append(st.info.Layers, models.LayerInfo{Name: d.Name})
	}
	s.byPath[path] = st
	return st, nil
}

func (s *stores) get(path string) *testStore {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byPath[path]
}

// newTestWindow builds a window on a fresh test app and waits for its
// start-up work.
func newTestWindow(t *testing.T, a fyne.App, cfg Config) *MainWindow {
	t.Helper()
	t.Setenv(LangEnv, "") // the tests pick the language through Config and the preferences
	m := NewMainWindow(a, cfg)
	t.Cleanup(m.Shutdown)
	settle(m)
	return m
}

// settle waits for the window's project I/O and then for the map renders
// it started (in the test driver fyne.Do runs on the calling goroutine, so
// a test must not look at widgets while either is running).
func settle(m *MainWindow) {
	m.previews.Wait()
	m.io.Wait()
	m.mapView.wait()
}

func config(s *stores, l i18n.Lang, path string) Config {
	return Config{ProjectPath: path, Open: s.open, Create: s.create, Lang: l}
}

// texts lists the text shown by the visible objects under o: labels,
// buttons, card titles and plain canvas text.
func texts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	switch w := o.(type) {
	case *widget.Label:
		return []string{w.Text}
	case *widget.Button:
		return []string{w.Text}
	case *canvas.Text:
		return []string{w.Text}
	case *widget.Card:
		return append([]string{w.Title, w.Subtitle}, texts(w.Content)...)
	case *fyne.Container:
		var out []string
		for _, c := range w.Objects {
			out = append(out, texts(c)...)
		}
		return out
	case fyne.Widget:
		var out []string
		for _, c := range test.WidgetRenderer(w).Objects() {
			out = append(out, texts(c)...)
		}
		return out
	}
	return nil
}

// layerRows maps each layer's display name to the texts of its row after
// the name: the area (when shown) and the count.
func layerRows(m *MainWindow) map[string][]string {
	r := test.WidgetRenderer(m.layers).(*layerPanelRenderer)
	out := map[string][]string{}
	for _, row := range r.rows {
		var got []string
		for _, s := range append(texts(row.area), texts(row.count)...) {
			if s != "" {
				got = append(got, s)
			}
		}
		out[row.name.Text] = got
	}
	return out
}

// summaryTexts shows the project summary tab and returns its texts.
func summaryTexts(m *MainWindow) []string {
	m.sideTabs.Select(m.detailsTab)
	defer m.sideTabs.Select(m.layersTab)
	return texts(m.details)
}

func TestLayerPanelShowsCountsAndAreas(t *testing.T) {
	tests := []struct {
		lang i18n.Lang
		want map[string][]string // display name -> count, area
	}{
		{i18n.ZH, map[string][]string{
			"矿山":          {"4,821.35 公顷 · 72,320.2 亩", "1,280"},
			"场地（排土场/采坑等）": {"1,234.57 公顷 · 18,518.5 亩", "342"},
			"火点":          {"17"},
			"道路":          {"56"},
			"参考要素":        {"9"},
			"整合区":         {"2,345.60 公顷 · 35,184.0 亩", "4"},
			"规划单元":        {"0"},
		}},
		{i18n.EN, map[string][]string{
			"Mines":                      {"4,821.35 ha · 72,320.2 mu", "1,280"},
			"Sites (spoil heaps, pits…)": {"1,234.57 ha · 18,518.5 mu", "342"},
			"Fire points":                {"17"},
			"Roads":                      {"56"},
			"Reference features":         {"9"},
			"Consolidation zones":        {"2,345.60 ha · 35,184.0 mu", "4"},
			"Plan units":                 {"0"},
		}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			m := newTestWindow(t, test.NewTempApp(t), config(newStores(), tc.lang, "/projects/wuhai.gpkg"))
			got := layerRows(m)
			for name, want := range tc.want {
				if !slices.Equal(got[name], want) {
					t.Errorf("row %q = %q, want %q", name, got[name], want)
				}
			}
			if len(got) != len(models.Layers) {
				t.Errorf("%d rows, want one per layer (%d)", len(got), len(models.Layers))
			}
			if title, want := m.win.Title(), "minerehab — wuhai.gpkg"; title != want {
				t.Errorf("title %q, want %q", title, want)
			}
		})
	}
}

func TestLayerPanelOrderIsTopFirst(t *testing.T) {
	m := newTestWindow(t, test.NewTempApp(t), config(newStores(), i18n.EN, ""))
	r := test.WidgetRenderer(m.layers).(*layerPanelRenderer)
	var got []string
	for _, row := range r.rows {
		got = append(got, row.def.Name)
		if row.count.Text != "–" {
			t.Errorf("no project open but %s shows count %q", row.def.Name, row.count.Text)
		}
		if row.area.Visible() {
			t.Errorf("no project open but %s shows an area", row.def.Name)
		}
	}
	want := []string{"fire_points", "roads", "sites", "plan_units", "mines", "zones", "reference"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestSummaryPanel(t *testing.T) {
	m := newTestWindow(t, test.NewTempApp(t), config(newStores(), i18n.ZH, "/projects/wuhai.gpkg"))
	got := strings.Join(summaryTexts(m), "|")
	for _, want := range []string{
		"wuhai.gpkg|项目概况",
		"文件|/projects/wuhai.gpkg",
		"数据结构版本|3",
		"要素总数|1,708",
		"矿山|1,280 个，4,821.35 公顷 · 72,320.2 亩",
		"范围|东经 106.600°–107.150°，北纬 39.150°–39.950°",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if s := m.status.text(); s != "已打开 wuhai.gpkg：7 个图层，共 1,708 个要素" {
		t.Errorf("status %q", s)
	}
}

// menuItem finds an item by the labels on the way to it.
func menuItem(t *testing.T, m *MainWindow, labels ...string) *fyne.MenuItem {
	t.Helper()
	items := []*fyne.MenuItem{}
	for _, top := range m.win.MainMenu().Items {
		if top.Label == labels[0] {
			items = top.Items
		}
	}
	var found *fyne.MenuItem
	for _, l := range labels[1:] {
		found = nil
		for _, it := range items {
			if it.Label == l {
				found = it
			}
		}
		if found == nil {
			t.Fatalf("no menu item %q (path %q)", l, labels)
		}
		if found.ChildMenu != nil {
			items = found.ChildMenu.Items
		}
	}
	return found
}

func menuLabels(m *MainWindow) []string {
	var out []string
	for _, top := range m.win.MainMenu().Items {
		out = append(out, top.Label)
		for _, it := range top.Items {
			if !it.IsSeparator {
				out = append(out, it.Label)
			}
		}
	}
	return out
}

func TestLanguageSwitch(t *testing.T) {
	a := test.NewTempApp(t)
	m := newTestWindow(t, a, config(newStores(), i18n.ZH, "/projects/wuhai.gpkg"))
	if got := menuLabels(m); !slices.Equal(got, []string{"文件", "新建项目…", "打开项目…", "最近项目", "导入数据…", "导出图层…", "打印图件…", "关闭项目", "退出", "编辑", "撤销", "重做", "取消选择", "缩放至所选要素", "查找矿山…", "定位到坐标…", "视图", "刷新", "绿色矿山进度看板", "矿山着色", "离线底图…", "放大", "缩小", "缩放到全图", "缩放到图层", "上一视图", "下一视图", "语言", "工具", "绘制整合区", "绘制规划单元", "绘制场地（排土场/采坑等）", "标注火点", "绘制道路", "绘制参考要素", "绘制矿界", "由拐点坐标创建多边形…", "野外调查", "编辑节点", "移动所选要素", "删除所选要素", "合并所选面", "用线分割所选面", "由所选矿山生成整合区…", "矿山台账…", "绿色矿山目标…", "黄河 3 公里范围排查…", "吸附距离", "帮助", "快捷键", "关于 minerehab"}) {
		t.Errorf("zh menu %q", got)
	}
	lang := menuItem(t, m, "视图", "语言", "中文")
	if !lang.Checked {
		t.Error("中文 not checked in a Chinese window")
	}

	// The switch lays the window out again, which may start a frame, and
	// in the test driver a frame lands on its own goroutine: in turn.
	act(m, menuItem(t, m, "视图", "语言", "English").Action)

	if got := menuLabels(m); !slices.Equal(got, []string{"File", "New Project…", "Open Project…", "Recent Projects", "Import data…", "Export layer…", "Print plate…", "Close Project", "Quit", "Edit", "Undo", "Redo", "Select none", "Zoom to selection", "Find mine…", "Go to coordinate…", "View", "Reload", "Green-mine dashboard", "Colour mines by", "Offline basemap…", "Zoom In", "Zoom Out", "Zoom to Full Extent", "Zoom to Layer", "Previous View", "Next View", "Language", "Tools", "Draw consolidation zone", "Draw plan unit", "Draw site (heap, pit…)", "Mark fire point", "Draw road", "Draw reference feature", "Draw mine boundary", "Polygon from corner coordinates…", "Field survey", "Edit vertices", "Move selected features", "Delete selected", "Merge selected polygons", "Split selected polygon with a line", "Zone from selected mines…", "Mine records…", "Green-mine targets…", "Yellow River 3 km screening…", "Snapping distance", "Help", "Keyboard shortcuts", "About minerehab"}) {
		t.Errorf("en menu %q", got)
	}
	if !menuItem(t, m, "View", "Language", "English").Checked {
		t.Error("English not checked after switching")
	}
	all := strings.Join(append(texts(m.win.Content()), summaryTexts(m)...), "|")
	for _, want := range []string{"Layers", "Summary", "Mines", "4,821.35 ha · 72,320.2 mu", "Schema version", "Opened wuhai.gpkg: 1,708 features in 7 layers", "New", "Zoom in", "Full extent", "Scale 1:", "中文"} {
		if !strings.Contains(all, want) {
			t.Errorf("after switching, no %q in %s", want, all)
		}
	}
	for _, gone := range []string{"矿山", "公顷", "图层", "已打开"} {
		if strings.Contains(all, gone) {
			t.Errorf("after switching, %q still shown", gone)
		}
	}
	if got := a.Preferences().String(prefLang); got != "en" {
		t.Errorf("preference lang = %q, want en", got)
	}

	// The choice is remembered: it wins over the locale's language (Config.Lang) …
	if m2 := newTestWindow(t, a, config(newStores(), i18n.ZH, "")); m2.Lang() != i18n.EN {
		t.Errorf("next window in %s, want the remembered en", m2.Lang())
	}
	// … but not over MINEREHAB_LANG, an explicit choice for one run.
	t.Setenv(LangEnv, "zh_CN.UTF-8")
	m4 := NewMainWindow(a, config(newStores(), i18n.EN, ""))
	m4.Shutdown()
	if m4.Lang() != i18n.ZH {
		t.Errorf("MINEREHAB_LANG=zh_CN gave %s", m4.Lang())
	}
}

func TestToolbarLanguageButton(t *testing.T) {
	m := newTestWindow(t, test.NewTempApp(t), config(newStores(), i18n.EN, ""))
	r := test.WidgetRenderer(m.toolbar).(*toolbarRenderer)
	test.Tap(r.langBtn)
	if m.Lang() != i18n.ZH || r.newBtn.Text != "新建" || r.langBtn.Text != "English" {
		t.Errorf("after tapping 中文: lang %s, new %q, switch %q", m.Lang(), r.newBtn.Text, r.langBtn.Text)
	}
	if !r.closeBtn.Disabled() || !r.reloadBtn.Disabled() {
		t.Error("Close and Reload enabled without a project")
	}
}

// dialogTexts returns the texts of the topmost overlay (a dialog), or nil.
func dialogTexts(m *MainWindow) []string {
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return texts(top)
}

func TestOpenErrorShowsDialog(t *testing.T) {
	s := newStores()
	bad := "/projects/坏文件.gpkg"
	s.fail[bad] = fmt.Errorf("open %s: %w", bad, models.ErrNotProject)
	cfg := config(s, i18n.ZH, "/projects/wuhai.gpkg")
	cfg.ErrorText = func(l i18n.Lang, err error) string {
		if errors.Is(err, models.ErrNotProject) && l == i18n.ZH {
			return "该文件不是 minerehab 项目文件。"
		}
		return "unexpected: " + err.Error()
	}
	m := newTestWindow(t, test.NewTempApp(t), cfg)

	m.OpenProject(bad)
	settle(m)

	got := dialogTexts(m)
	for _, want := range []string{"出错了", "无法打开项目 " + bad, "该文件不是 minerehab 项目文件。", "确定"} {
		if !slices.Contains(got, want) {
			t.Errorf("dialog %q lacks %q", got, want)
		}
	}
	if m.ProjectPath() != "/projects/wuhai.gpkg" {
		t.Errorf("after a failed open the project is %q, want the one that was open", m.ProjectPath())
	}
	if st := s.get("/projects/wuhai.gpkg"); st.closeCount() != 0 {
		t.Error("a failed open closed the open project")
	}
	if got := m.status.text(); got != "未能打开 坏文件.gpkg" {
		t.Errorf("status %q", got)
	}
}

func TestErrorTextDefaultsToErrorString(t *testing.T) {
	s := newStores()
	s.fail["/p/x.gpkg"] = errors.New("disk on fire")
	m := newTestWindow(t, test.NewTempApp(t), config(s, i18n.EN, "/p/x.gpkg"))
	got := dialogTexts(m)
	for _, want := range []string{"Something went wrong", "Could not open the project /p/x.gpkg", "disk on fire", "OK"} {
		if !slices.Contains(got, want) {
			t.Errorf("dialog %q lacks %q", got, want)
		}
	}
	if m.ProjectPath() != "" {
		t.Errorf("project %q open after the only open failed", m.ProjectPath())
	}
}

func TestInfoErrorKeepsProjectOpen(t *testing.T) {
	s := newStores()
	m := newTestWindow(t, test.NewTempApp(t), config(s, i18n.EN, "/p/a.gpkg"))
	s.get("/p/a.gpkg").infoErr = errors.New("no such table: gpkg_contents")
	m.Reload()
	settle(m)
	if got := dialogTexts(m); !slices.Contains(got, "Could not read the summary of a.gpkg") || !slices.Contains(got, "no such table: gpkg_contents") {
		t.Errorf("dialog %q", got)
	}
	if m.ProjectPath() != "/p/a.gpkg" {
		t.Errorf("project %q, want still a.gpkg", m.ProjectPath())
	}
	if rows := layerRows(m); rows["Mines"][0] != "–" {
		t.Errorf("mines row %q after Info failed, want –", rows["Mines"])
	}
}

func TestOpenSwitchesAndClosesPrevious(t *testing.T) {
	dir := t.TempDir()
	pa, pb := filepath.Join(dir, "a.gpkg"), filepath.Join(dir, "b.gpkg")
	for _, p := range []string{pa, pb} { // the test stores never read them; the start-up check stats them
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := newStores()
	a := test.NewTempApp(t)
	m := newTestWindow(t, a, config(s, i18n.EN, pa))
	m.OpenProject(pb)
	settle(m)
	if m.ProjectPath() != pb || s.get(pa).closeCount() != 1 {
		t.Errorf("project %q, a closed %d times", m.ProjectPath(), s.get(pa).closeCount())
	}
	// Opening the open project again re-reads it without reopening.
	m.OpenProject(pb)
	settle(m)
	if n := len(s.opened); n != 2 {
		t.Errorf("%d opens, want 2: %v", n, s.opened)
	}
	if got := a.Preferences().StringList(prefRecent); !slices.Equal(got, []string{pb, pa}) {
		t.Errorf("recent %q", got)
	}
	if it := menuItem(t, m, "File", "Recent Projects"); len(it.ChildMenu.Items) != 4 { // 2 files, separator, Clear
		t.Errorf("recent menu has %d items", len(it.ChildMenu.Items))
	}
	m.CloseProject()
	settle(m)
	if m.ProjectPath() != "" || s.get(pb).closeCount() != 1 || m.win.Title() != "minerehab" {
		t.Errorf("after close: project %q, b closed %d, title %q", m.ProjectPath(), s.get(pb).closeCount(), m.win.Title())
	}
	if !menuItem(t, m, "File", "Close Project").Disabled {
		t.Error("Close enabled without a project")
	}
	got := strings.Join(texts(m.summary), "|")
	if !strings.Contains(got, "No project open") || !strings.Contains(got, "b.gpkg|"+dir) {
		t.Errorf("welcome page %q", got)
	}
	// The last project opens at the next start.
	m2 := newTestWindow(t, a, config(s, i18n.EN, ""))
	if m2.ProjectPath() != pb {
		t.Errorf("next start opened %q, want the last project", m2.ProjectPath())
	}
	menuItem(t, m2, "File", "Recent Projects", "Clear List").Action()
	if got := a.Preferences().StringList(prefRecent); len(got) != 0 {
		t.Errorf("recent after clearing: %q", got)
	}
}

// TestMissingLastProjectIsQuiet, for a window made alone and one made as
// Run makes it (the project opened beside it).
func TestMissingLastProjectIsQuiet(t *testing.T) {
	for name, start := range map[string]func(*testing.T, fyne.App, Config) *MainWindow{
		"alone": newTestWindow, "as Run": startWindow,
	} {
		t.Run(name, func(t *testing.T) {
			a := test.NewTempApp(t)
			gone := filepath.Join(t.TempDir(), "gone.gpkg")
			a.Preferences().SetStringList(prefRecent, []string{gone})
			s := newStores()
			m := start(t, a, config(s, i18n.EN, ""))
			if len(s.opened) != 0 || dialogTexts(m) != nil {
				t.Errorf("opened %v, dialog %v: a missing last project must only be noted", s.opened, dialogTexts(m))
			}
			if got := m.status.text(); got != "The last project no longer exists: "+gone {
				t.Errorf("status %q", got)
			}
		})
	}
}

func TestCreateProject(t *testing.T) {
	dir := t.TempDir()
	// Fyne's save dialog leaves an empty file where the user pointed.
	chosen := filepath.Join(dir, "乌海")
	if err := os.WriteFile(chosen, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := newStores()
	m := newTestWindow(t, test.NewTempApp(t), config(s, i18n.ZH, ""))
	m.create(chosen, true)
	settle(m)
	if want := chosen + ".gpkg"; !slices.Equal(s.created, []string{want}) || m.ProjectPath() != want {
		t.Errorf("created %v, open %q", s.created, m.ProjectPath())
	}
	if _, err := os.Stat(chosen); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dialog's empty file is still there: %v", err)
	}
	if rows := layerRows(m); !slices.Equal(rows["矿山"], []string{"0"}) {
		t.Errorf("new project mines row %q", rows["矿山"])
	}
	if got := strings.Join(summaryTexts(m), "|"); !strings.Contains(got, "范围|（尚无要素）") {
		t.Errorf("summary of an empty project: %s", got)
	}
}

func TestShortcuts(t *testing.T) {
	s := newStores()
	cfg := config(s, i18n.ZH, "")
	cfg.Create = nil
	m := newTestWindow(t, test.NewTempApp(t), cfg)
	sc := m.win.Canvas().(fyne.Shortcutable)

	sc.TypedShortcut(shortcutNew) // no Create: nothing happens
	if m.win.Canvas().Overlays().Top() != nil {
		t.Error("Ctrl+N opened a dialog without Create")
	}
	if !menuItem(t, m, "文件", "新建项目…").Disabled {
		t.Error("New enabled without Create")
	}
	sc.TypedShortcut(shortcutOpen)
	if m.win.Canvas().Overlays().Top() == nil {
		t.Error("Ctrl+O opened no dialog")
	}
	for _, tc := range []struct {
		path []string
		sc   fyne.Shortcut
	}{
		{[]string{"文件", "新建项目…"}, shortcutNew},
		{[]string{"文件", "打开项目…"}, shortcutOpen},
		{[]string{"文件", "退出"}, shortcutQuit},
	} {
		if it := menuItem(t, m, tc.path...); it.Shortcut == nil || it.Shortcut.ShortcutName() != tc.sc.ShortcutName() {
			t.Errorf("%v shows shortcut %v", tc.path, it.Shortcut)
		}
	}
	if !menuItem(t, m, "文件", "退出").IsQuit {
		t.Error("Quit is not marked IsQuit: Fyne would add a second one")
	}
}

func TestAboutDialog(t *testing.T) {
	m := newTestWindow(t, test.NewTempApp(t), config(newStores(), i18n.EN, ""))
	menuItem(t, m, "Help", "Keyboard shortcuts", "About minerehab").Action()
	got := strings.Join(dialogTexts(m), "|")
	if !strings.Contains(got, "Wuhai Natural Resources Bureau") || !strings.Contains(got, "Version dev") {
		t.Errorf("about %q", got)
	}
}

// TestLayerPanelFollowsOrder checks that the panel's rows move, laid out
// top layer first, when the drawing order changes: they are laid out
// again, not refreshed.
func TestLayerPanelFollowsOrder(t *testing.T) {
	m := newTestWindow(t, test.NewTempApp(t), config(newStores(), i18n.EN, "/projects/wuhai.gpkg"))
	m.win.Resize(fyne.NewSize(1200, 900))
	r := test.WidgetRenderer(m.layers).(*layerPanelRenderer)
	var styles []models.LayerStyle
	for i, l := range models.Layers {
		// Reversed: the first layer of models.Layers is now on top.
		styles = append(styles, models.LayerStyle{Layer: l.Name, Visible: true, Opacity: 1, Order: len(models.Layers) - i})
	}
	m.layers.setStyles(styles)
	rowOf := map[fyne.CanvasObject]string{}
	for _, row := range r.rows {
		rowOf[row.box] = row.def.Name
	}
	var got []string
	lastY := float32(-1)
	for _, o := range r.list.Objects[len(r.head):] {
		got = append(got, rowOf[o])
		if y := o.Position().Y; y <= lastY {
			t.Errorf("%s at y %v, not below the row before (y %v)", rowOf[o], y, lastY)
		} else {
			lastY = y
		}
	}
	var want []string
	for _, l := range models.Layers {
		want = append(want, l.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
}
