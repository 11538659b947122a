package model

import (
	"fmt"
	"math"
	"regexp"
)

// Rules for regions and where each service's patients live.

var regionName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// regions checks the regions and every service's region shares: names
// lower_snake and unique, in a simulated nation, with practices that can
// see patients (same-day capacity above 0: a region without capacity has
// no utilisation to report); shares naming regions of the service's own
// nation, each a probability, summing to 1.
func (c *checker) regions(cfg *Config) {
	nations := map[string]bool{}
	for _, n := range cfg.Nations {
		nations[n.Nation.String()] = true
	}
	byName := map[string]*Region{}
	for i := range cfg.Regions {
		r := &cfg.Regions[i]
		p := fmt.Sprintf("regions[%d]", i)
		switch {
		case !regionName.MatchString(r.Name):
			c.add(p+".name", "%q (allowed: lower_snake, e.g. london or north_east_and_yorkshire)", r.Name)
		case byName[r.Name] != nil:
			c.add(p+".name", "%q given twice (allowed: each region once)", r.Name)
		}
		byName[r.Name] = r
		if !nations[r.Nation.String()] {
			c.add(p+".nation", "%s is not simulated (allowed: a nation of the scenario)", r.Nation)
		}
		c.nonNeg(p+".patients", r.Patients)
		c.nonNeg(p+".practices", r.Practices)
		c.practices(p+".gp", &r.GP)
		if w := r.PLT.CancelWhen; w != nil {
			wp := p + ".plt.cancel_when"
			c.nonNeg(wp+".decide_before", w.DecideBefore)
			if w.OOHBacklogAbove == nil && w.CallsWaitingAbove == nil && w.CallbacksWaitingAbove == nil {
				c.add(wp, "no measure (allowed: one or more of ooh_backlog_above, calls_waiting_above, callbacks_waiting_above)")
			}
			for _, m := range []struct {
				name string
				v    *float64
			}{{"ooh_backlog_above", w.OOHBacklogAbove}, {"calls_waiting_above", w.CallsWaitingAbove}, {"callbacks_waiting_above", w.CallbacksWaitingAbove}} {
				if m.v != nil {
					c.nonNeg(wp+"."+m.name, *m.v)
				}
			}
		}
		if !(r.GP.SameDayCapacity > 0) {
			c.add(p+".gp.same_day_capacity", "%v: a region's practices need same-day capacity (allowed: appointments per working day > 0)", r.GP.SameDayCapacity)
		}
	}
	for i := range cfg.Services {
		s := &cfg.Services[i]
		if len(s.Regions) == 0 {
			continue
		}
		p := fmt.Sprintf("services[%d].regions", i)
		sum := 0.0
		for j, rs := range s.Regions {
			rp := fmt.Sprintf("%s[%d]", p, j)
			r := byName[rs.Region]
			switch {
			case r == nil && rs.Region == s.Nation.String() && !hasRegions(cfg, s.Nation):
				// The nation's own default region.
			case r == nil:
				c.add(rp, "%q is not a region of the scenario", rs.Region)
			case r.Nation != s.Nation:
				c.add(rp, "%q is in %s, the service is in %s (allowed: regions of the service's nation)", rs.Region, r.Nation, s.Nation)
			}
			c.prob(rp+".share", rs.Share)
			sum += rs.Share
		}
		if math.Abs(sum-1) > 1e-6 {
			c.add(p, "the shares sum to %s (allowed: shares summing to 100%%)", percent(sum))
		}
	}
}

// practices checks the parameters of GP practices.
func (c *checker) practices(path string, g *GPPractices) {
	c.nonNeg(path+".same_day_capacity", g.SameDayCapacity)
	c.nonNeg(path+".baseline_demand", g.BaselineDemand)
	c.prob(path+".overflow_to_ed", g.OverflowToED)
	c.nonNeg(path+".triage_minutes", g.TriageMinutes)
	c.prob(path+".appointment_share", g.AppointmentShare)
}

func hasRegions(cfg *Config, n interface{ String() string }) bool {
	for _, r := range cfg.Regions {
		if r.Nation.String() == n.String() {
			return true
		}
	}
	return false
}
