package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The attribute form shown after drawing a feature: per layer, the fields
// a planner fills in. Values are stored as properties of the feature (in
// form order, under the field keys below), and the mapped ones (name,
// licence, district, status, kind) also fill the typed attributes through
// MapProperties, as for imported features.

// FormKind is how a form field is entered and checked.
type FormKind int

// Form field kinds.
const (
	FormText   FormKind = iota
	FormNumber          // a decimal number ≥ 0
	FormDate            // YYYY-MM-DD
	FormStatus          // a mine status
	FormKindOf          // a site kind
	FormFire            // a fire point state
)

// FormField is one field of an attribute form.
type FormField struct {
	Key      string // property key, also the message key suffix: "form.<key>"
	Kind     FormKind
	Required bool
}

// FireStates are the states a fire point form offers.
var FireStates = []string{"burning", "extinguishing", "extinguished"}

// FormFields lists the form of a layer.
func FormFields(layer string) []FormField {
	switch layer {
	case LayerZones:
		return []FormField{{"name", FormText, true}, {"code", FormText, false}, {"district", FormText, false},
			{"plan_date", FormDate, false}, {"demo_start", FormDate, false}, {"basic_done", FormDate, false}, {"done", FormDate, false},
			{"responsible", FormText, false}}
	case LayerPlanUnits:
		return []FormField{{"name", FormText, true}, {"mine_licence", FormText, false}, {"measures", FormText, false},
			{"direction", FormText, false}, {"planned_area_m2", FormNumber, false}, {"planned_volume_m3", FormNumber, false},
			{"budget_wan", FormNumber, false}, {"start", FormDate, false}, {"end", FormDate, false}, {"responsible", FormText, false}}
	case LayerSites:
		return []FormField{{"name", FormText, false}, {"kind", FormKindOf, true}, {"mine_licence", FormText, false}, {"district", FormText, false}}
	case LayerFirePoints:
		return []FormField{{"name", FormText, false}, {"fire_state", FormFire, true}, {"mine_licence", FormText, false}, {"found", FormDate, false}}
	case LayerRoads:
		return []FormField{{"name", FormText, false}, {"district", FormText, false}}
	case LayerMines:
		return []FormField{{"name", FormText, true}, {"licence", FormText, false}, {"district", FormText, false},
			{"mineral", FormText, false}, {"status", FormStatus, false}}
	}
	return []FormField{{"name", FormText, false}, {"type", FormText, false}}
}

// FormError says which field of a form is wrong; Code is "required",
// "number", "date", "status", "kind", "fire", or an AttrErr* code.
type FormError struct {
	Key, Value, Code string
}

func (e *FormError) Error() string {
	return fmt.Sprintf("form field %q: value %q: %s", e.Key, e.Value, e.Code)
}

// FormProps checks form values and writes them as a properties object, in
// form order, empty values left out. The feature type of the layer is
// recorded ("feature_type"), so an exported feature imports back into the
// same layer.
func FormProps(layer string, values map[string]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	n := 0
	put := func(k string, raw []byte) {
		if n > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(raw)
		n++
	}
	for _, f := range FormFields(layer) {
		v := strings.TrimSpace(values[f.Key])
		if v == "" {
			if f.Required {
				return nil, &FormError{f.Key, v, "required"}
			}
			continue
		}
		if err := checkText(f.Key, v); err != nil {
			return nil, err
		}
		switch f.Kind {
		case FormNumber:
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || x < 0 || x != x {
				return nil, &FormError{f.Key, v, "number"}
			}
			put(f.Key, []byte(strconv.FormatFloat(x, 'f', -1, 64)))
			continue
		case FormDate:
			if _, err := time.Parse("2006-01-02", v); err != nil {
				return nil, &FormError{f.Key, v, "date"}
			}
		case FormStatus:
			st, ok := ParseMineStatus(v)
			if !ok {
				return nil, &FormError{f.Key, v, "status"}
			}
			v = string(st)
		case FormKindOf:
			k, ok := ParseSiteKind(v)
			if !ok {
				return nil, &FormError{f.Key, v, "kind"}
			}
			v = string(k)
		case FormFire:
			ok := false
			for _, s := range FireStates {
				ok = ok || s == v
			}
			if !ok {
				return nil, &FormError{f.Key, v, "fire"}
			}
		}
		b, _ := json.Marshal(v)
		put(f.Key, b)
	}
	if t := layerFeatureType[layer]; t != "" {
		b, _ := json.Marshal(t)
		put("feature_type", b)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// layerFeatureType is the type value that routes a feature back to its
// layer on re-import (see typeRoutes).
var layerFeatureType = map[string]string{
	LayerZones: "zone", LayerPlanUnits: "plan_unit", LayerFirePoints: "fire_point", LayerRoads: "road",
}
