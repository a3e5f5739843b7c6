package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/text/encoding/simplifiedchinese"

	"minerehab/gis/corners"
	"minerehab/gis/crs"
)

// formatProducer is the producer of a format the request names, or nil
// when the file's content is to decide (GeoJSON or GeoPackage).
// With no format named, a text that opens with a [属性描述] or [地块坐标]
// section (UTF-8 or GBK) is taken for corner coordinates.
func formatProducer(format string, r *bufio.Reader, file, override string, fsum *FileSummary) (producer, error) {
	switch format {
	case "", "auto":
		if head, _ := r.Peek(4096); !looksLikeCorners(head) {
			return nil, nil
		}
		fsum.Format = "corners"
		return cornersProducer(r, file, override, fsum), nil
	case "geojson", "gpkg":
		return nil, nil
	case "corners":
		fsum.Format = "corners"
		return cornersProducer(r, file, override, fsum), nil
	}
	return nil, &FileError{File: file, Code: "unknown-format", Err: fmt.Errorf("unknown format %q", format)}
}

// cornerSections are the section headers of the exchange layout, in UTF-8
// and in GBK.
var cornerSections = func() [][]byte {
	var out [][]byte
	for _, s := range []string{"[属性描述]", "[地块坐标]"} {
		out = append(out, []byte(s))
		if g, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s)); err == nil {
			out = append(out, g)
		}
	}
	return out
}()

// looksLikeCorners reports whether the start of a file has a section header
// of the corner-coordinate exchange layout near its top (before any '{').
func looksLikeCorners(head []byte) bool {
	if i := bytes.IndexByte(head, '{'); i >= 0 {
		head = head[:i]
	}
	for _, s := range cornerSections {
		if bytes.Contains(head, s) {
			return true
		}
	}
	return false
}

// cornersProducer reads a corner-coordinate (界址点) file whole and emits
// one polygon or multipolygon feature per parcel, in the file's own
// coordinate system (kept exactly as the feature's source geometry). The
// parcel's header fields become its properties, by name (地块名称, 地块编号,
// …; 界址点数 is left out: it is counted again on export). A file with any
// unreadable line is refused whole, naming the first.
func cornersProducer(r io.Reader, file, override string, fsum *FileSummary) producer {
	return func(ctx context.Context, emit func(item) bool) error {
		epsg, err := cornerCRS(file, override)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(r, maxCornerFile+1))
		if err != nil {
			return &FileError{File: file, Code: "read-failed", Err: err}
		}
		if len(data) > maxCornerFile {
			return &FileError{File: file, Code: "corners-too-large", Err: io.ErrShortBuffer}
		}
		f, perr := corners.Parse(data, corners.Options{EPSG: epsg})
		if perr != nil {
			code := corners.CodeBadLine
			var e *corners.Error
			if errors.As(perr, &e) {
				code = e.Code
			}
			return &FileError{File: file, Code: code, Err: perr}
		}
		src, err := crs.ByEPSG(f.EPSG)
		if err != nil {
			return &FileError{File: file, Code: "unsupported-crs", Err: err}
		}
		fsum.CRS = src.String()
		switch f.CRSFrom {
		case "caller":
			fsum.CRSNote = "override"
		case "prefix":
			fsum.CRSNote, fsum.Zone = "detected-gk-zone", src.Zone
		case "degrees":
			fsum.CRSNote = "default"
		default:
			fsum.CRSNote = "declared"
		}
		for i, p := range f.Parcels {
			id := p.Number()
			if id == "" {
				id = strconv.Itoa(i + 1)
			}
			it := item{src: source{index: i, line: max(p.Line, firstLine(p)), id: id, geom: p.Geometry(), props: parcelProps(p), crs: src}}
			if !emit(it) {
				return nil
			}
		}
		return nil
	}
}

func firstLine(p *corners.Parcel) int {
	if len(p.Rings) > 0 && len(p.Rings[0].Points) > 0 {
		return p.Rings[0].Points[0].Line
	}
	return 0
}

// parcelProps is the properties object of a parcel: its header fields in
// layout order, as strings, without 界址点数; nil when it has none.
func parcelProps(p *corners.Parcel) []byte {
	var b []byte
	add := func(k, v string) {
		if v == "" || k == corners.FieldCount {
			return
		}
		if b == nil {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = append(append(append(b, jsonString(k)...), ':'), jsonString(v)...)
	}
	n := max(len(p.Fields), len(corners.HeaderFields))
	for i := 0; i < n; i++ {
		k := cornerFieldName(i)
		add(k, p.Attrs[k])
	}
	if b == nil {
		return nil
	}
	return append(b, '}')
}

// jsonString is s as a JSON string, with <, > and & as they are.
func jsonString(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// cornerFieldName names header field i as the corners package does.
func cornerFieldName(i int) string {
	if i < len(corners.HeaderFields) {
		return corners.HeaderFields[i]
	}
	return "字段" + strconv.Itoa(i+1)
}
