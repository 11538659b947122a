// Package loadplan turns a scenario's model into the plan of a load or
// failover test of a real endpoint: the demand of one front door or
// referral route by hour, compressed in time and scaled; the outage phases
// and the failover schedule on the same compressed clock; a seeded
// non-homogeneous Poisson schedule of arrivals with its expected count;
// the stages of a k6 ramping-arrival-rate scenario; and synthetic request
// payloads.
//
// It is the pure, clock-free half of `outagesim load` and `outagesim k6`:
// it takes a *model.Config and returns values. It must not send requests,
// read the clock or files, or use a global random generator, and it must
// never produce anything that could be taken for patient data: every id is
// synthetic ("SYN-…").
package loadplan
