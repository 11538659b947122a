package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// VarKind says what kind of number a Variable is, which fixes its unit,
// its bounds and how it is written back.
type VarKind int

// The kinds of Variable.
const (
	// VarNumber is a plain number ≥ 0 (a factor, a rate).
	VarNumber VarKind = iota
	// VarCount is a whole number ≥ 0 (days, practices, patients).
	VarCount
	// VarPercent is a percentage from 0% to 100%, in points.
	VarPercent
	// VarDuration is a duration ≥ 0, in seconds.
	VarDuration
	// VarDistMean is the mean of a distribution of a time, in seconds:
	// moving it scales every time the distribution is given by (mean,
	// min, max, value, …), so its shape (cv) stays.
	VarDistMean
	// VarShare is one share of a mix that sums to 100%, in points: moving
	// it scales the other shares in proportion, so the mix still sums to
	// 100% and the others keep their relative sizes.
	VarShare
)

func (k VarKind) String() string {
	return [...]string{"number", "count", "percentage", "duration", "distribution mean", "share of a mix"}[k]
}

// Variable is a number in a scenario's source that a one-at-a-time
// sensitivity analysis can move: a commented scalar, a number inside a
// commented flow mapping, or the mean of a commented distribution.
type Variable struct {
	// Path names it as -set does: the note's path, with .key for a
	// number inside a mapping.
	Path string
	// Note is the commented value it was found in.
	Note Note
	Kind VarKind
	// Base is its value in the kind's unit (percentage points, seconds).
	Base float64
	// Min and Max are its natural bounds.
	Min, Max float64
	// dist is the distribution's mapping, for VarDistMean, or the mix's,
	// for VarShare; key is the share's key in the mix.
	dist *yaml.Node
	key  string
}

// Unvaried is a marked note that cannot be varied as a number, and why.
type Unvaried struct {
	Path   string
	Note   Note
	Reason string
}

// runSettings are top-level fields that say how to run, not what the
// model assumes, so a sensitivity analysis leaves them alone.
var runSettings = map[string]bool{"replications": true, "seed": true, "warmup": true, "start": true,
	"end": true, "horizon": true, "name": true, "description": true, "extends": true}

// Variables lists the numbers a sensitivity analysis can vary among the
// notes whose comment contains marker (by the library's convention
// "assumption [E]"), in the notes' order, and the marked values it
// cannot vary with the reason. Within a flow mapping each number is its
// own variable, except that a distribution is one variable, its mean, and
// a mix of percentages summing to 100% is left alone unless mixes is set
// (moving one share alone would break the sum), when each share is a
// variable that moves the others in proportion.
func (s *Scenario) Variables(marker string, mixes bool) ([]Variable, []Unvaried) {
	var vars []Variable
	var skipped []Unvaried
	for _, n := range s.Notes() {
		if !strings.Contains(n.Source, marker) {
			continue
		}
		if top, _, _ := strings.Cut(n.Path, "."); runSettings[top] {
			skipped = append(skipped, Unvaried{n.Path, n, "a run setting, not a model assumption"})
			continue
		}
		root, _, err := parseYAML([]byte(n.Value))
		if err != nil || len(root.Content) == 0 {
			skipped = append(skipped, Unvaried{n.Path, n, "not a value that reads back"})
			continue
		}
		v, u := classify(n, n.Path, root.Content[0], mixes)
		vars, skipped = append(vars, v...), append(skipped, u...)
	}
	return vars, skipped
}

// classify finds the variables in one value.
func classify(n Note, path string, node *yaml.Node, mixes bool) ([]Variable, []Unvaried) {
	skip := func(reason string) ([]Variable, []Unvaried) {
		return nil, []Unvaried{{path, n, reason}}
	}
	one := func(kind VarKind, base, lo, hi float64) ([]Variable, []Unvaried) {
		if base < lo || base > hi {
			return skip(fmt.Sprintf("%v is outside its natural bounds", base))
		}
		return []Variable{{Path: path, Note: n, Kind: kind, Base: base, Min: lo, Max: hi}}, nil
	}
	switch node.Kind {
	case yaml.ScalarNode:
		if v, ok := number(node); ok {
			if node.Tag == "!!int" {
				return one(VarCount, v, 0, math.Inf(1))
			}
			return one(VarNumber, v, 0, math.Inf(1))
		}
		if node.Tag == "!!bool" {
			return skip("a yes/no, not a number")
		}
		if strings.HasSuffix(strings.TrimSpace(node.Value), "%") {
			if p, err := ParseProb(node.Value); err == nil {
				return one(VarPercent, float64(p)*100, 0, 100)
			}
			return skip("a percentage outside 0–100%")
		}
		if d, err := ParseDuration(node.Value); err == nil {
			return one(VarDuration, float64(d), 0, math.Inf(1))
		}
		if _, err := ParseWhen(node.Value); err == nil {
			return skip("a date or time (vary it with -set and compare)")
		}
		return skip("a name, not a number")
	case yaml.SequenceNode:
		return skip("a list (a profile or a set of names)")
	case yaml.MappingNode:
		if len(node.Content) == 0 {
			return skip("an empty mapping")
		}
		if indexOfKey(node, "dist") >= 0 {
			mean, ok := distMean(node)
			if !ok {
				return skip("a distribution whose mean cannot be read")
			}
			vs, us := one(VarDistMean, mean, 0, math.Inf(1))
			for i := range vs {
				vs[i].dist = node
			}
			return vs, us
		}
		mix := isMix(node)
		if mix && !mixes {
			return skip("a mix of shares summing to 100% (-mixes varies each share, the others in proportion)")
		}
		var vars []Variable
		var skipped []Unvaried
		if mix {
			for i := 0; i+1 < len(node.Content); i += 2 {
				key := node.Content[i].Value
				p, _ := ParseProb(node.Content[i+1].Value)
				if p == 1 {
					skipped = append(skipped, Unvaried{path + "." + key, n, "the whole of its mix, so the other shares cannot make room"})
					continue
				}
				vars = append(vars, Variable{Path: path + "." + key, Note: n, Kind: VarShare, Base: float64(p) * 100,
					Min: 0, Max: 100, dist: node, key: key})
			}
			return vars, skipped
		}
		for i := 0; i+1 < len(node.Content); i += 2 {
			v, u := classify(n, path+"."+node.Content[i].Value, node.Content[i+1], mixes)
			vars, skipped = append(vars, v...), append(skipped, u...)
		}
		return vars, skipped
	}
	return skip("not a number")
}

// isMix reports a mapping of percentages that add up to 100%.
func isMix(m *yaml.Node) bool {
	sum := 0.0
	for i := 1; i < len(m.Content); i += 2 {
		c := m.Content[i]
		if c.Kind != yaml.ScalarNode || !strings.HasSuffix(strings.TrimSpace(c.Value), "%") {
			return false
		}
		p, err := ParseProb(c.Value)
		if err != nil {
			return false
		}
		sum += float64(p)
	}
	return math.Abs(sum-1) < 1e-6
}

// distTimes are a distribution's time-valued parameters: scaling them all
// by one factor scales the distribution and its mean.
var distTimes = []string{"mean", "value", "min", "mode", "max", "scale"}

// seconds reads a distribution's time as the decoder does (a bare number
// is seconds), so a variable's base is the value the model is given.
func seconds(n *yaml.Node) (float64, bool) {
	var d Duration
	_, msg := d.decodeNode(n)
	return float64(d), msg == ""
}

// distMean is the mean of a distribution written as a mapping, in
// seconds, as sim/dist defines its parameters.
func distMean(m *yaml.Node) (float64, bool) {
	get := func(key string) (float64, bool) {
		j := indexOfKey(m, key)
		if j < 0 {
			return 0, false
		}
		return seconds(m.Content[j+1])
	}
	family := ""
	if j := indexOfKey(m, "dist"); j >= 0 {
		family = m.Content[j+1].Value
	}
	switch family {
	case "exponential", "lognormal", "gamma":
		return get("mean")
	case "fixed":
		return get("value")
	case "uniform":
		a, ok1 := get("min")
		b, ok2 := get("max")
		return (a + b) / 2, ok1 && ok2
	case "triangular":
		a, ok1 := get("min")
		c, ok2 := get("mode")
		b, ok3 := get("max")
		return (a + b + c) / 3, ok1 && ok2 && ok3
	case "weibull":
		if v, ok := get("mean"); ok {
			return v, true
		}
		k, ok1 := get("shape")
		lambda, ok2 := get("scale")
		return lambda * math.Gamma(1+1/k), ok1 && ok2 && k > 0
	}
	// empirical (values and weights in a list) is left alone.
	return 0, false
}

// Override is the -set override (path=value) that gives the variable the
// value x, in its kind's unit; LoadWith applies it.
func (v Variable) Override(x float64) string {
	x = tidy(x)
	switch v.Kind {
	case VarPercent:
		return v.Path + "=" + strconv.FormatFloat(x, 'f', -1, 64) + "%"
	case VarShare:
		// The others share what is left in proportion to their sizes.
		f := (100 - x) / (100 - v.Base)
		var parts []string
		for i := 0; i+1 < len(v.dist.Content); i += 2 {
			key := v.dist.Content[i].Value
			share := x
			if key != v.key {
				p, _ := ParseProb(v.dist.Content[i+1].Value)
				share = tidy(float64(p) * 100 * f)
			}
			parts = append(parts, key+": "+strconv.FormatFloat(share, 'f', -1, 64)+"%")
		}
		return strings.TrimSuffix(v.Path, "."+v.key) + "={" + strings.Join(parts, ", ") + "}"
	case VarDuration:
		return v.Path + "=" + Duration(x).String()
	case VarDistMean:
		f := 1.0
		if v.Base > 0 {
			f = x / v.Base
		}
		m := *v.dist
		m.Content = append([]*yaml.Node(nil), v.dist.Content...)
		m.Style = yaml.FlowStyle
		for _, key := range distTimes {
			if j := indexOfKey(&m, key); j >= 0 {
				d, _ := seconds(m.Content[j+1])
				m.Content[j+1] = scalarNode(Duration(tidy(d * f)).String())
			}
		}
		out, err := yaml.Marshal(&m)
		if err != nil {
			// A mapping just parsed always marshals back.
			panic("scenarios: distribution does not marshal: " + err.Error())
		}
		return v.Path + "=" + strings.TrimSpace(string(out))
	}
	return v.Path + "=" + strconv.FormatFloat(x, 'f', -1, 64)
}

// Format writes a value of the variable for a reader: 18.75%, 45m, 1.3.
func (v Variable) Format(x float64) string {
	x = tidy(x)
	switch v.Kind {
	case VarPercent, VarShare:
		return strconv.FormatFloat(x, 'g', 6, 64) + "%"
	case VarDuration, VarDistMean:
		for _, u := range durationUnits {
			if x >= u.seconds {
				return strconv.FormatFloat(x/u.seconds, 'g', 4, 64) + u.name
			}
		}
		return strconv.FormatFloat(x, 'g', 4, 64) + "s"
	}
	return strconv.FormatFloat(x, 'g', 8, 64)
}

// Parse reads a value of the variable as a user writes it (40%, 30m,
// 1.2), in its kind's unit, and checks it against the natural bounds.
func (v Variable) Parse(s string) (float64, error) {
	var x float64
	switch v.Kind {
	case VarPercent, VarShare:
		p, err := ParseProb(s)
		if err != nil || !strings.HasSuffix(strings.TrimSpace(s), "%") {
			return 0, fmt.Errorf("%q: want a percentage from 0%% to 100%%, e.g. 40%%", s)
		}
		x = float64(p) * 100
	case VarDuration, VarDistMean:
		d, err := ParseDuration(s)
		if err != nil {
			return 0, err
		}
		x = float64(d)
	default:
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, fmt.Errorf("%q: want a number ≥ 0, e.g. 1.2", s)
		}
		if v.Kind == VarCount && f != math.Trunc(f) {
			return 0, fmt.Errorf("%q: want a whole number ≥ 0", s)
		}
		x = f
	}
	if x < v.Min || x > v.Max {
		bounds := "≥ " + v.Format(v.Min)
		if !math.IsInf(v.Max, 1) {
			bounds = "from " + v.Format(v.Min) + " to " + v.Format(v.Max)
		}
		return 0, fmt.Errorf("%q is outside %s's natural bounds (allowed: %s)", s, v.Path, bounds)
	}
	return x, nil
}

// tidy rounds away the binary noise of a product such as 5.984 × 1.25,
// so values read as typed (7.48, not 7.4799999999999995).
func tidy(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 10, 64), 64)
	return v
}
