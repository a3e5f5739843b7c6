package i18n

import (
	"regexp"
	"sort"
	"testing"
)

// TestCataloguesComplete fails when a key exists in one language only, or
// when the placeholders of a key differ between languages.
func TestCataloguesComplete(t *testing.T) {
	zh, err := Catalogue(ZH)
	if err != nil {
		t.Fatal(err)
	}
	en, err := Catalogue(EN)
	if err != nil {
		t.Fatal(err)
	}
	if len(zh) == 0 {
		t.Fatal("empty catalogue")
	}
	ph := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, pair := range []struct {
		name string
		a, b map[string]string
	}{{"zh-CN", zh, en}, {"en", en, zh}} {
		for k, v := range pair.a {
			w, ok := pair.b[k]
			if !ok {
				t.Errorf("key %q is in %s only", k, pair.name)
				continue
			}
			p1, p2 := ph.FindAllString(v, -1), ph.FindAllString(w, -1)
			sort.Strings(p1)
			sort.Strings(p2)
			if len(p1) != len(p2) {
				t.Errorf("key %q: placeholders differ: %v vs %v", k, p1, p2)
				continue
			}
			for i := range p1 {
				if p1[i] != p2[i] {
					t.Errorf("key %q: placeholders differ: %v vs %v", k, p1, p2)
					break
				}
			}
			if v == "" {
				t.Errorf("key %q is empty in %s", k, pair.name)
			}
		}
	}
}

func TestT(t *testing.T) {
	tests := []struct {
		lang Lang
		key  string
		args Args
		want string
	}{
		{EN, "test.hello", Args{"name": "乌海"}, "Hello, 乌海"},
		{ZH, "test.hello", Args{"name": "乌海"}, "你好，乌海"},
		{ZH, "no.such.key", nil, "no.such.key"},
	}
	for _, tc := range tests {
		if got := T(tc.lang, tc.key, tc.args); got != tc.want {
			t.Errorf("T(%s, %s) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"en_US.UTF-8": EN, "zh_CN.UTF-8": ZH, "EN": EN, "de_DE": ZH, "": ZH} {
		if got := Parse(in); got != want {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
}
