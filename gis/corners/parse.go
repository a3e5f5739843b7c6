package corners

import (
	"fmt"
	"strconv"
	"strings"
)

// Options tune Parse.
type Options struct {
	// EPSG is the caller's coordinate system: it replaces what the file
	// declares (with a warning when they differ) but must fit the numbers.
	// A CGCS2000 GK code is taken with or without the zone prefix, as the
	// eastings are written.
	EPSG int
	// DefaultEPSG is used only when neither the file nor the numbers say
	// which zone unprefixed eastings are in.
	DefaultEPSG int
	// MaxErrors stops the parse after this many errors (default 20), so
	// that a megabyte of garbage fails fast.
	MaxErrors int
}

// maxSkipped is how many header or text lines are passed over (with a
// warning each) before such lines count as errors.
const maxSkipped = 20

// maxHeaderRunes is the longest line still taken for a header line.
const maxHeaderRunes = 200

// ParseString is Parse for text already decoded (the paste box).
func ParseString(s string, opt Options) (*File, error) {
	return parseText(s, EncUTF8, opt)
}

// Parse reads a corner-coordinate file (UTF-8, UTF-16 with BOM, or GBK).
// It always returns the File with what could be read; the error, when not
// nil, is an *Errors listing every line that could not be read (at most
// Options.MaxErrors). A File returned with an error must not be stored.
func Parse(data []byte, opt Options) (*File, error) {
	text, enc := decode(data)
	return parseText(text, enc, opt)
}

func parseText(text, enc string, opt Options) (*File, error) {
	if opt.MaxErrors <= 0 {
		opt.MaxErrors = 20
	}
	p := &parser{
		opt: opt,
		f:   &File{Attrs: map[string]string{}, AttrLines: map[string]int{}, Encoding: enc, Layout: LayoutList},
	}
	splitLines(text, func(n int, line string) bool {
		p.lines = append(p.lines, line)
		p.line(n, line)
		return !p.stop
	})
	if !p.stop {
		p.endParcel()
		if p.points == 0 {
			e := &Error{Code: CodeEmpty}
			if p.firstSkip != nil {
				e.Line, e.Text = p.firstSkip.Line, p.firstSkip.Text
			}
			if len(p.errs) == 0 {
				p.addErr(e)
			}
		} else {
			p.resolve()
		}
	}
	if len(p.errs) > 0 {
		return p.f, &Errors{List: p.errs, More: p.more}
	}
	return p.f, nil
}

type parser struct {
	opt   Options
	f     *File
	lines []string
	errs  []*Error
	more  bool
	stop  bool

	section    string // "", "attr" or "coords"
	parcel     *Parcel
	parcelErrs int     // len(errs) when the parcel began
	cur        []Point // the open ring
	curNo      int
	curClosed  bool

	points    int // coordinate lines read
	skipped   int
	firstSkip *Warning

	// per parcel: swapped points
	swaps    int
	swapLine int
	swapText string
	// per file: units and zone prefixes, from the first point
	unit       int // unitMetres or unitDegrees
	unitLine   int
	prefixZone int // 0: no prefix
	prefixLine int
}

const (
	unitMetres = iota + 1
	unitDegrees
)

func (p *parser) addErr(e *Error) {
	if len(p.errs) >= p.opt.MaxErrors {
		p.more, p.stop = true, true
		return
	}
	p.errs = append(p.errs, e)
}

func (p *parser) lineErr(code string, n int, detail string) {
	p.addErr(&Error{Code: code, Line: n, Text: p.text(n), Detail: detail})
}

func (p *parser) warn(code string, n int, detail string) {
	p.f.Warnings = append(p.f.Warnings, &Warning{Code: code, Line: n, Text: p.text(n), Detail: detail})
}

// text is line n as written, shortened.
func (p *parser) text(n int) string {
	if n < 1 || n > len(p.lines) {
		return ""
	}
	return shorten(p.lines[n-1])
}

func (p *parser) line(n int, raw string) {
	if binary(raw) {
		p.lineErr(CodeEncoding, n, "")
		return
	}
	t := fold(raw)
	switch {
	case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "//"):
		return
	case strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]"):
		p.endParcel()
		name := strings.TrimSpace(t[1 : len(t)-1])
		if strings.Contains(name, "坐标") {
			p.section = "coords"
			p.f.Layout = LayoutExchange
		} else {
			p.section = "attr"
		}
		return
	case strings.HasSuffix(t, "@"):
		p.header(n, raw)
		return
	}
	toks := tokens(t)
	if pt, no, ok, code := p.point(n, toks); ok {
		p.addPoint(pt, no)
		return
	} else if code != "" {
		p.lineErr(code, n, "")
		return
	}
	if p.attr(n, t) {
		return
	}
	if p.section == "coords" && strings.Count(t, ",") >= 6 {
		p.warn(WarnNoAt, n, "")
		p.header(n, raw+"@")
		return
	}
	p.other(n, t, toks)
}

// other handles a line that is no coordinate, header or attribute: a
// header line of a list, tolerated up to maxSkipped times.
func (p *parser) other(n int, t string, toks []string) {
	long := len([]rune(t)) > maxHeaderRunes
	if p.points > 0 && (hasNumber(toks) || long) {
		p.lineErr(CodeBadLine, n, "")
		return
	}
	if p.skipped >= maxSkipped || long {
		if p.points == 0 && p.firstSkip != nil {
			// Nothing but unreadable lines so far: name the first of them, and stop.
			p.addErr(&Error{Code: CodeBadLine, Line: p.firstSkip.Line, Text: p.firstSkip.Text})
			p.stop = true
			return
		}
		p.lineErr(CodeBadLine, n, "")
		return
	}
	p.skipped++
	p.warn(WarnSkipped, n, "")
	if p.firstSkip == nil {
		p.firstSkip = p.f.Warnings[len(p.f.Warnings)-1]
	}
}

// attr reads a key=value line (key:value for the known keys and inside an
// attribute section).
func (p *parser) attr(n int, t string) bool {
	if p.section == "coords" {
		return false
	}
	i := strings.IndexAny(t, "=:")
	if i <= 0 {
		return false
	}
	key := strings.TrimSpace(t[:i])
	if t[i] == ':' && p.section != "attr" && !knownAttr(key) {
		return false
	}
	if strings.ContainsAny(key, ",;\t") || len([]rune(key)) > 40 {
		return false
	}
	if _, dup := p.f.Attrs[key]; !dup {
		p.f.AttrKeys = append(p.f.AttrKeys, key)
	}
	p.f.Attrs[key] = strings.TrimSpace(t[i+1:])
	p.f.AttrLines[key] = n
	return true
}

func knownAttr(k string) bool {
	switch k {
	case AttrDatum, AttrZoneWidth, AttrProj, AttrUnit, AttrZone, AttrPrecision, AttrTransform, "分带", "分带方式":
		return true
	}
	return false
}

// header starts a parcel from a line ending in @ (or ＠). Fields are split
// on ASCII commas, or on full-width ones when the line has no ASCII comma,
// and kept as written.
func (p *parser) header(n int, raw string) {
	p.endParcel()
	p.f.Layout = LayoutExchange
	content := strings.TrimSpace(raw)
	content = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(content, "@"), "＠"))
	sep := ","
	if !strings.Contains(content, ",") {
		sep = "，"
	}
	content = strings.TrimSuffix(content, sep)
	var fields []string
	if content != "" {
		fields = strings.Split(content, sep)
	}
	par := &Parcel{Line: n, Fields: make([]string, len(fields)), Attrs: map[string]string{}}
	for i, v := range fields {
		v = strings.TrimSpace(v)
		par.Fields[i] = v
		if v != "" {
			par.Attrs[fieldName(i)] = v
		}
	}
	p.parcel, p.parcelErrs = par, len(p.errs)
	p.f.Parcels = append(p.f.Parcels, par)
	switch par.Attrs[FieldShape] {
	case "线", "点", "line", "point":
		p.lineErr(CodeShape, n, par.Attrs[FieldShape])
	}
}

// fieldName names header field i.
func fieldName(i int) string {
	if i < len(HeaderFields) {
		return HeaderFields[i]
	}
	return "字段" + strconv.Itoa(i+1)
}

// point reads a coordinate line: "X Y", "name X Y", "name ring X Y",
// "seq name X Y" or "seq name ring X Y". ok is false for a line that is no
// coordinate line; code is set when it is one with numbers out of range.
func (p *parser) point(n int, toks []string) (pt Point, no int, ok bool, code string) {
	k := len(toks)
	if k < 2 || k > 5 {
		return pt, 0, false, ""
	}
	x, okx := number(toks[k-2])
	y, oky := number(toks[k-1])
	if !okx || !oky {
		return pt, 0, false, ""
	}
	switch k {
	case 3:
		pt.Name = toks[0]
	case 4:
		if r, isInt := integer(toks[1]); isInt {
			pt.Name, no = toks[0], r
		} else if _, isInt := integer(toks[0]); isInt {
			pt.Name = toks[1]
		} else {
			return pt, 0, false, ""
		}
	case 5:
		r, isInt := integer(toks[2])
		if !isInt {
			return pt, 0, false, ""
		}
		pt.Name, no = toks[1], r
	}
	unit, swapped, zone := classify(x, y)
	if unit == 0 {
		return pt, 0, false, CodeBadNumber
	}
	pt.X, pt.Y, pt.XText, pt.YText, pt.Line = x, y, toks[k-2], toks[k-1], n
	if swapped {
		pt.X, pt.Y, pt.XText, pt.YText = y, x, toks[k-1], toks[k-2]
		p.swaps++
		if p.swapLine == 0 {
			p.swapLine = n
		}
	}
	switch {
	case p.unit == 0:
		p.unit, p.unitLine, p.prefixZone, p.prefixLine = unit, n, zone, n
	case p.unit != unit:
		return pt, 0, false, CodeMixedUnits
	case p.prefixZone != zone:
		return pt, 0, false, CodeMixedZones
	}
	return pt, no, true, ""
}

// classify says what a pair of numbers is: metres (X northing, Y easting,
// with the easting's zone prefix or 0) or degrees (X latitude, Y
// longitude); swapped when they are the other way round. unit is 0 when
// the pair is neither.
func classify(x, y float64) (unit int, swapped bool, zone int) {
	switch {
	case isNorthing(x) && isEasting(y):
		return unitMetres, false, prefix(y)
	case isEasting(x) && isNorthing(y):
		return unitMetres, true, prefix(x)
	}
	ax, ay := abs(x), abs(y)
	switch {
	case ax <= 90 && ay <= 180:
		return unitDegrees, false, 0
	case ax <= 180 && ay <= 90:
		return unitDegrees, true, 0
	}
	return 0, false, 0
}

// isNorthing: 7 integer digits, every latitude of China.
func isNorthing(v float64) bool { return v >= 1e6 && v < 1e7 }

// isEasting: 6 integer digits, or 8 with a zone prefix 13–45 in front of
// an in-zone easting.
func isEasting(v float64) bool {
	if v >= 1e5 && v < 1e6 {
		return true
	}
	if v < 13e6 || v >= 46e6 {
		return false
	}
	rest := v - float64(int(v/1e6))*1e6
	return rest >= 1e5 && rest < 9e5
}

// prefix is the zone number in front of an easting, or 0.
func prefix(e float64) int {
	if e >= 1e7 {
		return int(e / 1e6)
	}
	return 0
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func (p *parser) addPoint(pt Point, no int) {
	p.points++
	if p.parcel == nil {
		p.parcel = &Parcel{Attrs: map[string]string{}}
		p.f.Parcels = append(p.f.Parcels, p.parcel)
	}
	if len(p.cur) > 0 && (p.curClosed || no != p.curNo) {
		p.endRing()
	}
	if len(p.cur) == 0 {
		p.curNo = no
	}
	p.cur = append(p.cur, pt)
	if len(p.cur) > 1 && pt.X == p.cur[0].X && pt.Y == p.cur[0].Y {
		p.curClosed = true
	}
}

// endRing checks and keeps the open ring.
func (p *parser) endRing() {
	if len(p.cur) == 0 {
		return
	}
	r := p.cur
	p.cur, p.curClosed = nil, false
	last := r[len(r)-1]
	if !(len(r) > 1 && last.X == r[0].X && last.Y == r[0].Y) {
		p.lineErr(CodeRingNotClosed, last.Line, strconv.Itoa(r[0].Line))
		return
	}
	if distinct(r[:len(r)-1]) < 3 {
		p.lineErr(CodeRingTooShort, r[0].Line, strconv.Itoa(len(r)))
		return
	}
	p.parcel.Rings = append(p.parcel.Rings, Ring{No: p.curNo, Points: r})
}

func distinct(ps []Point) int {
	seen := map[[2]float64]bool{}
	for _, q := range ps {
		seen[[2]float64{q.X, q.Y}] = true
		if len(seen) >= 3 {
			break
		}
	}
	return len(seen)
}

// endParcel closes the open ring and checks the parcel.
func (p *parser) endParcel() {
	p.endRing()
	par := p.parcel
	p.parcel = nil
	if par == nil {
		return
	}
	if p.swaps > 0 {
		p.warn(WarnSwapped, p.swapLine, strconv.Itoa(p.swaps))
	}
	p.swaps, p.swapLine = 0, 0
	if par.Line > 0 && par.Points() == 0 && len(p.errs) == p.parcelErrs {
		p.lineErr(CodeEmptyParcel, par.Line, "")
	}
	if c, ok := integer(fold(par.Attrs[FieldCount])); ok && par.Line > 0 && c != par.Points() && par.Points() > 0 {
		p.warn(WarnPointCount, par.Line, fmt.Sprintf("%d/%d", c, par.Points()))
	}
}
