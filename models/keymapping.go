package models

import (
	"slices"

	"minerehab/gis/geojson"
)

// KeyUse says that the source property Key filled Field.
type KeyUse struct {
	Field Field
	Key   string
}

// KeyMapping is how the property keys of one feature, or of several merged
// with Add, were read: which key filled which of our fields, and which keys
// filled none. Every key stays in the feature's properties either way; the
// Kept ones are only that, plain attributes, which is what a user checking
// an unfamiliar file needs to see before importing it.
type KeyMapping struct {
	Used []KeyUse // in KeyAliases' field order, then in the order first seen
	Kept []string // in the order first seen
}

// fieldOrder is each field's place in KeyAliases, the order Used keeps.
var fieldOrder = func() map[Field]int {
	m := map[Field]int{}
	for i, a := range KeyAliases {
		m[a.Field] = i
	}
	return m
}()

// MapPropertiesKeys is MapProperties that also says which key filled which
// field. A key that lost to a higher-priority alias, or whose value was
// null or empty, filled nothing and is listed as kept.
func MapPropertiesKeys(props []byte) (Attrs, KeyMapping, error) {
	won := map[Field]string{}
	a, err := mapProperties(props, won)
	if err != nil {
		return a, KeyMapping{}, err
	}
	var km KeyMapping
	used := map[string]bool{}
	for _, al := range KeyAliases {
		if k, ok := won[al.Field]; ok {
			km.Used = append(km.Used, KeyUse{al.Field, k})
			used[k] = true
		}
	}
	if len(props) == 0 {
		return a, km, nil
	}
	err = geojson.TopLevel(props, func(key string, _ []byte) bool {
		if !used[key] && !slices.Contains(km.Kept, key) {
			km.Kept = append(km.Kept, key)
		}
		return true
	})
	return a, km, err
}

// Add merges another feature's mapping into m. A field filled from
// different keys in different features lists each key; a key that filled a
// field in any feature is no longer listed as kept.
func (m *KeyMapping) Add(o KeyMapping) {
	for _, u := range o.Used {
		if !slices.Contains(m.Used, u) {
			m.Used = append(m.Used, u)
		}
	}
	slices.SortStableFunc(m.Used, func(a, b KeyUse) int { return fieldOrder[a.Field] - fieldOrder[b.Field] })
	for _, k := range o.Kept {
		if !slices.Contains(m.Kept, k) {
			m.Kept = append(m.Kept, k)
		}
	}
	m.Kept = slices.DeleteFunc(m.Kept, func(k string) bool {
		return slices.ContainsFunc(m.Used, func(u KeyUse) bool { return u.Key == k })
	})
}
