package corners

import (
	"strconv"
	"strings"

	"minerehab/gis/crs"
)

// datums recognised in 坐标系.
const (
	datumCGCS2000 = "cgcs2000"
	datumWGS84    = "wgs84"
)

// resolve decides File.EPSG from the caller's code, the [属性描述] lines
// and the numbers, then checks every point converts.
func (p *parser) resolve() {
	f := p.f
	code, from := p.decide()
	if code == 0 {
		return
	}
	f.EPSG, f.CRSFrom = code, from
	c, err := crs.ByEPSG(code)
	if err != nil {
		p.addErr(&Error{Code: CodeUnsupported, Text: "EPSG:" + strconv.Itoa(code)})
		return
	}
	for _, par := range f.Parcels {
		for _, r := range par.Rings {
			for _, pt := range r.Points {
				if _, _, err := c.ToLonLat(pt.Y, pt.X); err != nil {
					p.lineErr(CodeOutOfZone, pt.Line, c.String())
					if p.stop {
						return
					}
				}
			}
		}
	}
}

// decide returns the EPSG code and how it was found, or 0 after adding an error.
func (p *parser) decide() (int, string) {
	f := p.f
	datum, datumOK := p.datum()
	width, widthLine, widthOK := p.zoneWidth()
	zone, zoneLine, zoneOK := p.zone()
	if !widthOK || !zoneOK {
		return 0, ""
	}
	unitAttr := fold(f.Attrs[AttrUnit])
	if p.opt.EPSG != 0 {
		return p.caller(zone, datum)
	}
	if !datumOK {
		p.lineErr(CodeUnsupported, f.AttrLines[AttrDatum], "")
		return 0, ""
	}
	if p.unit == unitDegrees {
		if strings.Contains(unitAttr, "米") || unitAttr == "m" {
			p.warn(WarnUnit, f.AttrLines[AttrUnit], "")
		}
		if datum == datumWGS84 {
			return 4326, "degrees"
		}
		return 4490, "degrees"
	}
	if strings.Contains(unitAttr, "度") {
		p.warn(WarnUnit, f.AttrLines[AttrUnit], "")
	}
	if datum == datumWGS84 {
		proj := strings.ToUpper(fold(f.Attrs[AttrProj]))
		if (strings.Contains(proj, "UTM") || strings.Contains(proj, "通用横轴墨卡托")) && zone > 0 && p.prefixZone == 0 {
			if _, err := crs.ByEPSG(32600 + zone); err == nil {
				return 32600 + zone, "declared"
			}
		}
		p.lineErr(CodeUnsupported, f.AttrLines[AttrDatum], "")
		return 0, ""
	}
	if pz := p.prefixZone; pz != 0 {
		if zone != 0 && zone != pz {
			p.lineErr(CodeZoneMismatch, zoneLine, strconv.Itoa(pz))
			return 0, ""
		}
		code, err := gkEPSG(pz, width, true)
		if err != nil {
			line := widthLine
			if width == 0 {
				line = p.prefixLine
			}
			p.lineErr(CodeBadZone, line, strconv.Itoa(pz))
			return 0, ""
		}
		if zone != 0 {
			return code, "declared"
		}
		return code, "prefix"
	}
	if zone != 0 {
		code, err := gkEPSG(zone, width, false)
		if err != nil {
			p.lineErr(CodeBadZone, zoneLine, strconv.Itoa(zone))
			return 0, ""
		}
		return code, "declared"
	}
	if d := p.opt.DefaultEPSG; d != 0 {
		if c, err := crs.ByEPSG(d); err == nil && !c.Geographic && c.Method == crs.MethodTransverseMercator {
			if code, ok := sibling(c, false); ok {
				return code, "default"
			}
			if !c.ZonePrefixed {
				return d, "default"
			}
		}
	}
	p.lineErr(CodeZoneNeeded, p.unitLine, "")
	return 0, ""
}

// caller checks the caller's coordinate system against the numbers.
func (p *parser) caller(zone int, datum string) (int, string) {
	f := p.f
	name := "EPSG:" + strconv.Itoa(p.opt.EPSG)
	c, err := crs.ByEPSG(p.opt.EPSG)
	if err != nil || c.Method == crs.MethodWebMercator {
		p.addErr(&Error{Code: CodeUnsupported, Text: name})
		return 0, ""
	}
	mismatch := func() (int, string) {
		p.lineErr(CodeCRSMismatch, p.unitLine, name)
		return 0, ""
	}
	code := c.EPSG
	if c.Geographic {
		if p.unit != unitDegrees {
			return mismatch()
		}
	} else {
		if p.unit != unitMetres {
			return mismatch()
		}
		pz := p.prefixZone
		switch {
		case pz != 0 && c.ZonePrefixed && pz != c.Zone, pz != 0 && !c.ZonePrefixed && c.ZoneWidth != 0 && pz != c.Zone && isGK(c):
			p.lineErr(CodeZoneMismatch, p.prefixLine, strconv.Itoa(pz)+"/"+strconv.Itoa(c.Zone))
			return 0, ""
		case pz != 0 && !c.ZonePrefixed, pz == 0 && c.ZonePrefixed:
			s, ok := sibling(c, pz != 0)
			if !ok {
				return mismatch()
			}
			code = s
			p.warn(WarnCRSSibling, p.prefixLine, name+"/EPSG:"+strconv.Itoa(s))
		}
		if z := zoneOf(zone, pz); z != 0 && isGK(c) && z != c.Zone {
			p.warn(WarnCRSOverride, f.AttrLines[AttrZone], name)
		}
	}
	if datum != "" && datum != datumCGCS2000 && isGK(c) {
		p.warn(WarnCRSOverride, f.AttrLines[AttrDatum], name)
	}
	return code, "caller"
}

func zoneOf(declared, prefix int) int {
	if declared != 0 {
		return declared
	}
	return prefix
}

// isGK reports whether c is a CGCS2000 Gauss–Krüger system (4491–4554).
func isGK(c *crs.CRS) bool { return c.EPSG >= 4491 && c.EPSG <= 4554 }

// sibling is the GK code of the same zone with or without the prefix.
func sibling(c *crs.CRS, prefixed bool) (int, bool) {
	if !isGK(c) {
		return 0, false
	}
	code, err := gkEPSG(c.Zone, c.ZoneWidth, prefixed)
	return code, err == nil
}

// gkEPSG is the CGCS2000 GK code of a zone; width 0 takes it from the zone
// number (25–45: 3°, 13–23: 6°).
func gkEPSG(zone, width int, prefixed bool) (int, error) {
	if width == 0 {
		width = 3
		if zone >= 13 && zone <= 23 {
			width = 6
		}
	}
	if width == 6 {
		return crs.GK6EPSG(zone, prefixed)
	}
	return crs.GK3EPSG(zone, prefixed)
}

// datum reads 坐标系: "" (none given), cgcs2000 or wgs84; ok is false for
// a datum this program cannot convert (Xi'an 80, Beijing 54, local systems).
func (p *parser) datum() (string, bool) {
	s := strings.ToUpper(strings.ReplaceAll(fold(p.f.Attrs[AttrDatum]), " ", ""))
	switch {
	case s == "":
		return "", true
	case strings.Contains(s, "2000") || strings.Contains(s, "CGCS"):
		return datumCGCS2000, true
	case strings.Contains(s, "WGS"):
		return datumWGS84, true
	}
	return s, false
}

// zoneWidth reads 几度分带 (or 分带, 分带方式): 3, 6 or 0 when not given.
func (p *parser) zoneWidth() (int, int, bool) {
	for _, k := range []string{AttrZoneWidth, "分带", "分带方式"} {
		v, ok := p.f.Attrs[k]
		if !ok {
			continue
		}
		line := p.f.AttrLines[k]
		n, ok := leadingInt(fold(v))
		switch {
		case strings.TrimSpace(v) == "":
			return 0, line, true
		case ok && (n == 3 || n == 6):
			return n, line, true
		}
		p.lineErr(CodeBadZone, line, "")
		return 0, line, false
	}
	return 0, 0, true
}

// zone reads 带号: the zone number, or 0 when not given.
func (p *parser) zone() (int, int, bool) {
	v, ok := p.f.Attrs[AttrZone]
	line := p.f.AttrLines[AttrZone]
	if !ok || strings.TrimSpace(v) == "" {
		return 0, line, true
	}
	n, ok := leadingInt(fold(v))
	if !ok || n <= 0 || n > 60 {
		p.lineErr(CodeBadZone, line, "")
		return 0, line, false
	}
	return n, line, true
}

// leadingInt reads the digits at the start of s ("36", "36带", "3度带").
func leadingInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "第")
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:i])
	return n, err == nil
}
