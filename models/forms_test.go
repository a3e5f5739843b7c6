package models

import (
	"errors"
	"testing"
)

func TestFormProps(t *testing.T) {
	tests := []struct {
		layer  string
		values map[string]string
		want   string
		code   string
		check  func(t *testing.T, a Attrs)
	}{
		{LayerZones, map[string]string{"name": " 乌达整合区 ", "code": "WD-01", "done": "2023-12-31"},
			`{"name":"乌达整合区","code":"WD-01","done":"2023-12-31","feature_type":"zone"}`, "",
			func(t *testing.T, a Attrs) {
				if a.Name != "乌达整合区" || a.FeatureType != "zone" {
					t.Errorf("attrs %+v", a)
				}
			}},
		{LayerZones, map[string]string{"code": "x"}, "", "required", nil},
		{LayerZones, map[string]string{"name": "a", "done": "2023-13-01"}, "", "date", nil},
		{LayerPlanUnits, map[string]string{"name": "p", "budget_wan": "12.50"}, `{"name":"p","budget_wan":12.5,"feature_type":"plan_unit"}`, "", nil},
		{LayerPlanUnits, map[string]string{"name": "p", "budget_wan": "-1"}, "", "number", nil},
		{LayerSites, map[string]string{"kind": "排土场"}, `{"kind":"spoil_heap"}`, "",
			func(t *testing.T, a Attrs) {
				if a.Kind != SiteSpoilHeap {
					t.Errorf("kind %q", a.Kind)
				}
			}},
		{LayerSites, map[string]string{"kind": "洞"}, "", "kind", nil},
		{LayerMines, map[string]string{"name": "m", "status": "停产"}, `{"name":"m","status":"suspended"}`, "", nil},
		{LayerFirePoints, map[string]string{"fire_state": "burning"}, `{"fire_state":"burning","feature_type":"fire_point"}`, "", nil},
		{LayerFirePoints, map[string]string{"fire_state": "hot"}, "", "fire", nil},
	}
	for _, tc := range tests {
		got, err := FormProps(tc.layer, tc.values)
		if tc.code != "" {
			var fe *FormError
			if !errors.As(err, &fe) || fe.Code != tc.code {
				t.Errorf("%s %v: err %v, want %s", tc.layer, tc.values, err, tc.code)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: %s %v, want %s", tc.layer, got, err, tc.want)
			continue
		}
		a, err := MapProperties(got)
		if err != nil {
			t.Fatal(err)
		}
		if tc.check != nil {
			tc.check(t, a)
		}
	}
}
