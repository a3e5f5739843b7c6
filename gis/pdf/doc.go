// Package pdf owns writing PDF 1.7 files: pages of vector paths (fill,
// stroke, clip, dash, opacity), RGB images, and text in embedded, subset
// TrueType fonts (Type0 / CIDFontType2, Identity-H, with a ToUnicode CMap
// so Chinese stays selectable and searchable). Canvas adapts a page to
// gis/render's Canvas so render.Draw can draw a map on it in vector form.
//
// Coordinates and units. Page sizes and the Page drawing operators use PDF
// user space: points (1/72 inch), origin at the lower left corner, y up,
// until Transform changes it. Canvas works in its own pixel units (x
// right, y down) scaled onto the page.
//
// Output is deterministic: objects are numbered in a fixed order, nothing
// depends on map iteration or the clock (set Options.CreationDate to stamp
// a date), so the same drawing gives the same bytes.
//
// The package is domain-free: it imports golang.org/x/image (font parsing)
// and gis/render (for the Canvas adapter) only.
package pdf
