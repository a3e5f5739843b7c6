package geojson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// crs.go: the legacy (GeoJSON 2008) "crs" member. RFC 7946 dropped it, but
// Chinese data in CGCS2000 / Gauss-Krüger coordinates still carries it.

// decodeCRS interprets a raw, already validated crs value. present is false
// for null. A non-empty problem means the member is unusable.
func decodeCRS(raw []byte) (name string, present bool, problem string) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return "", false, ""
	}
	var obj map[string]json.RawMessage
	if ValueKind(raw) != KindObject || json.Unmarshal(raw, &obj) != nil {
		return "", true, "crs must be an object, found " + kindName(raw[0])
	}
	var typ string
	if json.Unmarshal(obj["type"], &typ) != nil {
		return "", true, `crs has no "type" string`
	}
	var props map[string]json.RawMessage
	if p, ok := obj["properties"]; !ok || json.Unmarshal(p, &props) != nil || props == nil {
		return "", true, `crs has no "properties" object`
	}
	str := func(key string) string {
		var s string
		if json.Unmarshal(props[key], &s) != nil {
			return ""
		}
		return s
	}
	switch typ {
	case "name":
		if s := str("name"); s != "" {
			return s, true, ""
		}
		return "", true, `named crs has no "name" string`
	case "EPSG":
		code := bytes.TrimSpace(props["code"])
		if s := str("code"); s != "" {
			return "EPSG:" + s, true, ""
		}
		if n, err := strconv.ParseUint(string(code), 10, 32); err == nil && n > 0 {
			return "EPSG:" + strconv.FormatUint(n, 10), true, ""
		}
		return "", true, `epsg crs has no valid "code"`
	case "OGC":
		if s := str("urn"); s != "" {
			return s, true, ""
		}
		return "", true, `ogc crs has no "urn" string`
	case "link", "linked":
		return "", true, "crs refers to another file (linked crs); not supported"
	}
	return "", true, fmt.Sprintf("unknown crs type %q", typ)
}
