package app

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"minerehab/app/i18n"
	"minerehab/models"
)

// TestPreviewMapping: the preview says which source key filled which field
// over the features it read, and which keys it only kept, in both
// languages.
func TestPreviewMapping(t *testing.T) {
	poly := `"geometry":{"type":"Polygon","coordinates":[[[106.80,39.60],[106.81,39.60],[106.81,39.61],[106.80,39.60]]]}`
	file := func(props ...string) []byte {
		var fs []string
		for _, p := range props {
			fs = append(fs, `{"type":"Feature","properties":`+p+`,`+poly+`}`)
		}
		return []byte(`{"type":"FeatureCollection","features":[` + strings.Join(fs, ",\n") + `]}`)
	}
	tests := []struct {
		name   string
		data   []byte
		used   []models.KeyUse
		kept   []string
		zh, en []string
	}{
		{"chinese keys", file(`{"矿山名称":"甲矿","许可证号":"C1","备注":"合成"}`, `{"矿山名称":"乙矿","许可证号":"C2","生产状态":"停产"}`),
			[]models.KeyUse{{Field: models.FieldName, Key: "矿山名称"}, {Field: models.FieldLicence, Key: "许可证号"}, {Field: models.FieldStatus, Key: "生产状态"}},
			[]string{"备注"},
			[]string{"属性对应：名称←矿山名称；采矿许可证号←许可证号；生产状态←生产状态", "原样保留（不对应字段）：备注"},
			[]string{"Property mapping: Name ← 矿山名称; Licence no. ← 许可证号; Status ← 生产状态", "Kept as they are (no field): 备注"}},
		{"english keys, two for the name", file(`{"name":"A","licence_id":"C1"}`, `{"mine_name":"B","licence_id":"C2","area_ha":2}`),
			[]models.KeyUse{{Field: models.FieldName, Key: "name"}, {Field: models.FieldName, Key: "mine_name"}, {Field: models.FieldLicence, Key: "licence_id"}},
			[]string{"area_ha"},
			[]string{"属性对应：名称←name、mine_name；采矿许可证号←licence_id", "原样保留（不对应字段）：area_ha"},
			[]string{"Property mapping: Name ← name, mine_name; Licence no. ← licence_id", "Kept as they are (no field): area_ha"}},
		{"unknown keys only", file(`{"foo":1,"编号":"X"}`, `{"bar":true}`),
			nil, []string{"foo", "编号", "bar"},
			[]string{"属性对应：没有能对应到本系统字段的属性", "原样保留（不对应字段）：foo、编号、bar"},
			[]string{"Property mapping: no property fills one of our fields", "Kept as they are (no field): foo, 编号, bar"}},
		{"nothing kept", file(`{"名称":"丙","类型":"采坑"}`),
			[]models.KeyUse{{Field: models.FieldName, Key: "名称"}, {Field: models.FieldKind, Key: "类型"}, {Field: models.FieldFeatureType, Key: "类型"}},
			nil,
			[]string{"属性对应：名称←名称；类型←类型；原类型值←类型", "原样保留：无，所有属性都已对应"},
			[]string{"Property mapping: Name ← 名称; Kind ← 类型; Source type ← 类型", "Kept as they are: none, every property fills a field"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"f.geojson": {Data: tc.data}}
			p, err := PreviewImport(context.Background(), ImportRequest{FS: fsys, Files: []string{"f.geojson"}}, 10)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Keys.Used, tc.used) || !reflect.DeepEqual(p.Keys.Kept, tc.kept) {
				t.Errorf("used %v kept %q\nwant %v kept %q", p.Keys.Used, p.Keys.Kept, tc.used, tc.kept)
			}
			if got := MappingLines(i18n.ZH, p.Keys); !reflect.DeepEqual(got, tc.zh) {
				t.Errorf("zh %q\nwant %q", got, tc.zh)
			}
			if got := MappingLines(i18n.EN, p.Keys); !reflect.DeepEqual(got, tc.en) {
				t.Errorf("en %q\nwant %q", got, tc.en)
			}
		})
	}
}

// TestRouteReason words each of models.Route's reasons, and the sample's
// own features carry the reason the dialog words.
func TestRouteReason(t *testing.T) {
	for _, tc := range []struct{ reason, zh, en string }{
		{"", "按上方所选的图层", "the layer chosen above"},
		{"type:矿界", "类型属性为“矿界”", "its type is “矿界”"},
		{"type:a:b", "类型属性为“a:b”", "its type is “a:b”"},
		{"kind:pit", "场地类型为采坑", "its site kind is pit"},
		{"licence", "面状要素且有采矿许可证号", "a polygon with a licence number"},
		{"geometry", "没有可识别的类型（只有带采矿许可证号的面才归入矿山）", "no recognised type (only a polygon with a licence number counts as a mine)"},
		{"later", "later", "later"},
	} {
		if got := RouteReason(i18n.ZH, tc.reason); got != tc.zh {
			t.Errorf("zh %q: %q, want %q", tc.reason, got, tc.zh)
		}
		if got := RouteReason(i18n.EN, tc.reason); got != tc.en {
			t.Errorf("en %q: %q, want %q", tc.reason, got, tc.en)
		}
	}
	fsys := fstest.MapFS{"f.geojson": {Data: []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"类型":"矿界"},"geometry":{"type":"Point","coordinates":[106.8,39.6]}},
{"type":"Feature","properties":{"licence":"C1"},"geometry":{"type":"Polygon","coordinates":[[[106.80,39.60],[106.81,39.60],[106.81,39.61],[106.80,39.60]]]}},
{"type":"Feature","properties":{"kind":"pit"},"geometry":{"type":"Polygon","coordinates":[[[106.80,39.60],[106.81,39.60],[106.81,39.61],[106.80,39.60]]]}},
{"type":"Feature","properties":{"licence":"C1"},"geometry":{"type":"Point","coordinates":[106.8,39.6]}}]}`)}}
	p, err := PreviewImport(context.Background(), ImportRequest{FS: fsys, Files: []string{"f.geojson"}}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range p.Features {
		got = append(got, f.Reason)
	}
	// The first is refused (a point cannot be a mine) and has no reason.
	if want := []string{"", "licence", "kind:pit", "geometry"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reasons %q, want %q", got, want)
	}
}
