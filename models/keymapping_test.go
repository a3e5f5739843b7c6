package models

import (
	"reflect"
	"testing"
)

func TestMapPropertiesKeys(t *testing.T) {
	tests := []struct {
		name  string
		props string
		used  []KeyUse
		kept  []string
	}{
		{"chinese keys", `{"矿山名称":"甲矿","许可证号":"C1","行政区":"乌达区","生产状态":"停产","备注":"合成"}`,
			[]KeyUse{{FieldName, "矿山名称"}, {FieldLicence, "许可证号"}, {FieldDistrict, "行政区"}, {FieldStatus, "生产状态"}}, []string{"备注"}},
		{"english keys", `{"name":"A","licence_id":"C1","mining_method":"井工开采","area_ha":3.5}`,
			[]KeyUse{{FieldName, "name"}, {FieldLicence, "licence_id"}, {FieldMethod, "mining_method"}}, []string{"area_ha"}},
		{"unknown keys only", `{"foo":1,"编号":"X-1","bar":null}`, nil, []string{"foo", "编号", "bar"}},
		{"loser of the priority is kept", `{"企业名称":"某公司","矿山名称":"甲矿"}`,
			[]KeyUse{{FieldName, "矿山名称"}}, []string{"企业名称"}},
		{"empty and null values fill nothing", `{"name":"","licence":null,"名称":"乙"}`,
			[]KeyUse{{FieldName, "名称"}}, []string{"name", "licence"}},
		{"one key fills kind and source type", `{"类型":"排土场"}`,
			[]KeyUse{{FieldKind, "类型"}, {FieldFeatureType, "类型"}}, nil},
		{"a type that is no site kind fills only the source type", `{"类型":"河流","feature_type":"river"}`,
			[]KeyUse{{FieldFeatureType, "feature_type"}}, []string{"类型"}},
		{"kind and source type from different keys", `{"类型":"采坑","feature_type":"pit"}`,
			[]KeyUse{{FieldKind, "类型"}, {FieldFeatureType, "feature_type"}}, nil},
		{"empty", ``, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, km, err := MapPropertiesKeys([]byte(tc.props))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(km.Used, tc.used) || !reflect.DeepEqual(km.Kept, tc.kept) {
				t.Errorf("used %v kept %q\nwant %v kept %q", km.Used, km.Kept, tc.used, tc.kept)
			}
			if plain, _ := MapProperties([]byte(tc.props)); plain != a {
				t.Errorf("attrs %+v differ from MapProperties' %+v", a, plain)
			}
		})
	}
	if _, _, err := MapPropertiesKeys([]byte(`{"name":`)); err == nil {
		t.Error("malformed properties gave no error")
	}
}

// TestKeyMappingAdd: a file's mapping is its features' merged; a key used
// anywhere is not listed as kept, and fields stay in KeyAliases' order.
func TestKeyMappingAdd(t *testing.T) {
	var m KeyMapping
	for _, props := range []string{
		`{"status":"生产","name":"","note":"x"}`,
		`{"name":"A","矿山名称":"甲","note":"y","extra":1}`,
		`{"name":"B"}`, // name, kept so far, fills the name here
	} {
		_, km, err := MapPropertiesKeys([]byte(props))
		if err != nil {
			t.Fatal(err)
		}
		m.Add(km)
	}
	wantUsed := []KeyUse{{FieldName, "矿山名称"}, {FieldName, "name"}, {FieldStatus, "status"}}
	wantKept := []string{"note", "extra"}
	if !reflect.DeepEqual(m.Used, wantUsed) || !reflect.DeepEqual(m.Kept, wantKept) {
		t.Errorf("used %v kept %q\nwant %v kept %q", m.Used, m.Kept, wantUsed, wantKept)
	}
}
