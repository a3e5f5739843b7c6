package geojson

import (
	"fmt"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// scan.go: the in-memory JSON scanner (pass 2). A value has already been
// located in the buffer by the streaming pass (capture.go); here it is
// validated strictly (RFC 8259 plus UTF-8) and interpreted without refills.

// parser walks data[i:]. abs is the file offset of data[0].
type parser struct {
	data []byte
	i    int
	abs  int64

	stk []byte // container stack for skip

	// feature being parsed
	ferr      *FeatureError
	ferrType  bool // ferr is a feature-type error (those win over others)
	hasZ      bool
	curType   geomType
	pts       []orb.Point
	cnt       [5][]int
	cdetail   string // why coordArray failed
	cat       int    // where
	inf       bool   // a number overflowed to ±Inf
	keys      []keyRef
	keyArena  []byte
	keyMap    map[uint64]int32
	keyDecode []byte
}

const (
	sNormal = iota
	sQuote
	sEscape
	sControl
	sHigh
)

var strClass = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		t[c] = sControl
	}
	t['"'] = sQuote
	t['\\'] = sEscape
	for c := 0x80; c < 0x100; c++ {
		t[c] = sHigh
	}
	return
}()

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func (p *parser) ws() {
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return
		}
		p.i++
	}
}

func (p *parser) synErr(code string, at int, detail string) *SyntaxError {
	return &SyntaxError{Code: code, Offset: p.abs + int64(at), Detail: detail}
}

// badJSON reports a syntax error at data[at]. Invalid UTF-8 earlier in the
// value takes precedence: a GBK trail byte 0x5C ('\') can swallow a closing
// quote and turn an encoding problem into a confusing syntax error.
func (p *parser) badJSON(at int, detail string) *SyntaxError {
	end := at + 1
	if end > len(p.data) {
		end = len(p.data)
	}
	if !utf8.Valid(p.data[:end]) {
		bad := firstInvalidUTF8(p.data[:end])
		return p.encodingErr(bad)
	}
	return p.synErr(CodeBadJSON, at, detail)
}

// expected reports that something else was expected at p.i.
func (p *parser) expected(what string) *SyntaxError {
	if p.i >= len(p.data) {
		return p.badJSON(p.i, "unexpected end of input, expected "+what)
	}
	c := p.data[p.i]
	if c == 'N' || c == 'I' || (c == '-' && p.i+1 < len(p.data) && p.data[p.i+1] == 'I') {
		if nan := p.nanLiteral(p.i); nan != "" {
			return p.synErr(CodeNaN, p.i, nan+" is not a json number")
		}
	}
	return p.badJSON(p.i, "expected "+what+", found "+describeByte(c))
}

// nanLiteral returns the NaN/Infinity spelling at data[at], or "".
func (p *parser) nanLiteral(at int) string {
	for _, lit := range [...]string{"NaN", "Infinity", "-Infinity", "-NaN", "nan", "inf", "-inf"} {
		if len(p.data)-at >= len(lit) && string(p.data[at:at+len(lit)]) == lit {
			return lit
		}
	}
	return ""
}

// str validates the string token at p.i (which must be '"') and moves past
// it. It returns the bounds of the raw content and whether it has escapes.
func (p *parser) str() (start, end int, esc bool, err error) {
	data := p.data
	open := p.i
	i := open + 1
	start = i
	high := false
	for {
		for i < len(data) && strClass[data[i]] == sNormal {
			i++
		}
		if i >= len(data) {
			return 0, 0, false, p.badJSON(len(data)-1, "unterminated string starting at byte "+fmt.Sprint(p.abs+int64(open)))
		}
		switch strClass[data[i]] {
		case sQuote:
			if high && !utf8.Valid(data[start:i]) {
				return 0, 0, false, p.encodingErr(start + firstInvalidUTF8(data[start:i]))
			}
			p.i = i + 1
			return start, i, esc, nil
		case sEscape:
			esc = true
			if i+1 >= len(data) {
				return 0, 0, false, p.badJSON(i, "unterminated escape sequence")
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) || !isHex(data[i+5]) {
					return 0, 0, false, p.badJSON(i, `invalid \u escape, need 4 hex digits`)
				}
				i += 6
			default:
				return 0, 0, false, p.badJSON(i, "invalid escape sequence \\"+string(rune(data[i+1]&0x7f)))
			}
		case sControl:
			c := data[i]
			if c == '\n' || c == '\r' {
				return 0, 0, false, p.badJSON(i, "line break inside a string (write it as \\n)")
			}
			return 0, 0, false, p.badJSON(i, fmt.Sprintf("control character 0x%02x inside a string", c))
		case sHigh:
			high = true
			i++
			for i < len(data) && data[i] >= 0x80 {
				i++
			}
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipNumber validates the JSON number grammar at p.i.
func (p *parser) skipNumber() error {
	data := p.data
	i := p.i
	if data[i] == '-' {
		i++
	}
	if i >= len(data) {
		return p.badJSON(i, "unexpected end of input inside a number")
	}
	switch c := data[i]; {
	case c == '0':
		i++
		if i < len(data) && isDigit(data[i]) {
			return p.badJSON(i, "number with a leading zero")
		}
	case c >= '1' && c <= '9':
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	default:
		p.i = i
		return p.expected("a digit")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || !isDigit(data[i]) {
			p.i = i
			return p.expected("a digit after the decimal point")
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !isDigit(data[i]) {
			p.i = i
			return p.expected("a digit in the exponent")
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	p.i = i
	return nil
}

// literal validates true/false/null at p.i.
func (p *parser) literal() error {
	data := p.data[p.i:]
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(data) >= len(lit) && string(data[:len(lit)]) == lit {
			p.i += len(lit)
			return nil
		}
	}
	return p.expected("a value")
}

// scalar validates one non-container value at p.i (after whitespace).
func (p *parser) scalar() error {
	if p.i >= len(p.data) {
		return p.expected("a value")
	}
	switch c := p.data[p.i]; {
	case c == '"':
		_, _, _, err := p.str()
		return err
	case c == '-' || isDigit(c):
		return p.skipNumber()
	default:
		return p.literal()
	}
}

// memberName reads `"name" :` at p.i (after whitespace) and returns the
// decoded name; the slice is valid until the next call.
func (p *parser) memberName() ([]byte, int, error) {
	p.ws()
	at := p.i
	if p.i >= len(p.data) || p.data[p.i] != '"' {
		return nil, at, p.expected("a member name in double quotes")
	}
	s, e, esc, err := p.str()
	if err != nil {
		return nil, at, err
	}
	name := p.data[s:e]
	if esc {
		p.keyDecode = appendUnescaped(p.keyDecode[:0], name)
		name = p.keyDecode
	}
	p.ws()
	if p.i >= len(p.data) || p.data[p.i] != ':' {
		return nil, at, p.expected("':' after a member name")
	}
	p.i++
	p.ws()
	if p.i >= len(p.data) {
		return nil, at, p.expected("a value")
	}
	return name, at, nil
}

// value is skip with a fast path for scalars, the usual property values.
func (p *parser) value() error {
	p.ws()
	if p.i < len(p.data) {
		if c := p.data[p.i]; c != '{' && c != '[' {
			return p.scalar()
		}
	}
	return p.skip()
}

// skip validates one complete JSON value at p.i and moves past it. It is
// iterative, so nesting depth costs heap, not stack.
func (p *parser) skip() error {
	stk := p.stk[:0]
	defer func() { p.stk = stk[:0] }()
	for {
		p.ws()
		if p.i >= len(p.data) {
			return p.expected("a value")
		}
		switch c := p.data[p.i]; c {
		case '{':
			p.i++
			p.ws()
			if p.i < len(p.data) && p.data[p.i] == '}' {
				p.i++
				break
			}
			stk = append(stk, '{')
			if _, _, err := p.memberName(); err != nil {
				return err
			}
			continue
		case '[':
			p.i++
			p.ws()
			if p.i < len(p.data) && p.data[p.i] == ']' {
				p.i++
				break
			}
			stk = append(stk, '[')
			continue
		default:
			if err := p.scalar(); err != nil {
				return err
			}
		}
		// after a value
		for {
			if len(stk) == 0 {
				return nil
			}
			p.ws()
			top := stk[len(stk)-1]
			if p.i >= len(p.data) {
				if top == '{' {
					return p.expected("',' or '}'")
				}
				return p.expected("',' or ']'")
			}
			c := p.data[p.i]
			if c == ',' {
				p.i++
				if top == '{' {
					if _, _, err := p.memberName(); err != nil {
						return err
					}
				}
				break
			}
			if (top == '{' && c == '}') || (top == '[' && c == ']') {
				p.i++
				stk = stk[:len(stk)-1]
				continue
			}
			if top == '{' {
				return p.expected("',' or '}' after an object member")
			}
			return p.expected("',' or ']' after an array element")
		}
	}
}

// afterMember consumes ',' (returns false) or '}' (returns true).
func (p *parser) afterMember() (bool, error) {
	p.ws()
	if p.i < len(p.data) {
		switch p.data[p.i] {
		case ',':
			p.i++
			return false, nil
		case '}':
			p.i++
			return true, nil
		}
	}
	return false, p.expected("',' or '}' after an object member")
}

// objectStart consumes '{' and reports whether the object is empty ('}' consumed too).
func (p *parser) objectStart() (empty bool, err error) {
	p.ws()
	if p.i >= len(p.data) || p.data[p.i] != '{' {
		return false, p.expected("'{'")
	}
	p.i++
	p.ws()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return true, nil
	}
	return false, nil
}

// validateAll validates data as exactly one JSON value with optional whitespace.
func (p *parser) validateAll() error {
	if err := p.skip(); err != nil {
		return err
	}
	p.ws()
	if p.i < len(p.data) {
		return p.badJSON(p.i, "unexpected "+describeByte(p.data[p.i])+" after the end of a value")
	}
	return nil
}
