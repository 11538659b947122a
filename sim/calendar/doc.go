// Package calendar answers outagesim's questions about UK civil time: the
// Europe/London local time, hour, weekday and date of a simulation time; each
// nation's bank holidays; when GP practices are open; and the piecewise-constant
// demand rate that the arrival process samples.
//
// Simulation time is float64 seconds of real (elapsed) time from a scenario's
// start instant. A [Calendar] is built once per scenario from that instant and
// the horizon. It precomputes one entry per real hour and per local day, so the
// lookups the simulator makes in its hot loops ([Calendar.LocalHour],
// [Calendar.NextGPOpening], [Calendar.IsGPOpen] ...) are O(1) table reads that
// allocate nothing. Times outside the tables (before the start's local day or
// more than a few weeks past the horizon) are still answered correctly, by a
// slower path.
//
// Daylight saving time is real: the local day of the spring change has 23
// hours (01:00 is missing) and the autumn one 25 (01:00 happens twice). The
// time zone data is embedded (time/tzdata), so results do not depend on the
// machine.
//
// Bank holidays come from github.com/rickar/cal/v2/gb, supplemented by the
// nation-specific rules and one-off holidays that library lacks; every
// supplement names its source, the GOV.UK list at https://www.gov.uk/bank-holidays.
//
// The package must not read files, flags or the environment, log, look at the
// wall clock (time.Now) or draw random numbers: it is a pure function of its
// inputs. It knows nothing about calls, queues or services beyond the demand
// profile's arithmetic.
package calendar
