package main

import (
	"errors"
	"fmt"
)

// validate checks the generated sample before anything is written: every
// geometry valid, mines inside their district and clear of each other,
// sites inside their district, fire points on their heap.
func validate(ds []*district, ms []*mine, ss []*site, fs []*firePoint, rs []*road) error {
	var errs []error
	for _, d := range ds {
		if err := checkPolygon(polygon{d.Ring}); err != nil {
			errs = append(errs, fmt.Errorf("district %s: %w", d.Name, err))
		}
	}
	if err := checkPolygon(polygon{reserveRing}); err != nil {
		errs = append(errs, fmt.Errorf("reserve: %w", err))
	}
	for _, l := range [][]pt{yellowRiver, dusituRiver} {
		if err := checkLine(l); err != nil {
			errs = append(errs, fmt.Errorf("river: %w", err))
		}
	}
	for i, m := range ms {
		if err := checkMultiPolygon(m.Parts); err != nil {
			errs = append(errs, fmt.Errorf("mine %s: %w", m.Name, err))
		}
		for _, p := range m.Parts {
			if !ringWithin(p[0], m.D.Ring) {
				errs = append(errs, fmt.Errorf("mine %s leaves %s", m.Name, m.D.Name))
			}
			if !ringsDisjoint(p[0], reserveRing) {
				errs = append(errs, fmt.Errorf("mine %s meets the reserve", m.Name))
			}
			if edgesTouch(p[0], true, yellowRiver, false) {
				errs = append(errs, fmt.Errorf("mine %s crosses the Yellow River", m.Name))
			}
		}
		for _, o := range ms[:i] {
			for _, p := range m.Parts {
				for _, q := range o.Parts {
					if !ringsDisjoint(p[0], q[0]) {
						errs = append(errs, fmt.Errorf("mines %s and %s overlap", o.Name, m.Name))
					}
				}
			}
		}
	}
	for _, s := range ss {
		if err := checkPolygon(polygon{s.Ring}); err != nil {
			errs = append(errs, fmt.Errorf("site %s: %w", s.Name, err))
		}
		if !ringWithin(s.Ring, s.M.D.Ring) {
			errs = append(errs, fmt.Errorf("site %s leaves %s", s.Name, s.M.D.Name))
		}
	}
	for _, f := range fs {
		if !inRing(f.P, f.S.Ring) {
			errs = append(errs, fmt.Errorf("fire point %s is off %s", f.Code, f.S.Name))
		}
	}
	for _, rd := range rs {
		for _, l := range rd.Lines {
			if err := checkLine(l); err != nil {
				errs = append(errs, fmt.Errorf("road of %s: %w", rd.M.Name, err))
			}
		}
	}
	return errors.Join(errs...)
}
