package main

import (
	"fmt"
	"math"
)

// road is a mine's haul road: a main line from its first site out to the
// edge of its footprint, towards the nearest town, and sometimes a branch
// to its second site.
type road struct {
	M       *mine
	Lines   [][]pt
	Surface string // 路面
}

// drawRoads gives haul roads to working mines and to some ownerless ones.
func drawRoads(ms []*mine) ([]*road, error) {
	r := newRNG(seedRoads)
	var out []*road
	for _, m := range ms {
		switch m.Status {
		case "关闭":
			continue
		case "无主":
			if !r.chance(0.4) {
				continue
			}
		}
		rd, err := drawRoad(r, m)
		if err != nil {
			return nil, fmt.Errorf("mine %s: %w", m.Name, err)
		}
		out = append(out, rd)
	}
	return out, nil
}

func drawRoad(r *rng, m *mine) (*road, error) {
	toward := nearestTown(m.C)
	tx, ty := toKM(toward, m.C)
	heading := math.Atan2(ty, tx)
	for range 200 {
		end := polar(m.C, m.RFoot-0.03, heading+r.rangeF(-0.5, 0.5))
		main := bentLine(r, m.Sites[0].C, end, r.intRange(2, 4), 0.12)
		lines := [][]pt{main}
		if len(m.Sites) > 1 && r.chance(0.4) {
			lines = append(lines, bentLine(r, main[1], m.Sites[1].C, 1, 0.06))
		}
		if roadFits(m, lines) {
			return &road{M: m, Lines: lines, Surface: surface(r, m.Status)}, nil
		}
	}
	return nil, fmt.Errorf("no room for a road")
}

// bentLine runs from a to b through k intermediate vertices, bowed sideways
// by up to bow km. Its vertices advance monotonically along a→b, so the
// line never crosses itself.
func bentLine(r *rng, a, b pt, k int, bow float64) []pt {
	dx, dy := toKM(b, a)
	l := math.Hypot(dx, dy)
	ux, uy := dx/l, dy/l
	amp := r.rangeF(-bow, bow)
	line := []pt{roundPt(a)}
	for i := 1; i <= k; i++ {
		t := (float64(i) + r.rangeF(-0.25, 0.25)) / float64(k+1)
		side := amp*math.Sin(math.Pi*t) + r.rangeF(-0.015, 0.015)
		line = append(line, roundPt(offset(a, float64(t*l*ux)-float64(side*uy), float64(t*l*uy)+float64(side*ux))))
	}
	return append(line, roundPt(b))
}

func roadFits(m *mine, lines [][]pt) bool {
	for _, l := range lines {
		if checkLine(l) != nil {
			return false
		}
		for _, p := range l {
			if distKM(p, m.C) > m.RFoot-0.01 {
				return false
			}
		}
	}
	return true
}

func nearestTown(c pt) pt {
	best := towns[0].C
	for _, t := range towns[1:] {
		if distKM(c, t.C) < distKM(c, best) {
			best = t.C
		}
	}
	return best
}

func surface(r *rng, status string) string {
	p := map[string]float64{"生产": 0.6, "停产": 0.3}[status]
	if r.chance(p) {
		return "硬化"
	}
	return "砂石"
}
