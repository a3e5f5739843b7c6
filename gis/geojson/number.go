package geojson

import (
	"math"
	"strconv"
)

// number.go: coordinate parsing. Most coordinates have at most 19
// significant digits and a small decimal exponent; for those one exact
// integer and one exact power of ten give the correctly rounded float64
// (Clinger's fast path, as in strconv). Everything else goes to
// strconv.ParseFloat.

var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// number parses the JSON number at p.i and moves past it. ok is false (and
// p.i unchanged) if the bytes there do not follow the JSON number grammar.
// Out-of-range numbers give ±Inf; callers check.
func (p *parser) number() (v float64, ok bool) {
	data := p.data
	start := p.i
	i := start
	n := len(data)
	neg := false
	if i < n && data[i] == '-' {
		neg = true
		i++
	}
	if i >= n {
		return 0, false
	}
	var mant uint64
	nd := 0
	exp := 0
	slow := false
	c := data[i]
	switch {
	case c == '0':
		i++
	case c >= '1' && c <= '9':
		for i < n {
			c = data[i]
			if c < '0' || c > '9' {
				break
			}
			if nd < 19 {
				mant = mant*10 + uint64(c-'0')
				nd++
			} else {
				slow = true
			}
			i++
		}
	default:
		return 0, false
	}
	if i < n && data[i] == '.' {
		i++
		fs := i
		for i < n {
			c = data[i]
			if c < '0' || c > '9' {
				break
			}
			if mant == 0 && c == '0' {
				exp--
			} else if nd < 19 {
				mant = mant*10 + uint64(c-'0')
				nd++
				exp--
			} else {
				slow = true
			}
			i++
		}
		if i == fs {
			return 0, false
		}
	}
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		i++
		esign := 1
		if i < n && (data[i] == '+' || data[i] == '-') {
			if data[i] == '-' {
				esign = -1
			}
			i++
		}
		es := i
		e := 0
		for i < n && data[i] >= '0' && data[i] <= '9' {
			if e < 100000 {
				e = e*10 + int(data[i]-'0')
			}
			i++
		}
		if i == es {
			return 0, false
		}
		exp += esign * e
	}
	p.i = i
	if !slow && mant < 1<<53 {
		f := float64(mant)
		switch {
		case mant == 0 || exp == 0:
			v = f
		case exp < 0 && exp >= -22:
			v = f / pow10[-exp]
		case exp > 0 && exp <= 22:
			v = f * pow10[exp]
		default:
			slow = true
		}
		if !slow {
			if neg {
				v = -v
			}
			return v, true
		}
	}
	v, _ = strconv.ParseFloat(string(data[start:i]), 64)
	if math.IsInf(v, 0) {
		p.inf = true
	}
	return v, true
}
