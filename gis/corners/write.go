package corners

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"minerehab/gis/crs"
)

// WriteOptions tune Write.
type WriteOptions struct {
	// Decimals of the coordinates: 0 means File.Decimals.
	Decimals int
	// CRLF ends lines with \r\n, as the Windows programs that read these
	// files expect; false writes \n.
	CRLF bool
}

// Write writes f in the exchange layout, UTF-8: a [属性描述] section (the
// file's own key=value lines in their order, with 坐标系, 几度分带, 投影类型,
// 计量单位, 带号 and 精度 set from f.EPSG) and a [地块坐标] section with one
// header line per parcel ("界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,
// 地块用途,备注,@") followed by "point no.,ring no.,X,Y" lines: X (northing)
// before Y (easting, with the zone prefix when the EPSG code has one).
func Write(w io.Writer, f *File, opt WriteOptions) error {
	c, err := crs.ByEPSG(f.EPSG)
	if err != nil {
		return err
	}
	if c.Method == crs.MethodWebMercator {
		return &Error{Code: CodeUnsupported, Text: c.String()}
	}
	dec := opt.Decimals
	if dec <= 0 {
		dec = f.Decimals()
	}
	eol := "\n"
	if opt.CRLF {
		eol = "\r\n"
	}
	bw := bufio.NewWriter(w)
	line := func(s string) { bw.WriteString(s); bw.WriteString(eol) }
	line("[属性描述]")
	keys, vals := attrsFor(f, c, dec)
	for _, k := range keys {
		line(clean(k, "=") + "=" + clean(vals[k], ""))
	}
	line("[地块坐标]")
	for _, p := range f.Parcels {
		fields := p.headerFields()
		for i := range fields {
			fields[i] = clean(fields[i], ",")
		}
		line(strings.Join(fields, ",") + ",@")
		seq := 0
		for i, r := range p.Rings {
			no := r.No
			if no <= 0 {
				no = i + 1
			}
			first := ""
			for j, pt := range r.Points {
				name := clean(pt.Name, ",")
				if name == "" {
					// Unnamed (bare lists): J1, J2, … through the parcel; the
					// closing point repeats its ring's first name.
					if j == len(r.Points)-1 && j > 0 && first != "" {
						name = first
					} else {
						seq++
						name = "J" + strconv.Itoa(seq)
					}
				}
				if j == 0 {
					first = name
				}
				line(name + "," + strconv.Itoa(no) + "," + strconv.FormatFloat(pt.X, 'f', dec, 64) + "," + strconv.FormatFloat(pt.Y, 'f', dec, 64))
			}
		}
	}
	return bw.Flush()
}

// attrsFor merges the file's attribute lines with those the coordinate
// system dictates.
func attrsFor(f *File, c *crs.CRS, dec int) ([]string, map[string]string) {
	set := map[string]string{AttrDatum: "2000国家大地坐标系", AttrPrecision: "0." + strings.Repeat("0", dec-1) + "1"}
	if c.EPSG == 4326 || (c.EPSG >= 32601 && c.EPSG <= 32760) {
		set[AttrDatum] = "WGS84坐标系"
	}
	if c.Geographic {
		set[AttrUnit], set[AttrProj], set[AttrZoneWidth], set[AttrZone] = "度", "", "", ""
	} else {
		set[AttrUnit], set[AttrZoneWidth], set[AttrZone] = "米", strconv.Itoa(c.ZoneWidth), strconv.Itoa(c.Zone)
		set[AttrProj] = "高斯克吕格"
		if !isGK(c) {
			set[AttrProj] = "通用横轴墨卡托"
		}
	}
	vals := map[string]string{}
	var keys []string
	for _, k := range f.AttrKeys {
		switch k {
		case "分带", "分带方式":
			continue // replaced by 几度分带
		}
		keys = append(keys, k)
		vals[k] = f.Attrs[k]
	}
	std := []string{AttrDatum, AttrZoneWidth, AttrProj, AttrUnit, AttrZone, AttrPrecision, AttrTransform}
	for _, k := range std {
		if _, ok := vals[k]; !ok {
			keys = append(keys, k)
		}
		if v, ok := set[k]; ok {
			vals[k] = v
		} else if _, ok := vals[k]; !ok && k == AttrTransform {
			vals[k] = ",,,,,,"
		}
	}
	return keys, vals
}

// clean keeps a value on its line: no line breaks, and no separator that
// would split it (an ASCII comma becomes a full-width one).
func clean(s, sep string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	if sep == "," {
		s = strings.ReplaceAll(s, ",", "，")
	}
	if sep == "=" {
		s = strings.ReplaceAll(s, "=", "＝")
	}
	return strings.TrimSpace(s)
}

// Decimals is how many decimals Write gives coordinates by default: 3 for
// metres (the millimetre) and 9 for degrees, or more when a point was
// written with more (at most 6 and 12), so that nothing read is lost.
func (f *File) Decimals() int {
	dec, most := 3, 6
	if c, err := crs.ByEPSG(f.EPSG); err == nil && c.Geographic {
		dec, most = 9, 12
	}
	for _, p := range f.Parcels {
		for _, r := range p.Rings {
			for _, pt := range r.Points {
				dec = max(dec, min(fraction(pt.XText), most), min(fraction(pt.YText), most))
			}
		}
	}
	return dec
}

// fraction counts the decimals of a number as written.
func fraction(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// String writes f to a string (for tests and the clipboard).
func (f *File) String() string {
	var b strings.Builder
	if err := Write(&b, f, WriteOptions{}); err != nil {
		return fmt.Sprintf("corners: %v", err)
	}
	return b.String()
}
