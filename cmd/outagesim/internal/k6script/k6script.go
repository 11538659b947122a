// Package k6script writes a plain k6 script (no extension) that follows a
// sim/loadplan plan: a ramping-arrival-rate scenario whose stages are the
// model's hourly demand compressed, the outage timeline as data, and
// scheduled failover. It must not read files or the clock.
package k6script

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"text/template"
	"time"

	"github.com/outagesim/outagesim/sim/loadplan"
	"github.com/outagesim/outagesim/sim/model"
)

//go:embed script.js.tmpl
var source string

var tmpl = template.Must(template.New("script.js").Parse(source))

// Input is what a script is generated from.
type Input struct {
	Scenario string
	Command  string // the arguments that regenerate it, for the header
	Plan     loadplan.Plan
	Load     loadplan.Load // the same options: phases and scheduled failover
	Config   *model.Config
}

// Write writes the script.
func Write(w io.Writer, in Input) error {
	tl := in.Plan.Timeline
	var phases []loadplan.Object
	last := ""
	// The phase can only change at the outage's start, its detection and
	// its waves.
	moments := []float64{tl.From}
	if o := in.Config.Outage; o != nil {
		moments = append(moments, o.Start, o.Start+o.DetectionDelay)
		for _, wv := range o.Waves {
			moments = append(moments, wv.At)
		}
	}
	sortFloats(moments)
	for _, t := range moments {
		if t < tl.From || t >= tl.To {
			continue
		}
		p, _ := in.Config.PhaseAt(t)
		if p.String() != last {
			phases = append(phases, obj("at", round3(tl.Elapsed(t)), "phase", p.String(), "simTime", loadplan.LocalTime(in.Config, t).Format(time.RFC3339)))
			last = p.String()
		}
	}
	down := make([]loadplan.Object, 0, len(in.Load.Down))
	for _, d := range in.Load.Down {
		down = append(down, obj("from", round3(d.From), "to", round3(d.To)))
	}
	sel := in.Plan.Selection
	timeline := obj(
		"scenario", in.Scenario,
		"selection", obj("nation", sel.Nation, "service", sel.Service, "stream", streamOr(sel.Stream)),
		"speedup", tl.Speedup, "scale", in.Plan.Scale,
		"from", loadplan.LocalTime(in.Config, tl.From).Format(time.RFC3339),
		"fromEpochMs", loadplan.LocalTime(in.Config, tl.From).UnixMilli(),
		"duration", round3(tl.Duration()),
		"expected", round3(in.Plan.Expected),
		"systems", nonNil(in.Load.Systems),
		"phases", phases,
		"down", down,
	)
	tjs, err := json.MarshalIndent(timeline, "", "  ")
	if err != nil {
		return err
	}
	sjs, err := json.MarshalIndent(in.Plan.Scenario(), "    ", "  ")
	if err != nil {
		return err
	}
	what := sel.Service
	if what == "" {
		what = sel.Nation
	}
	if what == "" {
		what = "every service"
	}
	return tmpl.Execute(w, map[string]any{
		"Command": in.Command, "Scenario": in.Scenario,
		"Selection": what + " " + streamOr(sel.Stream),
		"FromLocal": loadplan.LocalTime(in.Config, tl.From).Format("2006-01-02 15:04"),
		"ToLocal":   loadplan.LocalTime(in.Config, tl.To).Format("2006-01-02 15:04"),
		"Speedup":   tl.Speedup, "Scale": in.Plan.Scale, "Expected": in.Plan.Expected,
		"Duration": in.Plan.Duration().String(),
		"Timeline": string(tjs), "Scenario_": string(sjs),
	})
}

func streamOr(s string) string {
	if s == "" {
		return "calls"
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func sortFloats(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// obj builds an ordered object from keys and values.
func obj(kv ...any) loadplan.Object {
	o := make(loadplan.Object, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		o = append(o, loadplan.Field{Key: fmt.Sprint(kv[i]), Value: kv[i+1]})
	}
	return o
}
