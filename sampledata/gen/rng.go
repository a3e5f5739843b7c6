package main

import "math/rand/v2"

// rng draws from a PCG source with constant seeds. Only the source's raw
// Uint64 stream is used, and every derived value (floats, ranges, shuffles)
// is computed here, so the output depends on the PCG-DXSM algorithm alone and
// not on how a Go release implements rand.Rand's helpers.
type rng struct{ src *rand.PCG }

// Seeds, one stream per stage, so that changing one layer's rules does not
// reshuffle the layers generated after it.
const (
	seedPlace  = 0x5A17_0001
	seedAttrs  = 0x5A17_0002
	seedShapes = 0x5A17_0003
	seedSites  = 0x5A17_0004
	seedFires  = 0x5A17_0005
	seedRoads  = 0x5A17_0006
	seedNames  = 0x5A17_0007
	seedStream = 0x0150_3000 // second PCG word: Wuhai's adcode
)

func newRNG(seed uint64) *rng { return &rng{src: rand.NewPCG(seed, seedStream)} }

// float returns a value in [0, 1).
func (r *rng) float() float64 { return float64(r.src.Uint64()>>11) / (1 << 53) }

// rangeF returns a value in [lo, hi).
func (r *rng) rangeF(lo, hi float64) float64 { return lo + float64((hi-lo)*r.float()) }

// intN returns a value in [0, n). The modulo bias is below 1e-17 for the
// small n used here.
func (r *rng) intN(n int) int { return int(r.src.Uint64() % uint64(n)) }

// intRange returns a value in [lo, hi], both inclusive.
func (r *rng) intRange(lo, hi int) int { return lo + r.intN(hi-lo+1) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// shuffle permutes n elements with Fisher–Yates.
func (r *rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.intN(i+1))
	}
}

// pick returns one element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.intN(len(xs))] }
