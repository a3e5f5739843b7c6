package geojson

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
)

// buffer.go: the input window and pass 1, which finds where a value ends
// (counting brackets, skipping strings) so that pass 2 can work on it in
// memory. Only the current value is kept: bytes before min(r, mark, pin)
// are dropped when the window is refilled.

const initialBuffer = 256 << 10

// fill reads more input into buf[w:], first dropping consumed bytes and
// growing the window if needed. It returns false at end of input.
func (r *Reader) fill() (bool, error) {
	if r.rerr != nil {
		return false, r.rerr
	}
	if r.eof {
		return false, nil
	}
	keep := r.r
	if r.mark >= 0 && r.mark < keep {
		keep = r.mark
	}
	if r.pin >= 0 && r.pin < keep {
		keep = r.pin
	}
	if free := len(r.buf) - r.w; free < len(r.buf)/4 {
		if keep > 0 {
			r.discard(keep)
		}
		if len(r.buf)-r.w < len(r.buf)/4 {
			if int64(r.w) > r.opt.MaxFeatureBytes {
				return false, r.tooLarge()
			}
			nb := make([]byte, 2*len(r.buf))
			copy(nb, r.buf[:r.w])
			r.buf = nb
		}
	}
	for range 100 {
		n, err := r.src.Read(r.buf[r.w:])
		r.w += n
		if err == io.EOF {
			r.eof = true
		} else if err != nil {
			r.rerr = fmt.Errorf("geojson: reading input at byte %d: %w", r.base+int64(r.w), err)
			r.eof = true
		}
		if n > 0 {
			return true, nil
		}
		if r.eof {
			return false, r.rerr
		}
	}
	r.rerr = fmt.Errorf("geojson: reading input at byte %d: %w", r.base+int64(r.w), io.ErrNoProgress)
	return false, r.rerr
}

func (r *Reader) tooLarge() error {
	return r.synErrAbs(CodeTooLarge, r.base,
		fmt.Sprintf("a feature (or root member) starting here is larger than the %d-byte limit", r.opt.MaxFeatureBytes))
}

// discard drops buf[:keep], keeping line bookkeeping valid.
func (r *Reader) discard(keep int) {
	newBase := r.base + int64(keep)
	if r.curOff < newBase {
		r.advanceLines(newBase)
	}
	r.baseLine = r.curLine - bytes.Count(r.buf[keep:r.curOff-r.base], nl)
	if i := bytes.LastIndexByte(r.buf[:keep], '\n'); i >= 0 {
		r.baseLineStart = r.base + int64(i) + 1
	}
	n := r.w - keep
	if len(r.buf) > 4*initialBuffer && n < len(r.buf)/8 {
		// a large feature has passed: give the memory back
		nb := make([]byte, max(initialBuffer, 2*n))
		copy(nb, r.buf[keep:r.w])
		r.buf = nb
	} else {
		copy(r.buf, r.buf[keep:r.w])
	}
	r.w = n
	r.r -= keep
	if r.mark >= 0 {
		r.mark -= keep
	}
	if r.pin >= 0 {
		r.pin -= keep
	}
	r.base = newBase
}

var nl = []byte{'\n'}

// advanceLines moves the line cursor forward to abs (which is in the window).
func (r *Reader) advanceLines(abs int64) {
	seg := r.buf[r.curOff-r.base : abs-r.base]
	if n := bytes.Count(seg, nl); n > 0 {
		r.curLine += n
		r.curLineStart = r.curOff + int64(bytes.LastIndexByte(seg, '\n')) + 1
	}
	r.curOff = abs
}

// position returns the 1-based line and byte column of file offset abs,
// which must be in the window.
func (r *Reader) position(abs int64) (line, col int) {
	if abs < r.base {
		abs = r.base
	}
	if end := r.base + int64(r.w); abs > end {
		abs = end
	}
	if abs >= r.curOff {
		r.advanceLines(abs)
		return r.curLine, int(abs-r.curLineStart) + 1
	}
	line = r.curLine - bytes.Count(r.buf[abs-r.base:r.curOff-r.base], nl)
	ls := r.baseLineStart
	if i := bytes.LastIndexByte(r.buf[:abs-r.base], '\n'); i >= 0 {
		ls = r.base + int64(i) + 1
	}
	return line, int(abs-ls) + 1
}

func (r *Reader) synErrAbs(code string, abs int64, detail string) *SyntaxError {
	line, col := r.position(abs)
	return &SyntaxError{Code: code, Offset: abs, Line: line, Col: col, Detail: detail}
}

// pass-1 byte classes
const (
	c1Plain = iota
	c1Quote
	c1Open
	c1Close
)

var p1class = func() (t [256]uint8) {
	t['"'] = c1Quote
	t['{'], t['['] = c1Open, c1Open
	t['}'], t[']'] = c1Close, c1Close
	return
}()

// scalarByte: bytes that can continue a number or literal (or the garbage
// a misspelt one leaves).
var scalarByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	t['-'], t['+'], t['.'] = true, true, true
	return
}()

// capture finds the end of the JSON value starting at buf[r.r] (a non-space
// byte), reading more input as needed, and points r.p at it (r.mark pins
// it; r.r moves past it). With inObject the value's '{' has already been
// consumed and the rest of that object is captured, from r.r on. depth0 is
// the number of enclosing containers (checked against MaxDepth).
//
// Malformed input is not diagnosed here: capture stops at a mismatched
// bracket or the end of input and pass 2 reports the exact problem.
func (r *Reader) capture(depth0 int, inObject bool) error {
	if len(r.buf) > 4*initialBuffer && r.pin < 0 && r.w-r.r < len(r.buf)/8 {
		r.discard(r.r) // a large feature has passed: shrink the window
	}
	r.mark = r.r
	end, err := r.captureEnd(depth0, inObject)
	if err != nil {
		return err
	}
	start := r.mark
	if r.pin >= 0 && r.pin < start {
		start = r.pin
	}
	if int64(end-start) > r.opt.MaxFeatureBytes {
		return r.synErrAbs(CodeTooLarge, r.base+int64(start),
			fmt.Sprintf("a feature (or root member) starting here is larger than the %d-byte limit", r.opt.MaxFeatureBytes))
	}
	r.p.data = r.buf[r.mark:end]
	r.p.abs = r.base + int64(r.mark)
	r.p.i = 0
	r.r = end
	return nil
}

// more refills while scanning at index i; it returns i adjusted for the
// window having moved.
func (r *Reader) more(i int) (int, bool, error) {
	off := i - r.mark
	ok, err := r.fill()
	return r.mark + off, ok, err
}

func (r *Reader) captureEnd(depth0 int, inObject bool) (int, error) {
	stack := r.stack[:0]
	defer func() { r.stack = stack[:0] }()
	i := r.r
	if inObject {
		stack = append(stack, '{')
	} else {
		switch c := r.buf[i]; p1class[c] {
		case c1Quote:
			return r.captureString(i)
		case c1Open:
			if depth0+1 > r.opt.MaxDepth {
				return 0, r.tooDeep(i)
			}
			stack = append(stack, c)
			i++
		default:
			for {
				for i < r.w && scalarByte[r.buf[i]] {
					i++
				}
				if i < r.w {
					break
				}
				var ok bool
				var err error
				if i, ok, err = r.more(i); err != nil {
					return 0, err
				} else if !ok {
					break
				}
			}
			if i == r.mark { // not a value at all: hand pass 2 the offending byte
				i++
			}
			return i, nil
		}
	}
	for {
		buf := r.buf[:r.w]
		i = skipPlain(buf, i)
		if i >= len(buf) {
			var ok bool
			var err error
			if i, ok, err = r.more(i); err != nil {
				return 0, err
			} else if !ok {
				return i, nil // truncated; pass 2 says where
			}
			continue
		}
		switch c := buf[i]; p1class[c] {
		case c1Quote:
			end, err := r.captureString(i)
			if err != nil {
				return 0, err
			}
			i = end
		case c1Open:
			if depth0+len(stack)+1 > r.opt.MaxDepth {
				return 0, r.tooDeep(i)
			}
			stack = append(stack, c)
			i++
		case c1Close:
			i++
			if len(stack) == 0 {
				return i, nil
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if (top == '{') != (c == '}') || len(stack) == 0 {
				return i, nil
			}
		}
	}
}

func (r *Reader) tooDeep(i int) error {
	return r.synErrAbs(CodeTooDeep, r.base+int64(i),
		fmt.Sprintf("arrays and objects nested more than %d deep", r.opt.MaxDepth))
}

// captureString returns the index just past the string starting at buf[i]
// (or the end of input if it is unterminated).
func (r *Reader) captureString(i int) (int, error) {
	j := i + 1
	for {
		k := bytes.IndexByte(r.buf[j:r.w], '"')
		if k < 0 {
			scanned := r.w - i
			ni, ok, err := r.more(i)
			if err != nil {
				return 0, err
			}
			i, j = ni, ni+scanned
			if !ok {
				return r.w, nil
			}
			continue
		}
		q := j + k
		n := 0
		for b := q - 1; b > i && r.buf[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return q + 1, nil
		}
		j = q + 1
	}
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// skipPlain returns the index of the first byte at or after i that is a
// quote or a bracket, or len(buf). It tests eight bytes at a time: a zero
// byte in v^c marks a byte equal to c; b|0x20 is '{' only for '[' and '{',
// '}' only for ']' and '}'. The zero-byte test may flag bytes above a true
// match, never below, so the lowest flag is exact.
func skipPlain(buf []byte, i int) int {
	for i+8 <= len(buf) {
		v := binary.LittleEndian.Uint64(buf[i:])
		w := v | lsb*0x20
		q := v ^ (lsb * '"')
		o := w ^ (lsb * '{')
		c := w ^ (lsb * '}')
		m := ((q - lsb) &^ q) | ((o - lsb) &^ o) | ((c - lsb) &^ c)
		if m &= msb; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(buf) && p1class[buf[i]] == c1Plain {
		i++
	}
	return i
}
