package scenarios

import (
	"errors"
	"fmt"
	"strings"

	"github.com/invopop/jsonschema"
	"go.yaml.in/yaml/v3"

	"github.com/outagesim/outagesim/sim/dist"
)

// Dist is a distribution of a time, e.g. {dist: lognormal, mean: 10m,
// cv: 0.5}. Time-valued parameters (mean, value, min, mode, max, scale,
// values) are durations; cv, shape and weights are plain numbers. A single
// duration, e.g. 5m, is short for {dist: fixed, value: 5m}.
type Dist struct {
	Dist    string     `yaml:"dist" jsonschema_description:"The family: fixed, exponential, uniform, triangular, lognormal, gamma, weibull or empirical." jsonschema:"enum=fixed,enum=exponential,enum=uniform,enum=triangular,enum=lognormal,enum=gamma,enum=weibull,enum=empirical"`
	Mean    *Duration  `yaml:"mean,omitempty" jsonschema_description:"exponential, lognormal, gamma, weibull (instead of scale): the mean."`
	CV      *float64   `yaml:"cv,omitempty" jsonschema_description:"lognormal, gamma: the coefficient of variation (standard deviation / mean)."`
	Value   *Duration  `yaml:"value,omitempty" jsonschema_description:"fixed: the value."`
	Min     *Duration  `yaml:"min,omitempty" jsonschema_description:"uniform, triangular: the lowest value."`
	Mode    *Duration  `yaml:"mode,omitempty" jsonschema_description:"triangular: the most likely value."`
	Max     *Duration  `yaml:"max,omitempty" jsonschema_description:"uniform, triangular: the highest value."`
	Shape   *float64   `yaml:"shape,omitempty" jsonschema_description:"weibull: the shape."`
	Scale   *Duration  `yaml:"scale,omitempty" jsonschema_description:"weibull: the scale (or give mean)."`
	Values  []Duration `yaml:"values,omitempty" jsonschema_description:"empirical: the values."`
	Weights []float64  `yaml:"weights,omitempty" jsonschema_description:"empirical: a weight per value (default equal)."`
}

// distParams lists, per family, the parameters it needs and may take.
var distParams = map[string]struct{ need, may []string }{
	"fixed":       {need: []string{"value"}},
	"exponential": {need: []string{"mean"}},
	"uniform":     {need: []string{"min", "max"}},
	"triangular":  {need: []string{"min", "mode", "max"}},
	"lognormal":   {need: []string{"mean", "cv"}},
	"gamma":       {need: []string{"mean", "cv"}},
	"weibull":     {need: []string{"shape"}, may: []string{"scale", "mean"}},
	"empirical":   {need: []string{"values"}, may: []string{"weights"}},
}

const distKinds = "fixed, exponential, uniform, triangular, lognormal, gamma, weibull, empirical"

func (x *Dist) decodeNode(n *yaml.Node) (bool, string) {
	if n.Kind != yaml.ScalarNode {
		return false, ""
	}
	var v Duration
	if _, msg := v.decodeNode(n); msg != "" {
		return true, "want a distribution such as {dist: lognormal, mean: 10m, cv: 0.5} or a fixed duration such as 5m, got " + kindName(n)
	}
	*x = Dist{Dist: "fixed", Value: &v}
	return true, ""
}

func (x Dist) encodeNode() *yaml.Node {
	n := encodeStruct(x)
	n.Style = yaml.FlowStyle
	return n
}

// JSONSchemaExtend lets a distribution also be a single duration.
func (Dist) JSONSchemaExtend(s *jsonschema.Schema) {
	obj := *s
	obj.Description = ""
	*s = jsonschema.Schema{
		Description: "A distribution of a time, e.g. {dist: lognormal, mean: 10m, cv: 0.5}; a single duration is a fixed value.",
		OneOf:       []*jsonschema.Schema{&obj, {Ref: "#/$defs/Duration"}},
	}
}

// set returns the names of the parameters given.
func (x *Dist) set() []string {
	var out []string
	for _, p := range []struct {
		name string
		ok   bool
	}{
		{"mean", x.Mean != nil}, {"cv", x.CV != nil}, {"value", x.Value != nil}, {"min", x.Min != nil},
		{"mode", x.Mode != nil}, {"max", x.Max != nil}, {"shape", x.Shape != nil}, {"scale", x.Scale != nil},
		{"values", x.Values != nil}, {"weights", x.Weights != nil},
	} {
		if p.ok {
			out = append(out, p.name)
		}
	}
	return out
}

// problem is a message about a field below some path.
type problem struct {
	field, msg string
}

// build makes the model's distribution, or says which fields are wrong.
func (x *Dist) build() (dist.Dist, []problem) {
	params, ok := distParams[x.Dist]
	if !ok {
		if x.Dist == "" {
			return dist.Dist{}, []problem{{"dist", "missing (allowed: " + distKinds + ")"}}
		}
		return dist.Dist{}, []problem{{"dist", fmt.Sprintf("unknown distribution %q (allowed: %s)", x.Dist, distKinds)}}
	}
	allowed := append(append([]string(nil), params.need...), params.may...)
	var probs []problem
	given := x.set()
	for _, p := range given {
		if !contains(allowed, p) {
			probs = append(probs, problem{p, fmt.Sprintf("not used by %s (allowed: %s)", x.Dist, strings.Join(allowed, ", "))})
		}
	}
	for _, p := range params.need {
		if !contains(given, p) {
			probs = append(probs, problem{p, fmt.Sprintf("missing: %s needs %s", x.Dist, strings.Join(params.need, ", "))})
		}
	}
	if x.Dist == "weibull" && x.Scale != nil && x.Mean != nil {
		probs = append(probs, problem{"mean", "give scale or mean, not both"})
	}
	if x.Dist == "weibull" && x.Scale == nil && x.Mean == nil {
		probs = append(probs, problem{"scale", "missing: weibull needs shape and one of scale or mean"})
	}
	if len(probs) > 0 {
		return dist.Dist{}, probs
	}
	f := func(d *Duration) float64 { return float64(*d) }
	var d dist.Dist
	var err error
	switch x.Dist {
	case "fixed":
		d, err = dist.Fixed(f(x.Value))
	case "exponential":
		d, err = dist.Exponential(f(x.Mean))
	case "uniform":
		d, err = dist.Uniform(f(x.Min), f(x.Max))
	case "triangular":
		d, err = dist.Triangular(f(x.Min), f(x.Mode), f(x.Max))
	case "lognormal":
		d, err = dist.LogNormal(f(x.Mean), *x.CV)
	case "gamma":
		d, err = dist.Gamma(f(x.Mean), *x.CV)
	case "weibull":
		if x.Mean != nil {
			d, err = dist.WeibullMean(f(x.Mean), *x.Shape)
		} else {
			d, err = dist.Weibull(*x.Shape, f(x.Scale))
		}
	case "empirical":
		values := make([]float64, len(x.Values))
		for i, v := range x.Values {
			values[i] = float64(v)
		}
		weights := x.Weights
		if weights == nil {
			weights = make([]float64, len(values))
			for i := range weights {
				weights[i] = 1
			}
		}
		d, err = dist.Empirical(values, weights)
	}
	if err != nil {
		var pe *dist.ParamError
		if errors.As(err, &pe) {
			return dist.Dist{}, []problem{{pe.Param, fmt.Sprintf("%s (allowed: %s)", pe.Got, pe.Allowed)}}
		}
		return dist.Dist{}, []problem{{"", err.Error()}}
	}
	return d, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *Systems) decodeNode(n *yaml.Node) (bool, string) {
	if n.Kind != yaml.ScalarNode {
		return false, ""
	}
	if n.Tag != "!!str" || n.Value == "" {
		return true, "want a system name or a mapping of functions to systems, got " + kindName(n)
	}
	name := n.Value
	*s = Systems{&name, &name, &name, &name}
	return true, ""
}

func (s Systems) encodeNode() *yaml.Node {
	if s.CallHandling != nil && s.Referral != nil && s.Booking != nil && s.Records != nil &&
		*s.CallHandling == *s.Referral && *s.Referral == *s.Booking && *s.Booking == *s.Records {
		return scalarNode(*s.CallHandling)
	}
	n := encodeStruct(s)
	n.Style = yaml.FlowStyle
	return n
}

// JSONSchemaExtend lets systems also be one name for every function.
func (Systems) JSONSchemaExtend(s *jsonschema.Schema) {
	obj := *s
	*s = jsonschema.Schema{
		Description: "The IT system per function (call_handling, referral, booking, records), or one name for all.",
		OneOf:       []*jsonschema.Schema{&obj, {Type: "string"}},
	}
}
