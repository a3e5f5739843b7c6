package pdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
)

// Options control a document's metadata and encoding.
type Options struct {
	// CreationDate stamps the document; the zero time writes no date, so
	// output depends on the drawing only (for golden files).
	CreationDate time.Time
	Title        string
	Author       string
	Subject      string
	Creator      string // the application that made the content
	// NoCompress writes content streams uncompressed (for debugging).
	NoCompress bool
}

// Document is a PDF being built: pages in order, the fonts and images they
// use. It is not safe for concurrent use.
type Document struct {
	opt    Options
	pages  []*Page
	fonts  []*docFont
	byFont map[*Font]*docFont
	images []*pdfImage
}

// docFont is one font as a document uses it.
type docFont struct {
	f      *Font
	name   string // resource name, F0, F1 …
	glyphs *glyphSet
}

// MaxPageSize is the largest page side, points (PDF's 200 inch limit).
const MaxPageSize = 14400

// New starts an empty document.
func New(opt Options) *Document {
	return &Document{opt: opt, byFont: map[*Font]*docFont{}}
}

// AddPage appends a page of w×h points and returns it for drawing.
func (d *Document) AddPage(w, h float64) (*Page, error) {
	if !(w >= 3 && w <= MaxPageSize && h >= 3 && h <= MaxPageSize) {
		return nil, newError(CodeBadArgument, "page size %g×%g pt outside 3..%d", w, h, MaxPageSize)
	}
	p := &Page{doc: d, w: w, h: h, fonts: map[*docFont]bool{}, gs: map[gsKey]string{}, prec: defaultPrec}
	p.st = gstate{fillA: 1, strokeA: 1, lineWidth: 1}
	d.pages = append(d.pages, p)
	return p, nil
}

// NumPages returns the number of pages added so far.
func (d *Document) NumPages() int { return len(d.pages) }

func (d *Document) font(f *Font) *docFont {
	if df, ok := d.byFont[f]; ok {
		return df
	}
	df := &docFont{f: f, name: "F" + strconv.Itoa(len(d.fonts)), glyphs: newGlyphSet()}
	d.fonts = append(d.fonts, df)
	d.byFont[f] = df
	return df
}

// objWriter writes numbered objects and remembers their offsets.
type objWriter struct {
	w       *bufio.Writer
	n       int64
	offsets []int64 // by object number - 1
	err     error
	z       bytes.Buffer
	nozip   bool
}

func (o *objWriter) write(s string) {
	if o.err != nil {
		return
	}
	k, err := o.w.WriteString(s)
	o.n += int64(k)
	o.err = err
}

func (o *objWriter) writeBytes(b []byte) {
	if o.err != nil {
		return
	}
	k, err := o.w.Write(b)
	o.n += int64(k)
	o.err = err
}

// begin starts object num (which must be the next number).
func (o *objWriter) begin(num int) {
	for len(o.offsets) < num {
		o.offsets = append(o.offsets, 0)
	}
	o.offsets[num-1] = o.n
	o.write(strconv.Itoa(num) + " 0 obj\n")
}

func (o *objWriter) object(num int, body string) {
	o.begin(num)
	o.write(body)
	o.write("\nendobj\n")
}

// stream writes a stream object, Flate-compressed unless the writer was
// told not to or compress is false; extra is added to its dictionary.
func (o *objWriter) stream(num int, extra string, data []byte, compress bool) {
	filter := ""
	if compress && !o.nozip {
		o.z.Reset()
		zw, _ := zlib.NewWriterLevel(&o.z, compressLevel)
		zw.Write(data)
		zw.Close()
		data = o.z.Bytes()
		filter = "/Filter /FlateDecode "
	}
	o.begin(num)
	o.write("<< " + filter + extra + "/Length " + strconv.Itoa(len(data)) + " >>\nstream\n")
	o.writeBytes(data)
	o.write("\nendstream\nendobj\n")
}

// rawStream writes a stream object of data already encoded as extra's
// /Filter says.
func (o *objWriter) rawStream(num int, extra string, data []byte) {
	o.begin(num)
	o.write("<< " + extra + "/Length " + strconv.Itoa(len(data)) + " >>\nstream\n")
	o.writeBytes(data)
	o.write("\nendstream\nendobj\n")
}

// WriteTo writes the document. It can be written again, but pages must
// not be drawn on after it was written.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	if len(d.pages) == 0 {
		return 0, newError(CodeBadArgument, "document has no pages")
	}
	o := &objWriter{w: bufio.NewWriterSize(w, 1<<16), nozip: d.opt.NoCompress}
	o.write("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

	// Object numbers: catalog, page tree, info, then five per font, one
	// per image, two per page.
	const catalog, pagesObj, info = 1, 2, 3
	next := 4
	fontObj := make([]int, len(d.fonts))
	for i := range d.fonts {
		fontObj[i] = next
		next += 5
	}
	imageObj := make([]int, len(d.images))
	for i := range d.images {
		imageObj[i] = next
		next++
	}
	pageObj := make([]int, len(d.pages))
	pageStreams := make([][][]byte, len(d.pages))
	for i, p := range d.pages {
		for _, c := range p.canvases {
			c.flush()
		}
		pageObj[i] = next
		pageStreams[i], _ = p.compressed(d.opt.NoCompress)
		next += 1 + max(1, len(pageStreams[i]))
	}

	o.object(catalog, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids bytes.Buffer
	for i := range d.pages {
		fmt.Fprintf(&kids, "%d 0 R ", pageObj[i])
	}
	o.object(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [ %s] /Count %d >>", kids.String(), len(d.pages)))
	o.object(info, d.infoDict())

	for i, df := range d.fonts {
		d.writeFont(o, fontObj[i], df)
	}
	for i, im := range d.images {
		o.stream(imageObj[i], fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 ", im.w, im.h), im.rgb, true)
	}
	for i, p := range d.pages {
		num := pageObj[i]
		var res bytes.Buffer
		res.WriteString("<< /ProcSet [/PDF /Text /ImageC]")
		if len(p.fonts) > 0 {
			res.WriteString(" /Font <<")
			for j, df := range d.fonts {
				if p.fonts[df] {
					fmt.Fprintf(&res, " /%s %d 0 R", df.name, fontObj[j])
				}
			}
			res.WriteString(" >>")
		}
		if len(p.gsOrder) > 0 {
			res.WriteString(" /ExtGState <<")
			for _, k := range p.gsOrder {
				fmt.Fprintf(&res, " /%s << /ca %s /CA %s >>", p.gs[k], num4(k.fill), num4(k.stroke))
			}
			res.WriteString(" >>")
		}
		if len(p.images) > 0 {
			res.WriteString(" /XObject <<")
			for _, im := range p.images {
				fmt.Fprintf(&res, " /%s %d 0 R", im.name, imageObj[im.index])
			}
			res.WriteString(" >>")
		}
		res.WriteString(" >>")
		streams := pageStreams[i]
		contents := strconv.Itoa(num+1) + " 0 R"
		if len(streams) > 1 {
			var b bytes.Buffer
			b.WriteString("[")
			for k := range streams {
				fmt.Fprintf(&b, "%d 0 R ", num+1+k)
			}
			b.WriteString("]")
			contents = b.String()
		}
		o.object(num, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources %s /Contents %s >>",
			num4(p.w), num4(p.h), res.String(), contents))
		if streams == nil {
			o.stream(num+1, "", p.buf.Bytes(), true)
		}
		for k, data := range streams {
			o.rawStream(num+1+k, "/Filter /FlateDecode ", data)
		}
	}

	xref := o.n
	o.write(fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(o.offsets)+1))
	for _, off := range o.offsets {
		o.write(fmt.Sprintf("%010d 00000 n \n", off))
	}
	o.write(fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(o.offsets)+1, xref))
	if o.err == nil {
		o.err = o.w.Flush()
	}
	return o.n, o.err
}

func (d *Document) infoDict() string {
	var b bytes.Buffer
	b.WriteString("<< /Producer (minerehab gis/pdf)")
	for _, kv := range [][2]string{{"Title", d.opt.Title}, {"Author", d.opt.Author}, {"Subject", d.opt.Subject}, {"Creator", d.opt.Creator}} {
		if kv[1] != "" {
			b.WriteString(" /" + kv[0] + " " + textString(kv[1]))
		}
	}
	if !d.opt.CreationDate.IsZero() {
		t := d.opt.CreationDate.UTC()
		b.WriteString(" /CreationDate (D:" + t.Format("20060102150405") + "Z)")
	}
	b.WriteString(" >>")
	return b.String()
}

// textString encodes s as a PDF text string: UTF-16BE with a byte order
// mark, in hex.
func textString(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// num4 formats v with at most 4 decimals, no exponent, no trailing zeros.
func num4(v float64) string { return fmtNum(v, 4) }

// fmtNum formats v with at most prec decimals, no exponent, no trailing
// zeros; non-finite values become 0 and magnitudes are capped at 1e7.
func fmtNum(v float64, prec int) string {
	return string(appendNum(nil, v, prec))
}

func appendNum(b []byte, v float64, prec int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	v = max(-1e7, min(1e7, v))
	if prec == 0 {
		return strconv.AppendInt(b, int64(math.Round(v)), 10)
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	if prec > 0 {
		i := len(b)
		for i > start && b[i-1] == '0' {
			i--
		}
		if i > start && b[i-1] == '.' {
			i--
		}
		b = b[:i]
	}
	if s := string(b[start:]); s == "-0" || s == "" {
		b = append(b[:start], '0')
	}
	return b
}
