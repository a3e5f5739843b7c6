package geojson

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// props.go: helpers for the importer to look into raw property JSON without
// decoding it into maps.

// TopLevel calls fn for each top-level member of the raw JSON object props,
// in file order, with the decoded key and the exact bytes of its value (no
// surrounding whitespace). fn returns false to stop early. props must be one
// JSON object (surrounding whitespace allowed); malformed input gives a
// *SyntaxError whose Offset, Line and Col are relative to props. Duplicate
// keys are passed through as they come (Reader already rejects them in
// Feature.Properties). raw aliases props.
func TopLevel(props []byte, fn func(key string, raw []byte) bool) error {
	p := &parser{data: props}
	err := p.topLevel(fn)
	if se, ok := err.(*SyntaxError); ok {
		se.Line, se.Col = lineCol(props, int(se.Offset))
		return se
	}
	return err
}

func (p *parser) topLevel(fn func(key string, raw []byte) bool) error {
	empty, err := p.objectStart()
	if err != nil || empty {
		if err == nil {
			return p.trailing()
		}
		return err
	}
	for {
		name, _, err := p.memberName()
		if err != nil {
			return err
		}
		key := string(name)
		vs := p.i
		if err := p.skip(); err != nil {
			return err
		}
		if !fn(key, p.data[vs:p.i]) {
			return nil
		}
		end, err := p.afterMember()
		if err != nil {
			return err
		}
		if end {
			return p.trailing()
		}
	}
}

func (p *parser) trailing() error {
	p.ws()
	if p.i < len(p.data) {
		return p.badJSON(p.i, "unexpected "+describeByte(p.data[p.i])+" after the end of the object")
	}
	return nil
}

// lineCol returns the 1-based line and byte column of data[off].
func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	return line, off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
}

// StringValue returns the text of a raw JSON scalar:
//   - a string token ("…") is unescaped (\uXXXX surrogate pairs joined; a
//     lone surrogate becomes U+FFFD) and ok is true;
//   - a number is returned as its literal text, unchanged (so 12345678901234567890
//     keeps every digit), and ok is true;
//   - anything else (true, false, null, objects, arrays, malformed text)
//     gives "" and false.
//
// Surrounding whitespace is ignored. Use Kind to tell strings from numbers.
func StringValue(raw []byte) (string, bool) {
	raw = bytes.TrimSpace(raw)
	p := &parser{data: raw}
	switch ValueKind(raw) {
	case KindString:
		s, e, esc, err := p.str()
		if err != nil || p.i != len(raw) {
			return "", false
		}
		if !esc {
			return string(raw[s:e]), true
		}
		return string(appendUnescaped(nil, raw[s:e])), true
	case KindNumber:
		if p.skipNumber() != nil || p.i != len(raw) {
			return "", false
		}
		return string(raw), true
	}
	return "", false
}

// Kind is the JSON type of a raw value, from its first byte.
type Kind uint8

const (
	KindInvalid Kind = iota
	KindString
	KindNumber
	KindBool
	KindNull
	KindObject
	KindArray
)

func (k Kind) String() string {
	return [...]string{"invalid", "string", "number", "bool", "null", "object", "array"}[k]
}

// ValueKind classifies a raw JSON value by its first non-space byte. It does
// not validate the rest.
func ValueKind(raw []byte) Kind {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return KindInvalid
	}
	switch c := raw[0]; {
	case c == '"':
		return KindString
	case c == '-' || isDigit(c):
		return KindNumber
	case c == 't' || c == 'f':
		return KindBool
	case c == 'n':
		return KindNull
	case c == '{':
		return KindObject
	case c == '[':
		return KindArray
	}
	return KindInvalid
}

// appendUnescaped appends the unescaped form of s (string content between
// quotes, escapes already validated) to dst.
func appendUnescaped(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			j := bytes.IndexByte(s[i:], '\\')
			if j < 0 {
				return append(dst, s[i:]...)
			}
			dst = append(dst, s[i:i+j]...)
			i += j
			continue
		}
		if i+1 >= len(s) {
			return append(dst, '\\')
		}
		switch s[i+1] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, ok := hex4(s[i+2:])
			if !ok {
				dst = append(dst, s[i:i+2]...)
				i += 2
				continue
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(s[min(i+2, len(s)):]); ok && i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						dst = utf8.AppendRune(dst, dec)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default: // " \ /
			dst = append(dst, s[i+1])
		}
		i += 2
	}
	return dst
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
