package write

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// The GP surge: where the outage's extra GP contacts from 111 landed,
// region by region, and whether they fit the practices' capacity.

// surgeSection is the report's GP section: each region's surge over the
// outage window, its peak working day and the per-practice figures beside
// the practices' spare same-day capacity, under a plain sentence saying
// whether the surge fits. ok is false without an outage or without any
// region whose practices the scenario models.
func surgeSection(a *reports.Aggregate) (s impactSection, ok bool) {
	surges := a.GPSurges()
	if len(surges) == 0 {
		return s, false
	}
	p := a.SurgePeriod()
	lead := surgeSentence(surges, whenText(a, p.From, p.To), appointmentShare(a))
	if why := sourceSentence(a, p.Name, headlineArea(a)); why != "" {
		lead += " " + why
	}
	s = impactSection{ID: "gp-surge",
		Heading: "GP practices: the surge by region, " + dateSpan(a, p.From, p.To),
		Note: lead + " Each row is the outage's " +
			"impact (with minus without it, paired replication by replication) with its 95% confidence interval in " +
			"square brackets. The peak working day is the one with the most extra contacts; the per-practice " +
			"figures are the region's average practice on a working day. Spare appointments are those left unused " +
			"without the outage, on average per working day: the room a practice had for the surge."}
	t := table{Nation: "Where the surge landed",
		Columns: []string{"Region", "Peak working day", "Extra contacts that day", "Per practice that day",
			"Extra contacts per practice per working day", "Extra same-day appointments per practice per working day",
			"Spare same-day appointments per practice per working day, without the outage"}}
	for _, g := range surges {
		peak := "–"
		if g.Peak.Valid() {
			peak = dayText(g.Peak)
		}
		t.Rows = append(t.Rows, []tableCell{textCell(nationName(g.Area)), textCell(peak),
			impactCell(&g.PeakContacts, 0, ""), impactCell(&g.PeakPerPractice, 2, ""),
			impactCell(&g.ContactsPerPractice, 2, ""), impactCell(&g.AppointmentsPerPractice, 2, ""),
			textCell(num(g.Spare, 2, false))})
	}
	src := table{Nation: "Where the extra patients came from",
		Columns: []string{"Region", "Unit", "Told to contact their practice", "Displaced from another route",
			"Gave up on 111", "Gave up waiting for a call-back", "Lost referral re-presenting",
			"Booked into a slot by 111 (no contact)"}}
	for _, g := range surges {
		row := []tableCell{textCell(nationName(g.Area)), textCell("patients")}
		for _, k := range []model.GPSource{model.GPSignposted, model.GPDisplaced, model.GPGaveUp111,
			model.GPGaveUpCallback, model.GPLostReferral, model.GPBooked} {
			row = append(row, impactCell(&g.Sources[k], 0, ""))
		}
		src.Rows = append(src.Rows, row)
	}
	s.Tables = []table{t, src}
	return s, true
}

// sourceLabels word each source of extra patients for a sentence.
var sourceLabels = [model.NumGPSources]string{
	model.GPBooked:         "booked into a slot by 111",
	model.GPSignposted:     "patients told to contact their practice because 111 could not book them",
	model.GPDisplaced:      "patients sent to their practice because another route was closed",
	model.GPGaveUp111:      "callers who gave up on 111",
	model.GPGaveUpCallback: "patients who gave up waiting for a call-back",
	model.GPLostReferral:   "patients whose referral was lost",
}

// sourceSentence says where an area's extra GP contacts came from over a
// period: each source that clearly rose as a share of the clear rise in
// contacts, largest first, then any that clearly fell, and the change in
// patients 111 booked. It is "" unless contacts clearly rose.
func sourceSentence(a *reports.Aggregate, period, area string) string {
	total := kpiOver(a, period, area, kpi.GPContactsFrom111)
	if total == nil || total.Impact == nil || classify(total.Impact) != rise {
		return ""
	}
	type part struct {
		src  model.GPSource
		mean float64
	}
	var up, down []part
	for src, key := range reports.GPSourceKeys {
		k := kpiOver(a, period, area, key)
		if k == nil || k.Impact == nil || !model.GPSource(src).Contact() {
			continue
		}
		switch classify(k.Impact) {
		case rise:
			up = append(up, part{model.GPSource(src), k.Impact.Mean})
		case fall:
			down = append(down, part{model.GPSource(src), k.Impact.Mean})
		}
	}
	slices.SortStableFunc(up, func(x, y part) int { return cmp.Compare(y.mean, x.mean) })
	var parts []string
	for i, p := range up {
		parts = append(parts, pctOf(p.mean, total.Impact.Mean)+pick(i == 0, " came from ", " from ")+sourceLabels[p.src])
	}
	s := fmt.Sprintf("Of the %s extra contacts %s, %s.", num(total.Impact.Mean, 0, false), where(area), joinAnd(parts))
	if len(parts) == 0 {
		s = fmt.Sprintf("The %s extra contacts %s came from no one source clearly.", num(total.Impact.Mean, 0, false), where(area))
	}
	for _, p := range down {
		s += fmt.Sprintf(" Contacts from %s fell by %s.", sourceLabels[p.src], num(-p.mean, 0, false))
	}
	if b := kpiOver(a, period, area, kpi.GPBookedFrom111); b != nil && b.Impact != nil && classify(b.Impact) == fall {
		s += fmt.Sprintf(" 111 booked %s fewer patients into a GP slot.", num(-b.Impact.Mean, 0, false))
	}
	return s
}

// appointmentShare is the share of triaged contacts that need a same-day
// appointment when every nation of the configuration has the same one,
// else 0 (not named).
func appointmentShare(a *reports.Aggregate) float64 {
	if a.Config == nil || len(a.Config.Nations) == 0 {
		return 0
	}
	share := a.Config.Nations[0].GP.AppointmentShare
	for _, n := range a.Config.Nations {
		if n.GP.AppointmentShare != share {
			return 0
		}
	}
	return share
}

// surgeSentence says in plain words where the surge landed hardest (the
// region with the most extra contacts per practice per working day) and
// whether it fits: small against capacity when the upper end of the
// extra same-day appointments' 95% interval fits within the appointments
// a practice left unused on an average working day without the outage,
// with why; more than the headroom otherwise. when is the period for a
// sentence ("from 4 Aug to 16 Sep 2022"); share, when known, is the share
// of contacts needing a same-day appointment after the practice's triage.
// It is "" without any region.
func surgeSentence(surges []reports.GPSurge, when string, share float64) string {
	g, ok := hardestHit(surges)
	if !ok {
		return ""
	}
	name := nationName(g.Area)
	per := g.ContactsPerPractice
	if classify(&per) != rise {
		return noClearSurge(g, when)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s's practices took the largest share of the surge: %s, about %s extra contacts per practice "+
		"per working day from 111's patients%s, %s of the %s same-day appointments a practice offers a day.",
		name, when, num(per.Mean, 2, false), ci(&per, 2, ""), pctOf(per.Mean, g.Capacity), num(g.Capacity, 1, false))
	appts := g.AppointmentsPerPractice
	switch {
	case appts.CI95[1] <= g.Spare:
		b.WriteString(" That is small against capacity: ")
		if classify(&appts) == rise {
			fmt.Fprintf(&b, "the %s extra same-day appointments a practice needed a day%s fit within the %s it "+
				"left unused on an average working day without the outage", num(appts.Mean, 2, false),
				ci(&appts, 2, ""), num(g.Spare, 2, false))
		} else {
			change := "did not clearly change (" + num(appts.Mean, 2, true) + " a practice a day"
			if appts.N >= 2 {
				change += ", 95% CI " + interval(appts.CI95[0], appts.CI95[1], 2, "")
			}
			change += ")"
			if classify(&appts) == fall {
				neg := stats.Summary{N: appts.N, Mean: -appts.Mean, CI95: [2]float64{-appts.CI95[1], -appts.CI95[0]}}
				change = "fell by " + num(neg.Mean, 2, false) + " a practice a day" + ci(&neg, 2, "")
			}
			fmt.Fprintf(&b, "the same-day appointments 111's patients needed %s, and a practice had %s left "+
				"unused on an average working day without the outage", change, num(g.Spare, 2, false))
		}
		var why []string
		if g.Practices > 0 && g.WorkingDays > 0 {
			why = append(why, fmt.Sprintf("the %s extra contacts were shared by %s practices over %d working days",
				num(g.Contacts.Mean, 0, false), num(g.Practices, 0, false), g.WorkingDays))
		}
		if share > 0 && share < 1 && appts.Mean < per.Mean {
			why = append(why, fmt.Sprintf("a patient 111 could not book rang the practice instead, and after "+
				"the practice's triage only %s of contacts need a same-day appointment while every booked patient "+
				"takes one", num(100*share, 0, false)+"%"))
		}
		if len(why) > 0 {
			b.WriteString(", because " + strings.Join(why, ", and "))
		}
		b.WriteString(".")
	default:
		fmt.Fprintf(&b, " That is more than their headroom: the %s extra same-day appointments a practice needed "+
			"a day%s exceed the %s it left unused on an average working day without the outage, so the excess "+
			"waits for the next working day or goes to A&E.", num(appts.Mean, 2, false), ci(&appts, 2, ""),
			num(g.Spare, 2, false))
	}
	return b.String()
}

// pctOf is 100·x/of for a sentence, with one decimal ("1.3%").
func pctOf(x, of float64) string {
	if !(of > 0) {
		return "an unknown share"
	}
	return num(100*x/of, 1, false) + "%"
}

// hardestHit is the region with the most extra contacts per practice per
// working day; false without any.
func hardestHit(surges []reports.GPSurge) (reports.GPSurge, bool) {
	if len(surges) == 0 {
		return reports.GPSurge{}, false
	}
	g := surges[0]
	for _, s := range surges[1:] {
		if s.ContactsPerPractice.Mean > g.ContactsPerPractice.Mean {
			g = s
		}
	}
	return g, true
}

// noClearSurge says that no region's contacts per practice clearly rose.
func noClearSurge(g reports.GPSurge, when string) string {
	text, _ := impactText("", &g.ContactsPerPractice, "more", "fewer")
	return fmt.Sprintf("%s, the outage made %s to GP contacts from 111 per practice per working day in any "+
		"region; %s's practices moved the most.", capital(when), text, nationName(g.Area))
}

// briefSurgeSentence is surgeSentence for page one, where the GP finding
// has already given the window and the total: the region hit hardest, its
// figure against capacity, and whether it fits, in one short sentence.
func briefSurgeSentence(surges []reports.GPSurge, when string, share float64) string {
	g, ok := hardestHit(surges)
	if !ok {
		return ""
	}
	per, appts := g.ContactsPerPractice, g.AppointmentsPerPractice
	if classify(&per) != rise {
		return noClearSurge(g, when)
	}
	s := fmt.Sprintf("%s's practices were hit hardest: %s extra contacts per practice per working day%s, %s of "+
		"their same-day capacity; ", nationName(g.Area), num(per.Mean, 2, false), ci(&per, 2, ""), pctOf(per.Mean, g.Capacity))
	switch {
	case appts.CI95[1] > g.Spare:
		return s + fmt.Sprintf("more than their headroom: %s extra appointments a practice a day against %s spare.",
			num(appts.Mean, 2, false), num(g.Spare, 2, false))
	case classify(&appts) == rise:
		return s + fmt.Sprintf("small against it, as the %s extra appointments a practice needed a day fit in the %s "+
			"it had spare.", num(appts.Mean, 2, false), num(g.Spare, 2, false))
	}
	why := "the same-day appointments 111's patients needed " + pick(classify(&appts) == fall, "fell", "did not clearly change")
	if share > 0 && share < 1 {
		why = "after the practices' triage " + why
	}
	return s + "small against it, as " + why + "."
}
