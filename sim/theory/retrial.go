package theory

// RetrialMG1 is the classical M/G/1 retrial queue (Falin & Templeton 1997):
// one server, no waiting room; a caller who finds the server busy joins the
// orbit and each orbiting caller retries independently at rate RetrialRate
// ν. validation.md §1.6. It needs ρ = Lambda·MeanService < 1 and
// ServiceSecondMoment >= MeanService².
type RetrialMG1 struct {
	Lambda              float64 // arrival rate λ of first attempts
	MeanService         float64 // E[S]
	ServiceSecondMoment float64 // E[S²]
	RetrialRate         float64 // ν, retrial rate per orbiting caller
}

// RetrialMM1 returns the M/M/1 retrial queue as a RetrialMG1 with
// exponential service (E[S²] = 2·E[S]²). Its MeanOrbit is
// ρ(ρ + λ/ν)/(1 − ρ).
func RetrialMM1(lambda, meanService, retrialRate float64) RetrialMG1 {
	return RetrialMG1{Lambda: lambda, MeanService: meanService,
		ServiceSecondMoment: 2 * meanService * meanService, RetrialRate: retrialRate}
}

func (r RetrialMG1) validate() (rho float64, err error) {
	if err := checkNonNegative("Lambda", r.Lambda); err != nil {
		return 0, err
	}
	if err := checkPositive("MeanService", r.MeanService); err != nil {
		return 0, err
	}
	if err := checkPositive("RetrialRate", r.RetrialRate); err != nil {
		return 0, err
	}
	if err := checkPositive("ServiceSecondMoment", r.ServiceSecondMoment); err != nil {
		return 0, err
	}
	// Allow round-off in E[S]² (e.g. a deterministic service's moments).
	if r.ServiceSecondMoment < r.MeanService*r.MeanService*(1-1e-12) {
		return 0, invalid("ServiceSecondMoment %v < MeanService² %v", r.ServiceSecondMoment,
			r.MeanService*r.MeanService)
	}
	rho = r.Lambda * r.MeanService
	if !(rho < 1) {
		return 0, invalid("retrial queue unstable: ρ = %v >= 1", rho)
	}
	return rho, nil
}

// MeanOrbit returns E[M] = λ²E[S²]/(2(1−ρ)) + λρ/(ν(1−ρ)).
func (r RetrialMG1) MeanOrbit() (float64, error) {
	rho, err := r.validate()
	if err != nil {
		return 0, err
	}
	l := r.Lambda
	return l*l*r.ServiceSecondMoment/(2*(1-rho)) + l*rho/(r.RetrialRate*(1-rho)), nil
}

// ProbBusy returns P(server busy) = ρ.
func (r RetrialMG1) ProbBusy() (float64, error) {
	return r.validate()
}

// MeanOrbitTime returns the mean time a caller spends in orbit, E[M]/λ
// (Little's law; 0 if λ = 0).
func (r RetrialMG1) MeanOrbitTime() (float64, error) {
	m, err := r.MeanOrbit()
	if err != nil || r.Lambda == 0 {
		return 0, err
	}
	return m / r.Lambda, nil
}

// RetrialsPerCaller returns the mean number of retrials per caller,
// ν·E[M]/λ (0 if λ = 0).
func (r RetrialMG1) RetrialsPerCaller() (float64, error) {
	t, err := r.MeanOrbitTime()
	if err != nil {
		return 0, err
	}
	return r.RetrialRate * t, nil
}
