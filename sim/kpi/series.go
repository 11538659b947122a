package kpi

import "github.com/outagesim/outagesim/sim/model"

// Names of the time series that are not KPIs. Series that share a KPI's
// name measure the same thing per day or per hour.
const (
	GPDemand                 = "gp_demand"
	GPCapacity               = "gp_capacity"
	GPFrom111                = "gp_from_111"
	GPSpilledToED            = "gp_spilled_to_ed"
	ReferralsSignposted      = "referrals_signposted"
	OOHTimeToConsultationMin = "ooh_time_to_consultation_min"
	OOHBacklog               = "ooh_backlog"
	AdvisersOnDuty           = "advisers_on_duty"
)

// DailyDef is one daily time series: its name, unit, and value on a day of
// a nation's (or the UK's) results; NaN where it is undefined that day.
type DailyDef struct {
	Name, Unit string
	Value      func(d *model.Day) float64
}

// HourlyDef is one hourly time series. Hourly values are summed across
// replications and averaged, so they must be additive; a ratio series
// sets Per, and is then Scale × ΣValue / ΣPer over the replications (a
// ratio of sums, NaN where ΣPer is zero).
type HourlyDef struct {
	Name, Unit string
	Value      func(h *model.Hour) float64
	Per        func(h *model.Hour) float64
	Scale      float64
}

var daily = []DailyDef{
	{CallsOffered, "calls", func(d *model.Day) float64 { return d.Offered }},
	{CallsAnswered, "calls", func(d *model.Day) float64 { return d.Answered }},
	{CallsAbandoned, "calls", func(d *model.Day) float64 { return d.Abandoned }},
	{AnsweredWithin60sPct, "%", func(d *model.Day) float64 { return pct(d.AnsweredWithinTarget, d.Answered) }},
	{GPDemand, "appointments", func(d *model.Day) float64 { return d.GPDemand() }},
	{GPCapacity, "appointments", func(d *model.Day) float64 { return d.GPCapacity }},
	{GPFrom111, "appointments", func(d *model.Day) float64 { return d.GPFrom111 }},
	{GPSpilledToED, "patients", func(d *model.Day) float64 { return d.GPSpilledToED }},
	{ReferralsElectronic, "referrals", func(d *model.Day) float64 { return d.Referrals[model.Electronic] }},
	{ReferralsManual, "referrals", func(d *model.Day) float64 { return d.Referrals[model.ManualSent] }},
	{ReferralsLost, "referrals", func(d *model.Day) float64 { return d.Referrals[model.Lost] }},
	{ReferralsSignposted, "referrals", func(d *model.Day) float64 { return d.Referrals[model.Signposted] }},
	{OOHTimeToConsultationMin, "minutes", func(d *model.Day) float64 { return d.OOHWaitSum / d.OOHConsults / 60 }},
	{EDDispositions, "patients", func(d *model.Day) float64 { return d.ED }},
	{AmbulanceDispositions, "patients", func(d *model.Day) float64 { return d.Ambulance }},
}

var hourly = []HourlyDef{
	{CallsOffered, "calls", func(h *model.Hour) float64 { return h.Offered }, nil, 0},
	{CallsAnswered, "calls", func(h *model.Hour) float64 { return h.Answered }, nil, 0},
	{CallsAbandoned, "calls", func(h *model.Hour) float64 { return h.Abandoned }, nil, 0},
	{OOHBacklog, "cases", func(h *model.Hour) float64 { return h.OOHWaiting }, nil, 0},
	{AdvisersOnDuty, "staff", func(h *model.Hour) float64 { return h.Advisers }, nil, 0},
	{AdviserUtilisationPct, "%", func(h *model.Hour) float64 { return h.AdviserBusy },
		func(h *model.Hour) float64 { return h.AdviserStaffed }, 100},
	{ClinicianUtilisationPct, "%", func(h *model.Hour) float64 { return h.ClinicianBusy },
		func(h *model.Hour) float64 { return h.ClinicianStaffed }, 100},
}

// Daily returns the daily series in chart and CSV order. The rows are
// shared: do not modify them.
func Daily() []DailyDef { return daily }

// Hourly returns the hourly series in chart and CSV order.
func Hourly() []HourlyDef { return hourly }
