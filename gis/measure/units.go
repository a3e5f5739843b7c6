package measure

import "github.com/paulmach/orb"

// Area unit conversions.
const (
	// M2PerHectare is the number of square metres in one hectare.
	M2PerHectare = 10000.0
	// M2PerMu is the number of square metres in one 亩 (mu): 1/15 ha ≈ 666.67 m².
	M2PerMu = 10000.0 / 15.0
)

// Hectares converts square metres to hectares.
func Hectares(m2 float64) float64 { return m2 / M2PerHectare }

// Mu converts square metres to 亩 (mu).
func Mu(m2 float64) float64 { return m2 / M2PerMu }

// Areas is one area expressed in the three units the application shows.
type Areas struct {
	M2 float64 // square metres
	Ha float64 // hectares
	Mu float64 // 亩
}

// AreaOf returns the geodesic area of g (see Area) in m², ha and 亩.
func AreaOf(g orb.Geometry) Areas {
	m2 := Area(g)
	return Areas{M2: m2, Ha: Hectares(m2), Mu: Mu(m2)}
}
