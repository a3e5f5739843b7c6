package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"minerehab/gis/geojson"
)

// Attribute editing: the inspector edits either a mapped field (name,
// licence, status, …) or any other property of the feature's original
// properties object. A mapped field is written to both the typed column and
// the property keys it was read from, so an export gives back the edited
// value under the source's own key (矿山名称 stays 矿山名称).

// EditableFields are the mapped fields the inspector lets a planner edit,
// in display order. feature_type is the source's own type value and is
// shown, not edited; area is computed.
var EditableFields = []Field{FieldName, FieldLicence, FieldDistrict, FieldMineral, FieldMethod, FieldStatus, FieldKind}

// MaxAttrLen bounds an edited value, in characters.
const MaxAttrLen = 500

// AttrError says why an attribute value was refused. Code is one of the
// AttrErr* constants; the window words it in the user's language.
type AttrError struct {
	Key   string // the field or property key
	Value string
	Code  string
}

// Codes of AttrError.
const (
	AttrErrUnknownStatus = "unknown-status" // not one of the statuses (生产, 停产, … or producing, …)
	AttrErrUnknownKind   = "unknown-kind"   // not one of the site kinds
	AttrErrEmpty         = "empty"          // a mine needs a name
	AttrErrTooLong       = "too-long"       // longer than MaxAttrLen
	AttrErrControl       = "control-chars"  // tabs, line breaks or other control characters
	AttrErrDuplicate     = "duplicate"      // another mine has this licence (checked by the app)
	AttrErrKey           = "bad-key"        // an empty property key
	AttrErrNotEditable   = "not-editable"   // a computed or structured value
	AttrErrBadProps      = "bad-properties" // the stored properties are not a JSON object (written by another program)
)

func (e *AttrError) Error() string {
	return fmt.Sprintf("attribute %q: value %q refused: %s", e.Key, e.Value, e.Code)
}

// FieldOf reports whether key names a mapped field (its English name).
func FieldOf(key string) (Field, bool) {
	for _, a := range KeyAliases {
		if string(a.Field) == key {
			return a.Field, true
		}
	}
	return "", false
}

// aliasesOf lists the property keys a field is read from.
func aliasesOf(f Field) []string {
	for _, a := range KeyAliases {
		if a.Field == f {
			return a.Keys
		}
	}
	return nil
}

// SetAttribute returns a copy of f with the attribute key set to value:
// key is a mapped field name (see EditableFields) or a property key of the
// original properties. The value is trimmed and validated; an empty value
// clears the field (removes the property). f is not changed.
func SetAttribute(f *Feature, key, value string) (*Feature, error) {
	value = strings.TrimSpace(value)
	if strings.TrimSpace(key) == "" {
		return nil, &AttrError{Key: key, Value: value, Code: AttrErrKey}
	}
	if err := checkText(key, value); err != nil {
		return nil, err
	}
	if _, err := Properties(f.Props); err != nil {
		return nil, &AttrError{Key: key, Value: value, Code: AttrErrBadProps}
	}
	out := *f
	if field, ok := FieldOf(key); ok {
		return setField(&out, field, value)
	}
	// A property that a field is read from is edited as that field, so the
	// typed column and the property never disagree.
	for _, a := range KeyAliases {
		for _, k := range a.Keys {
			if k == key && a.Field != FieldFeatureType {
				return setField(&out, a.Field, value)
			}
		}
	}
	props, err := setProperty(f.Props, key, value)
	if err != nil {
		return nil, err
	}
	out.Props = props
	return &out, nil
}

func checkText(key, value string) error {
	if utf8.RuneCountInString(value) > MaxAttrLen {
		return &AttrError{Key: key, Value: value, Code: AttrErrTooLong}
	}
	for _, r := range value {
		if unicode.IsControl(r) {
			return &AttrError{Key: key, Value: value, Code: AttrErrControl}
		}
	}
	return nil
}

func setField(f *Feature, field Field, value string) (*Feature, error) {
	a := f.Attrs
	switch field {
	case FieldName:
		if value == "" && f.Layer == LayerMines {
			return nil, &AttrError{Key: string(field), Value: value, Code: AttrErrEmpty}
		}
		a.Name = value
	case FieldLicence:
		a.Licence = value
	case FieldDistrict:
		a.District = value
	case FieldMineral:
		a.Mineral = value
	case FieldMethod:
		a.Method = value
	case FieldStatus:
		// Only a mine's status is one of the production statuses; other
		// layers (a fire point's 燃烧中/已熄灭) keep their own words.
		st, ok := ParseMineStatus(value)
		switch {
		case ok:
			a.Status = st
		case value == "" || f.Layer != LayerMines:
			a.Status = MineStatus(value)
		default:
			return nil, &AttrError{Key: string(field), Value: value, Code: AttrErrUnknownStatus}
		}
	case FieldKind:
		k, ok := ParseSiteKind(value)
		if !ok && value != "" {
			return nil, &AttrError{Key: string(field), Value: value, Code: AttrErrUnknownKind}
		}
		a.Kind = k
	default:
		return nil, &AttrError{Key: string(field), Value: value, Code: AttrErrNotEditable}
	}
	f.Attrs = a
	// Write the value under every key the field was read from; a field
	// that came from nowhere in the properties gets its English name.
	props, wrote := f.Props, false
	for _, k := range aliasesOf(field) {
		if _, ok := Property(props, k); ok {
			var err error
			if props, err = setProperty(props, k, value); err != nil {
				return nil, err
			}
			wrote = true
		}
	}
	if !wrote && value != "" {
		var err error
		if props, err = setProperty(props, string(field), value); err != nil {
			return nil, err
		}
	}
	f.Props = props
	return f, nil
}

// Property returns the raw JSON value of a top-level property.
func Property(props []byte, key string) ([]byte, bool) {
	var out []byte
	found := false
	if len(props) == 0 {
		return nil, false
	}
	_ = geojson.TopLevel(props, func(k string, raw []byte) bool {
		if k == key {
			out, found = raw, true
			return false
		}
		return true
	})
	return out, found
}

// PropertyEntry is one top-level property, in file order.
type PropertyEntry struct {
	Key  string
	Raw  []byte // the exact JSON value
	Text string // its text: a string's content, a number's digits, other JSON as written
}

// Properties lists the top-level properties of a raw properties object.
func Properties(props []byte) ([]PropertyEntry, error) {
	var out []PropertyEntry
	if len(bytes.TrimSpace(props)) == 0 {
		return nil, nil
	}
	err := geojson.TopLevel(props, func(k string, raw []byte) bool {
		text, ok := geojson.StringValue(raw)
		if !ok {
			text = string(raw)
		}
		out = append(out, PropertyEntry{Key: k, Raw: raw, Text: text})
		return true
	})
	return out, err
}

// setProperty rewrites a properties object with key set to value (removed
// when value is ""), keeping every other member's bytes and the order. A
// property that was a number stays a number when value is one.
func setProperty(props []byte, key, value string) ([]byte, error) {
	entries, err := Properties(props)
	if err != nil {
		return nil, err
	}
	enc := func(old []byte) []byte {
		if geojson.ValueKind(old) == geojson.KindNumber {
			if _, err := strconv.ParseFloat(value, 64); err == nil && json.Valid([]byte(value)) {
				return []byte(value)
			}
		}
		b, _ := json.Marshal(value)
		return b
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	n, done := 0, false
	member := func(k string, raw []byte) {
		if n > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(raw)
		n++
	}
	for _, e := range entries {
		if e.Key == key {
			if done || value == "" {
				continue // a duplicate, or a removal
			}
			member(e.Key, enc(e.Raw))
			done = true
			continue
		}
		member(e.Key, e.Raw)
	}
	if !done && value != "" {
		member(key, enc(nil))
	}
	buf.WriteByte('}')
	if n == 0 {
		return nil, nil
	}
	return buf.Bytes(), nil
}
