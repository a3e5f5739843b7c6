package geomcheck

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// TestAgainstGEOS compares Check with GEOS's IsValid on random polygons of
// one or two rings stored in testdata/geos_rings.tsv by gen_geos_rings.py.
// Polygons GEOS finds valid must pass Check and those it rejects for a
// self-intersection (crossing, overlap or ring self-touch) must fail it.
// GEOS's other verdicts (hole outside shell, disconnected interior) test
// things Check does not, and GEOS may report them in preference to a
// crossing, so they assert nothing.
func TestAgainstGEOS(t *testing.T) {
	f, err := os.Open("testdata/geos_rings.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, invalid := 0, 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		var p orb.Polygon
		for _, rs := range strings.Split(cols[2], "|") {
			nums := strings.Fields(rs)
			var r orb.Ring
			for i := 0; i+1 < len(nums); i += 2 {
				x, _ := strconv.ParseFloat(nums[i], 64)
				y, _ := strconv.ParseFloat(nums[i+1], 64)
				r = append(r, orb.Point{x, y})
			}
			p = append(p, r)
		}
		var want bool
		switch {
		case cols[0] == "1":
			want = true
		case strings.HasPrefix(cols[1], "Self-intersection"), strings.HasPrefix(cols[1], "Ring Self-intersection"):
			want = false
			invalid++
		default:
			continue
		}
		n++
		err := Check(p)
		if (err == nil) != want {
			t.Errorf("polygon %v: Check = %v, GEOS: %s", p, err, cols[1])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 1000 || invalid == 0 || invalid == n {
		t.Fatalf("bad reference table: %d rings, %d invalid", n, invalid)
	}
}
