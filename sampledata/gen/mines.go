package main

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// footMargin is the band (km) around a mine's body kept free for the
// spoil heaps and yards beside it; footprints of different mines never
// overlap, so neither do their mines, sites or roads.
const footMargin = 0.6

// mine is one synthetic mine and everything drawn for it.
type mine struct {
	D      *district
	DI     int // index of D in districts()
	Idx    int // position in the output
	C      pt
	RBody  float64 // km: the mine's parts lie within RBody of C
	RFoot  float64 // km: the mine, its sites and roads lie within RFoot of C
	Parts  []polygon
	PartC  []pt      // star centre of each part
	PartIn []float64 // km: radius of the disc about PartC inside the part's exterior

	Mineral, Method, Status string
	Green, GreenLevel       string // GreenLevel "" when not on a list
	Licence                 string // "" for ownerless mines
	Company                 string // "" for ownerless mines
	ValidFrom, ValidTo      string // "" for ownerless mines
	SanQuan                 bool
	Name, Short             string
	Sites                   []*site
}

// placeMines scatters each district's mines by random sequential
// placement of non-overlapping footprints, largest first.
func placeMines(ds []*district) ([]*mine, error) {
	r := newRNG(seedPlace)
	var all []*mine
	for di, d := range ds {
		sizes := make([]float64, d.Mines)
		for i := range sizes {
			sizes[i] = r.rangeF(d.Size[0], d.Size[1])
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(sizes)))
		lo, hi := bbox(d.Ring)
		for n, size := range sizes {
			placed := false
			for try := 0; try < 30000 && !placed; try++ {
				rb := size * math.Pow(0.9, float64(try/3000))
				rf := rb + footMargin
				c := candidate(r, d, lo, hi)
				if fits(c, rf, d, all) {
					all = append(all, &mine{D: d, DI: di, C: c, RBody: rb, RFoot: rf})
					placed = true
				}
			}
			if !placed {
				return nil, fmt.Errorf("no room for mine %d of %s", n+1, d.Name)
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.DI != b.DI {
			return a.DI < b.DI
		}
		if a.C.Y != b.C.Y {
			return a.C.Y > b.C.Y
		}
		return a.C.X < b.C.X
	})
	for i, m := range all {
		m.Idx = i
	}
	return all, nil
}

// candidate draws a mine centre: three times in four inside one of the
// district's fields (chosen in proportion to its area), otherwise anywhere
// in the district's bounding box.
func candidate(r *rng, d *district, lo, hi pt) pt {
	if r.chance(0.75) {
		total := 0.0
		for _, f := range d.Fields {
			total += (f[1].X - f[0].X) * (f[1].Y - f[0].Y)
		}
		x := r.rangeF(0, total)
		for _, f := range d.Fields {
			if a := (f[1].X - f[0].X) * (f[1].Y - f[0].Y); x >= a {
				x -= a
				continue
			}
			return pt{r.rangeF(f[0].X, f[1].X), r.rangeF(f[0].Y, f[1].Y)}
		}
	}
	return pt{r.rangeF(lo.X, hi.X), r.rangeF(lo.Y, hi.Y)}
}

// fits reports whether a footprint of radius rf km centred on c lies inside
// district d, clear of the rivers, the reserve, the towns and other mines.
func fits(c pt, rf float64, d *district, placed []*mine) bool {
	if !inRing(c, d.Ring) || distLineKM(c, d.Ring, true) < rf+0.1 {
		return false
	}
	if distLineKM(c, yellowRiver, false) < rf+0.5 || distLineKM(c, dusituRiver, false) < rf+0.3 {
		return false
	}
	if inRing(c, reserveRing) || distLineKM(c, reserveRing, true) < rf+0.3 {
		return false
	}
	for _, t := range towns {
		if distKM(c, t.C) < t.R+rf {
			return false
		}
	}
	for _, m := range placed {
		if distKM(c, m.C) < rf+m.RFoot+0.08 {
			return false
		}
	}
	return true
}

// assignAttributes deals each district's mineral and status decks, then
// picks green mines, 三权不变 mines, names, licences and validity dates.
func assignAttributes(ms []*mine, ds []*district) error {
	r := newRNG(seedAttrs)
	for _, d := range ds {
		var own []*mine
		for _, m := range ms {
			if m.D == d {
				own = append(own, m)
			}
		}
		if len(own) != len(d.Minerals) || len(own) != len(d.Statuses) {
			return fmt.Errorf("%s: %d mines but %d minerals and %d statuses", d.Name, len(own), len(d.Minerals), len(d.Statuses))
		}
		minerals := append([]string(nil), d.Minerals...)
		statuses := append([]string(nil), d.Statuses...)
		r.shuffle(len(minerals), func(i, j int) { minerals[i], minerals[j] = minerals[j], minerals[i] })
		r.shuffle(len(statuses), func(i, j int) { statuses[i], statuses[j] = statuses[j], statuses[i] })
		for i, m := range own {
			m.Mineral, m.Status = minerals[i], statuses[i]
		}
	}
	for _, m := range ms {
		switch {
		case m.Mineral != "煤":
			m.Method = "露天开采"
		case m.Status == "无主":
			m.Method = "露天开采"
			if r.chance(0.2) {
				m.Method = "井工开采"
			}
		default:
			m.Method = "露天开采"
			if r.chance(0.4) {
				m.Method = "井工开采"
			}
		}
		m.Green = "否"
	}

	producing := filter(ms, func(m *mine) bool { return m.Status == "生产" })
	shuffleMines(r, producing)
	for i, m := range producing[:15] {
		m.Green, m.GreenLevel = "已入库", "自治区级"
		if i < 5 {
			m.GreenLevel = "国家级"
		}
	}
	creating := filter(ms, func(m *mine) bool {
		return (m.Status == "生产" || m.Status == "基建") && m.Green == "否"
	})
	shuffleMines(r, creating)
	for _, m := range creating[:8] {
		m.Green = "创建中"
	}
	sanquan := filter(ms, func(m *mine) bool {
		return m.Mineral == "煤" && (m.Status == "生产" || m.Status == "停产") && m.D.Name != "乌达区"
	})
	shuffleMines(r, sanquan)
	for _, m := range sanquan[:4] {
		m.SanQuan = true
	}

	places := placeNames(newRNG(seedNames))
	if len(places) < len(ms) {
		return fmt.Errorf("%d place names for %d mines", len(places), len(ms))
	}
	used := map[string]bool{}
	for i, m := range ms {
		place := places[i]
		m.Short = place + mineSuffix(m.Mineral, m.Method)
		m.Name = m.D.Name + m.Short
		if m.Status == "无主" {
			m.Name = m.D.Name + place + "历史遗留" + mineSuffix(m.Mineral, m.Method)
			continue
		}
		switch {
		case m.SanQuan:
			m.Company = "鄂托克旗" + place + "煤业有限责任公司"
		default:
			m.Company = "乌海市" + place + companySuffix(r, m.Mineral)
		}
		from, to := validity(r, m.Status == "关闭")
		m.ValidFrom, m.ValidTo = from.Format(time.DateOnly), to.Format(time.DateOnly)
		for {
			m.Licence = licence(r, m, from)
			if !used[m.Licence] {
				used[m.Licence] = true
				break
			}
		}
	}
	return nil
}

// validity returns the start and end of a licence's current term. Closed
// mines' terms ended between 2016 and 2021; the others run past mid-2024.
func validity(r *rng, closed bool) (from, to time.Time) {
	if closed {
		years := pick(r, []int{5, 10, 15})
		end := time.Date(r.intRange(2016, 2021), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.intN(365))
		return end.AddDate(-years, 0, 1), end
	}
	from = time.Date(r.intRange(2013, 2022), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.intN(365))
	years := pick(r, []int{5, 10, 15, 20, 30})
	to = from.AddDate(years, 0, -1)
	for to.Before(time.Date(2024, time.July, 1, 0, 0, 0, 0, time.UTC)) {
		years += 5
		to = from.AddDate(years, 0, -1)
	}
	return from, to
}

// licence builds a 23-character licence number in the published style
// C + issuing authority's adcode + year and month first issued + "11" + an
// 8-digit serial.
func licence(r *rng, m *mine, from time.Time) string {
	code := m.D.Code
	switch {
	case m.SanQuan:
		code = "150624" // 鄂托克旗: rights kept by Ordos
	case m.Mineral == "煤":
		code = pick(r, []string{"150000", "150000", "150000", "100000"})
	case r.chance(0.3):
		code = "150300"
	}
	// First issued no later than the current term began.
	issued := from.AddDate(0, -r.intN(9*12), 0)
	if issued.Year() < 2003 {
		issued = time.Date(2003, from.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return fmt.Sprintf("C%s%04d%02d11%08d", code, issued.Year(), int(issued.Month()), r.intRange(10000000, 99999999))
}

func filter(ms []*mine, keep func(*mine) bool) []*mine {
	var out []*mine
	for _, m := range ms {
		if keep(m) {
			out = append(out, m)
		}
	}
	return out
}

func shuffleMines(r *rng, ms []*mine) {
	r.shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
}

// drawMines gives every mine its outline: licence-style rectangles for
// underground and most non-coal mines, irregular outlines for open pits;
// five mines in two parts, four with an excluded area (a hole).
func drawMines(ms []*mine) error {
	r := newRNG(seedShapes)
	licensed := filter(ms, func(m *mine) bool { return m.Status != "无主" })
	multi := filter(licensed, func(m *mine) bool { return m.Method == "井工开采" || m.Mineral != "煤" })
	shuffleMines(r, multi)
	multi = multi[:5]
	single := filter(licensed, func(m *mine) bool { return !contains(multi, m) })
	shuffleMines(r, single)
	holed := single[:4]
	for _, m := range ms {
		rect := m.Method == "井工开采" || (m.Mineral != "煤" && r.chance(0.5))
		var err error
		for try := 0; try < 100; try++ {
			if err = drawMine(r, m, rect, contains(multi, m), contains(holed, m)); err == nil {
				break
			}
		}
		if err != nil {
			return fmt.Errorf("mine %s: %w", m.Name, err)
		}
	}
	return nil
}

func contains(ms []*mine, m *mine) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func drawMine(r *rng, m *mine, rect, multi, holed bool) error {
	outline := func(c pt, R float64, lo, hi int) []pt {
		if rect {
			return roundRing(rectRing(r, c, R, r.intRange(lo, min(hi, 16))))
		}
		return roundRing(blobRing(r, c, R, r.intRange(lo, hi)))
	}
	m.Parts, m.PartC, m.PartIn = nil, nil, nil
	if multi {
		a := r.rangeF(0, 2*math.Pi)
		for _, s := range []float64{1, -1} {
			c := polar(m.C, s*0.55*m.RBody, a)
			m.Parts = append(m.Parts, polygon{outline(c, 0.42*m.RBody, 8, 13)})
			m.PartC = append(m.PartC, c)
		}
	} else {
		lo, hi := 10, 24
		if m.Status == "无主" {
			lo, hi = 8, 16
		}
		m.Parts = []polygon{{outline(m.C, m.RBody, lo, hi)}}
		m.PartC = []pt{m.C}
	}
	for i, p := range m.Parts {
		m.PartIn = append(m.PartIn, distLineKM(m.PartC[i], p[0], true))
	}
	if holed {
		in := m.PartIn[0]
		h := r.rangeF(0.25, 0.35) * in
		c := polar(m.C, r.rangeF(0, 0.3)*in, r.rangeF(0, 2*math.Pi))
		m.Parts[0] = append(m.Parts[0], roundRing(holeRing(r, c, h, r.intRange(5, 6))))
	}
	if err := checkMultiPolygon(m.Parts); err != nil {
		return err
	}
	if n := vertexCount(m.Parts); n < 8 || n > 30 {
		return fmt.Errorf("%d vertices, want 8 to 30", n)
	}
	return nil
}

func vertexCount(ps []polygon) int {
	n := 0
	for _, p := range ps {
		for _, r := range p {
			n += len(r)
		}
	}
	return n
}
