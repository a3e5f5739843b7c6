// Package fonts finds a Simplified Chinese font on the system (or the one
// named by $MINEREHAB_FONT) and cuts the wanted face out of a TrueType /
// OpenType collection (.ttc), so that the window's theme (Fyne) and the
// map labels (minerehab/gis/render) draw Chinese with Chinese glyph forms,
// never boxes. It reads font files only; no Fyne, no drawing. Sizes and
// offsets are bytes.
package fonts
