package main

import (
	"fmt"
	"math"
)

// site is a disturbed area of one mine: pit, spoil heap, gangue heap or
// solid-waste yard.
type site struct {
	M      *mine
	Idx    int // position in the output
	Kind   string
	Ring   []pt
	C      pt
	Name   string
	Volume float64 // 万m³
	Height float64 // m: heaps and yards
	Depth  float64 // m: pits
	State  string  // 治理状态
}

// siteLabel is the Chinese name of each kind, as written in 类型.
var siteLabel = map[string]string{
	"pit":         "采坑",
	"spoil_heap":  "排土场",
	"gangue_heap": "煤矸石堆场",
	"waste_yard":  "固废堆场",
}

// siteKinds decides which sites a mine has (2 to 4).
func siteKinds(r *rng, m *mine) []string {
	coal := m.Mineral == "煤"
	var ks []string
	switch {
	case m.Status == "无主":
		ks = []string{"pit", "spoil_heap"}
		if coal && r.chance(0.5) {
			ks = append(ks, "gangue_heap")
		}
	case coal && m.Method == "井工开采":
		ks = []string{"gangue_heap", pick(r, []string{"gangue_heap", "spoil_heap"})}
		if r.chance(0.3) {
			ks = append(ks, "waste_yard")
		}
	case coal:
		ks = []string{"pit", "spoil_heap"}
		if r.chance(0.6) {
			ks = append(ks, "gangue_heap")
		}
		if r.chance(0.25) {
			ks = append(ks, "spoil_heap")
		}
	default:
		ks = []string{"pit", "spoil_heap"}
		if r.chance(0.25) {
			ks = append(ks, "waste_yard")
		}
	}
	return ks
}

// drawSites places every mine's sites: pits inside the mine, heaps and
// yards inside it or beside it within its footprint.
func drawSites(ms []*mine) ([]*site, error) {
	r := newRNG(seedSites)
	var all []*site
	for _, m := range ms {
		count := map[string]int{}
		for _, k := range siteKinds(r, m) {
			inside := k == "pit" || (k == "spoil_heap" && r.chance(0.35))
			s, err := placeSite(r, m, k, inside)
			if err != nil {
				return nil, fmt.Errorf("mine %s, %s: %w", m.Name, k, err)
			}
			count[k]++
			s.Name = fmt.Sprintf("%s%d号%s", m.Short, count[k], siteLabel[k])
			measureSite(r, s)
			s.Idx = len(all)
			m.Sites = append(m.Sites, s)
			all = append(all, s)
		}
	}
	return all, nil
}

func placeSite(r *rng, m *mine, kind string, inside bool) (*site, error) {
	for try := range 2000 {
		shrink := math.Pow(0.9, float64(try/200))
		if inside {
			part := r.intN(len(m.Parts))
			in := m.PartIn[part]
			frac := r.rangeF(0.25, 0.4)
			if kind == "pit" {
				frac = r.rangeF(0.4, 0.65)
			}
			rs := frac * in * shrink
			c := polar(m.PartC[part], r.rangeF(0, 0.95*(in-rs)), r.rangeF(0, 2*math.Pi))
			ring := roundRing(blobRing(r, c, rs, r.intRange(7, 12)))
			if siteFits(m, ring, true, part) {
				return &site{M: m, Kind: kind, Ring: ring, C: c}, nil
			}
			continue
		}
		// Beside the mine: walk outwards along a random bearing and take
		// the first position clear of the mine, so the heap hugs it.
		rs := r.rangeF(0.14, 0.27) * shrink
		a := r.rangeF(0, 2*math.Pi)
		shape := blobRing(r, m.C, rs, r.intRange(7, 12))
		for d := 0.3 * m.RBody; d <= m.RFoot-rs-0.02; d += 0.025 {
			dx, dy := d*math.Cos(a), d*math.Sin(a)
			ring := make([]pt, len(shape))
			for i, p := range shape {
				ring[i] = roundPt(offset(p, dx, dy))
			}
			if siteFits(m, ring, false, 0) {
				return &site{M: m, Kind: kind, Ring: ring, C: offset(m.C, dx, dy)}, nil
			}
		}
	}
	return nil, fmt.Errorf("no room")
}

func siteFits(m *mine, ring []pt, inside bool, part int) bool {
	if ringSimple(ring) != nil || signedArea2(ring) <= 0 || !ringWithin(ring, m.D.Ring) {
		return false
	}
	if inside {
		if !polygonContainsPolygon(m.Parts[part], ring) {
			return false
		}
	} else {
		for _, p := range m.Parts {
			if !ringsDisjoint(ring, p[0]) {
				return false
			}
		}
		for _, v := range ring {
			if distKM(v, m.C) > m.RFoot-0.01 {
				return false
			}
		}
	}
	for _, s := range m.Sites {
		if !ringsDisjoint(ring, s.Ring) {
			return false
		}
	}
	return true
}

// measureSite sets a site's height or depth, volume and rehabilitation state.
func measureSite(r *rng, s *site) {
	m := s.M
	coal := m.Mineral == "煤"
	var h float64
	switch s.Kind {
	case "pit":
		switch {
		case coal && m.Status == "无主":
			h = r.rangeF(15, 60)
		case coal:
			h = r.rangeF(40, 180)
		case m.Mineral == "黏土":
			h = r.rangeF(5, 25)
		default:
			h = r.rangeF(20, 90)
		}
		s.Depth = math.Round(h*10) / 10
	case "spoil_heap":
		if coal {
			h = r.rangeF(20, 110)
		} else {
			h = r.rangeF(10, 50)
		}
		s.Height = math.Round(h*10) / 10
	case "gangue_heap":
		h = r.rangeF(10, 60)
		s.Height = math.Round(h*10) / 10
	default:
		h = r.rangeF(5, 25)
		s.Height = math.Round(h*10) / 10
	}
	s.Volume = math.Round(areaKM2(s.Ring)*1e6*h*r.rangeF(0.35, 0.5)/1e4*10) / 10

	w := map[string][3]float64{ // 未治理, 治理中, 已治理
		"关闭": {0.1, 0.3, 0.6},
		"无主": {0.5, 0.35, 0.15},
		"停产": {0.4, 0.5, 0.1},
	}[m.Status]
	if w == ([3]float64{}) {
		w = [3]float64{0.45, 0.4, 0.15}
	}
	if s.Kind == "pit" && (m.Status == "生产" || m.Status == "基建") {
		w = [3]float64{1, 0, 0} // a working pit is not under rehabilitation
	}
	x := r.float()
	switch {
	case x < w[0]:
		s.State = "未治理"
	case x < w[0]+w[1]:
		s.State = "治理中"
	default:
		s.State = "已治理"
	}
}
