package crs

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const gdalDefsFile = "gdal_definitions.txt"

// TestGDALDefinitions compares WKT() and Proj4() of every supported code
// with what GDAL prints (and writes into gpkg_spatial_ref_sys). -update
// regenerates the golden file with gdalsrsinfo.
func TestGDALDefinitions(t *testing.T) {
	path := filepath.Join("testdata", gdalDefsFile)
	if *update {
		if _, err := exec.LookPath("gdalsrsinfo"); err != nil {
			t.Fatalf("-update needs GDAL's gdalsrsinfo: %v", err)
		}
		var out bytes.Buffer
		out.WriteString("# code<TAB>`gdalsrsinfo -o wkt1 --single-line EPSG:code`<TAB>`gdalsrsinfo -o proj4 EPSG:code`\n")
		out.WriteString("# regenerate: go test ./gis/crs -run TestGDALDefinitions -update\n")
		for _, code := range Codes() {
			arg := fmt.Sprintf("EPSG:%d", code)
			wkt := gdalsrsinfo(t, "-o", "wkt1", "--single-line", arg)
			p4 := gdalsrsinfo(t, "-o", "proj4", arg)
			fmt.Fprintf(&out, "%d\t%s\t%s\n", code, wkt, p4)
		}
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	defer fh.Close()
	seen := map[int]bool{}
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || l == "" {
			continue
		}
		fs := strings.Split(l, "\t")
		if len(fs) != 3 {
			t.Fatalf("malformed line %q", l)
		}
		code, err := strconv.Atoi(fs[0])
		if err != nil {
			t.Fatal(err)
		}
		seen[code] = true
		c, err := ByEPSG(code)
		if err != nil {
			t.Errorf("EPSG:%d in golden file: %v", code, err)
			continue
		}
		if got := c.WKT(); got != fs[1] {
			t.Errorf("EPSG:%d WKT\n got %s\nwant %s", code, got, fs[1])
		}
		if got := c.Proj4(); got != fs[2] {
			t.Errorf("EPSG:%d Proj4\n got %s\nwant %s", code, got, fs[2])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, code := range Codes() {
		if !seen[code] {
			t.Errorf("EPSG:%d missing from %s (run with -update)", code, gdalDefsFile)
		}
	}
}

func gdalsrsinfo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("gdalsrsinfo", args...).Output()
	if err != nil {
		t.Fatalf("gdalsrsinfo %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

func TestWKTNil(t *testing.T) {
	var c *CRS
	if c.WKT() != "" || c.Proj4() != "" || c.String() != "" {
		t.Fatal("nil CRS should render as empty strings")
	}
}
