// Package i18n translates message keys into zh-CN or English sentences. The
// catalogues are the JSON files embedded by minerehab/assets; placeholders are
// written {name} and filled from a map. Chinese is the first language: the
// locale picks English only when it asks for it.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"

	"minerehab/assets"
)

// Lang is a supported language.
type Lang string

// Supported languages.
const (
	ZH Lang = "zh-CN"
	EN Lang = "en"
)

// Langs lists the supported languages, Chinese first.
var Langs = []Lang{ZH, EN}

// A language's catalogue is read the first time it is asked for: a
// command in Chinese never reads the English one (it is the fallback of a
// key missing in Chinese, which a test rules out), half the parsing a
// `minerehab render` did before it drew anything.
type catalogueOnce struct {
	once sync.Once
	m    map[string]string
	err  error
}

var catalogues = map[Lang]*catalogueOnce{ZH: {}, EN: {}}

// cat returns l's catalogue, read once (nil and an error when it cannot be).
func cat(l Lang) (map[string]string, error) {
	c, ok := catalogues[l]
	if !ok {
		return nil, fmt.Errorf("no catalogue for %s", l)
	}
	c.once.Do(func() { c.m, c.err = load(l) })
	return c.m, c.err
}

// load reads the catalogue of l: one file per area (cli.zh-CN.json,
// gui.zh-CN.json, …), merged; a key defined twice is an error, not a
// silent override.
func load(l Lang) (map[string]string, error) {
	files, err := fs.Glob(assets.I18n, "i18n/*."+string(l)+".json")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no catalogue for %s", l)
	}
	m := map[string]string{}
	for _, f := range files {
		b, err := assets.I18n.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read catalogue %s: %w", f, err)
		}
		part := map[string]string{}
		if err := json.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("parse catalogue %s: %w", f, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("catalogue %s: key %q defined twice", f, k)
			}
			m[k] = v
		}
	}
	return m, nil
}

// Catalogue returns the messages of one language (for tests and tools).
func Catalogue(l Lang) (map[string]string, error) {
	return cat(l)
}

// Args fills placeholders.
type Args map[string]any

// T translates key into l, filling {name} placeholders from args. A key
// missing from the catalogue comes back as the key itself, so nothing is
// ever blank; a test keeps both catalogues complete.
func T(l Lang, key string, args Args) string {
	m, _ := cat(l)
	s, ok := m[key]
	if !ok {
		en, _ := cat(EN)
		if s, ok = en[key]; !ok {
			s = key
		}
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	names := make([]string, 0, len(args))
	for k := range args {
		names = append(names, k)
	}
	sort.Strings(names)
	pairs := make([]string, 0, 2*len(args))
	for _, k := range names {
		pairs = append(pairs, "{"+k+"}", fmt.Sprint(args[k]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// FromEnv picks the language from MINEREHAB_LANG, then LC_ALL, LC_MESSAGES
// and LANG: English when the first one set starts with "en", Chinese otherwise.
func FromEnv() Lang {
	for _, v := range []string{"MINEREHAB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" && s != "C" && s != "POSIX" && !strings.HasPrefix(s, "C.") {
			return Parse(s)
		}
	}
	return ZH
}

// Parse maps a locale string ("en_US.UTF-8", "zh_CN", "en") to a Lang.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return EN
	}
	return ZH
}
