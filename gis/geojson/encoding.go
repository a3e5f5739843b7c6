package geojson

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// encoding.go: telling invalid UTF-8 apart from GBK/GB18030 text, the usual
// encoding of Chinese files written by older desktop GIS software.

// firstInvalidUTF8 returns the index of the first byte of b that does not
// start a valid UTF-8 sequence, or len(b).
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// encodingErr reports invalid UTF-8 at data[at], as CodeGBK when the
// surrounding non-ASCII run decodes cleanly as GB18030 Chinese.
func (p *parser) encodingErr(at int) *SyntaxError {
	if at >= len(p.data) {
		at = len(p.data) - 1
	}
	// the run of bytes around the bad one, bounded by quotes or 64 bytes
	a := at
	for a > 0 && at-a < 64 && p.data[a-1] != '"' {
		a--
	}
	b := at
	for b < len(p.data) && b-at < 64 && p.data[b] != '"' {
		b++
	}
	if text, ok := looksGBK(p.data[a:b]); ok {
		return p.synErr(CodeGBK, at, "text is not utf-8 but looks like gbk/gb18030 chinese ("+strconv.Quote(text)+"); save the file as utf-8")
	}
	return p.synErr(CodeNotUTF8, at, "invalid utf-8 byte 0x"+strconv.FormatUint(uint64(p.data[at]), 16)+" in a string")
}

// looksGBK decodes b as GB18030 and reports whether that gives clean text
// with at least one Han character (and no replacement characters).
func looksGBK(b []byte) (string, bool) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(out) {
		return "", false
	}
	han := false
	for _, r := range string(out) {
		if r == utf8.RuneError {
			return "", false
		}
		if unicode.Is(unicode.Han, r) {
			han = true
		}
	}
	if !han {
		return "", false
	}
	s := string(out)
	if len([]rune(s)) > 20 {
		s = string([]rune(s)[:20]) + "…"
	}
	return s, true
}
