package coord

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"golang.org/x/text/width"

	"minerehab/gis/crs"
)

// Kind says how the input was read.
type Kind int

// Kinds of input.
const (
	Decimal Kind = iota + 1 // decimal degrees
	DMS                     // degrees, minutes, seconds
	GK                      // Gauss–Krüger metres
)

func (k Kind) String() string {
	switch k {
	case Decimal:
		return "decimal"
	case DMS:
		return "dms"
	case GK:
		return "gk"
	}
	return "unknown"
}

// Result is a parsed coordinate.
type Result struct {
	Point   orb.Point // lon/lat degrees, CGCS2000
	Kind    Kind
	Swapped bool // the input gave latitude first (or northing first for GK)
	Zone    int  // the GK zone used (GK only)
	EPSG    int  // the GK coordinate system used (GK only)
}

// Error codes of *Error.
const (
	CodeEmpty      = "empty"      // nothing typed
	CodeCount      = "count"      // not exactly two values
	CodeRange      = "range"      // degrees out of range, minutes or seconds ≥ 60
	CodeAmbiguous  = "ambiguous"  // neither value can be a longitude, or both hemispheres alike
	CodeGKRange    = "gk-range"   // metres that are no GK northing/easting pair
	CodeUnreadable = "unreadable" // not a number
)

// Error says why the input cannot be read.
type Error struct {
	Code  string
	Input string
}

func (e *Error) Error() string { return fmt.Sprintf("coordinate %q: %s", e.Input, e.Code) }

// Parse reads s. zone is the 3° GK zone for eastings typed without a zone
// prefix (36 for Wuhai).
func Parse(s string, zone int) (Result, error) {
	in := s
	s = normalise(s)
	if s == "" {
		return Result{}, &Error{CodeEmpty, in}
	}
	fail := func(code string) (Result, error) { return Result{}, &Error{code, in} }
	if dmsMark.MatchString(s) || hemiWord.MatchString(s) {
		vals, err := parseDMS(s)
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.Input = in
			}
			return Result{}, err
		}
		r, code := lonLat(vals)
		if code != "" {
			return fail(code)
		}
		r.Kind = DMS
		return r, nil
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '/' })
	if len(fields) != 2 {
		return fail(CodeCount)
	}
	var v [2]float64
	for i, f := range fields {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			return fail(CodeUnreadable)
		}
		v[i] = x
	}
	if math.Abs(v[0]) > 1000 || math.Abs(v[1]) > 1000 {
		return gk(in, v[0], v[1], zone)
	}
	r, code := lonLat([]hemiValue{{v: v[0]}, {v: v[1]}})
	if code != "" {
		return fail(code)
	}
	r.Kind = Decimal
	return r, nil
}

// normalise folds full-width characters, the Chinese comma and the
// typographic primes into ASCII.
func normalise(s string) string {
	s = width.Fold.String(s)
	s = strings.NewReplacer("，", ",", "、", ",", "；", ";", "′", "'", "’", "'", "″", "\"", "”", "\"", "“", "\"", "''", "\"").Replace(s)
	return strings.TrimSpace(s)
}

var (
	dmsMark  = regexp.MustCompile(`\d\s*[°'"度分秒dms]`)
	hemiWord = regexp.MustCompile(`(?i)东经|西经|北纬|南纬|^[NSEW]|[NSEW]$|[0-9.][NSEW]`)
	// one DMS value: optional hemisphere before or after, degrees, optional minutes, seconds
	dmsValue = regexp.MustCompile(`(?i)(东经|西经|北纬|南纬|[NSEW])?\s*(-?\d+(?:\.\d+)?)\s*(?:°|度|d)\s*(?:(\d+(?:\.\d+)?)\s*(?:'|分|m)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:"|秒|s)\s*)?(东经|西经|北纬|南纬|[NSEW])?`)
)

// hemiValue is one value with its hemisphere letter, if given.
type hemiValue struct {
	v    float64
	hemi byte // 'N', 'S', 'E', 'W' or 0
}

func parseDMS(s string) ([]hemiValue, error) {
	ms := dmsValue.FindAllStringSubmatchIndex(s, -1)
	if len(ms) != 2 {
		return nil, &Error{CodeCount, s}
	}
	// Nothing but separators may lie between and around the two values.
	rest := s
	for i := len(ms) - 1; i >= 0; i-- {
		rest = rest[:ms[i][0]] + " " + rest[ms[i][1]:]
	}
	if strings.Trim(rest, " ,;\t/") != "" {
		return nil, &Error{CodeUnreadable, s}
	}
	var out []hemiValue
	for _, m := range ms {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		deg, _ := strconv.ParseFloat(g(2), 64)
		var mins, secs float64
		if g(3) != "" {
			mins, _ = strconv.ParseFloat(g(3), 64)
		}
		if g(4) != "" {
			secs, _ = strconv.ParseFloat(g(4), 64)
		}
		if mins >= 60 || secs >= 60 || (mins != 0 || secs != 0) && deg != math.Trunc(deg) {
			return nil, &Error{CodeRange, s}
		}
		v := math.Abs(deg) + mins/60 + secs/3600
		if strings.HasPrefix(g(2), "-") {
			v = -v
		}
		h := hemi(g(1))
		if h == 0 {
			h = hemi(g(5))
		}
		if h == 'S' || h == 'W' {
			v = -math.Abs(v)
		}
		out = append(out, hemiValue{v, h})
	}
	return out, nil
}

func hemi(s string) byte {
	switch strings.ToUpper(s) {
	case "N", "北纬":
		return 'N'
	case "S", "南纬":
		return 'S'
	case "E", "东经":
		return 'E'
	case "W", "西经":
		return 'W'
	}
	return 0
}

// lonLat orders two values into lon/lat: by hemisphere letters when given,
// else lon first unless only the second can be a longitude.
func lonLat(v []hemiValue) (Result, string) {
	a, b := v[0], v[1]
	isLat := func(h hemiValue) bool { return h.hemi == 'N' || h.hemi == 'S' }
	isLon := func(h hemiValue) bool { return h.hemi == 'E' || h.hemi == 'W' }
	swapped := false
	switch {
	case isLat(a) && isLat(b), isLon(a) && isLon(b):
		return Result{}, CodeAmbiguous
	case isLat(a) || isLon(b):
		swapped = true
	case isLon(a) || isLat(b):
	case math.Abs(a.v) <= 90 && math.Abs(b.v) > 90:
		swapped = true
	}
	lon, lat := a.v, b.v
	if swapped {
		lon, lat = lat, lon
	}
	if math.Abs(lon) > 180 || math.Abs(lat) > 90 {
		return Result{}, CodeRange
	}
	return Result{Point: orb.Point{lon, lat}, Swapped: swapped}, ""
}

// gk reads two metre values: an 8-digit easting carries its zone; a 7-digit
// value is the northing, a 6-digit one the easting in the given zone.
func gk(in string, a, b float64, zone int) (Result, error) {
	fail := func() (Result, error) { return Result{}, &Error{CodeGKRange, in} }
	isNorth := func(v float64) bool { return v >= 1e6 && v < 1e7 }
	isPrefixed := func(v float64) bool { return v >= 13e6 && v < 46e6 }
	isPlain := func(v float64) bool { return v >= 1e5 && v < 1e6 }
	var e, n float64
	swapped := false
	switch {
	case isNorth(a) && (isPrefixed(b) || isPlain(b)):
		n, e, swapped = a, b, true // X (northing) first: the surveyor's order
	case isNorth(b) && (isPrefixed(a) || isPlain(a)):
		e, n = a, b
	default:
		return fail()
	}
	prefixed := isPrefixed(e)
	if prefixed {
		zone = int(e / 1e6)
	}
	code, err := crs.GK3EPSG(zone, prefixed)
	if err != nil {
		return fail()
	}
	c, err := crs.ByEPSG(code)
	if err != nil {
		return fail()
	}
	lon, lat, err := c.ToLonLat(e, n)
	if err != nil {
		return fail()
	}
	return Result{Point: orb.Point{lon, lat}, Kind: GK, Swapped: swapped, Zone: zone, EPSG: code}, nil
}
