package models

import (
	"errors"
	"testing"
)

func TestSetAttribute(t *testing.T) {
	mine := &Feature{Layer: LayerMines, ID: 7,
		Attrs: Attrs{Name: "老石旦煤矿", Licence: "C150", Status: StatusProducing},
		Props: []byte(`{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"生产","面积":12.5,"备注":null}`)}
	site := &Feature{Layer: LayerSites, ID: 3, Attrs: Attrs{Kind: SitePit}}
	tests := []struct {
		name      string
		f         *Feature
		key, val  string
		wantProps string
		wantErr   string
		check     func(t *testing.T, f *Feature)
	}{
		{"field written under the source's key", mine, "name", " 新名称 ", `{"矿山名称":"新名称","采矿许可证号":"C150","生产状态":"生产","面积":12.5,"备注":null}`, "",
			func(t *testing.T, f *Feature) {
				if f.Attrs.Name != "新名称" {
					t.Errorf("name %q", f.Attrs.Name)
				}
			}},
		{"status in Chinese", mine, "status", "停产", `{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"停产","面积":12.5,"备注":null}`, "",
			func(t *testing.T, f *Feature) {
				if f.Attrs.Status != StatusSuspended {
					t.Errorf("status %q", f.Attrs.Status)
				}
			}},
		{"alias key edits the field", mine, "生产状态", "closed", `{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"closed","面积":12.5,"备注":null}`, "",
			func(t *testing.T, f *Feature) {
				if f.Attrs.Status != StatusClosed {
					t.Errorf("status %q", f.Attrs.Status)
				}
			}},
		{"number stays a number", mine, "面积", "13", `{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"生产","面积":13,"备注":null}`, "", nil},
		{"number becomes text when not a number", mine, "面积", "约13", `{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"生产","面积":"约13","备注":null}`, "", nil},
		{"new property appended", mine, "负责人", "王工", `{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"生产","面积":12.5,"备注":null,"负责人":"王工"}`, "", nil},
		{"empty removes", mine, "备注", "", `{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"生产","面积":12.5}`, "", nil},
		{"field absent from props gets its English key", mine, "district", "海南区", `{"矿山名称":"老石旦煤矿","采矿许可证号":"C150","生产状态":"生产","面积":12.5,"备注":null,"district":"海南区"}`, "", nil},
		{"unknown status", mine, "status", "挖着呢", "", AttrErrUnknownStatus, nil},
		{"mine without name", mine, "name", "  ", "", AttrErrEmpty, nil},
		{"control characters", mine, "name", "a\tb", "", AttrErrControl, nil},
		{"empty key", mine, " ", "x", "", AttrErrKey, nil},
		{"site kind", site, "kind", "排土场", `{"kind":"排土场"}`, "",
			func(t *testing.T, f *Feature) {
				if f.Attrs.Kind != SiteSpoilHeap {
					t.Errorf("kind %q", f.Attrs.Kind)
				}
			}},
		{"unknown kind", site, "kind", "hole", "", AttrErrUnknownKind, nil},
		{"a fire point's status is its own word", &Feature{Layer: LayerFirePoints}, "status", "已熄灭", `{"status":"已熄灭"}`, "",
			func(t *testing.T, f *Feature) {
				if f.Attrs.Status != "已熄灭" {
					t.Errorf("status %q", f.Attrs.Status)
				}
			}},
		{"feature_type is not editable", site, "feature_type", "x", "", AttrErrNotEditable, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := string(tc.f.Props)
			got, err := SetAttribute(tc.f, tc.key, tc.val)
			if string(tc.f.Props) != before {
				t.Fatal("SetAttribute changed its input")
			}
			if tc.wantErr != "" {
				var ae *AttrError
				if !errors.As(err, &ae) || ae.Code != tc.wantErr {
					t.Fatalf("err %v, want code %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Props) != tc.wantProps {
				t.Errorf("props\n got %s\nwant %s", got.Props, tc.wantProps)
			}
			if m, err := MapProperties(got.Props); err != nil {
				t.Errorf("props do not parse back: %v", err)
			} else if tc.key == "name" && m.Name != got.Attrs.Name {
				t.Errorf("mapped name %q, attrs %q", m.Name, got.Attrs.Name)
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

func FuzzSetAttribute(f *testing.F) {
	f.Add([]byte(`{"矿山名称":"老石旦煤矿","面积":12.5}`), "面积", "13")
	f.Add([]byte(`{}`), "name", "x")
	f.Add([]byte(`{"a":[1,2],"b":{"c":"\u00e9"}}`), "b", "")
	f.Fuzz(func(t *testing.T, props []byte, key, value string) {
		feat := &Feature{Layer: LayerSites, Props: props}
		got, err := SetAttribute(feat, key, value)
		if err != nil {
			return
		}
		if got.Props != nil {
			if _, err := Properties(got.Props); err != nil {
				t.Fatalf("SetAttribute wrote invalid JSON %q: %v", got.Props, err)
			}
		}
	})
}
