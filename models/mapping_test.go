package models

import (
	"os"
	"strings"
	"testing"
)

func TestMapProperties(t *testing.T) {
	tests := []struct {
		name  string
		props string
		want  Attrs
	}{
		{"chinese keys", `{"矿山名称":"乌达某煤矿","采矿许可证号":"C150304","行政区":"乌达区","矿种":"煤","开采方式":"露天开采","生产状态":"停产"}`,
			Attrs{Name: "乌达某煤矿", Licence: "C150304", District: "乌达区", Mineral: "煤", Method: "露天开采", Status: StatusSuspended}},
		{"english keys, bench style", `{"feature_type":"mine_boundary","name":"A","licence_id":"C1","district":"海南区","mineral":"煤","mining_method":"井工开采","status":"生产"}`,
			Attrs{Name: "A", Licence: "C1", District: "海南区", Mineral: "煤", Method: "井工开采", Status: StatusProducing, FeatureType: "mine_boundary"}},
		{"priority: 矿山名称 beats name", `{"name":"en","矿山名称":"中文"}`, Attrs{Name: "中文"}},
		{"site kind in Chinese", `{"类型":"排土场"}`, Attrs{Kind: SiteSpoilHeap, FeatureType: "排土场"}},
		{"unknown status kept as given", `{"状态":"闭坑治理中"}`, Attrs{Status: StatusClosed}},
		{"odd status kept", `{"status":"整合中"}`, Attrs{Status: "整合中"}},
		{"nulls and objects fill nothing", `{"name":null,"licence":{"a":1},"district":""}`, Attrs{}},
		{"numbers as text", `{"licence":12345678901234567890}`, Attrs{Licence: "12345678901234567890"}},
		{"escaped string", `{"name":"\u4e4c\u6d77"}`, Attrs{Name: "乌海"}},
		{"empty", ``, Attrs{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MapProperties([]byte(tc.props))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestREADMEListsEveryKey keeps the README's property-mapping table in step with KeyAliases.
func TestREADMEListsEveryKey(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range KeyAliases {
		for _, k := range a.Keys {
			if !strings.Contains(string(b), "`"+k+"`") {
				t.Errorf("README.md does not list property key %q (field %s)", k, a.Field)
			}
		}
	}
}
