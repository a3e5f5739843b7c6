package gui

import (
	"fyne.io/fyne/v2"

	"minerehab/app/i18n"
	"minerehab/models"
)

// toolsMenu is the Tools menu: drawing each kind of feature, editing
// vertices, deleting, merging, splitting, zone from selection.
func (m *MainWindow) toolsMenu() *fyne.Menu {
	noMap := m.path == "" || m.busy
	draw := func(key, layer string, mode drawMode) *fyne.MenuItem {
		it := fyne.NewMenuItem(m.t(key, nil), func() { m.startDraw(layer, mode) })
		it.Disabled = noMap
		return it
	}
	zone := fyne.NewMenuItem(m.t("gui.tools.zone", nil), nil)
	zone.ChildMenu = fyne.NewMenu("",
		draw("gui.tools.polygon", models.LayerZones, drawPolygon),
		draw("gui.tools.rect", models.LayerZones, drawRect),
		draw("gui.tools.circle", models.LayerZones, drawCircle))
	zone.Disabled = noMap
	one := len(m.selected) == 1
	editV := fyne.NewMenuItem(m.t("gui.tools.vertices", nil), m.startVertexEdit)
	editV.Disabled = noMap || !one || !editable(m.selected[0])
	move := fyne.NewMenuItem(m.t("gui.tools.move", nil), m.startMove)
	move.Disabled = noMap || len(m.selected) == 0
	del := fyne.NewMenuItem(m.t("gui.tools.delete", nil), m.deleteSelected)
	del.Disabled = noMap || len(m.selected) == 0
	merge := fyne.NewMenuItem(m.t("gui.tools.merge", nil), m.mergeSelected)
	merge.Disabled = noMap || !samePolygonLayer(m.selected)
	split := fyne.NewMenuItem(m.t("gui.tools.split", nil), m.startSplit)
	split.Disabled = noMap || !one || !isPolygon(m.selected[0])
	corners := fyne.NewMenuItem(m.t("gui.tools.corners", nil), m.showCornersDialog)
	corners.Disabled = noMap
	fromSel := fyne.NewMenuItem(m.t("gui.tools.zone_from_selection", nil), m.showZoneFromSelection)
	fromSel.Disabled = noMap || !hasMines(m.selected)
	snap := fyne.NewMenuItem(m.t("gui.tools.snap", nil), nil)
	var snapItems []*fyne.MenuItem
	cur := m.snapDistance()
	for _, d := range snapDistances {
		it := fyne.NewMenuItem(m.t("gui.tools.snap_px", i18n.Args{"n": d}), func() { m.setSnapDistance(d) })
		it.Checked = d == cur
		snapItems = append(snapItems, it)
	}
	snap.ChildMenu = fyne.NewMenu("", snapItems...)
	return fyne.NewMenu(m.t("gui.menu.tools", nil),
		zone,
		draw("gui.tools.plan_unit", models.LayerPlanUnits, drawPolygon),
		draw("gui.tools.site", models.LayerSites, drawPolygon),
		draw("gui.tools.fire_point", models.LayerFirePoints, drawPoint),
		draw("gui.tools.road", models.LayerRoads, drawLine),
		draw("gui.tools.reference", models.LayerReference, drawPolygon),
		draw("gui.tools.mine", models.LayerMines, drawPolygon),
		corners,
		m.surveyMenuItem(), // surveymenu.go
		fyne.NewMenuItemSeparator(),
		editV, move, del, merge, split, fromSel,
		fyne.NewMenuItemSeparator(),
		m.mineRecordsItem(), m.targetsItem(), // planedit.go
		fyne.NewMenuItem(m.t("screenwin.menu", nil), m.showScreening), // screening.go
		fyne.NewMenuItemSeparator(),
		snap,
	)
}

// editable: features with vertices to drag (not points).
func editable(f *models.Feature) bool {
	if f == nil {
		return false
	}
	_, pt := f.Geometry.(interface{ GeoJSONType() string })
	return pt && f.Geometry.GeoJSONType() != "Point"
}

func isPolygon(f *models.Feature) bool {
	if f.Geometry == nil { // none, or one that cannot be read
		return false
	}
	t := f.Geometry.GeoJSONType()
	return t == "Polygon" || t == "MultiPolygon"
}

func samePolygonLayer(fs []*models.Feature) bool {
	if len(fs) < 2 {
		return false
	}
	for _, f := range fs {
		if f.Layer != fs[0].Layer || !isPolygon(f) {
			return false
		}
	}
	return true
}

func hasMines(fs []*models.Feature) bool {
	for _, f := range fs {
		if f.Layer == models.LayerMines {
			return true
		}
	}
	return false
}
