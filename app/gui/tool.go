package gui

import (
	"fyne.io/fyne/v2"

	"minerehab/gis/render"
)

// mapTool is an editing tool the map hands its mouse and keys to before
// navigating: drawing a feature, editing vertices. Positions are in map
// points. A method returning false lets the map do its usual thing
// (a tap selects, a drag pans, keys navigate).
type mapTool interface {
	tap(p fyne.Position) bool
	doubleTap(p fyne.Position) bool
	move(p fyne.Position)
	// dragStart is asked when a drag begins at from; true takes the drag.
	dragStart(from fyne.Position) bool
	drag(p fyne.Position)
	dragEnd()
	key(name fyne.KeyName) bool
	typedRune(r rune) bool
	// objects draws the tool over the map for view v (sketch lines,
	// handles, the snap marker); called by the renderer, no I/O.
	objects(v render.View) []fyne.CanvasObject
}

// setTool makes t the map's tool (nil: navigate and select).
func (m *mapView) setTool(t mapTool) {
	m.tool = t
	m.toolDrag = false
	m.Refresh()
}
