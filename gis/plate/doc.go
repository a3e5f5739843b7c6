// Package plate owns the layout of print plates (图件): a sheet of paper
// with a map frame at an exact scale, a title, a legend, a scale bar and
// numeric scale, a north arrow, a coordinate grid or graticule with
// labels and frame ticks, a coordinate-system note, a title block (图签),
// an overview inset and an optional table, drawn onto a Surface: a PDF
// page (gis/pdf, vector with embedded subset fonts), an SVG document or
// a raster (gis/render's Raster) at any resolution.
//
// Coordinates and units. Paper is given in millimetres. Layout happens in
// dots of the output resolution (DPI): x right, y down from the sheet's
// upper left corner. The map frame is a gis/render View whose pixels are
// those dots, so geometry is simplified to the output resolution and a
// frame at 1:N has MetresPerPixel = N·0.0254/DPI exactly at its centre.
// Geometries are lon/lat degrees (CGCS2000). Text sizes are points.
//
// The package is domain-free: the caller supplies the layers (styled
// gis/render layers), the legend entries, the texts in the user's language
// and the title block. It never imports models or app.
package plate
