package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"minerehab/gis/corners"
	"minerehab/gis/crs"
	"minerehab/gis/measure"
	"minerehab/models"
)

// ExportCorners writes a polygon layer as a corner-coordinate (界址点) file
// in the coordinate system epsg: one parcel per feature, X (northing)
// before Y (easting, with the zone prefix when the system has one), 3
// decimals for metres (9 for degrees), CRLF line ends, UTF-8. A feature
// imported in that very system (or its zone-prefix sibling) is written
// from its stored source geometry, exactly; any other is projected from
// lon/lat (from the source geometry when there is one, so that rings keep
// their first corner and direction). The header fields come from the feature's properties
// (地块名称, 地块编号, …), else from its name, licence and area.
func ExportCorners(ctx context.Context, st models.Store, layer string, epsg int, w io.Writer) (int, error) {
	def, ok := models.LayerByName(layer)
	if !ok {
		return 0, &FileError{Code: "unknown-layer", Err: fmt.Errorf("unknown layer %q", layer)}
	}
	if def.Geometry != models.KindMultiPolygon && def.Geometry != models.KindAny {
		return 0, &FileError{Code: "corners-not-polygons", Err: fmt.Errorf("layer %q holds no polygons", layer)}
	}
	dst, err := crs.ByEPSG(epsg)
	if err != nil {
		return 0, &FileError{Code: "bad-crs-option", Err: err}
	}
	if dst.Method == crs.MethodWebMercator {
		return 0, &FileError{Code: "bad-crs-option", Err: &crs.Error{Code: crs.CodeUnsupportedCRS, Input: dst.String()}}
	}
	out := &corners.File{EPSG: epsg}
	n := 0
	err = st.Features(ctx, layer, nil, func(f *models.Feature) error {
		if f.GeomErr != nil {
			return f.GeomErr
		}
		index := n
		n++
		g, err := cornerGeometry(f, dst)
		if err != nil {
			return &FeatureError{Index: index, ID: strconv.FormatInt(f.ID, 10), Name: f.Attrs.Name, Code: "out-of-zone", Detail: err.Error(), Err: err}
		}
		p, err := corners.NewParcel(g, cornerAttrs(f))
		if err != nil {
			return &FeatureError{Index: index, ID: strconv.FormatInt(f.ID, 10), Name: f.Attrs.Name, Code: "wrong-geometry-type", Detail: geometryName(f.Geometry), Err: err}
		}
		out.Parcels = append(out.Parcels, p)
		return nil
	})
	if err != nil {
		return n, err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := corners.Write(bw, out, corners.WriteOptions{CRLF: true}); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// cornerGeometry is a feature's polygons in dst: the stored source geometry
// (kept only while the geometry is unedited) when it was imported in dst,
// or in dst's zone-prefix sibling (shifted by the prefix exactly), or
// converted from its own system; else the lon/lat geometry projected.
func cornerGeometry(f *models.Feature, dst *crs.CRS) (orb.Geometry, error) {
	if s := f.Source; s != nil && s.Geometry != nil {
		if s.EPSG == dst.EPSG {
			return s.Geometry, nil
		}
		if src, err := crs.ByEPSG(s.EPSG); err == nil {
			if siblings(src, dst) {
				shift := prefixOffset(dst) - prefixOffset(src)
				return project.Geometry(orb.Clone(s.Geometry), func(p orb.Point) orb.Point { return orb.Point{p[0] + shift, p[1]} }), nil
			}
			// Another system: convert the corners as written, so that rings
			// keep their first point and direction.
			var terr error
			g := project.Geometry(orb.Clone(s.Geometry), func(p orb.Point) orb.Point {
				x, y, err := crs.Transform(src, dst, p[0], p[1])
				if err != nil && terr == nil {
					terr = err
				}
				return orb.Point{x, y}
			})
			return g, terr
		}
	}
	if f.Geometry == nil {
		return nil, fmt.Errorf("no geometry")
	}
	if dst.Geographic {
		return f.Geometry, nil
	}
	var perr error
	g := project.Geometry(orb.Clone(f.Geometry), func(p orb.Point) orb.Point {
		x, y, err := dst.FromLonLat(p[0], p[1])
		if err != nil && perr == nil {
			perr = err
		}
		return orb.Point{x, y}
	})
	return g, perr
}

// siblings reports whether two CGCS2000 GK systems differ only in the zone
// prefix of their eastings.
func siblings(a, b *crs.CRS) bool {
	gk := func(c *crs.CRS) bool { return c.EPSG >= 4491 && c.EPSG <= 4554 }
	return gk(a) && gk(b) && a.Zone == b.Zone && a.ZoneWidth == b.ZoneWidth && a.ZonePrefixed != b.ZonePrefixed
}

func prefixOffset(c *crs.CRS) float64 {
	if c.ZonePrefixed {
		return float64(c.Zone) * 1e6
	}
	return 0
}

// cornerAttrs are the header fields of a feature: its corner properties,
// else its name, licence and area in hectares.
func cornerAttrs(f *models.Feature) map[string]string {
	attrs := map[string]string{}
	var props map[string]any
	dec := json.NewDecoder(bytes.NewReader(f.Props))
	dec.UseNumber()
	if len(f.Props) > 0 && dec.Decode(&props) == nil {
		for k, v := range props {
			switch v := v.(type) {
			case string:
				attrs[k] = v
			case json.Number:
				attrs[k] = v.String()
			case bool:
				attrs[k] = strconv.FormatBool(v)
			}
		}
	}
	if attrs[corners.FieldName] == "" {
		attrs[corners.FieldName] = f.Attrs.Name
	}
	if attrs[corners.FieldNumber] == "" {
		attrs[corners.FieldNumber] = f.Attrs.Licence
	}
	if attrs[corners.FieldArea] == "" && f.AreaM2 > 0 {
		attrs[corners.FieldArea] = strconv.FormatFloat(measure.Hectares(f.AreaM2), 'f', 4, 64)
	}
	return attrs
}
