package geojson

import "bytes"

// sniff.go: recognising files that are not JSON text at all, from their
// first bytes, so the user hears "this is a shapefile" rather than "bad json".

var magics = []struct {
	prefix, code, detail string
}{
	{"\x00\x00\x27\x0a", CodeBinary, BinaryShapefile},
	{"SQLite format 3\x00", CodeBinary, BinarySQLite},
	{"PK\x03\x04", CodeBinary, BinaryZip},
	{"PK\x05\x06", CodeBinary, BinaryZip},
	{"PK\x07\x08", CodeBinary, BinaryZip},
	{"%PDF-", CodeBinary, BinaryPDF},
	{"\x89PNG\r\n\x1a\n", CodeBinary, BinaryPNG},
	{"\xff\xd8\xff", CodeBinary, BinaryJPEG},
	{"GIF87a", CodeBinary, BinaryGIF},
	{"GIF89a", CodeBinary, BinaryGIF},
	{"\x1f\x8b", CodeBinary, BinaryGzip},
	{"\x00\x00\xfe\xff", CodeUTF16, "utf-32 byte order mark (big-endian)"},
	{"\xff\xfe\x00\x00", CodeUTF16, "utf-32 byte order mark (little-endian)"},
	{"\xff\xfe", CodeUTF16, "utf-16 byte order mark (little-endian)"},
	{"\xfe\xff", CodeUTF16, "utf-16 byte order mark (big-endian)"},
}

// sniff inspects the first bytes of the input (at most 64 are looked at)
// and returns a file-level code and detail if they are not UTF-8 JSON text.
func sniff(b []byte) (code, detail string) {
	b = b[:min(len(b), 64)]
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.code, m.detail
		}
	}
	if looksDBase(b) {
		return CodeBinary, BinaryDBase
	}
	if i := bytes.IndexByte(b[:min(len(b), 4)], 0); i >= 0 {
		return CodeUTF16, "nul bytes at the start (utf-16 or utf-32 text without a byte order mark)"
	}
	return "", ""
}

// isBinaryStart reports whether the first non-space byte of the input
// cannot start JSON text and is a control byte.
func isBinaryStart(c byte) bool {
	return c < 0x20 && c != 0x1e || c == 0x7f
}

const bom = "\xef\xbb\xbf"

// looksDBase recognises a dBASE (.dbf) header: version byte, a plausible
// last-update date and a header length of 32 bytes per field plus 33 (plus
// a 263-byte backlink for Visual FoxPro).
func looksDBase(b []byte) bool {
	if len(b) < 32 {
		return false
	}
	switch b[0] {
	case 0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8b, 0xcb, 0xe5, 0xf5, 0xfb:
	default:
		return false
	}
	if b[2] < 1 || b[2] > 12 || b[3] < 1 || b[3] > 31 {
		return false
	}
	h := int(b[8]) | int(b[9])<<8
	rec := int(b[10]) | int(b[11])<<8
	if rec == 0 || h < 33 {
		return false
	}
	return (h-33)%32 == 0 || (h >= 296 && (h-296)%32 == 0)
}
