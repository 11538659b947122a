package theory

import (
	"errors"
	"testing"
)

func TestRetrial(t *testing.T) {
	m := mustT(t)
	for _, c := range []struct{ lam, h, nu float64 }{{0.5, 1, 1}, {0.8, 1, 0.5}, {0.3, 1, 2}, {0.2, 3, 0.1}} {
		r := RetrialMM1(c.lam, c.h, c.nu)
		rho := c.lam * c.h
		near(t, "M/M/1 form", m(r.MeanOrbit()), rho*(rho+c.lam/c.nu)/(1-rho), 1e-14, 0)
		near(t, "Little", m(r.MeanOrbitTime())*c.lam, m(r.MeanOrbit()), 1e-14, 0)
	}
	// M/D/1 retrial: E[S²] = E[S]², E[M] = λ²h²/(2(1−ρ)) + λρ/(ν(1−ρ)).
	d := RetrialMG1{Lambda: 0.5, MeanService: 1, ServiceSecondMoment: 1, RetrialRate: 1}
	near(t, "M/D/1", m(d.MeanOrbit()), 0.25/(2*0.5)+0.5*0.5/0.5, 1e-14, 0)
	// ν → ∞ recovers the Pollaczek–Khinchine queue length L_q.
	fast := RetrialMM1(0.5, 1, 1e12)
	near(t, "ν→∞", m(fast.MeanOrbit()), 0.5, 1e-9, 0)
	if _, err := RetrialMM1(1, 1, 1).MeanOrbit(); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("ρ = 1 must be rejected, got %v", err)
	}
}
