package dist

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
)

// Kind names a family of distributions.
type Kind uint8

// The kinds of Dist. The zero Kind, KindInvalid, is the kind of the zero Dist.
const (
	KindInvalid     Kind = iota // KindInvalid is the kind of the zero Dist; it cannot be sampled.
	KindFixed                   // KindFixed is a constant value.
	KindExponential             // KindExponential is exponential with a given mean.
	KindUniform                 // KindUniform is continuous uniform on [min, max).
	KindTriangular              // KindTriangular is triangular on [min, max] with a mode.
	KindLogNormal               // KindLogNormal is log-normal with a given mean and CV.
	KindGamma                   // KindGamma is gamma with a given mean and CV.
	KindWeibull                 // KindWeibull is Weibull with a shape and a scale.
	KindEmpirical               // KindEmpirical is discrete on given values with given weights.
)

var kindNames = [...]string{
	KindInvalid:     "invalid",
	KindFixed:       "fixed",
	KindExponential: "exponential",
	KindUniform:     "uniform",
	KindTriangular:  "triangular",
	KindLogNormal:   "lognormal",
	KindGamma:       "gamma",
	KindWeibull:     "weibull",
	KindEmpirical:   "empirical",
}

// String returns the kind's lower-case name as used in scenario files,
// e.g. "lognormal".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind returns the Kind whose String is name. It reports false for an
// unknown name and for "invalid".
func ParseKind(name string) (Kind, bool) {
	for k, n := range kindNames {
		if k != int(KindInvalid) && n == name {
			return Kind(k), true
		}
	}
	return KindInvalid, false
}

// Dist is a probability distribution on [0, ∞). Build one with a
// constructor (Exponential, LogNormal, ...); the zero Dist is invalid and
// Sample panics on it.
type Dist struct {
	kind Kind
	// x, y, z are the parameters as given to the constructor (after Scale):
	//
	//	fixed        x=value
	//	exponential  x=mean
	//	uniform      x=min  y=max
	//	triangular   x=min  y=mode  z=max
	//	lognormal    x=mean y=cv
	//	gamma        x=mean y=cv
	//	weibull      x=shape y=scale
	//	empirical    x=scale factor applied to the table's values
	x, y, z float64
	// k1..k4 are constants derived for Sample:
	//
	//	uniform      k1=max-min
	//	triangular   k1=(mode-min)/(max-min) k2=(max-min)(mode-min) k3=(max-min)(max-mode)
	//	lognormal    k1=μ k2=σ of the underlying normal
	//	gamma        k1=d k2=c of Marsaglia–Tsang k3=gamma scale θ k4=1/shape if shape<1, else 0
	//	weibull      k1=1/shape
	k1, k2, k3, k4 float64
	emp            *empirical
}

// Kind returns d's kind; KindInvalid for the zero Dist.
func (d Dist) Kind() Kind { return d.kind }

// Sample draws one value from d using r. It does not allocate. It panics if
// d is the zero Dist (or the result of an invalid Scale): that is a bug in
// the caller, who should have checked Validate. Sample alone has a pointer
// receiver: copying the 72-byte Dist per call cost 2–5 ns per draw.
func (d *Dist) Sample(r *rand.Rand) float64 {
	switch d.kind {
	case KindFixed:
		return d.x
	case KindExponential:
		return d.x * r.ExpFloat64()
	case KindUniform:
		return d.x + d.k1*r.Float64()
	case KindTriangular:
		u := r.Float64()
		if u < d.k1 {
			return d.x + math.Sqrt(u*d.k2)
		}
		return d.z - math.Sqrt((1-u)*d.k3)
	case KindLogNormal:
		return math.Exp(d.k1 + d.k2*r.NormFloat64())
	case KindGamma:
		return d.sampleGamma(r)
	case KindWeibull:
		// If E ~ Exp(1) then scale·E^(1/shape) is Weibull(shape, scale).
		return d.y * math.Exp(math.Log(r.ExpFloat64())*d.k1)
	case KindEmpirical:
		return d.x * d.emp.sample(r)
	}
	panic("dist: Sample on an invalid Dist (zero value or invalid Scale)")
}

// Fill draws len(buf) values from d into buf: the values, in the order,
// that as many calls of Sample with r would give. A lognormal draw ends in
// math.Exp, a chain of some twenty dependent floating-point operations
// (about a tenth of an urgent-care run); Fill draws the normals first and
// exponentiates them after, so the processor overlaps the independent
// chains instead of waiting on each in turn, four to an instruction where
// the processor allows (expAll).
func (d *Dist) Fill(r *rand.Rand, buf []float64) {
	switch d.kind {
	case KindLogNormal:
	case KindExponential:
		// Sample's exponential case without its call and its jump on the
		// kind, which mispredicted where queues of several kinds draw.
		for i := range buf {
			buf[i] = d.x * r.ExpFloat64()
		}
		return
	default:
		for i := range buf {
			buf[i] = d.Sample(r)
		}
		return
	}
	for i := range buf {
		buf[i] = r.NormFloat64()
	}
	for i, z := range buf {
		buf[i] = d.k1 + d.k2*z
	}
	expAll(buf)
}

// sampleGamma is Marsaglia & Tsang (2000), "A simple method for generating
// gamma variables", ACM TOMS 26(3):363–372, including their boost for
// shape < 1: Gamma(k) = Gamma(k+1)·U^(1/k), with U^(1/k) drawn as exp(−E/k).
func (d *Dist) sampleGamma(r *rand.Rand) float64 {
	dd, c := d.k1, d.k2
	var g float64
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		x2 := x * x
		if u < 1-0.0331*x2*x2 || math.Log(u) < 0.5*x2+dd*(1-v+math.Log(v)) {
			g = dd * v
			break
		}
	}
	if d.k4 != 0 {
		g *= math.Exp(-r.ExpFloat64() * d.k4)
	}
	return g * d.k3
}

// Mean returns d's mean; NaN for the zero Dist.
func (d Dist) Mean() float64 {
	switch d.kind {
	case KindFixed, KindExponential, KindLogNormal, KindGamma:
		return d.x
	case KindUniform:
		return (d.x + d.y) / 2
	case KindTriangular:
		return (d.x + d.y + d.z) / 3
	case KindWeibull:
		return d.y * math.Gamma(1+d.k1)
	case KindEmpirical:
		return d.x * d.emp.mean
	}
	return math.NaN()
}

// Variance returns d's variance; NaN for the zero Dist.
func (d Dist) Variance() float64 {
	switch d.kind {
	case KindFixed:
		return 0
	case KindExponential:
		return d.x * d.x
	case KindLogNormal, KindGamma:
		sd := d.x * d.y
		return sd * sd
	case KindUniform:
		return d.k1 * d.k1 / 12
	case KindTriangular:
		a, c, b := d.x, d.y, d.z
		return (a*a + b*b + c*c - a*b - a*c - b*c) / 18
	case KindWeibull:
		g1 := math.Gamma(1 + d.k1)
		return d.y * d.y * (math.Gamma(1+2*d.k1) - g1*g1)
	case KindEmpirical:
		return d.x * d.x * d.emp.variance
	}
	return math.NaN()
}

// CV returns d's coefficient of variation, standard deviation / mean; 0 when
// the mean is 0 (the distribution is then a point mass at 0) and NaN for the
// zero Dist.
func (d Dist) CV() float64 {
	m := d.Mean()
	if m == 0 {
		return 0
	}
	return math.Sqrt(d.Variance()) / m
}

// String describes d with its parameters, e.g. "lognormal(mean=300, cv=0.8)".
func (d Dist) String() string {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch d.kind {
	case KindFixed:
		return "fixed(" + g(d.x) + ")"
	case KindExponential:
		return "exponential(mean=" + g(d.x) + ")"
	case KindUniform:
		return "uniform(min=" + g(d.x) + ", max=" + g(d.y) + ")"
	case KindTriangular:
		return "triangular(min=" + g(d.x) + ", mode=" + g(d.y) + ", max=" + g(d.z) + ")"
	case KindLogNormal, KindGamma:
		return d.kind.String() + "(mean=" + g(d.x) + ", cv=" + g(d.y) + ")"
	case KindWeibull:
		return "weibull(shape=" + g(d.x) + ", scale=" + g(d.y) + ")"
	case KindEmpirical:
		s := "empirical(n=" + strconv.Itoa(len(d.emp.slots)) + ", mean=" + g(d.Mean())
		if d.x != 1 {
			s += ", scale=" + g(d.x)
		}
		return s + ")"
	}
	return "invalid"
}

// Validate reports whether d can be sampled. Only the zero Dist and the
// result of an invalid Scale fail: constructors never return an invalid Dist.
func (d Dist) Validate() error {
	var err error
	switch d.kind {
	case KindFixed:
		_, err = Fixed(d.x)
	case KindExponential:
		_, err = Exponential(d.x)
	case KindUniform:
		_, err = Uniform(d.x, d.y)
	case KindTriangular:
		_, err = Triangular(d.x, d.y, d.z)
	case KindLogNormal:
		_, err = LogNormal(d.x, d.y)
	case KindGamma:
		_, err = Gamma(d.x, d.y)
	case KindWeibull:
		_, err = Weibull(d.x, d.y)
	case KindEmpirical:
		if d.emp == nil || len(d.emp.slots) == 0 {
			err = &ParamError{Kind: KindEmpirical, Param: "values", Got: "none", Allowed: "at least one value"}
		} else {
			err = checkPositive(KindEmpirical, "scale", d.x)
		}
	default:
		err = fmt.Errorf("distribution not set (the zero Dist is invalid): %w", ErrInvalid)
	}
	return err
}

// Scale returns the distribution of f·X for X drawn from d, e.g. a handle
// time under a contingency's handle-time multiplier. The family is kept:
// a scaled lognormal is lognormal with mean f·mean and the same CV. f must be
// finite and > 0; otherwise, or if the scaled parameters overflow, Scale
// returns the zero Dist, which fails Validate.
func (d Dist) Scale(f float64) Dist {
	if !(f > 0) || math.IsInf(f, 1) || d.kind == KindInvalid {
		return Dist{}
	}
	if f == 1 {
		return d
	}
	var s Dist
	var err error
	switch d.kind {
	case KindFixed:
		s, err = Fixed(f * d.x)
	case KindExponential:
		s, err = Exponential(f * d.x)
	case KindUniform:
		s, err = Uniform(f*d.x, f*d.y)
	case KindTriangular:
		s, err = Triangular(f*d.x, f*d.y, f*d.z)
	case KindLogNormal:
		s, err = LogNormal(f*d.x, d.y)
	case KindGamma:
		s, err = Gamma(f*d.x, d.y)
	case KindWeibull:
		s, err = Weibull(d.x, f*d.y)
	case KindEmpirical:
		s = d
		s.x *= f
		err = s.Validate()
		if err == nil && math.IsInf(s.Mean()*s.CV(), 0) {
			err = ErrInvalid
		}
	}
	if err != nil {
		return Dist{}
	}
	return s
}

// Fixed returns the point mass at value, which must be finite and ≥ 0.
func Fixed(value float64) (Dist, error) {
	if err := checkNonNegative(KindFixed, "value", value); err != nil {
		return Dist{}, err
	}
	return Dist{kind: KindFixed, x: value}, nil
}

// Exponential returns the exponential distribution with the given mean,
// which must be finite and > 0.
func Exponential(mean float64) (Dist, error) {
	if err := checkPositive(KindExponential, "mean", mean); err != nil {
		return Dist{}, err
	}
	return Dist{kind: KindExponential, x: mean}, nil
}

// Uniform returns the continuous uniform distribution on [min, max), with
// 0 ≤ min < max < ∞.
func Uniform(min, max float64) (Dist, error) {
	if err := checkNonNegative(KindUniform, "min", min); err != nil {
		return Dist{}, err
	}
	if err := checkPositive(KindUniform, "max", max); err != nil {
		return Dist{}, err
	}
	if !(min < max) {
		return Dist{}, &ParamError{Kind: KindUniform, Param: "max", Got: g(max), Allowed: "greater than min (" + g(min) + ")"}
	}
	return Dist{kind: KindUniform, x: min, y: max, k1: max - min}, nil
}

// Triangular returns the triangular distribution on [min, max] with the
// given mode, with 0 ≤ min ≤ mode ≤ max < ∞ and min < max.
func Triangular(min, mode, max float64) (Dist, error) {
	if err := checkNonNegative(KindTriangular, "min", min); err != nil {
		return Dist{}, err
	}
	if err := checkNonNegative(KindTriangular, "mode", mode); err != nil {
		return Dist{}, err
	}
	if err := checkPositive(KindTriangular, "max", max); err != nil {
		return Dist{}, err
	}
	if !(min < max) {
		return Dist{}, &ParamError{Kind: KindTriangular, Param: "max", Got: g(max), Allowed: "greater than min (" + g(min) + ")"}
	}
	if mode < min || mode > max {
		return Dist{}, &ParamError{Kind: KindTriangular, Param: "mode", Got: g(mode), Allowed: "between min (" + g(min) + ") and max (" + g(max) + ")"}
	}
	w := max - min
	return Dist{kind: KindTriangular, x: min, y: mode, z: max,
		k1: (mode - min) / w, k2: w * (mode - min), k3: w * (max - mode)}, nil
}

// LogNormal returns the log-normal distribution with the given mean and
// coefficient of variation, both finite and > 0. The underlying normal has
// σ² = ln(1+cv²) and μ = ln(mean) − σ²/2.
func LogNormal(mean, cv float64) (Dist, error) {
	if err := checkPositive(KindLogNormal, "mean", mean); err != nil {
		return Dist{}, err
	}
	if err := checkPositive(KindLogNormal, "cv", cv); err != nil {
		return Dist{}, err
	}
	s2 := math.Log1p(cv * cv)
	d := Dist{kind: KindLogNormal, x: mean, y: cv, k1: math.Log(mean) - s2/2, k2: math.Sqrt(s2)}
	if err := checkMoments(d); err != nil {
		return Dist{}, err
	}
	return d, nil
}

// Gamma returns the gamma distribution with the given mean and coefficient
// of variation, both finite and > 0: shape 1/cv² and scale mean·cv². A CV
// above 1 gives shape < 1 (a density that is infinite at 0).
func Gamma(mean, cv float64) (Dist, error) {
	if err := checkPositive(KindGamma, "mean", mean); err != nil {
		return Dist{}, err
	}
	if err := checkPositive(KindGamma, "cv", cv); err != nil {
		return Dist{}, err
	}
	cv2 := cv * cv
	shape, scale := 1/cv2, mean*cv2
	if math.IsInf(shape, 0) || !(scale > 0) || math.IsInf(scale, 0) {
		return Dist{}, &ParamError{Kind: KindGamma, Param: "cv", Got: g(cv), Allowed: "between 1e-150 and 1e150 with mean·cv² finite and > 0"}
	}
	d := Dist{kind: KindGamma, x: mean, y: cv, k3: scale}
	if shape < 1 {
		d.k4 = 1 / shape
		shape++
	}
	d.k1 = shape - 1.0/3
	d.k2 = 1 / math.Sqrt(9*d.k1)
	if err := checkMoments(d); err != nil {
		return Dist{}, err
	}
	return d, nil
}

// Weibull returns the Weibull distribution with the given shape and scale,
// both finite and > 0: P(X > x) = exp(−(x/scale)^shape). Its mean is
// scale·Γ(1+1/shape).
func Weibull(shape, scale float64) (Dist, error) {
	if err := checkPositive(KindWeibull, "shape", shape); err != nil {
		return Dist{}, err
	}
	if err := checkPositive(KindWeibull, "scale", scale); err != nil {
		return Dist{}, err
	}
	d := Dist{kind: KindWeibull, x: shape, y: scale, k1: 1 / shape}
	if err := checkMoments(d); err != nil {
		return Dist{}, err
	}
	return d, nil
}

// WeibullMean returns the Weibull distribution with the given shape and
// mean (both finite and > 0), choosing scale = mean / Γ(1+1/shape).
func WeibullMean(mean, shape float64) (Dist, error) {
	if err := checkPositive(KindWeibull, "mean", mean); err != nil {
		return Dist{}, err
	}
	if err := checkPositive(KindWeibull, "shape", shape); err != nil {
		return Dist{}, err
	}
	return Weibull(shape, mean/math.Gamma(1+1/shape))
}

// checkMoments rejects parameters whose mean or variance overflow, e.g. a
// Weibull shape so small that Γ(1+2/shape) is infinite.
func checkMoments(d Dist) error {
	m, v := d.Mean(), d.Variance()
	if m > 0 && !math.IsInf(m, 0) && v >= 0 && !math.IsInf(v, 0) {
		return nil
	}
	param, got := "cv", d.y
	if d.kind == KindWeibull {
		param, got = "shape", d.x
	}
	return &ParamError{Kind: d.kind, Param: param, Got: g(got), Allowed: "a value whose mean and variance are finite (mean " + g(m) + ", variance " + g(v) + ")"}
}

func checkPositive(k Kind, param string, v float64) error {
	if v > 0 && !math.IsInf(v, 1) {
		return nil
	}
	return &ParamError{Kind: k, Param: param, Got: g(v), Allowed: "a finite number > 0"}
}

func checkNonNegative(k Kind, param string, v float64) error {
	if v >= 0 && !math.IsInf(v, 1) {
		return nil
	}
	return &ParamError{Kind: k, Param: param, Got: g(v), Allowed: "a finite number ≥ 0"}
}

func g(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
