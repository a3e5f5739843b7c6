package app

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"

	"minerehab/gis/geojson"
	"minerehab/gis/measure"
	"minerehab/models"
)

// ExportGeoJSON writes a layer as an RFC 7946 FeatureCollection: lon/lat,
// counter-clockwise exteriors, 7 decimals, the original properties byte-exact.
func ExportGeoJSON(ctx context.Context, st models.Store, layer string, w io.Writer) (int, error) {
	if _, ok := models.LayerByName(layer); !ok {
		return 0, &FileError{Code: "unknown-layer", Err: fmt.Errorf("unknown layer %q", layer)}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	gw := geojson.NewWriter(bw)
	n := 0
	err := st.Features(ctx, layer, nil, func(f *models.Feature) error {
		if f.GeomErr != nil {
			return f.GeomErr // written without it, the geometry would be lost
		}
		n++
		return gw.Write([]byte(strconv.FormatInt(f.ID, 10)), f.Geometry, f.Props)
	})
	if err != nil {
		return n, err
	}
	if err := gw.Close(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// csvHeader is the column list of a CSV export.
var csvHeader = []string{"fid", "name", "licence", "district", "mineral", "method", "status", "kind",
	"feature_type", "area_m2", "area_ha", "area_mu", "centroid_lon", "centroid_lat", "properties", "wkt"}

// ExportCSV writes a layer as UTF-8 CSV (with a byte-order mark so that
// spreadsheet programs on Chinese Windows read it as UTF-8): the mapped
// attributes, areas in m², ha and 亩, a centroid, the original properties as
// JSON, and the geometry as WKT.
func ExportCSV(ctx context.Context, st models.Store, layer string, w io.Writer) (int, error) {
	if _, ok := models.LayerByName(layer); !ok {
		return 0, &FileError{Code: "unknown-layer", Err: fmt.Errorf("unknown layer %q", layer)}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(csvHeader); err != nil {
		return 0, err
	}
	n := 0
	ff := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	err := st.Features(ctx, layer, nil, func(f *models.Feature) error {
		if f.GeomErr != nil {
			return f.GeomErr // written without it, the geometry would be lost
		}
		n++
		var lon, lat, wktText string
		if f.Geometry != nil {
			c := centroid(f.Geometry)
			lon, lat = ff(c[0], 7), ff(c[1], 7)
			wktText = string(wkt.MarshalString(f.Geometry))
		}
		a := f.Attrs
		return cw.Write([]string{strconv.FormatInt(f.ID, 10), a.Name, a.Licence, a.District, a.Mineral, a.Method,
			string(a.Status), string(a.Kind), a.FeatureType, ff(f.AreaM2, 2), ff(measure.Hectares(f.AreaM2), 4),
			ff(measure.Mu(f.AreaM2), 3), lon, lat, string(f.Props), wktText})
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// centroid is the planar centroid of the bound's centre for points and lines
// and of the area for polygons; good enough for a table column.
func centroid(g orb.Geometry) orb.Point {
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		if c, a := planarCentroid(g); a != 0 {
			return c
		}
	case orb.Point:
		return g.(orb.Point)
	}
	return g.Bound().Center()
}
