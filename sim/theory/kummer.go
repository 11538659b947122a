package theory

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Palm's function A(x,z) = x·e^z·z^{−x}·γ(x,z) = 1 + Σ_{j≥1} z^j/Π_{k=1..j}(x+k)
// (the Kummer function ₁F₁(1; x+1; z)), carried in log space because it
// grows like e^z when z ≫ x.

const (
	kummerMaxTerms   = 2_000_000
	kummerEps        = 1e-17
	kummerLongSeries = 5000 // switch to the integral beyond this many terms
)

// kummerSeries sums the positive series for A(x,z) − 1 and for
//
//	n(x,z) = Σ_{j≥0} (j+1)·z^j / Π_{k=2..j+1}(x+k),
//
// which satisfies n = (x+1)·A(x,z) − x·A(x+1,z) (so P(Ab|W>0) = n/((x+1)A)
// with no cancellation). ok is false if the series is too long.
func kummerSeries(x, z float64) (tail, n float64, ok bool) {
	t, n := 1.0, 1.0
	for j := 1; j <= kummerMaxTerms; j++ {
		fj := float64(j)
		t *= z / (x + fj)
		tail += t
		nt := (fj + 1) * (x + 1) / (x + fj + 1) * t
		n += nt
		if fj > z-x && t <= kummerEps*(1+tail) && nt <= kummerEps*n {
			return tail, n, true
		}
	}
	return 0, 0, false
}

// useKummerSeries reports whether the series is the method of choice.
// Beyond z ≈ x its terms first grow like exp((z−x)²/(2z)), and near z ≈ x
// it needs O(√x) terms; for x > 200 and z >= x − 4.4√x the incomplete gamma
// route is used instead (P(x,z) is not small there, and gonum evaluates it
// by Temme's uniform asymptotic expansion).
func useKummerSeries(x, z float64) bool {
	if x > 200 {
		// gonum's band is |z−x| < 4.5√x; keep clear of its edge.
		return z < x-4.4*math.Sqrt(x)
	}
	return z <= x+5*math.Sqrt(x)+10
}

// logPalmA returns log A(x,z) for x > 0, z >= 0: by the series where it is
// short, by the integral representation where the series would be long
// (z just below a large x), and by the incomplete gamma function near and
// above z = x.
func logPalmA(x, z float64) float64 {
	if z == 0 {
		return 0
	}
	if useKummerSeries(x, z) {
		if z < x && 40*x > kummerLongSeries*(x-z) {
			return logPalmAIntegral(x, z)
		}
		if tail, _, ok := kummerSeries(x, z); ok {
			return math.Log1p(tail)
		}
	}
	return logPalmAGamma(x, z)
}

// logPalmAGamma evaluates log A(x,z) = log x + z − x·log z + lgamma(x) +
// log P(x,z) with P the regularised lower incomplete gamma function. For
// x >= 30 the large terms are combined analytically through Stirling's
// series so that no digits are lost to cancellation.
func logPalmAGamma(x, z float64) float64 {
	var logP float64
	if z > x {
		logP = math.Log1p(-mathext.GammaIncRegComp(x, z))
	} else {
		logP = math.Log(mathext.GammaIncReg(x, z))
	}
	if x < 30 {
		lg, _ := math.Lgamma(x)
		return math.Log(x) + z - x*math.Log(z) + lg + logP
	}
	u := (z - x) / x
	return 0.5*math.Log(x) + 0.5*math.Log(2*math.Pi) + stirlingRemainder(x) +
		x*(u-math.Log1p(u)) + logP
}

// stirlingRemainder returns lgamma(x) − [(x−½)·log x − x + ½·log 2π] for
// x >= 30 (truncation error below 1e-17).
func stirlingRemainder(x float64) float64 {
	x2 := x * x
	return (1.0/12 - (1.0/360-(1.0/1260-1.0/(1680*x2))/x2)/x2) / x
}

// logPalmAIntegral evaluates log A(x,z) for 0 < z <= x from the integral
// representation (substitute s = z·e^{−v} in γ(x,z))
//
//	A(x,z) = x·∫_0^∞ exp(−x·v − z·expm1(−v)) dv.
//
// The integrand is decreasing, with φ' <= −(x − z·e^{−v}); it is integrated
// in doubling chunks from the scale 1/(x − z + √z + 1) until that slope
// bounds the tail, so the cost does not grow with x (the series needs
// ≈ 40x/(x−z) terms).
func logPalmAIntegral(x, z float64) float64 {
	// −x·v − z·expm1(−v) = −(x−z)·v − z·(e^{−v} − 1 + v), without the
	// cancellation of the two large terms.
	d := x - z
	f := func(v float64) float64 { return math.Exp(-d*v - z*expm1PlusX(-v)) }
	w := 1 / (d + math.Sqrt(z) + 1)
	const rel = 1e-13 // GL15 halving estimates are very pessimistic
	total := 0.0
	for k, lo := 0, 0.0; k < 2000; k++ {
		hi := w * (math.Exp2(float64(k+1)) - 1)
		total += integrate(f, lo, hi, rel, 1e-16*total)
		lo = hi
		if slope := x - z*math.Exp(-lo); slope > 0 && f(lo)/slope <= 1e-17*total {
			break
		}
	}
	return math.Log(x) + math.Log(total)
}

// expm1PlusX returns e^u − 1 − u accurately, also for small |u|.
func expm1PlusX(u float64) float64 {
	if math.Abs(u) > 0.1 {
		return math.Expm1(u) - u
	}
	// Σ_{k>=2} u^k/k!; |u| <= 0.1 needs at most 14 terms for 1e-17.
	term, sum := u*u/2, 0.0
	for k := 3; k < 20 && term != 0; k++ {
		sum += term
		term *= u / float64(k)
	}
	return sum
}
