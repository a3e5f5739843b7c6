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

var (
	loadOnce  sync.Once
	catalogue map[Lang]map[string]string
	loadErr   error
)

func load() {
	catalogue = map[Lang]map[string]string{}
	for _, l := range Langs {
		// One file per area and language (cli.zh-CN.json, gui.en.json, …),
		// merged; a key defined twice is an error, not a silent override.
		files, err := fs.Glob(assets.I18n, "i18n/*."+string(l)+".json")
		if err != nil || len(files) == 0 {
			loadErr = fmt.Errorf("no catalogue for %s", l)
			return
		}
		m := map[string]string{}
		for _, f := range files {
			b, err := assets.I18n.ReadFile(f)
			if err != nil {
				loadErr = fmt.Errorf("read catalogue %s: %w", f, err)
				return
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				loadErr = fmt.Errorf("parse catalogue %s: %w", f, err)
				return
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					loadErr = fmt.Errorf("catalogue %s: key %q defined twice", f, k)
					return
				}
				m[k] = v
			}
		}
		catalogue[l] = m
	}
}

// Catalogue returns the messages of one language (for tests and tools).
func Catalogue(l Lang) (map[string]string, error) {
	loadOnce.Do(load)
	return catalogue[l], loadErr
}

// Args fills placeholders.
type Args map[string]any

// T translates key into l, filling {name} placeholders from args. A key
// missing from the catalogue comes back as the key itself, so nothing is
// ever blank; a test keeps both catalogues complete.
func T(l Lang, key string, args Args) string {
	loadOnce.Do(load)
	s, ok := catalogue[l][key]
	if !ok {
		if s, ok = catalogue[EN][key]; !ok {
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
