package model

// Running one replication: Run, Counterfactual and the state every step
// of a call's route shares.

import (
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

type sim struct {
	cfg       *Config
	k         *des.Kernel
	cal       *calendar.Calendar
	src       rng.Source
	services  []*serviceState
	nations   []*nationState
	byNation  [4]*nationState
	patients  []patient
	free      []int32
	created   uint64
	finished  uint64
	hourStart []float64
	dayOfHour []int32
	days      []calendar.Date
	tickID    int32
	hour      int // the hour the clock is in, kept by the tick, and its day
	day       int
	// hourLo and hourHi bound the hour; segLo and segHi the segment seg
	// that segOf last found (an empty range before the first lookup), and
	// segTally holds each region's tally of it.
	hourLo, hourHi float64
	seg            int
	segLo, segHi   float64
	segTally       []*Tally
	oohID          int32
	bookID         int32
	booked         float64 // when staff time was last booked
	out            *Outage // nil without an outage
	ready          float64 // contingency start
	// handleFactor and consultFactor slow paper working (1 if unset).
	handleFactor, consultFactor float64
	// senderTime is the sender's time for each disposition whose route the
	// contingency runs by hand (nil otherwise), looked up once a call.
	senderTime [NumDispositions]*dist.Dist
	// Measurement: the regions, the segments of the run and the segment
	// each hour starts in, one tally per region and segment, and each
	// region's OOH cases waiting.
	regions    []Region
	periods    []Period
	segs       []Segment
	dayStarts  []float64 // the start of each local day (m.days)
	segOfHour  []int32
	tallies    []Tally
	oohWaiting []float64
	// gp is each region's practices; gpSent counts the patients sent to a
	// practice by source, for the conservation check.
	gp     []regionGP
	gpSent [NumGPSources]float64
	plt    []pltSession
}

// Counterfactual returns a copy of cfg with the outage removed: the same
// scenario as if nothing had failed.
func Counterfactual(cfg *Config) *Config {
	c := *cfg
	c.Timeline = cfg.Periods()
	c.Outage = nil
	return &c
}

// Run checks cfg (New) and simulates one replication of it. The same
// (cfg, seed, replication) always gives the same Result; a configuration
// and its Counterfactual with the same seed and replication share their
// random numbers.
func Run(cfg *Config, seed, replication uint64) (*Result, error) {
	m, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return m.Run(seed, replication)
}

// Run simulates one replication of the model; see the function Run.
func (md *Model) Run(seed, replication uint64) (*Result, error) {
	m, err := build(md.cfg, rng.Source{Seed: seed, Replication: replication})
	if err != nil {
		return nil, err
	}
	m.k.RunUntil(md.cfg.Horizon)
	return m.finish()
}
