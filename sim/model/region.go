package model

import (
	"slices"

	"github.com/outagesim/outagesim/sim/calendar"
)

// Region is where patients live: one of England's seven NHS regions, or a
// devolved nation as one region. Every patient belongs to one region,
// drawn on arrival from their service's RegionShares, and everything they
// cause is counted there.
type Region struct {
	// Name is lower_snake: london, south_east, …, scotland, wales,
	// northern_ireland.
	Name   string
	Nation calendar.Nation
	// Patients registered at the region's practices, and its practices.
	Patients, Practices float64
	// GP is the region's practices in hours.
	GP GPPractices
	// PLT is the region's protected learning time.
	PLT PLT
}

// RegionShare is the share of a service's patients living in a region.
type RegionShare struct {
	Region string
	Share  float64
}

// regions returns the model's regions: cfg.Regions, then one region for
// each nation that has none there, named after the nation, with the
// nation's GP practices.
func (cfg *Config) regions() []Region {
	out := append([]Region(nil), cfg.Regions...)
	for i := range cfg.Nations {
		n := &cfg.Nations[i]
		if !slices.ContainsFunc(cfg.Regions, func(r Region) bool { return r.Nation == n.Nation }) {
			out = append(out, Region{Name: n.Nation.String(), Nation: n.Nation, GP: n.GP})
		}
	}
	return out
}

// regionShares returns a service's patients' regions as indexes into
// regions with their shares: the service's own shares, or its
// nation's regions in proportion to registered patients (equally where
// none are given).
func (s *Service) regionShares(regions []Region) (idx []int32, shares []float64) {
	add := func(i int, w float64) {
		idx = append(idx, int32(i))
		shares = append(shares, w)
	}
	if len(s.Regions) > 0 {
		for _, rs := range s.Regions {
			for i := range regions {
				if regions[i].Name == rs.Region {
					add(i, rs.Share)
				}
			}
		}
	} else {
		total, n := 0.0, 0
		for i := range regions {
			if regions[i].Nation == s.Nation {
				total += regions[i].Patients
				n++
			}
		}
		for i := range regions {
			if regions[i].Nation == s.Nation {
				if total > 0 {
					add(i, regions[i].Patients/total)
				} else {
					add(i, 1/float64(n))
				}
			}
		}
	}
	return idx, shares
}

// regionNames lists the regions' names in order.
func regionNames(regions []Region) []string {
	out := make([]string, len(regions))
	for i := range regions {
		out[i] = regions[i].Name
	}
	return out
}
