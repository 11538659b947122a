package model

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// nonElectronic sums, per service, the referrals that did not go
// electronically (manual, lost or signposted) made in [from, to).
func nonElectronic(r *Result, region string, from, to float64) float64 {
	sum := 0.0
	for a, ar := range r.Areas {
		if region != "" && ar.Name != region {
			continue
		}
		for s, sg := range r.Segments {
			if sg.From >= from && sg.To <= to {
				t := r.Tally(a, s)
				sum += t.ReferralTotal(ManualSent) + t.ReferralTotal(Lost) + t.ReferralTotal(Signposted)
			}
		}
	}
	return sum
}

const day = 86400.0

// Each way a system can fail for a service, on the small scenario: the
// referrals that leave by hand instead of electronically show when it is
// down, and only then.
func TestExposures(t *testing.T) {
	type window struct {
		from, to float64
		down     bool // some referrals not electronic
	}
	start := 3*day + 7*3600
	for _, tc := range []struct {
		name   string
		edit   func(cfg *Config)
		region string
		checks []window
	}{
		{"end restores everything at once", func(cfg *Config) {
			cfg.Outage.End = 6 * day
		}, "england", []window{{0, 3 * day, false}, {4 * day, 6 * day, true}, {6 * day, 14 * day, false}}},
		{"a wave naming a system reconnects every service that uses it", func(cfg *Config) {
			cfg.Outage.Waves = []Wave{{At: 8 * day, Systems: []string{"adastra"}, Fraction: 1}}
		}, "", []window{{4 * day, 8 * day, true}, {8 * day, 14 * day, false}}},
		{"an isolation takes an unhit system offline for its own period", func(cfg *Config) {
			cfg.Outage.Systems = nil
			cfg.Outage.Isolations = []Isolation{{Supplier: "x", Systems: []string{"other-cms"}, Start: 5 * day, End: 9 * day}}
		}, "england", []window{{0, 5 * day, false}, {5 * day, 9 * day, true}, {9 * day, 14 * day, false}}},
		{"a disconnection holds a service off after the supplier is back", func(cfg *Config) {
			cfg.Outage.End = 6 * day
			cfg.Outage.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"nhs24", "ooh:scotland"}, Systems: []string{"adastra"}, From: start, Until: 10 * day}}
		}, "scotland", []window{{4 * day, 10 * day, true}, {10 * day, 14 * day, false}}},
		{"a disconnection alone cuts a service off", func(cfg *Config) {
			cfg.Outage.Systems = nil
			cfg.Outage.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"nhs24", "ooh:scotland"}, Systems: []string{"adastra"}, From: 5 * day, Until: 7 * day}}
		}, "scotland", []window{{0, 5 * day, false}, {5 * day, 7 * day, true}, {7 * day, 14 * day, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.Outage = outage()
			cfg.Outage.DetectionDelay = 0
			tc.edit(cfg)
			r := run(t, cfg, 3, 0)
			for _, w := range tc.checks {
				n := nonElectronic(r, tc.region, w.from, w.to)
				if (n > 0) != w.down {
					t.Errorf("days %g–%g: %v referrals not sent electronically, want down=%v", w.from/day, w.to/day, n, w.down)
				}
			}
		})
	}
}

func TestPeriodsFollowExposures(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	cfg.Outage.End = 6 * day
	cfg.Outage.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"nhs24"}, Systems: []string{"adastra"}, From: 5 * day, Until: 10 * day}}
	want := []Period{{PeriodBefore, 0, 3*day + 7*3600}, {PeriodDown, 3*day + 7*3600, 6 * day}, {PeriodRecovery, 6 * day, 10 * day},
		{PeriodAfter, 10 * day, 14 * day}, {PeriodOutageWindow, 3*day + 7*3600, 10 * day}, {PeriodRun, 0, 14 * day}}
	if got := cfg.Periods(); !reflect.DeepEqual(got, want) {
		t.Errorf("periods\n got %v\nwant %v", got, want)
	}
	if got := cfg.AffectedServices(); !reflect.DeepEqual(got, []string{"eng-a", "nhs24", "ooh:england", "ooh:scotland"}) {
		t.Errorf("affected %v", got)
	}
	if f := cfg.Reconnected("nhs24", 7*day); f != 0 {
		t.Errorf("nhs24 at day 7: %v reconnected, want 0 (disconnected)", f)
	}
	if f := cfg.Reconnected("eng-a", 7*day); f != 1 {
		t.Errorf("eng-a at day 7: %v reconnected, want 1 (the outage ended)", f)
	}
}

// Mutual aid with a staff factor brings the receiver extra staff while it
// runs, and only then.
func TestMutualAidStaff(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	plain := run(t, cfg, 1, 0)
	cfg = smallConfig()
	cfg.Outage = outage()
	cfg.Outage.Contingency.MutualAid = []MutualAid{{From: "eng-a", To: "eng-b", Share: 0, At: 5 * day, Until: 8 * day, StaffFactor: 2}}
	aided := run(t, cfg, 1, 0)
	h := func(d float64) int { return int(d*24) + 12 } // noon
	eng := 0
	if a, p := aided.Nations[eng].Hourly[h(6)].Advisers, plain.Nations[eng].Hourly[h(6)].Advisers; !(a > p) {
		t.Errorf("advisers at noon on day 6: %v with aid, %v without; want more", a, p)
	}
	if a, p := aided.Nations[eng].Hourly[h(10)].Advisers, plain.Nations[eng].Hourly[h(10)].Advisers; a != p {
		t.Errorf("advisers at noon on day 10: %v with aid, %v without; want the same after it ends", a, p)
	}
}

func TestNoOps(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	cfg.Outage.Waves = []Wave{{At: 5 * day, Services: []string{"eng-b", "eng-a"}, Fraction: 1}, {At: 20 * day, Systems: []string{"other-cms"}, Fraction: 1}}
	cfg.Outage.Isolations = []Isolation{{Supplier: "x", Systems: []string{"staffplan"}, Start: 3 * day}}
	cfg.Outage.Disconnections = []Disconnection{{Supplier: "y", Services: []string{"eng-b"}, Systems: []string{"adastra"}, From: 4 * day}}
	var paths []string
	for _, w := range cfg.NoOps() {
		paths = append(paths, w.Path)
	}
	want := []string{"outage.waves[0].services[0]", "outage.waves[1].systems[0]",
		"outage.isolations[0]", "outage.disconnections[0]"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("warnings at\n %v\nwant\n %v", paths, want)
	}
}

// TestRedundantSystemWarning: a failed system whose every use already
// fails through another system down over the same period is a no-op, and
// only then. eng-a runs on adastra with "dos" on its OOH route, and
// England's OOH service runs on adastra too.
func TestRedundantSystemWarning(t *testing.T) {
	const dosWarning = "outage.systems[1]"
	for _, tc := range []struct {
		name string
		edit func(cfg *Config)
		want bool
	}{
		{"the OOH route already fails through the OOH system", func(cfg *Config) {}, true},
		{"reconnected together by the same wave", func(cfg *Config) {
			cfg.Outage.Waves = []Wave{{At: 6 * day, Systems: []string{"adastra", "dos"}, Fraction: 0.5}}
		}, true},
		{"restored together at the end", func(cfg *Config) { cfg.Outage.End = 8 * day }, true},
		{"the other system is down through a disconnection", func(cfg *Config) {
			cfg.Outage.Systems = []string{"other-cms", "dos"}
			cfg.Outage.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"eng-a", "ooh:england"}, Systems: []string{"adastra"}, From: 0}}
		}, true},
		{"a route that only uses it", func(cfg *Config) {
			cfg.Services[0].RouteSystems[RoutePharmacy] = "dos"
		}, false},
		{"its call handling", func(cfg *Config) {
			cfg.Services[0].Systems[CallHandling] = "dos"
		}, false},
		{"the other system comes back sooner", func(cfg *Config) {
			cfg.Outage.Waves = []Wave{{At: 6 * day, Systems: []string{"adastra"}, Fraction: 1}, {At: 9 * day, Systems: []string{"dos"}, Fraction: 1}}
		}, false},
		{"the other system comes back to fewer sites", func(cfg *Config) {
			cfg.Outage.Waves = []Wave{{At: 6 * day, Systems: []string{"adastra"}, Fraction: 0.4}, {At: 6 * day, Systems: []string{"dos"}, Fraction: 0.5}}
		}, true},
		{"the other system comes back to more sites", func(cfg *Config) {
			cfg.Outage.Waves = []Wave{{At: 6 * day, Systems: []string{"adastra"}, Fraction: 0.5}, {At: 6 * day, Systems: []string{"dos"}, Fraction: 0.4}}
		}, false},
		{"the other system is only down part of the time", func(cfg *Config) {
			cfg.Outage.Systems = []string{"other-cms", "dos"}
			cfg.Outage.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"eng-a", "ooh:england"}, Systems: []string{"adastra"}, From: 5 * day, Until: 9 * day}}
		}, false},
		{"a different service uses it, on its own systems", func(cfg *Config) {
			cfg.Services[1].RouteSystems[RouteOOH] = "dos"
		}, false},
		{"a service of a nation whose OOH system is up", func(cfg *Config) {
			cfg.Services[2].RouteSystems[RouteOOH] = "dos"
			cfg.Nations[1].OOH.System = "ooh-cms"
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.Services[0].RouteSystems[RouteOOH] = "dos"
			cfg.Outage = outage()
			cfg.Outage.Systems = []string{"adastra", "dos"}
			// Staff and back-entry follow whether a service is affected, so
			// a system that makes one affected is no no-op.
			cfg.Outage.Contingency.StaffFactor = 1.2
			cfg.Outage.BackEntry = BackEntry{Days: 2, Fraction: 0.1}
			tc.edit(cfg)
			if _, err := New(cfg); err != nil {
				t.Fatal(err)
			}
			got := false
			for _, w := range cfg.NoOps() {
				if w.Path == dosWarning {
					got = true
					if !strings.Contains(w.Msg, "dos") || !strings.Contains(w.Msg, "adastra") {
						t.Errorf("warning %q names neither dos nor adastra", w.Msg)
					}
				}
			}
			if got != tc.want {
				t.Errorf("warning on %s: %v, want %v (warnings %v)", dosWarning, got, tc.want, cfg.NoOps())
			}
			// The warning's claim, checked by running: without dos in the
			// outage the run is the same exactly when it warns.
			without := *cfg.Outage
			without.Systems = slices.DeleteFunc(slices.Clone(without.Systems), func(s string) bool { return s == "dos" })
			alt := *cfg
			alt.Outage = &without
			if same := reflect.DeepEqual(run(t, cfg, 1, 0), run(t, &alt, 1, 0)); same != tc.want {
				t.Errorf("the run without dos failing is the same: %v, want %v", same, tc.want)
			}
		})
	}
}

// TestRedundantEntryWarnings: an isolation, a disconnection or a wave that
// takes down or brings back only what is already down or back is warned
// about, and only then; each claim is checked by running without it.
func TestRedundantEntryWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(o *Outage)
		path string // the entry; "" for none expected
		drop func(o *Outage)
	}{
		{"isolating a system the outage already hit", func(o *Outage) {
			o.Isolations = []Isolation{{Supplier: "x", Systems: []string{"adastra"}, Start: 5 * day, End: 9 * day}}
		}, "outage.isolations[0]", func(o *Outage) { o.Isolations = nil }},
		{"isolating after the run", func(o *Outage) {
			o.Isolations = []Isolation{{Supplier: "x", Systems: []string{"other-cms"}, Start: 20 * day}}
		}, "outage.isolations[0]", func(o *Outage) { o.Isolations = nil }},
		{"isolating a system that is up", func(o *Outage) {
			o.Isolations = []Isolation{{Supplier: "x", Systems: []string{"other-cms"}, Start: 5 * day, End: 9 * day}}
		}, "", func(o *Outage) { o.Isolations = nil }},
		{"disconnecting for good while the system is down anyway", func(o *Outage) {
			o.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"eng-a"}, Systems: []string{"adastra"}, From: 5 * day}}
		}, "outage.disconnections[0]", func(o *Outage) { o.Disconnections = nil }},
		// Its end is a reconnection: back-entry follows it.
		{"reconnecting after a disconnection while the system is down", func(o *Outage) {
			o.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"eng-a"}, Systems: []string{"adastra"}, From: 5 * day, Until: 8 * day}}
		}, "", func(o *Outage) { o.Disconnections = nil }},
		{"disconnecting after the system is back", func(o *Outage) {
			o.End = 4 * day
			o.Disconnections = []Disconnection{{Supplier: "x", Services: []string{"eng-a"}, Systems: []string{"adastra"}, From: 5 * day, Until: 8 * day}}
		}, "", func(o *Outage) { o.Disconnections = nil }},
		{"a wave for a service its system's wave already brought back", func(o *Outage) {
			o.Waves = []Wave{{At: 5 * day, Systems: []string{"adastra"}, Fraction: 1}, {At: 5 * day, Services: []string{"eng-a"}, Fraction: 1}}
		}, "outage.waves[1]", func(o *Outage) { o.Waves = o.Waves[:1] }},
		// A later wave is a reconnection too: back-entry follows it.
		{"a wave repeating the last one's fraction", func(o *Outage) {
			o.Waves = []Wave{{At: 5 * day, Services: []string{"eng-a"}, Fraction: 0.5}, {At: 6 * day, Services: []string{"eng-a"}, Fraction: 0.5}}
		}, "", func(o *Outage) { o.Waves = o.Waves[:1] }},
		{"a wave after the outage ended", func(o *Outage) {
			o.End = 6 * day
			o.Waves = []Wave{{At: 8 * day, Services: []string{"eng-a"}, Fraction: 1}}
		}, "outage.waves[0]", func(o *Outage) { o.Waves = nil }},
		{"a wave that reconnects", func(o *Outage) {
			o.Waves = []Wave{{At: 5 * day, Services: []string{"eng-a"}, Fraction: 0.5}}
		}, "", func(o *Outage) { o.Waves = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.Outage = outage()
			cfg.Outage.Contingency.StaffFactor = 1.2
			cfg.Outage.BackEntry = BackEntry{Days: 2, Fraction: 0.1}
			tc.edit(cfg.Outage)
			if _, err := New(cfg); err != nil {
				t.Fatal(err)
			}
			var paths []string
			for _, w := range cfg.NoOps() {
				paths = append(paths, w.Path)
			}
			want := []string{}
			if tc.path != "" {
				want = append(want, tc.path)
			}
			if !slices.Equal(append([]string{}, paths...), want) {
				t.Errorf("warnings at %v, want %v", paths, want)
			}
			alt := cfg.without(tc.drop)
			if same := reflect.DeepEqual(run(t, cfg, 1, 0), run(t, alt, 1, 0)); same != (tc.path != "") {
				t.Errorf("the run without the entry is the same: %v, want %v", same, tc.path != "")
			}
		})
	}
}
