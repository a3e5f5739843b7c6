package crs

import (
	"strconv"
	"strings"
)

// WKT returns the OGC WKT 1 definition of c exactly as GDAL 3 writes it
// into gpkg_spatial_ref_sys.definition (and as `gdalsrsinfo -o wkt1
// --single-line` prints it), ending in AUTHORITY["EPSG",code].
func (c *CRS) WKT() string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	switch c.Method {
	case MethodGeographic:
		b.WriteString(geogcsWKT(c.EPSG, true))
		return b.String()
	case MethodWebMercator:
		b.WriteString(`PROJCS["`)
		b.WriteString(c.Name)
		b.WriteString(`",`)
		b.WriteString(geogcsWKT(4326, false))
		b.WriteString(`,PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],` +
			`PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],` +
			`AXIS["Easting",EAST],AXIS["Northing",NORTH],EXTENSION["PROJ4","` + c.Proj4() + `"],`)
	case MethodTransverseMercator:
		base := 4490
		if c.Ellipsoid.EPSG == ellWGS84.EPSG {
			base = 4326
		}
		b.WriteString(`PROJCS["`)
		b.WriteString(c.Name)
		b.WriteString(`",`)
		b.WriteString(geogcsWKT(base, false))
		b.WriteString(`,PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0]`)
		param(&b, "central_meridian", c.CentralMeridian)
		param(&b, "scale_factor", c.ScaleFactor)
		param(&b, "false_easting", c.FalseEasting)
		param(&b, "false_northing", c.FalseNorthing)
		b.WriteString(`,UNIT["metre",1,AUTHORITY["EPSG","9001"]],`)
		if c.NorthingFirst {
			b.WriteString(`AXIS["Northing",NORTH],AXIS["Easting",EAST],`)
		} else {
			b.WriteString(`AXIS["Easting",EAST],AXIS["Northing",NORTH],`)
		}
	}
	b.WriteString(`AUTHORITY["EPSG","` + strconv.Itoa(c.EPSG) + `"]]`)
	return b.String()
}

// Proj4 returns the PROJ.4-style definition GDAL prints for c
// (`gdalsrsinfo -o proj4`), e.g. "+proj=tmerc +lat_0=0 +lon_0=108 +k=1
// +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs".
func (c *CRS) Proj4() string {
	if c == nil {
		return ""
	}
	wgs := c.Ellipsoid.EPSG == ellWGS84.EPSG
	switch c.Method {
	case MethodGeographic:
		if wgs {
			return "+proj=longlat +datum=WGS84 +no_defs"
		}
		return "+proj=longlat +ellps=GRS80 +no_defs"
	case MethodWebMercator:
		return "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"
	case MethodTransverseMercator:
		if wgs && c.ScaleFactor == 0.9996 && c.FalseEasting == 500000 && c.FalseNorthing == 0 &&
			c.Zone > 0 && c.CentralMeridian == float64(6*c.Zone-183) {
			return "+proj=utm +zone=" + strconv.Itoa(c.Zone) + " +datum=WGS84 +units=m +no_defs"
		}
		ell := "+ellps=GRS80"
		if wgs {
			ell = "+datum=WGS84"
		}
		return "+proj=tmerc +lat_0=0 +lon_0=" + num(c.CentralMeridian) + " +k=" + num(c.ScaleFactor) +
			" +x_0=" + num(c.FalseEasting) + " +y_0=" + num(c.FalseNorthing) + " " + ell + " +units=m +no_defs"
	}
	return ""
}

func geogcsWKT(code int, withAxis bool) string {
	name, datum, datumCode, ell := "WGS 84", "WGS_1984", "6326", ellWGS84
	if code == 4490 {
		name, datum, datumCode, ell = "China Geodetic Coordinate System 2000", "China_2000", "1043", ellCGCS2000
	}
	s := `GEOGCS["` + name + `",DATUM["` + datum + `",SPHEROID["` + ell.Name + `",` + num(ell.A) + `,` + num(ell.InvFlat) +
		`,AUTHORITY["EPSG","` + strconv.Itoa(ell.EPSG) + `"]],AUTHORITY["EPSG","` + datumCode + `"]],` +
		`PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],`
	if withAxis {
		s += `AXIS["Latitude",NORTH],AXIS["Longitude",EAST],`
	}
	return s + `AUTHORITY["EPSG","` + strconv.Itoa(code) + `"]]`
}

func param(b *strings.Builder, name string, v float64) {
	b.WriteString(`,PARAMETER["` + name + `",` + num(v) + `]`)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
