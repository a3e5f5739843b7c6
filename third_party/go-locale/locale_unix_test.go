//go:build !windows && !darwin && !js && !android

package locale

import "testing"

// TestCLocales: the C locale with a codeset or modifier names no
// language, as the bare C locale does; a real locale still does.
func TestCLocales(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want string
	}{
		{"C", ""}, {"POSIX", ""}, {"C.UTF-8", ""}, {"C.utf8", ""}, {"POSIX.UTF-8", ""}, {"C@euro", ""},
		{"zh_CN.UTF-8", "zh-CN"}, {"en_US", "en-US"}, {"Chinese", "Chinese"},
	} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANGUAGE", "")
		t.Setenv("LANG", tc.lang)
		got, err := GetLocale()
		if err != nil || got != tc.want {
			t.Errorf("LANG=%s: GetLocale() = %q, %v; want %q", tc.lang, got, err, tc.want)
		}
	}
}
