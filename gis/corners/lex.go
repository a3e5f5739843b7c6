package corners

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// fold turns full-width digits, letters and punctuation into ASCII and the
// Chinese list marks into commas, so that "Ｊ１，４３９…" reads as "J1,439…".
func fold(s string) string {
	if isASCII(s) {
		return strings.TrimSpace(s)
	}
	s = width.Fold.String(s)
	if strings.ContainsAny(s, "、；：") {
		s = strings.NewReplacer("、", ",", "；", ";", "：", ":").Replace(s)
	}
	return strings.TrimSpace(s)
}

// tokens splits a folded coordinate line on commas, semicolons, tabs and
// spaces; runs of separators count as one.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\u3000'
	})
}

// number reads a plain decimal: optional sign, digits, optional fraction.
// No exponents, hex, Inf or NaN, which no surveyor writes.
func number(s string) (float64, bool) {
	if s == "" || len(s) > 32 {
		return 0, false
	}
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == '-' || c == '+') && i == 0:
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// integer reads a small non-negative integer (a ring number).
func integer(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// binary reports whether a line holds characters no text file has: control
// characters other than tab, or U+FFFD from undecodable bytes.
func binary(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' || (r < 0x20 && r != '\t') || r == 0x7f || (unicode.IsControl(r) && r > 0x7f) {
			return true
		}
	}
	return false
}

// hasNumber reports whether any token of a line is a number.
func hasNumber(toks []string) bool {
	for _, t := range toks {
		if _, ok := number(t); ok {
			return true
		}
	}
	return false
}

// splitLines splits text on \n, \r\n or a lone \r.
func splitLines(text string, yield func(n int, line string) bool) {
	n := 0
	for len(text) > 0 {
		n++
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			yield(n, text)
			return
		}
		line := text[:i]
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
		if !yield(n, line) {
			return
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
