package write

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// stressGroup is one section of the STRESS-DES checklist (Monks et al.
// 2019): objectives, logic, data, experimentation, implementation, code
// access.
type stressGroup struct {
	Num, Title string
	Items      []stressItem
}

// stressItem answers one checklist item: paragraphs, then a list.
type stressItem struct {
	Num, Topic string
	Text       []string
	List       []string
}

// licence is the licence outagesim is published under (LICENSE).
const licence = "Apache License 2.0"

// stressSections answers the STRESS-DES checklist from the run: every
// number, name and setting comes from the aggregate, the configuration it
// ran and the metadata; the prose around them only says what they are.
// An aggregate built without its configuration answers the items that
// need it with "not recorded".
func stressSections(a *reports.Aggregate, meta Meta) []stressGroup {
	s := stressWriter{a: a, cfg: a.Config, meta: meta}
	return []stressGroup{
		{"1", "Objectives", []stressItem{s.purpose(), s.outputs(), s.aims()}},
		{"2", "Logic", append([]stressItem{s.overview(), s.baseLogic(), s.scenarioLogic(), s.algorithms()}, s.components()...)},
		{"3", "Data", []stressItem{s.dataSources(), s.preprocessing(), s.inputs(), s.assumptions()}},
		{"4", "Experimentation", []stressItem{s.initialisation(), s.runLength(), s.estimation()}},
		{"5", "Implementation", []stressItem{s.software(), s.sampling(), s.execution(), s.system()}},
		{"6", "Code access", []stressItem{s.code()}},
	}
}

type stressWriter struct {
	a    *reports.Aggregate
	cfg  *model.Config
	meta Meta
}

const notRecorded = "Not recorded: this report was written from an aggregate without its configuration."

func (s stressWriter) nations() string {
	var names []string
	for _, n := range s.a.Nations {
		if n != reports.UK {
			names = append(names, nationName(n))
		}
	}
	return joinAnd(names)
}

func (s stressWriter) purpose() stressItem {
	it := stressItem{Num: "1.1", Topic: "Purpose of the model"}
	name := s.meta.Scenario
	if name == "" {
		name = s.a.Scenario
	}
	if o := s.a.Outage; o != nil {
		it.Text = append(it.Text, fmt.Sprintf("To estimate what the loss of %s from %s does to NHS 111 and the services it "+
			"refers patients to in %s, against the same period without the outage (the counterfactual).",
			joinAnd(o.Systems), reports.LocalTime(s.a, o.Start), s.nations()))
	} else {
		it.Text = append(it.Text, fmt.Sprintf("To estimate how NHS 111 and the services it refers patients to in %s perform "+
			"as configured, with no outage.", s.nations()))
	}
	scen := "Scenario: " + name
	if s.meta.Description != "" {
		scen += " (" + strings.TrimSuffix(s.meta.Description, ".") + ")"
	}
	it.Text = append(it.Text, scen+".")
	return it
}

func (s stressWriter) outputs() stressItem {
	it := stressItem{Num: "1.2", Topic: "Model outputs"}
	period, _, _ := headlinePeriod(s.a)
	keys := map[string]bool{}
	for _, k := range s.a.KPIs {
		keys[k.Key] = true
	}
	for _, key := range kpi.HeadlineKeys() {
		if kpiOver(s.a, period, reports.UK, key) != nil {
			in := info(key)
			it.List = append(it.List, in.Label+" ("+in.Unit+")")
		}
	}
	it.Text = append(it.Text, fmt.Sprintf("In all, %d KPIs in %d areas (nations and regions, and the UK) over %d %s, "+
		"and on each of %d local days (summary.json, kpis.csv); %d hourly and daily series (timeseries.csv).",
		len(keys), len(s.a.AreaNames()), len(s.a.Periods), plural(len(s.a.Periods), "period"), len(s.a.Days), len(s.a.Series)))
	what := "The report leads with the headline KPIs, for the UK over the " + strings.ToLower(periodName(period))
	if s.a.Outage != nil {
		what += ", each with the outage, without it and the impact (the difference)"
	}
	it.Text = append(it.Text, what+":")
	return it
}

func (s stressWriter) aims() stressItem {
	it := stressItem{Num: "1.3", Topic: "Experimentation aims"}
	if s.a.Outage != nil {
		var ps []string
		for _, p := range s.a.Periods {
			ps = append(ps, periodName(p.Name)+" ("+spanText(s.a, p.From, p.To)+")")
		}
		it.Text = append(it.Text, "To compare the outage with its counterfactual on common random numbers, replication by "+
			"replication, over each period of the outage's timeline: "+strings.Join(ps, "; ")+".")
	} else {
		it.Text = append(it.Text, "To measure the scenario as configured; variants are compared side by side with "+
			"outagesim compare and sweep.")
	}
	if s.a.Precision != nil {
		it.Text = append(it.Text, "The number of replications was chosen to reach the precision "+s.a.Precision.Rule+
			" (see 4.3).")
	}
	if s.meta.Command != "" {
		it.Text = append(it.Text, "This run: "+s.meta.Command)
	}
	return it
}

// share is a fraction as a percentage with up to one decimal.
func share(x float64) string {
	return strings.TrimSuffix(num(100*x, 1, false), ".0") + "%"
}

// dispositionMix lists the non-zero shares of a disposition mix.
func dispositionMix(mix [model.NumDispositions]float64) string {
	var parts []string
	for d, x := range mix {
		if x > 0 {
			parts = append(parts, model.Disposition(d).String()+" "+share(x))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func (s stressWriter) overview() stressItem {
	it := stressItem{Num: "2.1", Topic: "Base model overview diagram"}
	if s.cfg == nil {
		it.Text = []string{notRecorded}
		return it
	}
	it.Text = []string{"No diagram is drawn; patients flow as follows."}
	var services []string
	for _, sv := range s.cfg.Services {
		services = append(services, sv.Name)
	}
	f := s.features()
	demand := "Demand: calls to 111 from each nation's patients"
	if f.online {
		demand += ", and online contacts"
	}
	it.List = []string{
		demand + ".",
		fmt.Sprintf("Front door: health advisers of %d %s (%s) triage each call.", len(services), plural(len(services), "service"), strings.Join(services, ", ")),
	}
	if f.cas {
		it.List = append(it.List, "Clinical assessment: patients triaged to clinical_assessment wait for a clinician's call-back, by priority.")
	}
	if f.referrals {
		it.List = append(it.List, "Dispositions and referrals: each patient ends at a disposition; a referral to another service "+
			"travels through the system the sending service uses for that route.")
	} else {
		it.List = append(it.List, "Dispositions: every patient ends at self-care after triage.")
	}
	if f.ooh {
		it.List = append(it.List, "GP out-of-hours: clinicians consult the cases referred to them, by priority.")
	}
	if f.gp {
		it.List = append(it.List, "GP practices: same-day demand, from 111 and their own patients, up to their capacity.")
	}
	return it
}

// features are the parts of the model a configuration uses.
type features struct{ online, cas, referrals, ooh, gp, redial bool }

func (s stressWriter) features() features {
	var f features
	for _, n := range s.cfg.Nations {
		f.online = f.online || n.OnlineShare > 0
		f.cas = f.cas || n.Dispositions[model.ClinicalAssessment] > 0
		for d, x := range n.Dispositions {
			f.referrals = f.referrals || (x > 0 && model.Disposition(d) != model.SelfCare)
		}
		f.ooh = f.ooh || (len(n.OOH.Priorities) > 0 && (n.Dispositions[model.OOHGP] > 0 || n.CAS.Outcomes[model.OOHGP] > 0))
		f.gp = f.gp || n.GP.SameDayCapacity > 0
	}
	for _, r := range s.cfg.Regions {
		f.gp = f.gp || r.GP.SameDayCapacity > 0
	}
	for _, sv := range s.cfg.Services {
		f.redial = f.redial || sv.RedialProb > 0
	}
	return f
}

func (s stressWriter) baseLogic() stressItem {
	it := stressItem{Num: "2.2", Topic: "Base model logic"}
	if s.cfg == nil {
		it.Text = []string{notRecorded}
		return it
	}
	it.Text = []string{"Each nation's demand follows its profile (calls on an ordinary day, scaled by day of week, month, " +
		"bank holidays and date overrides, and shared across the hours of the day); triage then sends each patient on:"}
	for _, n := range s.cfg.Nations {
		line := fmt.Sprintf("%s: %s calls on an ordinary day", nationName(n.Nation.String()), num(n.Demand.CallsPerDay, 0, false))
		if n.OnlineShare > 0 {
			line += fmt.Sprintf(", %s of them online", share(n.OnlineShare))
		}
		line += "; after triage " + dispositionMix(n.Dispositions)
		if slices.ContainsFunc(n.CAS.Outcomes[:], func(x float64) bool { return x > 0 }) {
			line += "; after clinical assessment " + dispositionMix(n.CAS.Outcomes)
		}
		it.List = append(it.List, line+".")
	}
	return it
}

func (s stressWriter) scenarioLogic() stressItem {
	it := stressItem{Num: "2.3", Topic: "Scenario logic"}
	o := s.a.Outage
	if o == nil {
		it.Text = []string{"The scenario has no outage: the base model is the whole run."}
		return it
	}
	it.Text = []string{"The outage run differs from the counterfactual in these settings; everything else is the base model."}
	it.List = append(it.List, fmt.Sprintf("%s %s down from %s; failures go unhandled for %s (a referral in flight is lost with "+
		"probability %s) until services move to their contingency.", joinAnd(o.Systems), pick(len(o.Systems) == 1, "goes", "go"),
		reports.LocalTime(s.a, o.Start), durText(o.DetectionDelay), share(o.UnhandledLoss)))
	c := o.Contingency
	it.List = append(it.List, fmt.Sprintf("Contingency: health advisers' handle time × %s, clinicians' consult time × %s, "+
		"staff × %s.", factor(c.HandleFactor), factor(c.ConsultFactor), factor(c.StaffFactor)))
	var routes grouping
	for r, rc := range c.Routes {
		route := model.Route(r).String()
		switch {
		case rc.Mode == model.Closed:
			routes.add(route, fmt.Sprintf("closed: patients signposted to %s, %s of them go.", rc.SignpostTo, share(rc.Compliance)))
		case rc.SenderTime != nil || rc.Delay != nil || rc.LossProb > 0:
			line := "by hand (phone or email)"
			if rc.SenderTime != nil {
				line += ", sender time " + distText(*rc.SenderTime)
			}
			if rc.Delay != nil {
				line += ", delay " + distText(*rc.Delay)
			}
			routes.add(route, line+", lost with probability "+share(rc.LossProb)+".")
		}
	}
	for _, t := range routes.texts {
		names := routes.names[t]
		it.List = append(it.List, pick(len(names) > 1, "Routes ", "Route ")+strings.Join(names, ", ")+" "+t)
	}
	for _, iso := range o.Isolations {
		it.List = append(it.List, fmt.Sprintf("Precaution: %s's %s taken offline from %s.", supplierOr(iso.Supplier), joinAnd(iso.Systems), reports.LocalTime(s.a, iso.Start)))
	}
	for _, d := range o.Disconnections {
		it.List = append(it.List, fmt.Sprintf("Precaution: %s cut off from %s from %s.", joinAnd(d.Services), joinAnd(d.Systems), reports.LocalTime(s.a, d.From)))
	}
	for _, m := range c.MutualAid {
		it.List = append(it.List, fmt.Sprintf("Mutual aid: %s of %s's new calls go to %s from %s.", share(m.Share), m.From, m.To, reports.LocalTime(s.a, m.At)))
	}
	if n := len(o.Waves); n == 1 {
		it.List = append(it.List, "Reconnection in one wave, at "+reports.LocalTime(s.a, o.Waves[0].At)+".")
	} else if n > 1 {
		it.List = append(it.List, fmt.Sprintf("Reconnection in %d %s, from %s to %s.", n, plural(n, "wave"),
			reports.LocalTime(s.a, o.Waves[0].At), reports.LocalTime(s.a, o.Waves[n-1].At)))
	}
	if o.End > o.Start {
		it.List = append(it.List, "Everything restored at "+reports.LocalTime(s.a, o.End)+".")
	}
	if o.BackEntry.Days > 0 {
		it.List = append(it.List, fmt.Sprintf("After reconnection, staff spend %s of their time for %s entering paper records.",
			share(o.BackEntry.Fraction), durText(o.BackEntry.Days*86400)))
	}
	return it
}

// factor is a multiplier, 1 when unset.
func factor(x float64) string {
	if x == 0 {
		x = 1
	}
	return strings.TrimSuffix(strings.TrimRight(num(x, 2, false), "0"), ".")
}

func (s stressWriter) algorithms() stressItem {
	it := stressItem{Num: "2.4", Topic: "Algorithms"}
	it.List = []string{
		"Arrivals: a non-homogeneous Poisson process per service with an hourly piecewise-constant rate, sampled exactly " +
			"by inverting its cumulative intensity.",
	}
	if s.cfg != nil {
		kinds := map[string]bool{}
		add := func(d *dist.Dist) {
			if d != nil && d.Kind() != dist.KindInvalid {
				kinds[d.Kind().String()] = true
			}
		}
		staffing := map[string]bool{}
		for _, sv := range s.cfg.Services {
			add(&sv.Handle)
			add(sv.Patience)
			add(sv.RedialDelay)
			add(&sv.Consult)
			staffing[staffRule(sv.Advisers)] = true
		}
		for _, n := range s.cfg.Nations {
			add(&n.OOH.Consult)
			add(n.CAS.GiveUp)
		}
		it.List = append(it.List, "Durations (handle, consult, patience, redial delay, give-up) are sampled from these "+
			"distributions: "+strings.Join(sortedKeys(kinds), ", ")+".")
		it.List = append(it.List, "Health advisers' staffing: "+strings.Join(sortedKeys(staffing), "; ")+".")
	}
	out := "Outputs: each KPI is a ratio of sums or a total within a replication; means carry 95% intervals from " +
		"Student's t"
	if s.a.Outage != nil {
		out += ", impacts from paired differences"
	}
	it.List = append(it.List, out+".")
	if s.a.Warmup.Checked {
		it.List = append(it.List, "Warm-up check: MSER-5 (White 1997) on the hourly health-adviser occupancy.")
	}
	if s.a.Precision != nil {
		it.List = append(it.List, "Number of replications: the confidence-interval method with a sequential rule (Law 2015, §9.4.1).")
	}
	return it
}

func sortedKeys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// staffRule says how a staffing is set.
func staffRule(st model.Staffing) string {
	var r string
	switch {
	case len(st.HourOfWeek) > 0:
		lo, hi := slices.Min(st.HourOfWeek), slices.Max(st.HourOfWeek)
		r = fmt.Sprintf("a rota by hour of the week (%d to %d on duty)", lo, hi)
		if lo == hi {
			r = fmt.Sprintf("%d on duty at every hour", lo)
		}
	case st.Occupancy > 0:
		r = "enough each hour to carry the expected workload at " + share(st.Occupancy) + " occupancy"
	default:
		r = "none"
	}
	if st.Factor != 0 && st.Factor != 1 {
		r += ", × " + factor(st.Factor)
	}
	if st.Minimum > 0 {
		r += fmt.Sprintf(", at least %d", st.Minimum)
	}
	return r
}

// distText is a distribution as its kind and mean (and CV when it
// varies).
func distText(d dist.Dist) string {
	t := d.Kind().String() + ", mean " + durText(d.Mean())
	if cv := d.CV(); cv > 0 && d.Kind() != dist.KindExponential {
		t += ", CV " + strings.TrimSuffix(strings.TrimRight(num(cv, 2, false), "0"), ".")
	}
	return t
}

// durText is a duration in seconds in the largest unit that keeps it
// readable.
func durText(sec float64) string {
	trim := func(x float64) string { return strings.TrimSuffix(strings.TrimRight(num(x, 1, false), "0"), ".") }
	switch {
	case sec == 0:
		return "no time"
	case sec >= 86400 && math.Mod(sec, 86400) == 0:
		d := int(sec / 86400)
		return fmt.Sprintf("%d %s", d, plural(d, "day"))
	case sec >= 3600:
		return trim(sec/3600) + " h"
	case sec >= 120:
		return trim(sec/60) + " min"
	default:
		return trim(sec) + " s"
	}
}

func (s stressWriter) components() []stressItem {
	ent := stressItem{Num: "2.5.1", Topic: "Components: entities",
		Text: []string{"Patients: each call or online contact, with its nation, region and front-door service."}}
	if s.cfg != nil {
		f := s.features()
		var may []string
		for _, c := range []struct {
			on   bool
			what string
		}{{f.redial, "call again after hanging up"}, {f.cas, "wait for a clinician's call-back"},
			{f.referrals, "be referred (a referral travels as its own message)"}, {f.ooh, "become an out-of-hours case"},
			{f.gp, "become a GP practice contact"}} {
			if c.on {
				may = append(may, c.what)
			}
		}
		if len(may) > 0 {
			ent.Text = append(ent.Text, "A patient may "+joinOr(may)+".")
		}
	}
	if k := kpiOver(s.a, model.PeriodRun, reports.UK, kpi.CallsOffered); k != nil {
		ent.Text = append(ent.Text, fmt.Sprintf("Calls offered per replication, whole run, UK: %s on average.", num(k.Outage.Mean, 0, false)))
	}
	act := stressItem{Num: "2.5.2", Topic: "Components: activities"}
	res := stressItem{Num: "2.5.3", Topic: "Components: resources"}
	que := stressItem{Num: "2.5.4", Topic: "Components: queues"}
	exit := stressItem{Num: "2.5.5", Topic: "Components: entry and exit points"}
	if s.cfg == nil {
		for _, it := range []*stressItem{&act, &res, &que, &exit} {
			it.Text = []string{notRecorded}
		}
		return []stressItem{ent, act, res, que, exit}
	}
	var acts, ress, ques grouping
	for _, sv := range s.cfg.Services {
		a := "triage by a health adviser, " + distText(sv.Handle)
		if sv.Consult.Kind() != dist.KindInvalid {
			a += "; clinical assessment, " + distText(sv.Consult)
		}
		acts.add(sv.Name, a+".")
		ress.add(sv.Name, fmt.Sprintf("health advisers, %s; clinicians, %s.", staffRule(sv.Advisers), staffRule(sv.Clinicians)))
		q := "health-adviser queue, first come first served"
		if sv.Patience != nil {
			q += "; callers hang up after a patience of " + distText(*sv.Patience)
			if sv.RedialProb > 0 {
				q += " and call again with probability " + share(sv.RedialProb)
			}
		}
		ques.add(sv.Name, q+".")
	}
	act.List, res.List, que.List = acts.lines(": "), ress.lines(": "), ques.lines(": ")
	for _, n := range s.cfg.Nations {
		name := nationName(n.Nation.String())
		if len(n.OOH.Priorities) > 0 {
			act.List = append(act.List, fmt.Sprintf("%s out-of-hours: consultation, %s.", name, distText(n.OOH.Consult)))
			res.List = append(res.List, fmt.Sprintf("%s out-of-hours: clinicians, %s.", name, staffRule(n.OOH.Clinicians)))
			que.List = append(que.List, fmt.Sprintf("%s out-of-hours: cases served by priority (%s).", name, priorities(n.OOH.Priorities)))
		}
		if len(n.CAS.Priorities) > 0 {
			q := fmt.Sprintf("%s clinical assessment: call-backs by priority (%s)", name, priorities(n.CAS.Priorities))
			if n.CAS.GiveUp != nil {
				q += "; patients give up after " + distText(*n.CAS.GiveUp)
			}
			que.List = append(que.List, q+".")
		}
	}
	var gp []string
	for _, r := range s.cfg.Regions {
		if r.GP.SameDayCapacity > 0 {
			gp = append(gp, fmt.Sprintf("%s %s", r.Name, num(r.GP.SameDayCapacity, 0, false)))
		}
	}
	for _, n := range s.cfg.Nations {
		if n.GP.SameDayCapacity > 0 {
			gp = append(gp, fmt.Sprintf("%s %s", n.Nation.String(), num(n.GP.SameDayCapacity, 0, false)))
		}
	}
	if len(gp) > 0 {
		res.List = append(res.List, "GP practices, same-day appointments per working day: "+strings.Join(gp, ", ")+".")
		que.List = append(que.List, "GP practices: demand above a day's capacity carries to the next working day (a share goes to ED).")
	}
	exit.Text = []string{"Patients enter as calls or online contacts of their nation's demand. They leave at a disposition, " +
		"when they hang up and do not call again, when they give up waiting for a call-back, or stay in a queue until the " +
		"end of the run (counted as waiting at the end)."}
	for _, n := range s.cfg.Nations {
		if slices.ContainsFunc(n.AbandonTo[:], func(x float64) bool { return x > 0 }) {
			exit.List = append(exit.List, fmt.Sprintf("%s: callers who hang up for good go to %s.", nationName(n.Nation.String()), dispositionMix(n.AbandonTo)))
		}
	}
	return []stressItem{ent, act, res, que, exit}
}

// grouping collects names by what is said of them, so that services set
// alike are listed once.
type grouping struct {
	texts []string
	names map[string][]string
}

func (g *grouping) add(name, text string) {
	if g.names == nil {
		g.names = map[string][]string{}
	}
	if _, ok := g.names[text]; !ok {
		g.texts = append(g.texts, text)
	}
	g.names[text] = append(g.names[text], name)
}

// lines are "names<sep>text", in the order each text first came.
func (g *grouping) lines(sep string) []string {
	var out []string
	for _, t := range g.texts {
		out = append(out, strings.Join(g.names[t], ", ")+sep+t)
	}
	return out
}

// joinOr lists xs as "a, b or c".
func joinOr(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func priorities(ps []model.Priority) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s %s, target %s", p.Name, share(p.Share), durText(p.Target)))
	}
	return strings.Join(out, "; ")
}

// calTag finds a citation of docs/calibration.md in a source comment.
var calTag = regexp.MustCompile(`\bcal ([A-Z])\b`)

// isJudgement says a source comment marks its value as an assumption
// (the library's "assumption [E]").
func isJudgement(source string) bool {
	return strings.Contains(strings.ToLower(source), "assumption")
}

func (s stressWriter) dataSources() stressItem {
	it := stressItem{Num: "3.1", Topic: "Data sources"}
	if len(s.meta.Assumptions) == 0 {
		it.Text = []string{"The scenario carries no source comments."}
		return it
	}
	cal := map[string]int{}
	var urls, textbook, judged, other int
	for _, as := range s.meta.Assumptions {
		tags := calTag.FindAllStringSubmatch(as.Source, -1)
		for _, t := range tags {
			cal[t[1]]++
		}
		switch {
		case len(tags) > 0:
		case isURL(as.Source):
			urls++
		case strings.Contains(as.Source, "textbook"):
			textbook++
		case isJudgement(as.Source):
			judged++
		default:
			other++
		}
	}
	it.Text = []string{fmt.Sprintf("%d values of the scenario carry a source comment; each is listed with its source "+
		"under Assumptions and sources. By source:", len(s.meta.Assumptions))}
	for _, sec := range sortedKeys(mapKeys(cal)) {
		it.List = append(it.List, fmt.Sprintf("docs/calibration.md section %s: cited by %d %s", sec, cal[sec], plural(cal[sec], "value")))
	}
	for _, c := range []struct {
		n    int
		what string
	}{{urls, "a web page"}, {textbook, "textbook inputs"}, {judged, "judgement only (assumption, see 3.4)"}, {other, "other notes"}} {
		if c.n > 0 {
			it.List = append(it.List, fmt.Sprintf("%s: %d %s", c.what, c.n, plural(c.n, "value")))
		}
	}
	return it
}

func mapKeys(m map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

func (s stressWriter) preprocessing() stressItem {
	it := stressItem{Num: "3.2", Topic: "Pre-processing"}
	it.Text = []string{"None within outagesim: values enter as written in the scenario. The loader converts durations to " +
		"seconds and percentages to fractions, and turns each nation's demand profile into hourly arrival rates. Figures " +
		"derived from published data were derived when calibrating (docs/calibration.md, marked [D])."}
	d := 0
	for _, as := range s.meta.Assumptions {
		if strings.Contains(as.Source, "[D]") {
			d++
		}
	}
	if d > 0 {
		it.Text = append(it.Text, fmt.Sprintf("%d %s of this scenario %s such a derivation.", d, plural(d, "value"), pick(d == 1, "rests on", "rest on")))
	}
	return it
}

func (s stressWriter) inputs() stressItem {
	it := stressItem{Num: "3.3", Topic: "Input parameters"}
	it.Text = []string{"The run's settings are below; every sourced input is under Assumptions and sources, and the " +
		"scenario file (its SHA-256 under Reproducibility) holds them all."}
	it.List = []string{
		"Start " + reports.LocalTime(s.a, 0) + ", length " + durText(s.a.Horizon) + ".",
		fmt.Sprintf("Seed %d, %d %s.", s.a.Seed, s.a.Replications, plural(s.a.Replications, "replication")),
	}
	if s.cfg != nil {
		it.List = append(it.List, fmt.Sprintf("Answered within %s and abandoned after %s define the front-door KPIs.",
			durText(s.cfg.AnswerTarget), durText(s.cfg.AbandonThreshold)))
		regions := ""
		if n := len(s.cfg.Regions); n > 0 {
			regions = fmt.Sprintf(" in %d %s", n, plural(n, "region"))
		}
		it.List = append(it.List, fmt.Sprintf("%d %s%s, %d %s.", len(s.cfg.Nations), plural(len(s.cfg.Nations), "nation"),
			regions, len(s.cfg.Services), plural(len(s.cfg.Services), "front-door service")))
	}
	return it
}

func (s stressWriter) assumptions() stressItem {
	it := stressItem{Num: "3.4", Topic: "Assumptions"}
	for _, as := range s.meta.Assumptions {
		if isJudgement(as.Source) {
			it.List = append(it.List, as.Name+" = "+as.Value+": "+as.Source)
		}
	}
	switch n := len(it.List); n {
	case 0:
		it.Text = []string{"The scenario marks no value as an assumption [E]."}
	default:
		it.Text = []string{fmt.Sprintf("%d %s of the scenario %s marked as a judgement (assumption [E]) rather than taken "+
			"from data; the answer may depend on them:", n, plural(n, "value"), pick(n == 1, "is", "are"))}
	}
	return it
}

func (s stressWriter) initialisation() stressItem {
	it := stressItem{Num: "4.1", Topic: "Initialisation"}
	w := s.a.Warmup
	start := "The run starts empty (no one waiting or busy) at " + reports.LocalTime(s.a, 0)
	if w.End > 0 {
		start += "; statistics start after a warm-up of " + durText(w.End) + ", at " + reports.LocalTime(s.a, w.End) + "."
	} else {
		start += ", with no warm-up."
	}
	it.Text = []string{start}
	switch {
	case w.Checked && !w.Reliable:
		it.Text = append(it.Text, "MSER-5 on the hourly health-adviser occupancy found no settled warm-up in this run: "+
			"the series was still drifting in its second half.")
	case w.Checked && w.Suggested == 0:
		it.Text = append(it.Text, "MSER-5 on the hourly health-adviser occupancy finds no warm-up needed.")
	case w.Checked:
		verdict := "so the warm-up used is long enough"
		if w.TooShort {
			verdict = "longer than the warm-up used"
		}
		it.Text = append(it.Text, fmt.Sprintf("MSER-5 on the hourly health-adviser occupancy suggests a warm-up of %s, %s.",
			durText(w.Suggested), verdict))
	case s.a.Outage != nil:
		it.Text = append(it.Text, "MSER-5 was not applied: a run with an outage is not steady-state; the time before the "+
			"outage lets the queues fill.")
	}
	return it
}

func (s stressWriter) runLength() stressItem {
	it := stressItem{Num: "4.2", Topic: "Run length"}
	it.Text = []string{"A terminating run: " + period(s.a) + ", measured over:"}
	for _, p := range s.a.Periods {
		it.List = append(it.List, periodName(p.Name)+": "+spanText(s.a, p.From, p.To))
	}
	return it
}

func (s stressWriter) estimation() stressItem {
	it := stressItem{Num: "4.3", Topic: "Estimation approach"}
	t := fmt.Sprintf("%d independent %s with seed %d; replication i draws every random number from (seed, i) alone.",
		s.a.Replications, plural(s.a.Replications, "replication"), s.a.Seed)
	if s.a.Outage != nil {
		t += " Each is run with the outage and without it on the same random numbers (common random numbers), and the impact " +
			"is their difference, replication by replication."
	}
	df := max(s.a.Replications-1, 0)
	t += fmt.Sprintf(" Means carry 95%% confidence intervals from Student's t with %d %s of freedom.", df, plural(df, "degree"))
	it.Text = []string{t}
	if s.a.Precision != nil {
		it.Text = append(it.Text, reports.PrecisionSentence(s.a))
		for _, k := range s.a.Precision.Final() {
			it.List = append(it.List, fmt.Sprintf("%s: half-width %s, target %s (%s)", k.Key, kpiNum(k.Key, k.HalfWidth),
				kpiNum(k.Key, k.Target), pick(k.Met, "met", "not met")))
		}
	} else {
		it.Text = append(it.Text, "The number of replications was fixed (the scenario's or -reps), not chosen by a "+
			"precision rule (outagesim run -precision).")
	}
	return it
}

func (s stressWriter) software() stressItem {
	return stressItem{Num: "5.1", Topic: "Software or programming language",
		Text: []string{fmt.Sprintf("outagesim, version %s, written in Go. Go release: %s. Module: %s.",
			orNone(s.meta.ToolVersion), orNone(s.meta.GoVersion), orNone(s.meta.Module))}}
}

func (s stressWriter) sampling() stressItem {
	it := stressItem{Num: "5.2", Topic: "Random sampling"}
	t := "Permuted congruential generators (PCG, Go's math/rand/v2), one stream for each purpose (arrivals, patients' " +
		"choices, referrals, handle times, patience, redial, clinical assessment, out-of-hours) of each service and nation, " +
		"seeded from (seed, replication, purpose) through SplitMix64, so adding a stream or a replication moves no other."
	if s.cfg != nil {
		t += fmt.Sprintf(" This scenario has %d %s and %d %s.", len(s.cfg.Services), plural(len(s.cfg.Services), "service"),
			len(s.cfg.Nations), plural(len(s.cfg.Nations), "nation"))
	}
	it.Text = []string{t}
	return it
}

func (s stressWriter) execution() stressItem {
	runs := s.a.Replications
	if s.a.Outage != nil {
		runs *= 2
	}
	return stressItem{Num: "5.3", Topic: "Model execution",
		Text: []string{fmt.Sprintf("Event scheduling: a calendar of events ordered by (time, sequence), dispatched one at a "+
			"time within a replication, simultaneous events in the order they were scheduled. Replications run in parallel "+
			"and are aggregated in replication order, so results do not depend on the number of workers. This run "+
			"dispatched %s events in %d %s.", num(float64(s.a.Events), 0, false), runs, plural(runs, "run"))}}
}

func (s stressWriter) system() stressItem {
	return stressItem{Num: "5.4", Topic: "System specification",
		Text: []string{"The machine that ran it: " + orNone(s.meta.System) + ". No result depends on it."}}
}

func (s stressWriter) code() stressItem {
	it := stressItem{Num: "6.1", Topic: "Computer model sharing statement"}
	it.Text = []string{fmt.Sprintf("outagesim is open source under the %s. Module: %s; version: %s. The scenario's "+
		"SHA-256 and the command under Reproducibility rerun this study exactly.", licence, orNone(s.meta.Module), orNone(s.meta.ToolVersion))}
	return it
}
