// Package theory holds the exact queueing results that the simulator's
// validation tests compare against (see /work/shared/validation.md, whose
// section numbers are cited below). Everything is a pure function of its
// arguments in float64: no randomness, no simulation, no I/O, no global
// state. Time units are whatever the caller uses; they must simply be
// consistent (rates per unit, durations in units).
//
// What this package must not do: import the simulator or any other
// outagesim package (the reference must stay independent of the code it
// checks); approximate where an exact result is claimed (the
// pointwise-stationary approximation, PSA, is deliberately absent);
// panic on bad input (every exported function validates its arguments and
// returns an error wrapping ErrInvalidInput).
//
// Formulas and sources:
//
//	Result                      Formula                                           Source
//	Erlang B                    B(k) = A·B(k−1)/(k + A·B(k−1)), B(0) = 1          validation.md §1.1
//	Erlang C P(W>0)             C = c·B/(c − A(1−B))                              §1.1
//	Erlang C SL(T), ASA         1 − C·e^{−(c−A)T/h};  C·h/(c−A); L_q = λ·ASA      §1.1 (Call Centre Helper)
//	Erlang A A(x,y)             x·e^y·y^{−x}·γ(x,y) = 1 + Σ y^j/Π(x+k), x=cμ/θ,   Palm (1946); Mandelbaum & Zeltyn
//	                            y=λ/θ (series, or log-space incomplete gamma)     (2005) §4.4–4.6; §1.2
//	Erlang A π_c, P(W>0)        π_c = E_B/(1+(A−1)E_B);  P(W>0) = A·π_c           §1.2
//	Erlang A P(Ab)              P(Ab|W>0) = 1/(ρA) + 1 − 1/ρ;  E[W] = P(Ab)/θ      §1.2, §1.3
//	Offered wait V              P(V>t) = π_c·x·e^y·y^{−x}·γ(x, y·e^{−θt})          §1.2
//	Answered after t            P(ans, W>t) = π_c·x·e^y·y^{−x−1}·γ(x+1, y·e^{−θt}) §1.2
//	Abandoned within / after t  ∫ θe^{−θs}·P(V>s) ds (adaptive Gauss–Legendre)     §1.2
//	SL1..SL4                    answered≤T/offered, /answered (NHS 111 KPI),      §1.2, §5 pitfall 1
//	                            1 − P(W>T), answered≤T/(offered − ab≤T)
//	E[W | answered]             ∫_0^∞ P(ans, W>t) dt / P(ans)                      §1.2, §5 pitfall 2
//	M_t/M/∞ piecewise λ         m ← L/μ + (m − L/μ)·e^{−μΔt} per piece            Eick, Massey & Whitt (1993); §1.4
//	M_t/D/∞                     m(t) = ∫_{t−D}^t λ(u) du                          §1.4
//	M_t/M/∞ sinusoid            λ̄/μ + β/(μ²+γ²)·(μ sin γt − γ cos γt);             Eick, Massey & Whitt (1993b); §1.4
//	                            amplitude β/√(μ²+γ²), lag atan(γ/μ)/γ
//	M_t/G/∞ general             m(t) = ∫_0^t λ(t−u)·G^c(u) du (quadrature)        §1.4
//	M/G/1 retrial orbit         λ²E[S²]/(2(1−ρ)) + λρ/(ν(1−ρ)); M/M/1:             Falin & Templeton (1997); §1.6
//	                            ρ(ρ+λ/ν)/(1−ρ), P(busy) = ρ
//	M_t/M/c+M transient         Kolmogorov forward equations, RK4, truncation K   Jennings et al. (1996); §1.5
//	M/M/c+M/K stationary        p_n ∝ Π λ/d_k, d_n = min(n,c)μ + (n−c)⁺θ           §1.5, §5 pitfall 8
//
// Accuracy: the Erlang A results are checked against 30-digit mpmath values
// for c up to 500 and y = λ/θ up to 1e4 (relative 1e-9, or absolute 1e-11
// for probabilities that are differences of closed forms). log A(x,z) is
// computed by the series, the integral A = x∫_0^∞ e^{−xv − z(e^{−v}−1)} dv,
// or gonum's regularised incomplete gamma (mathext.GammaIncReg/Comp),
// whichever is accurate and cheap for (x, z); the three agree to ≈1e-13
// for x = cμ/θ up to 1e9. Quadratures are adaptive 15-point
// Gauss–Legendre with a relative tolerance of 1e-11 (error estimates that
// overstate the true error by orders of magnitude).
package theory
