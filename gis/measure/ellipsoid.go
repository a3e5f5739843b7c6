package measure

import "math"

// GRS80 (CGCS2000) ellipsoid parameters and the derived quantities used by
// the geodesic and area computations.
const (
	// SemiMajorAxis is the equatorial radius a of GRS80 in metres.
	SemiMajorAxis = 6378137.0
	// Flattening is f = 1/298.257222101 of GRS80.
	Flattening = 1 / 298.257222101
)

var (
	ellA   = SemiMajorAxis
	ellF   = Flattening
	ellF1  = 1 - ellF                // b/a
	ellB   = ellA * ellF1            // polar semi-axis, metres
	ellE2  = ellF * (2 - ellF)       // first eccentricity squared
	ellE   = math.Sqrt(ellE2)        // first eccentricity
	ellEp2 = ellE2 / (ellF1 * ellF1) // second eccentricity squared
	ellN   = ellF / (2 - ellF)       // third flattening
	ellQp  = 1 + (1-ellE2)*math.Atanh(ellE)/ellE
	// ellC2 is the authalic radius squared, Rq² = a²·qp/2, in m².
	ellC2 = ellA * ellA * ellQp / 2
	// ellTotalArea is the area of the whole ellipsoid, 4π·Rq², in m².
	ellTotalArea = 4 * math.Pi * ellC2
)
