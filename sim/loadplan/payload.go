package loadplan

import (
	"fmt"
	"math/rand/v2"

	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/rng"
)

// Referral is a synthetic referral payload. It is made up from the model's
// shares and never contains patient data: its ids start with "SYN-" and
// are not NHS numbers, and Synthetic is always true.
type Referral struct {
	ID          string // "SYN-R-<vu>-<seq>"
	PatientRef  string // "SYN-P-<vu>-<seq>", a made-up reference, not an NHS number
	Synthetic   bool
	Seq         uint64 // 1, 2, … per VU
	Nation      string
	Service     string
	Route       string
	Disposition string
	// Via is "triage" (health adviser) or "clinical_assessment".
	Via string
	// Priority is the model's priority name: the OOH case priority on the
	// ooh route, the call-back priority after clinical assessment, else
	// "standard".
	Priority string
}

// Object is the payload as the JS object scripts send.
func (r Referral) Object() Object {
	return Object{
		{"id", r.ID}, {"synthetic", r.Synthetic}, {"seq", r.Seq},
		{"patientRef", r.PatientRef},
		{"nation", r.Nation}, {"service", r.Service}, {"route", r.Route},
		{"disposition", r.Disposition}, {"via", r.Via}, {"priority", r.Priority},
	}
}

// ReferralOptions restrict the referrals drawn ("" = any).
type ReferralOptions struct {
	Nation, Service, Route string
}

// Referrals draws a reproducible sequence of synthetic referrals: the same
// model, seed and VU give the same sequence.
type Referrals struct {
	m    *Model
	r    *rand.Rand
	vu   uint64
	seq  uint64
	disp [model.NumRoutes]model.Disposition
}

// Referrals returns the referral sequence of one VU (k6's global VU id) for
// seed.
func (m *Model) Referrals(seed, vu uint64) *Referrals {
	g := &Referrals{m: m, r: rng.New(seed, vu, "loadplan/referrals"), vu: vu}
	for d := range model.NumDispositions {
		if r, ok := model.RouteOf(d); ok {
			g.disp[r] = d
		}
	}
	return g
}

// Next draws the next referral: a front door in proportion to its calls,
// then a route in proportion to the nation's route shares, then how it got
// there (triage or clinical assessment) and its priority.
func (g *Referrals) Next(opts ReferralOptions) (Referral, error) {
	svcs, err := g.m.services(Selection{Nation: opts.Nation, Service: opts.Service})
	if err != nil {
		return Referral{}, err
	}
	routes := make([]model.Route, 0, model.NumRoutes)
	if opts.Route != "" {
		r, err := model.ParseRoute(opts.Route)
		if err != nil {
			return Referral{}, err
		}
		routes = append(routes, r)
	} else {
		for r := range model.NumRoutes {
			routes = append(routes, r)
		}
	}
	// Weights of (service, route): the service's calls × the route's share.
	type choice struct {
		svc   *model.Service
		route model.Route
		w     float64
	}
	var choices []choice
	total := 0.0
	for _, s := range svcs {
		n := g.m.nation(s.Nation)
		for _, r := range routes {
			w := n.Demand.CallsPerDay * s.Share * n.RouteShare(r)
			if w > 0 {
				choices = append(choices, choice{s, r, w})
				total += w
			}
		}
	}
	if total == 0 {
		return Referral{}, fmt.Errorf("no referrals travel by route %q from service %q in nation %q", opts.Route, opts.Service, opts.Nation)
	}
	u := g.r.Float64() * total
	c := choices[len(choices)-1]
	for _, x := range choices {
		if u < x.w {
			c = x
			break
		}
		u -= x.w
	}
	n := g.m.nation(c.svc.Nation)
	d := g.disp[c.route]
	g.seq++
	ref := Referral{
		ID:          fmt.Sprintf("SYN-R-%04d-%06d", g.vu, g.seq),
		PatientRef:  fmt.Sprintf("SYN-P-%04d-%06d", g.vu, g.seq),
		Synthetic:   true,
		Seq:         g.seq,
		Nation:      n.Nation.String(),
		Service:     c.svc.Name,
		Route:       c.route.String(),
		Disposition: d.String(),
		Via:         "triage",
		Priority:    "standard",
	}
	direct := (1-n.OnlineShare)*n.Dispositions[d] + n.OnlineShare*n.OnlineDispositions[d]
	cas := ((1-n.OnlineShare)*n.Dispositions[model.ClinicalAssessment] + n.OnlineShare*n.OnlineDispositions[model.ClinicalAssessment]) * n.CAS.Outcomes[d]
	if g.r.Float64()*(direct+cas) >= direct {
		ref.Via = "clinical_assessment"
		if p := g.priority(n.CAS.Priorities); p != "" {
			ref.Priority = p
		}
	}
	if c.route == model.RouteOOH {
		if p := g.priority(n.OOH.Priorities); p != "" {
			ref.Priority = p
		}
	}
	return ref, nil
}

// priority draws a priority name by share ("" if there are none).
func (g *Referrals) priority(ps []model.Priority) string {
	total := 0.0
	for _, p := range ps {
		total += p.Share
	}
	if total <= 0 {
		return ""
	}
	u := g.r.Float64() * total
	for _, p := range ps {
		if u < p.Share {
			return p.Name
		}
		u -= p.Share
	}
	return ps[len(ps)-1].Name
}

// Payloads draws the synthetic request bodies of a load test: referrals
// for a referral stream (restricted to its route), first contacts for
// calls. The same model, selection and seed give the same sequence.
type Payloads struct {
	sel      Selection
	stream   Stream
	refs     *Referrals
	svcs     []*model.Service
	weights  []float64
	total    float64
	contacts uint64
}

// PayloadsPurpose names the random stream of a load test's payloads.
const PayloadsPurpose = "loadplan/payloads"

// Payloads returns the payload sequence for sel and seed.
func (m *Model) Payloads(sel Selection, seed uint64) (*Payloads, error) {
	stream, err := ParseStream(sel.Stream)
	if err != nil {
		return nil, err
	}
	svcs, err := m.services(sel)
	if err != nil {
		return nil, err
	}
	p := &Payloads{sel: sel, stream: stream, svcs: svcs, refs: &Referrals{m: m, r: rng.New(seed, 0, PayloadsPurpose)}}
	for d := range model.NumDispositions {
		if r, ok := model.RouteOf(d); ok {
			p.refs.disp[r] = d
		}
	}
	for _, s := range svcs {
		w := m.nation(s.Nation).Demand.CallsPerDay * s.Share
		p.weights = append(p.weights, w)
		p.total += w
	}
	return p, nil
}

// Next draws the next payload.
func (p *Payloads) Next() (Object, error) {
	if p.stream.Referrals {
		route := ""
		if !p.stream.AllRoutes {
			route = p.stream.Route.String()
		}
		r, err := p.refs.Next(ReferralOptions{Nation: p.sel.Nation, Service: p.sel.Service, Route: route})
		if err != nil {
			return nil, err
		}
		return r.Object(), nil
	}
	svc := p.svcs[len(p.svcs)-1]
	u := p.refs.r.Float64() * p.total
	for i, w := range p.weights {
		if u < w {
			svc = p.svcs[i]
			break
		}
		u -= w
	}
	p.contacts++
	return Object{
		{"id", fmt.Sprintf("SYN-C-%04d-%06d", p.refs.vu, p.contacts)}, {"synthetic", true}, {"seq", p.contacts},
		{"nation", svc.Nation.String()}, {"service", svc.Name},
	}, nil
}
