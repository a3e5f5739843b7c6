package main

import (
	"math"
	"sort"
)

// Every shape here is star-shaped about its centre: vertices are emitted
// at strictly increasing polar angles with positive radii, which makes the
// ring simple and counter-clockwise by construction. Radii are in km.

// blobRing is an irregular outline (open-pit workings, heaps): a circle of
// radius R deformed by a few low harmonics and per-vertex noise, scaled so
// that no vertex lies farther than R from c.
func blobRing(r *rng, c pt, R float64, n int) []pt {
	rot := r.rangeF(0, 2*math.Pi)
	var amp, phase [5]float64
	for m := 2; m <= 4; m++ {
		amp[m] = r.rangeF(0.04, 0.26/float64(m-1))
		phase[m] = r.rangeF(0, 2*math.Pi)
	}
	step := 2 * math.Pi / float64(n)
	theta := make([]float64, n)
	rad := make([]float64, n)
	maxR := 0.0
	for k := range n {
		theta[k] = float64(k)*step + r.rangeF(-0.3, 0.3)*step
		f := 1 + r.rangeF(-0.08, 0.08)
		for m := 2; m <= 4; m++ {
			f += amp[m] * math.Cos(float64(m)*theta[k]+phase[m])
		}
		rad[k] = f
		maxR = math.Max(maxR, f)
	}
	out := make([]pt, n)
	for k := range n {
		rr := R * rad[k] / maxR
		a := theta[k] + rot
		out[k] = offset(c, rr*math.Cos(a), rr*math.Sin(a))
	}
	return out
}

// rectRing is a licence-style outline: a rotated rectangle inscribed in a
// circle of radius R, with extra corner points along its edges, each pulled
// slightly towards the centre (the jogs of a licence's corner list).
func rectRing(r *rng, c pt, R float64, n int) []pt {
	alpha := r.rangeF(0.45, 0.85)
	a, b := R*math.Cos(alpha), R*math.Sin(alpha)
	rot := r.rangeF(0, math.Pi)
	corners := [4][2]float64{{a, b}, {-a, b}, {-a, -b}, {a, -b}}
	extra := [4]int{1, 1, 1, 1}
	for i := 0; i < n-8; i++ {
		extra[r.intN(4)]++
	}
	var local [][2]float64
	for e := range 4 {
		p, q := corners[e], corners[(e+1)%4]
		local = append(local, p)
		ts := make([]float64, extra[e])
		for i := range ts {
			ts[i] = r.rangeF(0.12, 0.88)
		}
		sort.Float64s(ts)
		for _, t := range ts {
			s := 1 - r.rangeF(0, 0.08)
			local = append(local, [2]float64{s * (p[0] + t*(q[0]-p[0])), s * (p[1] + t*(q[1]-p[1]))})
		}
	}
	cos, sin := math.Cos(rot), math.Sin(rot)
	out := make([]pt, len(local))
	for i, v := range local {
		out[i] = offset(c, float64(v[0]*cos)-float64(v[1]*sin), float64(v[0]*sin)+float64(v[1]*cos))
	}
	return out
}

// holeRing is a small clockwise ring of radius h for a polygon's hole.
func holeRing(r *rng, c pt, h float64, n int) []pt {
	return reversed(blobRing(r, c, h, n))
}

// polar returns the point at distance d km and angle a from c.
func polar(c pt, d, a float64) pt { return offset(c, d*math.Cos(a), d*math.Sin(a)) }
