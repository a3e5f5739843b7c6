package corners

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encodings reported in File.Encoding.
const (
	EncUTF8  = "utf-8"
	EncUTF16 = "utf-16"
	EncGBK   = "gbk"
)

// decode turns the file's bytes into text: UTF-8 (with or without BOM),
// UTF-16 with a BOM, or else GBK (GB 18030, its superset). Bytes that are
// none of these come out as U+FFFD, which the line reader reports.
func decode(data []byte) (string, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), EncUTF8
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err == nil {
			return string(out), EncUTF16
		}
	case utf8.Valid(data):
		return string(data), EncUTF8
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), EncUTF8
	}
	return string(out), EncGBK
}
