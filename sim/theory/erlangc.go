package theory

import "math"

// ErlangB returns the Erlang B blocking probability B(c, A) for c servers and
// offered load A = λh Erlangs, by the numerically stable recursion
// B(0)=1, B(k) = A·B(k−1)/(k + A·B(k−1)). It needs c >= 1 and finite A >= 0.
func ErlangB(servers int, load float64) (float64, error) {
	if err := checkServers(servers); err != nil {
		return 0, err
	}
	if err := checkNonNegative("load", load); err != nil {
		return 0, err
	}
	return erlangB(servers, load), nil
}

func erlangB(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		ab := a * b
		b = ab / (float64(k) + ab)
	}
	return b
}

// logInvErlangB returns log(1/B(c, a)) for a > 0 without underflow.
func logInvErlangB(c int, a float64) float64 {
	if b := erlangB(c, a); b > 1e-280 {
		return -math.Log(b)
	}
	// 1/B(k) = 1 + (k/a)·(1/B(k−1)), carried in logs.
	lr := 0.0
	for k := 1; k <= c; k++ {
		v := math.Log(float64(k)/a) + lr
		lr = logOnePlusExp(v)
	}
	return lr
}

// logOnePlusExp returns log(1 + e^v) without overflow.
func logOnePlusExp(v float64) float64 {
	if v > 0 {
		return v + math.Log1p(math.Exp(-v))
	}
	return math.Log1p(math.Exp(v))
}

// ErlangC is the M/M/c queue (Poisson arrivals, exponential service, c
// agents, FCFS, infinite patience and waiting room): validation.md §1.1.
// Lambda is the arrival rate and MeanService the mean handling time h,
// in one consistent time unit; every time-valued result is in that unit.
// The system must be stable: A = Lambda·MeanService < Servers.
type ErlangC struct {
	Lambda      float64 // arrival rate λ
	MeanService float64 // mean service time h = 1/μ
	Servers     int     // number of agents c
}

type erlangCSolution struct {
	a, c, h, lambda float64
	pw              float64 // P(W>0)
}

func (q ErlangC) solve() (erlangCSolution, error) {
	if err := checkServers(q.Servers); err != nil {
		return erlangCSolution{}, err
	}
	if err := checkNonNegative("Lambda", q.Lambda); err != nil {
		return erlangCSolution{}, err
	}
	if err := checkPositive("MeanService", q.MeanService); err != nil {
		return erlangCSolution{}, err
	}
	a, c := q.Lambda*q.MeanService, float64(q.Servers)
	if !(a < c) {
		return erlangCSolution{}, invalid("Erlang C unstable: load %v >= servers %d", a, q.Servers)
	}
	b := erlangB(q.Servers, a)
	pw := c * b / (c - a*(1-b))
	return erlangCSolution{a: a, c: c, h: q.MeanService, lambda: q.Lambda, pw: pw}, nil
}

// OfferedLoad returns A = λh in Erlangs.
func (q ErlangC) OfferedLoad() (float64, error) {
	s, err := q.solve()
	return s.a, err
}

// ProbWait returns the Erlang C probability of waiting
// C(c,A) = c·B/(c − A(1−B)) = P(W > 0).
func (q ErlangC) ProbWait() (float64, error) {
	s, err := q.solve()
	return s.pw, err
}

// ProbWaitExceeds returns P(W > t) = C·e^{−(c−A)t/h}, t >= 0.
func (q ErlangC) ProbWaitExceeds(t float64) (float64, error) {
	s, err := q.solve()
	if err != nil {
		return 0, err
	}
	if err := checkTime("t", t); err != nil {
		return 0, err
	}
	if s.pw == 0 {
		return 0, nil
	}
	return s.pw * math.Exp(-(s.c-s.a)*t/s.h), nil
}

// ServiceLevel returns SL(T) = P(W <= T) = 1 − C·e^{−(c−A)T/h}, the share
// of calls answered within T (callers answered at once count as within T).
// With infinite patience all of validation.md's SL definitions coincide.
func (q ErlangC) ServiceLevel(t float64) (float64, error) {
	p, err := q.ProbWaitExceeds(t)
	return 1 - p, err
}

// MeanWait returns ASA = E[W] = C·h/(c − A), averaged over all calls.
func (q ErlangC) MeanWait() (float64, error) {
	s, err := q.solve()
	if err != nil {
		return 0, err
	}
	return s.pw * s.h / (s.c - s.a), nil
}

// MeanQueueLength returns L_q = λ·E[W].
func (q ErlangC) MeanQueueLength() (float64, error) {
	w, err := q.MeanWait()
	return q.Lambda * w, err
}

// MeanNumberInSystem returns L = L_q + A.
func (q ErlangC) MeanNumberInSystem() (float64, error) {
	lq, err := q.MeanQueueLength()
	if err != nil {
		return 0, err
	}
	return lq + q.Lambda*q.MeanService, nil
}

// MeanSojourn returns the mean time in system E[W] + h.
func (q ErlangC) MeanSojourn() (float64, error) {
	w, err := q.MeanWait()
	if err != nil {
		return 0, err
	}
	return w + q.MeanService, nil
}

// Occupancy returns the agent utilisation A/c.
func (q ErlangC) Occupancy() (float64, error) {
	s, err := q.solve()
	if err != nil {
		return 0, err
	}
	return s.a / s.c, nil
}
