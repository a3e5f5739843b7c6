package crs

import "math"

// FromLonLat converts longitude/latitude (degrees) to coordinates of c: x is
// the easting and y the northing in metres for projected CRSs, lon and lat
// unchanged for geographic ones. It fails with an *Error (never NaN) when
// the input is not finite ("bad-coordinate"), outside ±180/±90 or beyond
// Web Mercator's MaxMercatorLat ("out-of-range"), or more than
// MaxCMDistance degrees from a transverse Mercator central meridian
// ("out-of-zone").
func (c *CRS) FromLonLat(lon, lat float64) (x, y float64, err error) {
	if err := c.usable(); err != nil {
		return 0, 0, err
	}
	if err := checkLonLat(c, lon, lat); err != nil {
		return 0, 0, err
	}
	switch c.Method {
	case MethodGeographic:
		return lon, lat, nil
	case MethodWebMercator:
		if math.Abs(lat) > MaxMercatorLat {
			return 0, 0, newError(CodeOutOfRange, coordInput(lon, lat),
				"latitude %g is beyond web mercator's limit of %.6f", lat, MaxMercatorLat)
		}
		x, y = webMercForward(c.Ellipsoid.A, lon, lat)
		x, y = c.FalseEasting+x, c.FalseNorthing+y
	case MethodTransverseMercator:
		dlon := wrap180(lon - c.CentralMeridian)
		if math.Abs(dlon) > MaxCMDistance {
			return 0, 0, c.zoneError(lon, lat, dlon)
		}
		e, n := tmForward(c.Ellipsoid.series, lat*deg, dlon*deg)
		s := c.ScaleFactor * c.Ellipsoid.A
		x, y = c.FalseEasting+s*e, c.FalseNorthing+s*n
	}
	if !finite(x) || !finite(y) {
		return 0, 0, newError(CodeOutOfRange, coordInput(lon, lat), "point cannot be projected to %s", c)
	}
	return x, y, nil
}

// ToLonLat converts coordinates of c to longitude/latitude in degrees: x is
// the easting and y the northing for projected CRSs (GIS order, as GDAL and
// GeoJSON use), x=lon and y=lat for geographic ones. The result longitude is
// in [-180, 180]. Errors are as for FromLonLat; for transverse Mercator an
// easting/northing whose longitude would be more than MaxCMDistance degrees
// from the central meridian is "out-of-zone", a northing beyond the pole is
// "out-of-range".
func (c *CRS) ToLonLat(x, y float64) (lon, lat float64, err error) {
	if err := c.usable(); err != nil {
		return 0, 0, err
	}
	if !finite(x) || !finite(y) {
		return 0, 0, newError(CodeBadCoordinate, coordInput(x, y), "coordinate is not a finite number")
	}
	switch c.Method {
	case MethodGeographic:
		if err := checkLonLat(c, x, y); err != nil {
			return 0, 0, err
		}
		return x, y, nil
	case MethodWebMercator:
		lon, lat = webMercInverse(c.Ellipsoid.A, x-c.FalseEasting, y-c.FalseNorthing)
		if math.Abs(lon) > 180+1e-9 {
			return 0, 0, newError(CodeOutOfRange, coordInput(x, y),
				"easting %g is beyond web mercator's ±%.3f m", x, math.Pi*c.Ellipsoid.A)
		}
		return clamp180(lon), lat, nil
	case MethodTransverseMercator:
		s := c.ScaleFactor * c.Ellipsoid.A
		e, n := (x-c.FalseEasting)/s, (y-c.FalseNorthing)/s
		if math.Abs(n) > math.Pi/2*c.Ellipsoid.series.rectA {
			return 0, 0, newError(CodeOutOfRange, coordInput(x, y),
				"northing %g is beyond the pole in %s", y, c)
		}
		phi, lam, ok := tmInverse(c.Ellipsoid.series, e, n)
		dlon := lam / deg
		if !ok || math.Abs(dlon) > MaxCMDistance+1e-9 {
			return 0, 0, newError(CodeOutOfZone, coordInput(x, y),
				"easting %g lies more than %g degrees from the central meridian %g of %s",
				x, MaxCMDistance, c.CentralMeridian, c)
		}
		lon, lat = normLon(c.CentralMeridian+dlon), phi/deg
		if !finite(lon) || !finite(lat) {
			return 0, 0, newError(CodeOutOfRange, coordInput(x, y), "point cannot be unprojected from %s", c)
		}
		return lon, lat, nil
	}
	return 0, 0, c.usable()
}

// Transform converts (x, y) from src to dst through longitude/latitude
// (no datum shift: CGCS2000 and WGS 84 are taken as equal).
func Transform(src, dst *CRS, x, y float64) (float64, float64, error) {
	lon, lat, err := src.ToLonLat(x, y)
	if err != nil {
		return 0, 0, err
	}
	return dst.FromLonLat(lon, lat)
}

func (c *CRS) usable() error {
	if c == nil {
		return newError(CodeUnsupportedCRS, "", "nil crs")
	}
	switch c.Method {
	case MethodGeographic:
		return nil
	case MethodWebMercator:
		if c.Ellipsoid.A > 0 {
			return nil
		}
	case MethodTransverseMercator:
		if c.Ellipsoid.series != nil && c.Ellipsoid.A > 0 && c.ScaleFactor > 0 {
			return nil
		}
	}
	return newError(CodeUnsupportedCRS, c.String(), "crs was not obtained from ByEPSG or Parse")
}

func checkLonLat(c *CRS, lon, lat float64) error {
	if !finite(lon) || !finite(lat) {
		return newError(CodeBadCoordinate, coordInput(lon, lat), "coordinate is not a finite number")
	}
	if math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return newError(CodeOutOfRange, coordInput(lon, lat),
			"longitude must be within ±180 and latitude within ±90 degrees (%s)", c)
	}
	return nil
}

func (c *CRS) zoneError(lon, lat, dlon float64) error {
	return newError(CodeOutOfZone, coordInput(lon, lat),
		"longitude %g is %.3g degrees from the central meridian %g of %s (limit %g)",
		lon, math.Abs(dlon), c.CentralMeridian, c, MaxCMDistance)
}

// wrap180 maps an angle in degrees to [-180, 180).
func wrap180(a float64) float64 {
	if a >= -180 && a < 180 {
		return a
	}
	a = math.Mod(a+180, 360)
	if a < 0 {
		a += 360
	}
	return a - 180
}

// normLon maps a longitude that is at most one turn off into [-180, 180],
// keeping +180 as +180.
func normLon(a float64) float64 {
	switch {
	case a > 180:
		a -= 360
	case a < -180:
		a += 360
	}
	return clamp180(a)
}

// clamp180 removes rounding spill just outside ±180.
func clamp180(a float64) float64 {
	return math.Max(-180, math.Min(180, a))
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
