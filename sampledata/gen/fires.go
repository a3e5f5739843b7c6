package main

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// firePoint is a spontaneous-combustion point on a coal mine's heap.
type firePoint struct {
	S       *site
	P       pt
	Code    string // 编号
	Burning bool
	TempC   float64
	Found   string
}

const (
	fireCount       = 40
	maxFiresPerHeap = 3
)

// drawFires scatters fire points over the spoil and gangue heaps of coal
// mines: a heap is chosen in proportion to its area, counted twice in
// 乌达区, whose coal field is known for its fires.
func drawFires(ss []*site) ([]*firePoint, error) {
	r := newRNG(seedFires)
	var heaps []*site
	var weights []float64
	total := 0.0
	for _, s := range ss {
		if s.M.Mineral != "煤" || (s.Kind != "spoil_heap" && s.Kind != "gangue_heap") {
			continue
		}
		w := areaKM2(s.Ring)
		if s.M.D.Name == "乌达区" {
			w *= 2
		}
		heaps, weights = append(heaps, s), append(weights, w)
		total += w
	}
	if len(heaps) == 0 {
		return nil, fmt.Errorf("no coal heaps for fire points")
	}
	var fs []*firePoint
	for len(fs) < fireCount {
		s := heaps[len(heaps)-1]
		x := r.rangeF(0, total)
		for i, w := range weights {
			if x < w {
				s = heaps[i]
				break
			}
			x -= w
		}
		if onHeap(s, fs) == maxFiresPerHeap {
			continue
		}
		lo, hi := bbox(s.Ring)
		var p pt
		for try := 0; ; try++ {
			if try == 1000 {
				return nil, fmt.Errorf("no room for a fire point on %s", s.Name)
			}
			p = roundPt(pt{r.rangeF(lo.X, hi.X), r.rangeF(lo.Y, hi.Y)})
			if inRing(p, s.Ring) && distLineKM(p, s.Ring, true) > 0.005 && clearOf(p, fs, 0.06) {
				break
			}
		}
		f := &firePoint{S: s, P: p, Burning: r.chance(0.4)}
		if f.Burning {
			f.TempC = math.Round(r.rangeF(65, 420)*10) / 10
		} else {
			f.TempC = math.Round(r.rangeF(16, 42)*10) / 10
		}
		f.Found = time.Date(2021, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.intN(1095)).Format(time.DateOnly)
		fs = append(fs, f)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.S.Idx != b.S.Idx {
			return a.S.Idx < b.S.Idx
		}
		return a.Found < b.Found
	})
	seq := map[string]int{}
	for _, f := range fs {
		abbr := f.S.M.D.Abbr
		seq[abbr]++
		f.Code = fmt.Sprintf("HD-%s-%03d", abbr, seq[abbr])
	}
	return fs, nil
}

func clearOf(p pt, fs []*firePoint, km float64) bool {
	for _, f := range fs {
		if distKM(p, f.P) < km {
			return false
		}
	}
	return true
}

func onHeap(s *site, fs []*firePoint) int {
	n := 0
	for _, f := range fs {
		if f.S == s {
			n++
		}
	}
	return n
}
