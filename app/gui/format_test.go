package gui

import (
	"math"
	"testing"

	"minerehab/app/i18n"
)

func TestFormatFixed(t *testing.T) {
	tests := []struct {
		x    float64
		dec  int
		want string
	}{
		{0, 2, "0.00"},
		{999.994, 2, "999.99"},
		{999.995, 1, "1,000.0"},
		{1234567.891, 2, "1,234,567.89"},
		{-1234.5, 1, "-1,234.5"},
		{72320.185, 1, "72,320.2"},
		{1e6, 0, "1,000,000"},
		{math.NaN(), 2, "–"},
		{math.Inf(1), 2, "–"},
	}
	for _, tc := range tests {
		if got := formatFixed(tc.x, tc.dec); got != tc.want {
			t.Errorf("formatFixed(%v, %d) = %q, want %q", tc.x, tc.dec, got, tc.want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4321: "-4,321"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAreaText(t *testing.T) {
	// 1 ha = 10,000 m² = 15 亩.
	tests := []struct {
		lang i18n.Lang
		m2   float64
		want string
	}{
		{i18n.ZH, 10000, "1.00 公顷 · 15.0 亩"},
		{i18n.EN, 10000, "1.00 ha · 15.0 mu"},
		{i18n.ZH, 666.67, "0.07 公顷 · 1.0 亩"},
		{i18n.EN, 48_213_456.7, "4,821.35 ha · 72,320.2 mu"},
	}
	for _, tc := range tests {
		if got := areaText(tc.lang, tc.m2); got != tc.want {
			t.Errorf("areaText(%s, %v) = %q, want %q", tc.lang, tc.m2, got, tc.want)
		}
	}
}

func TestLayerNamesTranslated(t *testing.T) {
	for _, l := range i18n.Langs {
		seen := map[string]bool{}
		for _, d := range panelLayers() {
			name := layerName(l, d.Name)
			if name == "gui.layer."+d.Name || seen[name] {
				t.Errorf("%s: layer %s has name %q (missing or duplicate)", l, d.Name, name)
			}
			seen[name] = true
		}
	}
}
