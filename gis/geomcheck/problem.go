package geomcheck

import (
	"fmt"

	"github.com/paulmach/orb"
)

// Problem codes, stable and machine-readable; the application translates
// them for display.
const (
	CodeNonFinite        = "non-finite"        // a coordinate is NaN or ±Inf
	CodeOutOfRange       = "out-of-range"      // lon ∉ [−180, 180] or lat ∉ [−90, 90] (CheckLonLat only)
	CodeRingNotClosed    = "ring-not-closed"   // first and last positions of a ring differ
	CodeRingTooShort     = "ring-too-short"    // < 4 positions, or < 3 distinct ones
	CodeLineTooShort     = "line-too-short"    // < 2 distinct positions
	CodeSelfIntersection = "self-intersection" // rings cross, overlap, or a ring touches itself
	CodeEmpty            = "empty"             // nil geometry or one without any positions
)

// Problem describes the first defect found in a geometry. It is returned
// as an error (*Problem); use errors.As to inspect it.
//
// Part is the index of the polygon or line within a Multi* geometry, or of
// the member within a Collection. Ring is the ring index within a polygon
// (0 is the exterior) and 0 for other geometries. Index is the position
// index within the ring, line or MultiPoint; for self-intersections it is
// the start position of the offending segment. At is the offending position
// (for self-intersection: the crossing or touching point); Other is, for
// ring-not-closed, the last position, and for self-intersection the far
// end of a collinear overlap (equal to At for a crossing at one point).
type Problem struct {
	Code       string
	Part, Ring int
	Index      int
	At, Other  orb.Point
}

func (p *Problem) Error() string {
	var what string
	switch p.Code {
	case CodeNonFinite:
		what = "non-finite coordinate"
	case CodeOutOfRange:
		what = "coordinate outside lon [-180, 180] / lat [-90, 90]"
	case CodeRingNotClosed:
		return fmt.Sprintf("geomcheck: ring not closed: first %v, last %v (part %d, ring %d)", p.At, p.Other, p.Part, p.Ring)
	case CodeRingTooShort:
		what = "ring has fewer than 4 positions or 3 distinct ones"
	case CodeLineTooShort:
		what = "line has fewer than 2 distinct positions"
	case CodeSelfIntersection:
		if p.Other != p.At {
			return fmt.Sprintf("geomcheck: self-intersection: overlap from %v to %v (part %d, ring %d, segment %d)", p.At, p.Other, p.Part, p.Ring, p.Index)
		}
		what = "self-intersection"
	case CodeEmpty:
		return fmt.Sprintf("geomcheck: empty geometry (part %d)", p.Part)
	default:
		what = p.Code
	}
	return fmt.Sprintf("geomcheck: %s at %v (part %d, ring %d, position %d)", what, p.At, p.Part, p.Ring, p.Index)
}
