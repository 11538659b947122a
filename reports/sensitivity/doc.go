// Package sensitivity is the one-at-a-time sensitivity analysis of a
// scenario's assumptions ("outagesim sensitivity"): each parameter is
// moved to a low and a high value while every other stays at its base, all
// runs share the base's seed and replications (common random numbers), and
// the effect of each move on the outage's impact is estimated with a 95%
// interval from the paired replications. Parameters are ranked by their
// swing (the distance between the low and the high effect) per KPI, and
// the results are rendered as a terminal ranking, Markdown, CSV and
// tornado charts.
//
// It must not load scenarios or read flags: the command finds the
// parameters in the scenario's source, builds each variant's
// configuration and hands them in.
package sensitivity
