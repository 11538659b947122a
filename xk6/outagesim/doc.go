// Package outagesim is the k6 module k6/x/outagesim: the urgent-care
// model's demand and outage timeline, for load and failover tests of real
// endpoints.
//
// The core works on a *model.Config and knows nothing of k6:
//
//   - Model.Arrivals turns the model's hourly demand for a nation, service
//     and stream (calls, or referrals by route) into a ramping-arrival-rate
//     Plan, compressed by a speedup and scaled, whose area equals the
//     model's expected arrivals;
//   - PhaseAt maps elapsed test seconds on the same Timeline to the outage
//     phase and the services still down;
//   - Model.Referrals draws seeded synthetic referral payloads.
//
// Instance binds these to JavaScript, loads scenarios (embedded, or files
// through k6's init file system so `k6 archive` carries them) and records
// the outagesim_phase and outagesim_failovers metrics.
//
// The package must not read the operating system's files (only k6's file
// systems), keep state across VUs other than parsed scenarios, or emit
// anything that could be taken for patient data: every id is synthetic.
package outagesim
