package crs

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var parseTests = []struct {
	in   string
	epsg int
	code string // error code, "" for success
}{
	{"EPSG:4545", 4545, ""},
	{"epsg:4545", 4545, ""},
	{"  EPSG:4524\n", 4524, ""},
	{"EPSG::4545", 4545, ""},
	{"EPSG: 4545", 4545, ""},
	{"4545", 4545, ""},
	{"04490", 4490, ""},
	{"urn:ogc:def:crs:EPSG::4545", 4545, ""},
	{"URN:OGC:DEF:CRS:EPSG::4490", 4490, ""},
	{"urn:ogc:def:crs:EPSG:6.6:4326", 4326, ""},
	{"urn:ogc:def:crs:EPSG:4326", 4326, ""},
	{"urn:x-ogc:def:crs:EPSG:4326", 4326, ""},
	{"urn:ogc:def:crs:OGC:1.3:CRS84", 4326, ""},
	{"urn:ogc:def:crs:OGC::CRS84", 4326, ""},
	{"OGC:CRS84", 4326, ""},
	{"CRS84", 4326, ""},
	{"crs84", 4326, ""},
	{"WGS84", 4326, ""},
	{"http://www.opengis.net/def/crs/EPSG/0/4490", 4490, ""},
	{"https://www.opengis.net/def/crs/EPSG/0/3857", 3857, ""},
	{"http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, ""},
	{"http://www.opengis.net/def/crs/EPSG/0/32649/", 32649, ""},
	{"EPSG:4491", 4491, ""},
	{"EPSG:4512", 4512, ""},
	{"EPSG:4554", 4554, ""},

	{"epsg:32631", 0, CodeUnsupportedCRS},
	{"EPSG:4214", 0, CodeUnsupportedCRS},
	{"900913", 0, CodeUnsupportedCRS},
	{"urn:ogc:def:crs:EPSG::2385", 0, CodeUnsupportedCRS},
	{"urn:ogc:def:crs:OGC:1.3:CRS83", 0, CodeUnsupportedCRS},
	{"ESRI:102100", 0, CodeUnsupportedCRS},
	{"http://www.opengis.net/def/crs/EPSG/0/4214", 0, CodeUnsupportedCRS},
	{"EPSG:999999999", 0, CodeUnsupportedCRS},

	{"", 0, CodeBadCRSName},
	{"   ", 0, CodeBadCRSName},
	{"EPSG:", 0, CodeBadCRSName},
	{"EPSG:abc", 0, CodeBadCRSName},
	{"EPSG:-4545", 0, CodeBadCRSName},
	{"EPSG:4545.0", 0, CodeBadCRSName},
	{"EPSG:1234567890", 0, CodeBadCRSName},
	{":4545", 0, CodeBadCRSName},
	{"-4545", 0, CodeBadCRSName},
	{"+4545", 0, CodeBadCRSName},
	{"CGCS2000", 0, CodeBadCRSName},
	{"urn:ogc:def:crs:EPSG", 0, CodeBadCRSName},
	{"urn:ogc:def:crs:EPSG:x.y:4326", 0, CodeBadCRSName},
	{"urn:ogc:def:crs:EPSG:1:2:4326", 0, CodeBadCRSName},
	{"http://www.opengis.net/def/crs/EPSG/4490", 0, CodeBadCRSName},
	{"http://example.com/def/crs/EPSG/0/4490", 0, CodeBadCRSName},
	{"EPSG 4545", 0, CodeBadCRSName},
	{"EPSG:4545 EPSG:4490", 0, CodeBadCRSName},
	{"EPSG:4326+5773", 0, CodeBadCRSName},
	{"EPSG:４５４５", 0, CodeBadCRSName},
	{`GEOGCS["WGS 84"]`, 0, CodeBadCRSName},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		c, err := Parse(tt.in)
		if got := errCode(err); got != tt.code {
			t.Errorf("Parse(%q) error = %v, want code %q", tt.in, err, tt.code)
			continue
		}
		if err != nil {
			if e := err.(*Error); e.Input != tt.in {
				t.Errorf("Parse(%q) error input = %q", tt.in, e.Input)
			}
			if c != nil {
				t.Errorf("Parse(%q) returned a CRS with an error", tt.in)
			}
			continue
		}
		if c.EPSG != tt.epsg {
			t.Errorf("Parse(%q) = %s, want EPSG:%d", tt.in, c, tt.epsg)
		}
	}
}

// moduleRoot walks up from the package directory to go.mod.
func moduleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// sharedFiles are the real GeoJSON files of /work/shared/data that carry
// a crs member.
var sharedFiles = []string{
	"rivers/yellow_river_ne50m.geojson",
	"geojson-edge-cases/openeo_test_geojson_crs_from_epsg_utm.geojson",
	"geojson-edge-cases/geojsonhint_old_crs_notvalid_evencrs84.geojson",
}

// readSharedCRSNames returns the crs names declared in sharedFiles, keyed
// by file, or nil when the shared data folder is absent.
func readSharedCRSNames(root string) (map[string]string, error) {
	dir := filepath.Join(root, "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		return nil, nil
	}
	out := map[string]string{}
	for _, f := range sharedFiles {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		var doc struct {
			CRS struct {
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"crs"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out[f] = doc.CRS.Properties.Name
	}
	return out, nil
}

func TestParseRealFiles(t *testing.T) {
	want := map[string]string{
		"rivers/yellow_river_ne50m.geojson":                                 "EPSG:4326",
		"geojson-edge-cases/geojsonhint_old_crs_notvalid_evencrs84.geojson": "EPSG:4326",
		"geojson-edge-cases/openeo_test_geojson_crs_from_epsg_utm.geojson":  CodeUnsupportedCRS,
	}
	names, err := readSharedCRSNames(moduleRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	if names == nil {
		t.Skip("shared data not present")
	}
	for f, name := range names {
		c, err := Parse(name)
		got := errCode(err)
		if err == nil {
			got = c.String()
		}
		if got != want[f] {
			t.Errorf("%s: Parse(%q) = %s, want %s", f, name, got, want[f])
		}
	}
}

// TestParseStringRoundTrip: every supported CRS parses back from String().
func TestParseStringRoundTrip(t *testing.T) {
	for _, c := range All() {
		for _, s := range []string{c.String(), "urn:ogc:def:crs:EPSG::" + itoa(c.EPSG), "http://www.opengis.net/def/crs/EPSG/0/" + itoa(c.EPSG)} {
			got, err := Parse(s)
			if err != nil || got.EPSG != c.EPSG {
				t.Errorf("Parse(%q) = %v, %v", s, got, err)
			}
		}
	}
}
