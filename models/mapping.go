package models

import (
	"strings"

	"minerehab/gis/geojson"
)

// Field is an attribute minerehab understands.
type Field string

// Mapped fields.
const (
	FieldName        Field = "name"
	FieldLicence     Field = "licence"
	FieldDistrict    Field = "district"
	FieldMineral     Field = "mineral"
	FieldMethod      Field = "method"
	FieldStatus      Field = "status"
	FieldKind        Field = "kind"
	FieldFeatureType Field = "feature_type"
)

// KeyAliases lists, per field, the property keys (Chinese and English) that
// fill it, in priority order: when a feature carries several, the first wins.
// The README's property-mapping table is generated from this list.
var KeyAliases = []struct {
	Field Field
	Keys  []string
}{
	{FieldName, []string{"矿山名称", "名称", "矿名", "name", "Name", "NAME", "mine_name", "企业名称", "地块名称"}},
	{FieldLicence, []string{"采矿许可证号", "许可证号", "采矿权证号", "证号", "licence", "license", "licence_id", "license_id", "licence_no", "license_no"}},
	{FieldDistrict, []string{"行政区", "区", "所在区", "区县", "district", "county"}},
	{FieldMineral, []string{"矿种", "开采矿种", "主矿种", "mineral"}},
	{FieldMethod, []string{"开采方式", "method", "mining_method"}},
	{FieldStatus, []string{"生产状态", "状态", "status"}},
	{FieldKind, []string{"kind", "类型", "类别", "feature_type", "type"}},
	{FieldFeatureType, []string{"feature_type", "type", "类型"}},
}

// keyIndex maps a property key to the fields it may fill and its priority.
var keyIndex = func() map[string][]fieldRank {
	m := map[string][]fieldRank{}
	for _, a := range KeyAliases {
		for i, k := range a.Keys {
			m[k] = append(m[k], fieldRank{a.Field, i})
		}
	}
	return m
}()

type fieldRank struct {
	field Field
	rank  int
}

// MapProperties reads the raw properties object of a feature and fills the
// fields it recognises. Values that are not strings (numbers, booleans) are
// taken as their JSON text; nulls and empty strings fill nothing.
func MapProperties(props []byte) (Attrs, error) {
	return mapProperties(props, nil)
}

// mapProperties is MapProperties; when won is not nil it also notes, per
// field, the key whose value the field took (the import preview shows it).
// The import itself passes nil and pays for no map.
func mapProperties(props []byte, won map[Field]string) (Attrs, error) {
	var a Attrs
	if len(props) == 0 {
		return a, nil
	}
	best := map[Field]int{}
	var status, kind string
	err := geojson.TopLevel(props, func(key string, raw []byte) bool {
		ranks, ok := keyIndex[key]
		if !ok {
			return true
		}
		val, ok := scalarText(raw)
		if !ok || val == "" {
			return true
		}
		for _, fr := range ranks {
			if r, seen := best[fr.field]; seen && r <= fr.rank {
				continue
			}
			best[fr.field] = fr.rank
			if won != nil {
				won[fr.field] = key
			}
			switch fr.field {
			case FieldName:
				a.Name = val
			case FieldLicence:
				a.Licence = val
			case FieldDistrict:
				a.District = val
			case FieldMineral:
				a.Mineral = val
			case FieldMethod:
				a.Method = val
			case FieldStatus:
				status = val
			case FieldKind:
				kind = val
			case FieldFeatureType:
				a.FeatureType = val
			}
		}
		return true
	})
	if err != nil {
		return a, err
	}
	if st, ok := ParseMineStatus(status); ok {
		a.Status = st
	} else if status != "" {
		a.Status = MineStatus(status)
	}
	if k, ok := ParseSiteKind(kind); ok {
		a.Kind = k
	} else if won != nil {
		delete(won, FieldKind) // the winning value is no site kind: nothing was filled
	}
	return a, nil
}

// scalarText gives the text of a JSON string, number or boolean.
func scalarText(raw []byte) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case '"':
		s, ok := geojson.StringValue(raw)
		return strings.TrimSpace(s), ok
	case '{', '[', 'n':
		return "", false
	default:
		return string(raw), true
	}
}
