package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
	"go.yaml.in/yaml/v3"

	"github.com/outagesim/outagesim/sim/calendar"
)

// nodeDecoder is a type with its own YAML syntax. decodeNode reports
// handled=false to fall back to the ordinary decoding of its struct, and a
// non-empty msg (ending with what is allowed) for a bad value.
type nodeDecoder interface {
	decodeNode(n *yaml.Node) (handled bool, msg string)
}

// nodeEncoder is a type that writes itself as one YAML node.
type nodeEncoder interface {
	encodeNode() *yaml.Node
}

func scalarNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func numberNode(v float64) *yaml.Node {
	tag := "!!float"
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: strconv.FormatFloat(v, 'f', -1, 64)}
}

// number parses a YAML number scalar, rejecting NaN and infinities.
func number(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil {
		// YAML 1.1 style ints (0x1f, 0o17) that ParseFloat refuses.
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err != nil {
			return 0, false
		}
		v = float64(i)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// Duration is a length of time in seconds. In a file it is written as a
// number with a unit, s (seconds), m (minutes), h (hours), d (days) or w
// (weeks), e.g. 30s, 10m, 1.5h, 3d, 1w, or combined as 1h30m; a bare number
// is seconds. Durations are never negative.
type Duration float64

const durationAllowed = "allowed: a duration ≥ 0 such as 30s, 10m, 2h, 3d, 1w or 1h30m; a bare number is seconds"

var durationUnits = []struct {
	name    string
	seconds float64
}{{"w", 7 * 86400}, {"d", 86400}, {"h", 3600}, {"m", 60}, {"s", 1}}

// The grammars of the scalar types as regular expressions, in the syntax
// common to Go and ECMAScript (what JSON Schema validators and editors
// use). The parsers accept exactly what these match (and a number, where
// a number is allowed), and the JSON Schema uses the same patterns, so an
// editor and the loader never disagree about a value's form.
const (
	space      = `[ \t]*`
	numberText = `([0-9]+(\.[0-9]*)?|\.[0-9]+)`
	// durationText is a bare number, or numbers each with a unit.
	durationText = space + `(` + numberText + `|(` + numberText + space + `[smhdw]` + space + `)+)` + space
	// probText is 0 to 1, or 0% to 100%.
	probText = space + `(0*1(\.0*)?|0+(\.[0-9]*)?|0*\.[0-9]+|(0*100(\.0*)?|0*[0-9]{1,2}(\.[0-9]*)?|0*\.[0-9]+)` + space + `%)` + space
	// dateText is YYYY-MM-DD with the days each month has, 29 February
	// only in leap years.
	dateText = `([0-9]{4}-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])` +
		`|[0-9]{4}-(0[469]|11)-(0[1-9]|[12][0-9]|30)` +
		`|[0-9]{4}-02-(0[1-9]|1[0-9]|2[0-8])` +
		`|([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[048]|[2468][048]|[13579][26])00)-02-29)`
	// dateTimeText is a date with an optional time of day H:MM or HH:MM.
	dateTimeText = space + dateText + `([ T]([01]?[0-9]|2[0-3]):[0-5][0-9])?` + space
)

var (
	durationPattern = regexp.MustCompile(`^` + durationText + `$`)
	probPattern     = regexp.MustCompile(`^` + probText + `$`)
	dateTimePattern = regexp.MustCompile(`^` + dateTimeText + `$`)
)

// ParseDuration parses a duration such as "30s", "10m", "2h", "3d", "1w",
// "1h30m", "90 m" or "90" (seconds).
func ParseDuration(s string) (Duration, error) {
	d, err := parseDuration(s)
	if err == nil && !durationPattern.MatchString(s) {
		err = fmt.Errorf("%q is not a duration (%s)", s, durationAllowed)
	}
	return d, err
}

func parseDuration(s string) (Duration, error) {
	t := strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(t, 64); err == nil {
		if !(v >= 0) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("%q is not a duration (%s)", s, durationAllowed)
		}
		return Duration(v), nil
	}
	total := 0.0
	rest := t
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		j := i
		for j < len(rest) && !(rest[j] >= '0' && rest[j] <= '9' || rest[j] == '.') {
			j++
		}
		unitName := strings.TrimSpace(rest[i:j])
		if i == 0 || unitName == "" {
			return 0, fmt.Errorf("%q is not a duration (%s)", s, durationAllowed)
		}
		v, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration (%s)", s, durationAllowed)
		}
		unit := -1.0
		for _, u := range durationUnits {
			if unitName == u.name {
				unit = u.seconds
			}
		}
		if unit < 0 {
			return 0, fmt.Errorf("%q is not a duration: unknown unit %q (%s)", s, unitName, durationAllowed)
		}
		total += v * unit
		rest = rest[j:]
	}
	if t == "" || math.IsInf(total, 0) {
		return 0, fmt.Errorf("%q is not a duration (%s)", s, durationAllowed)
	}
	return Duration(total), nil
}

// String writes d in the largest unit that holds it exactly, e.g. "10m",
// "3d", "90s" or "1.5s", so that ParseDuration(d.String()) == d.
func (d Duration) String() string {
	v := float64(d)
	if v != 0 {
		for _, u := range durationUnits[:4] {
			if q := v / u.seconds; q == math.Trunc(q) && q*u.seconds == v && q < 1e15 {
				return strconv.FormatFloat(q, 'f', -1, 64) + u.name
			}
		}
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "s"
}

// Seconds returns d in seconds.
func (d Duration) Seconds() float64 { return float64(d) }

func (d *Duration) decodeNode(n *yaml.Node) (bool, string) {
	if v, ok := number(n); ok {
		if v < 0 {
			return true, fmt.Sprintf("%v is negative (%s)", v, durationAllowed)
		}
		*d = Duration(v)
		return true, ""
	}
	if n.Kind != yaml.ScalarNode {
		return true, "want a duration, got " + kindName(n) + " (" + durationAllowed + ")"
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		return true, err.Error()
	}
	*d = v
	return true, ""
}

func (d Duration) encodeNode() *yaml.Node { return scalarNode(d.String()) }

// JSONSchema describes a duration for editors.
func (Duration) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A duration: a number with a unit s, m, h, d or w (30s, 10m, 2h, 3d, 1w, 1h30m); a bare number is seconds.",
		OneOf: []*jsonschema.Schema{
			{Type: "number", Minimum: "0"},
			{Type: "string", Pattern: durationPattern.String()},
		},
	}
}

// percent formats a share for messages, rounded to 6 significant digits.
func percent(v float64) string {
	return strconv.FormatFloat(v*100, 'g', 6, 64) + "%"
}

// Prob is a probability, share or fraction in [0, 1]. In a file it is a
// number from 0 to 1 or a percentage from 0% to 100%.
type Prob float64

const probAllowed = "allowed: a number from 0 to 1 or a percentage from 0% to 100%, e.g. 0.43 or 43%"

// ParseProb parses "0.43" or "43%".
func ParseProb(s string) (Prob, error) {
	p, err := parseProb(s)
	if err == nil && !probPattern.MatchString(s) {
		err = fmt.Errorf("%q is not a probability (%s)", s, probAllowed)
	}
	return p, err
}

func parseProb(s string) (Prob, error) {
	t := strings.TrimSpace(s)
	scale := 1.0
	if strings.HasSuffix(t, "%") {
		t, scale = strings.TrimSpace(strings.TrimSuffix(t, "%")), 100
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a probability (%s)", s, probAllowed)
	}
	p := v / scale
	if !(p >= 0 && p <= 1) {
		return 0, fmt.Errorf("%s is outside 0–1 (%s)", s, probAllowed)
	}
	return Prob(p), nil
}

// String writes p as the shortest percentage that reads back exactly,
// e.g. "43%" or "21.25%".
func (p Prob) String() string {
	v := float64(p)
	for prec := 0; prec <= 17; prec++ {
		s := strconv.FormatFloat(v*100, 'f', prec, 64)
		if back, err := strconv.ParseFloat(s, 64); err == nil && back/100 == v {
			return s + "%"
		}
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func (p *Prob) decodeNode(n *yaml.Node) (bool, string) {
	if v, ok := number(n); ok {
		if !(v >= 0 && v <= 1) {
			return true, fmt.Sprintf("%v is outside 0–1 (%s)", v, probAllowed)
		}
		*p = Prob(v)
		return true, ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return true, "want a probability, got " + kindName(n) + " (" + probAllowed + ")"
	}
	v, err := ParseProb(n.Value)
	if err != nil {
		return true, err.Error()
	}
	*p = v
	return true, ""
}

func (p Prob) encodeNode() *yaml.Node { return scalarNode(p.String()) }

// JSONSchema describes a probability for editors.
func (Prob) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A probability or share: a number from 0 to 1, or a percentage such as 43%.",
		OneOf: []*jsonschema.Schema{
			{Type: "number", Minimum: "0", Maximum: "1"},
			{Type: "string", Pattern: probPattern.String()},
		},
	}
}

// DateTime is a local date and time in Europe/London, written
// "2022-08-04 07:00" (or "2022-08-04" for midnight).
type DateTime struct {
	Date         calendar.Date
	Hour, Minute int
}

const dateTimeAllowed = "allowed: a local date-time YYYY-MM-DD HH:MM (Europe/London), e.g. 2022-08-04 07:00, or a date YYYY-MM-DD for midnight"

// ParseDateTime parses "2022-08-04 07:00", "2022-08-04T07:00" or
// "2022-08-04".
func ParseDateTime(s string) (DateTime, error) {
	t := strings.TrimSpace(s)
	if !dateTimePattern.MatchString(s) {
		return DateTime{}, fmt.Errorf("%q is not a date-time (%s)", s, dateTimeAllowed)
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if v, err := time.Parse(layout, t); err == nil {
			return DateTime{calendar.DateOf(v), v.Hour(), v.Minute()}, nil
		}
	}
	return DateTime{}, fmt.Errorf("%q is not a date-time (%s)", s, dateTimeAllowed)
}

// String writes t as "2006-01-02 15:04".
func (t DateTime) String() string {
	return fmt.Sprintf("%s %02d:%02d", t.Date, t.Hour, t.Minute)
}

// Time returns the instant t stands for in Europe/London. A time that the
// clocks skip (01:30 on the spring-forward day) is normalised by time.Date.
func (t DateTime) Time() time.Time {
	return time.Date(t.Date.Year, t.Date.Month, t.Date.Day, t.Hour, t.Minute, 0, 0, calendar.London())
}

func (t *DateTime) decodeNode(n *yaml.Node) (bool, string) {
	if n.Kind != yaml.ScalarNode {
		return true, "want a date-time, got " + kindName(n) + " (" + dateTimeAllowed + ")"
	}
	v, err := ParseDateTime(n.Value)
	if err != nil {
		return true, err.Error()
	}
	*t = v
	return true, ""
}

func (t DateTime) encodeNode() *yaml.Node { return scalarNode(t.String()) }

// JSONSchema describes a date-time for editors.
func (DateTime) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A local date-time in Europe/London: YYYY-MM-DD HH:MM, or YYYY-MM-DD for midnight.",
		Type:        "string",
		Pattern:     dateTimePattern.String(),
	}
}

// When is a moment given either as a local date-time ("2022-08-22 09:00")
// or as an offset ("+18d") from a reference: the outage start for times in
// the outage section, the scenario start elsewhere.
type When struct {
	At     DateTime // the date-time, if not Relative
	Offset Duration // the offset, if Relative
	// Relative says the moment is Offset after the reference.
	Relative bool
}

const whenAllowed = "allowed: a local date-time YYYY-MM-DD HH:MM (Europe/London), or an offset such as +2h or +3d"

// ParseWhen parses a date-time or a "+" offset.
func ParseWhen(s string) (When, error) {
	t := strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(t, "+"); ok {
		d, err := ParseDuration(rest)
		if err != nil {
			return When{}, fmt.Errorf("%q is not an offset (%s)", s, whenAllowed)
		}
		return When{Offset: d, Relative: true}, nil
	}
	v, err := ParseDateTime(t)
	if err != nil {
		return When{}, fmt.Errorf("%q is not a date-time or offset (%s)", s, whenAllowed)
	}
	return When{At: v}, nil
}

// String writes w as it is given: "2006-01-02 15:04" or "+3d".
func (w When) String() string {
	if w.Relative {
		return "+" + w.Offset.String()
	}
	return w.At.String()
}

// seconds returns w in simulation seconds: ref + offset, or the date-time
// measured from start.
func (w When) seconds(start time.Time, ref float64) float64 {
	if w.Relative {
		return ref + float64(w.Offset)
	}
	return w.At.Time().Sub(start).Seconds()
}

func (w *When) decodeNode(n *yaml.Node) (bool, string) {
	if n.Kind != yaml.ScalarNode {
		return true, "want a date-time or offset, got " + kindName(n) + " (" + whenAllowed + ")"
	}
	v, err := ParseWhen(n.Value)
	if err != nil {
		return true, err.Error()
	}
	*w = v
	return true, ""
}

func (w When) encodeNode() *yaml.Node { return scalarNode(w.String()) }

// JSONSchema describes a moment for editors.
func (When) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A local date-time YYYY-MM-DD HH:MM (Europe/London), or an offset such as +2h or +3d from the outage start (in the outage section) or the scenario start.",
		Type:        "string",
		Pattern:     `^(` + dateTimeText + `|` + space + `\+` + durationText + `)$`,
	}
}

// kindName names a node's kind for error messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		case "!!null":
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}
