package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"minerehab/assets"
	"minerehab/models"
)

// Plate templates: what a kind of plate shows, as data (assets/plates/*.json
// for the built-in ones; a user may save an edited copy and load it by
// path). Layer names are models.Layers names.

// PlateTemplate describes a kind of plate.
type PlateTemplate struct {
	Name string `json:"name"`
	// TitleKey is the i18n key of the default title; {place} is the
	// extent's name.
	TitleKey string   `json:"title_key"`
	Layers   []string `json:"layers"`
	// Grid is "km" (CGCS2000 Gauss–Krüger 3° kilometre grid), "graticule"
	// (lon/lat in DMS) or "none".
	Grid     string `json:"grid"`
	Overview bool   `json:"overview"`
	// Table is "", "plan_units", "sites" or "mines": the features of that
	// layer in the frame, listed in the side panel.
	Table string `json:"table"`
	// MineStyle is "" (default), "green" (mines by green-mine state) or
	// "abandoned" (abandoned mines emphasised).
	MineStyle string `json:"mine_style"`
	// PlanStyle is "" (default) or "status" (plan units by progress).
	PlanStyle string `json:"plan_style"`
	Labels    bool   `json:"labels"`
	// NumberPrefix starts the plate number (图号), e.g. "XZ-01".
	NumberPrefix string `json:"number_prefix"`
}

// PlateTemplateError says why a template cannot be used.
type PlateTemplateError struct {
	Name string
	Code string // "unknown-template", "bad-template"
	Err  error
}

func (e *PlateTemplateError) Error() string {
	if e.Err != nil {
		return "plate template " + e.Name + ": " + e.Code + ": " + e.Err.Error()
	}
	return "plate template " + e.Name + ": " + e.Code
}

func (e *PlateTemplateError) Unwrap() error { return e.Err }

// PlateTemplateNames lists the built-in templates in order.
func PlateTemplateNames() []string {
	files, _ := fs.Glob(assets.Plates, "plates/*.json")
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(f, "plates/"), ".json"))
	}
	order := map[string]int{"status": 0, "plan": 1, "progress": 2, "survey": 3}
	slices.SortStableFunc(out, func(a, b string) int {
		oa, ok := order[a]
		if !ok {
			oa = 99
		}
		ob, ok := order[b]
		if !ok {
			ob = 99
		}
		return oa - ob
	})
	return out
}

// LoadPlateTemplate returns the built-in template of that name, or reads
// a template file when name ends in .json.
func LoadPlateTemplate(name string) (*PlateTemplate, error) {
	var data []byte
	var err error
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		data, err = os.ReadFile(name)
	} else {
		data, err = assets.Plates.ReadFile("plates/" + name + ".json")
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &PlateTemplateError{Name: name, Code: "unknown-template"}
		}
	}
	if err != nil {
		return nil, &PlateTemplateError{Name: name, Code: "bad-template", Err: err}
	}
	return ParsePlateTemplate(name, data)
}

// ParsePlateTemplate reads and checks a template's JSON.
func ParsePlateTemplate(name string, data []byte) (*PlateTemplate, error) {
	var t PlateTemplate
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return nil, &PlateTemplateError{Name: name, Code: "bad-template", Err: err}
	}
	bad := func(format string, args ...any) error {
		return &PlateTemplateError{Name: name, Code: "bad-template", Err: fmt.Errorf(format, args...)}
	}
	if len(t.Layers) == 0 {
		return nil, bad("no layers")
	}
	for _, l := range t.Layers {
		if _, ok := models.LayerByName(l); !ok {
			return nil, bad("unknown layer %q", l)
		}
	}
	switch t.Grid {
	case "", "none", "km", "graticule":
	default:
		return nil, bad("grid %q: want km, graticule or none", t.Grid)
	}
	switch t.Table {
	case "", models.LayerPlanUnits, models.LayerSites, models.LayerMines:
	default:
		return nil, bad("table %q: want plan_units, sites or mines", t.Table)
	}
	switch t.MineStyle {
	case "", "green", "abandoned":
	default:
		return nil, bad("mine_style %q", t.MineStyle)
	}
	switch t.PlanStyle {
	case "", "status":
	default:
		return nil, bad("plan_style %q", t.PlanStyle)
	}
	if t.Name == "" {
		t.Name = name
	}
	return &t, nil
}

// Save writes t as indented JSON (an editable template file).
func (t *PlateTemplate) Save(w io.Writer) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
