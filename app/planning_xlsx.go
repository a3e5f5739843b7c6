package app

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"minerehab/app/i18n"
)

// WriteReportXLSX writes the report as an Office Open XML workbook, one
// sheet per table, with nothing but the standard library: an .xlsx is a
// zip of XML parts. Text cells are inline strings, numbers are numbers;
// the header row is bold.
func WriteReportXLSX(w io.Writer, r *Report, l i18n.Lang) error {
	return writeXLSX(w, r.Tables(l))
}

func writeXLSX(w io.Writer, tables []ReportTable) error {
	zw := zip.NewWriter(w)
	// A fixed modification time keeps the bytes of a report reproducible.
	stamp := time.Date(2021, 3, 12, 0, 0, 0, 0, time.UTC)
	part := func(name, body string) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, xml.Header+body)
		return err
	}
	var ct, rels, sheets strings.Builder
	ct.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	used := map[string]bool{}
	for i, t := range tables {
		n := i + 1
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		fmt.Fprintf(&sheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, xmlEscape(sheetName(t.Name, n, used)), n, n)
	}
	ct.WriteString(`</Types>`)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, len(tables)+1)
	steps := []struct{ name, body string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			sheets.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
			`</styleSheet>`},
	}
	for i, t := range tables {
		steps = append(steps, struct{ name, body string }{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), sheetXML(t)})
	}
	for _, s := range steps {
		if err := part(s.name, s.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sheetName makes a valid, unique sheet name: at most 31 characters, none of []:*?/\.
func sheetName(name string, n int, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	if rs := []rune(name); len(rs) > 31 {
		name = string(rs[:31])
	}
	if name == "" || used[strings.ToLower(name)] {
		name = fmt.Sprintf("Sheet%d", n)
	}
	used[strings.ToLower(name)] = true
	return name
}

func sheetXML(t ReportTable) string {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	row := func(r int, cells []any, style int) {
		fmt.Fprintf(&b, `<row r="%d">`, r)
		for c, v := range cells {
			ref := colName(c) + fmt.Sprint(r)
			s := ""
			if style > 0 {
				s = fmt.Sprintf(` s="%d"`, style)
			}
			switch x := v.(type) {
			case int:
				fmt.Fprintf(&b, `<c r="%s"%s><v>%d</v></c>`, ref, s, x)
			case float64:
				if math.IsNaN(x) || math.IsInf(x, 0) {
					fmt.Fprintf(&b, `<c r="%s"%s/>`, ref, s)
				} else {
					fmt.Fprintf(&b, `<c r="%s"%s><v>%s</v></c>`, ref, s, cellText(x))
				}
			default:
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"%s><is><t xml:space="preserve">%s</t></is></c>`, ref, s, xmlEscape(cellText(v)))
			}
		}
		b.WriteString(`</row>`)
	}
	hdr := make([]any, len(t.Header))
	for i, h := range t.Header {
		hdr[i] = h
	}
	row(1, hdr, 1)
	for i, r := range t.Rows {
		row(i+2, r, 0)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// colName is the spreadsheet column letter of a 0-based index: A … Z, AA ….
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func xmlEscape(s string) string {
	var b strings.Builder
	// Characters XML 1.0 cannot hold at all are dropped.
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			return r
		}
		return -1
	}, s)
	xml.EscapeText(&b, []byte(clean))
	return b.String()
}
