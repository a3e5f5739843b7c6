package gui

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/render"
	"minerehab/models"
)

// AppID is the Fyne application ID; preferences are kept under it.
const AppID = "cn.gov.wuhai.minerehab"

// Config configures the window.
type Config struct {
	// ProjectPath is opened at start; "" opens the last project from the
	// preferences (silently skipped when that file is gone), if any, else
	// the sample (see Sample).
	ProjectPath string
	// Open and Create are wired by main.go to models/store; nil Create
	// disables "New project".
	Open   func(path string) (models.Store, error)
	Create func(path string) (models.Store, error)
	// Sample writes the bundled sample project to path, a new file; with
	// it, the first start (no project named, none remembered) opens the
	// sample, made if missing (firststart.go). nil: the welcome page.
	Sample func(path string) error
	// Lang is the language when the user has not picked one in the window:
	// a language remembered in the preferences wins over it, and
	// MINEREHAB_LANG (an explicit choice for this run) wins over both.
	// "" means i18n.FromEnv().
	Lang i18n.Lang
	// ErrorText turns an error into a sentence in the user's language (the
	// app layer provides it); nil -> err.Error().
	ErrorText func(l i18n.Lang, err error) string
}

// Run creates the Fyne app with its theme and the main window, shows it
// and returns when the app quits, after the open project is closed.
func Run(cfg Config) {
	a := app.NewWithID(AppID)
	fs := installTheme(a)
	// Opening the GL window takes the main thread a third of a second;
	// parsing the UI font's regular and bold faces (16 MB of CFF each,
	// copied by go-text; buttons are bold) as long again, the first time a
	// label is measured. All at once: the faces are parsed on another
	// goroutine while the window opens, empty, at its remembered size,
	// and the widgets are built once they are in.
	// The project is opened meanwhile too.
	faces := warmFaces()
	pre := startPreopen(cfg, a.Preferences())
	win := a.NewWindow("minerehab")
	win.Resize(savedWindowSize(a.Preferences()))
	win.Show()
	<-faces
	m := newMainWindow(a, cfg, win, pre)
	m.font = fs
	m.mapView.setFont(fs.Map)
	if fs.Err != nil {
		m.showFontWarning()
	}
	m.traceFirstFrame()
	m.win.ShowAndRun()
	m.Shutdown()
}

// MainWindow is minerehab's main window: menu, toolbar, the map in the
// centre (the welcome page when no project is open), on the left the
// layer panel and the project summary as tabs, status bar.
//
// Fields are owned by the Fyne UI goroutine except store, storePath and
// shared, which only jobs on io touch.
type MainWindow struct {
	app fyne.App
	win fyne.Window
	cfg Config

	pre        *preopened // the project opened at start, until open takes it
	lang       i18n.Lang
	path       string       // the open project, "" when none
	info       *models.Info // its summary; nil when none or when Info failed
	busy       bool         // a job that opens or creates a project is queued
	pending    string       // the file it opens or creates
	pendingKey string       // and what it does, as a status message key
	recent     []string
	font       fontStatus

	toolbar    *toolbar
	layers     *layerPanel
	summary    *summaryPanel // the centre without a project: welcome, loading
	details    *summaryPanel // the project summary tab
	mapView    *mapView
	sideTabs   *container.AppTabs
	split      *container.Split // map | inspector
	layerSplit *container.Split // layer panel | the rest
	layersTab  *container.TabItem
	detailsTab *container.TabItem
	status     *statusBar
	inspector  *inspector
	shared     *sharedStore // the open project's store, lent to the map (UI copy)
	unreadSaid *sharedStore // the project whose unreadable geometries the status bar has named

	selected  []*models.Feature   // the selection, in the order picked
	current   int                 // the one the inspector shows
	history   historyState        // labels for Undo and Redo
	styles    []models.LayerStyle // the open project's layer styles
	dash      *dashboardView      // the open dashboard window, nil when closed
	screen    *screenView         // the open screening window, nil when closed
	themes    *themeUI            // colouring the mines (maptheme.go)
	surveys   *surveyUI           // field surveys: overlay, form, list (survey*.go)
	snapGen   uint64              // generation of the snapping index being built
	snapView  render.View         // the view it was built for
	snapBound orb.Bound           // the area it covers

	plate       *plateForm // the open Print plate dialog (tests drive it)
	crossingFix func()     // the crossing dialog's Fix button (tests press it)

	// The corner-coordinate box's check and text (tests drive them).
	cornersParse   func()
	cornersText    *widget.Entry
	cornersReplace *widget.Check
	cornersSave    func()

	// The open attribute form of a new feature (tests submit it).
	featureForm       *dialog.FormDialog
	featureFormSubmit func() bool

	io          serial
	previews    serial       // import previews: file reads that never touch the store
	store       models.Store // worker-owned
	storePath   string       // worker-owned
	storeShared *sharedStore // worker-owned: shut before store closes
	ctx         context.Context
	cancel      context.CancelFunc
	closing     atomic.Bool
}

// NewMainWindow builds the main window of a (a real or a test app) and
// starts opening cfg.ProjectPath, or the last project. It does not show
// the window.
func NewMainWindow(a fyne.App, cfg Config) *MainWindow {
	return newMainWindow(a, cfg, a.NewWindow("minerehab"), nil)
}

// newMainWindow is NewMainWindow in a window made already, with the
// project to open at start being opened already (pre, may be nil).
func newMainWindow(a fyne.App, cfg Config, win fyne.Window, pre *preopened) *MainWindow {
	m := &MainWindow{app: a, cfg: cfg, win: win, pre: pre}
	m.ctx, m.cancel = context.WithCancel(context.Background())
	m.lang = m.initialLang()
	m.recent = loadRecent(a.Preferences())

	m.toolbar = newToolbar(m)
	m.layers = newLayerPanel(m.lang)
	m.layers.onVisible = m.setLayerVisible
	m.layers.onZoom = m.zoomToLayer
	m.layers.onStyle = m.showLayerStyle
	m.summary = newSummaryPanel(m.lang)
	m.summary.onNew, m.summary.onOpen, m.summary.onRecent = m.showNewDialog, m.showOpenDialog, m.OpenProject
	m.details = newSummaryPanel(m.lang)
	m.details.state = summaryProject
	m.status = newStatusBar(m.lang)
	m.status.onScale = m.setScale
	m.mapView = newMapView(m.lang)
	m.mapView.onCursor = m.status.setCursor
	m.mapView.onError = m.mapError
	m.mapView.onUnread = m.unreadGeometries
	m.mapView.onFocus = func() { m.win.Canvas().Focus(m.mapView) }
	m.mapView.onPick = m.pickAt
	m.mapView.onBox = m.boxSelect
	m.mapView.onEscape = func() { m.setSelection(nil, 0); m.mapView.setMark(nil); m.mapView.setWarnings(nil) }
	m.mapView.onDelete = m.deleteSelected
	m.mapView.onView = func() { m.mapViewChanged(); m.viewMovedForTool() }
	m.surveys = newSurveyUI(m) // wraps onView and onPick
	m.themes = newThemeUI(m)   // wraps onView
	m.inspector = newInspector(m.lang)
	m.inspector.onEdit = m.editAttribute
	m.inspector.compute = m.inspectOffUI
	m.inspector.onZoom = m.zoomToSelection
	m.inspector.onSelect = func(i int) { m.setSelection(m.selected, i) }

	m.layersTab = container.NewTabItem("", container.NewPadded(m.layers))
	m.detailsTab = container.NewTabItem("", m.details)
	m.sideTabs = container.NewAppTabs(m.layersTab, m.detailsTab)
	left := container.NewBorder(nil, nil, nil, widget.NewSeparator(), container.NewBorder(nil, m.themes.box, nil, nil, m.sideTabs))
	centre := container.NewStack(m.summary, m.mapView)
	m.split = container.NewHSplit(centre, container.NewBorder(nil, nil, widget.NewSeparator(), nil, m.inspector))
	m.layerSplit = container.NewHSplit(left, m.split)
	m.win.SetContent(container.NewBorder(m.toolbar, m.status, nil, nil, m.layerSplit))
	m.restoreWindow()
	m.win.SetMaster()
	// Saved while Fyne can still write its preferences file (see saveWindow).
	m.win.SetCloseIntercept(func() { m.saveWindow(); m.win.Close() })
	m.addShortcuts()
	m.addMapKeys()
	m.addEditShortcuts()
	m.refresh()

	switch s := startProject(cfg, m.recent); {
	case s.err != nil:
		m.sampleFailed(s.err)
	case s.path != "":
		m.open(s)
	}
	return m
}

// Window returns the Fyne window.
func (m *MainWindow) Window() fyne.Window { return m.win }

// Lang returns the language of the labels.
func (m *MainWindow) Lang() i18n.Lang { return m.lang }

// ProjectPath returns the open project's file, "" when none is open.
func (m *MainWindow) ProjectPath() string { return m.path }

// SetLang switches every label to l at once and remembers the choice.
func (m *MainWindow) SetLang(l i18n.Lang) {
	m.lang = l
	m.app.Preferences().SetString(prefLang, string(l))
	m.refresh()
}

// initialLang: MINEREHAB_LANG, else the remembered choice, else cfg.Lang,
// else the locale.
func (m *MainWindow) initialLang() i18n.Lang {
	if s := os.Getenv(LangEnv); s != "" {
		return i18n.Parse(s)
	}
	if s := m.app.Preferences().String(prefLang); s != "" {
		return i18n.Parse(s)
	}
	if m.cfg.Lang != "" {
		return m.cfg.Lang
	}
	return i18n.FromEnv()
}

// LangEnv is the environment variable that picks the language for one run,
// over the one remembered in the preferences.
const LangEnv = "MINEREHAB_LANG"

// t translates a key into the window's language.
func (m *MainWindow) t(key string, args i18n.Args) string { return i18n.T(m.lang, key, args) }

// refresh brings every label, the title and the menu up to date with the
// window's state and language.
func (m *MainWindow) refresh() {
	if m.path == "" {
		m.win.SetTitle(m.t("gui.title.none", nil))
	} else {
		m.win.SetTitle(m.t("gui.title.project", i18n.Args{"name": filepath.Base(m.path)}))
	}
	m.win.SetMainMenu(m.mainMenu())
	m.toolbar.Refresh()
	panel := m.layers.MinSize()
	m.layers.set(m.lang, m.info)
	// When the layer panel widens (counts, areas), lay the window out now,
	// so the map is shown and drawn at the size it keeps, not drawn at the
	// old one and again after the next paint's layout.
	if c, ok := m.win.Content().(*fyne.Container); ok && c.Layout != nil && m.layers.MinSize() != panel {
		c.Layout.Layout(c.Objects, c.Size())
	}
	s := m.summary
	s.lang, s.path, s.info, s.recent = m.lang, m.path, m.info, m.recent
	switch {
	case m.busy:
		s.state, s.path, s.loadingKey = summaryLoading, m.pending, m.pendingKey
	case m.path == "":
		s.state = summaryNone
	default:
		s.state = summaryProject
	}
	// The map takes the centre while a project is open; the welcome and
	// loading pages take it otherwise.
	if s.state == summaryProject {
		s.Hide()
		m.mapView.Show()
	} else {
		m.mapView.Hide()
		s.Show()
	}
	s.Refresh()
	d := m.details
	d.lang, d.path, d.info = m.lang, m.path, m.info
	d.Refresh()
	m.layersTab.Text = m.t("gui.tab.layers", nil)
	m.detailsTab.Text = m.t("gui.tab.summary", nil)
	// No project, no summary: the tab is greyed out.
	if m.path == "" {
		m.sideTabs.Select(m.layersTab)
		m.sideTabs.DisableItem(m.detailsTab)
	} else {
		m.sideTabs.EnableItem(m.detailsTab)
	}
	m.sideTabs.Refresh()
	m.mapView.setLang(m.lang)
	m.surveys.refresh()
	m.inspector.set(m.lang, m.selected, m.current)
	m.status.setLang(m.lang)
	m.status.setScale(m.mapView.scale())
}

// errorText is a sentence for err in the user's language.
func (m *MainWindow) errorText(err error) string {
	if m.cfg.ErrorText != nil {
		return m.cfg.ErrorText(m.lang, err)
	}
	return err.Error()
}

// Shutdown closes the open project and waits for background work; the
// window must not be used afterwards. Run calls it when the app quits.
func (m *MainWindow) Shutdown() {
	if m.closing.Swap(true) {
		return
	}
	m.saveWindow()
	m.cancel()
	m.mapView.shutdown()
	m.io.Go(m.closeStore)
	m.io.Wait()
	m.previews.Wait()
	m.mapView.wait()
}

// quit ends the application (File > Quit, Ctrl+Q).
func (m *MainWindow) quit() { m.saveWindow(); m.app.Quit() }
