package model

import "fmt"

var functionNames = [NumFunctions]string{"call_handling", "referral", "booking", "records"}

var dispositionNames = [NumDispositions]string{
	"ambulance", "ed", "clinical_assessment", "gp_in_hours", "ooh_gp",
	"pharmacy", "dental", "mental_health", "other", "self_care",
}

var routeNames = [NumRoutes]string{"ooh", "gp_booking", "pharmacy", "dental", "mental_health", "ed", "ambulance"}

var modeNames = [...]string{"manual", "closed"}

// String is the function's name in scenario files.
func (f Function) String() string { return nameOf(functionNames[:], int(f)) }

// String is the disposition's name in scenario files and reports.
func (d Disposition) String() string { return nameOf(dispositionNames[:], int(d)) }

// String is the route's name in scenario files and reports.
func (r Route) String() string { return nameOf(routeNames[:], int(r)) }

// String is the mode's name in scenario files.
func (m Mode) String() string { return nameOf(modeNames[:], int(m)) }

func nameOf(names []string, i int) string {
	if i >= 0 && i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("invalid(%d)", i)
}

func parse[T ~uint8](what string, names []string, s string) (T, error) {
	for i, n := range names {
		if n == s {
			return T(i), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q: want one of %v", what, s, names)
}

// ParseFunction parses a function name.
func ParseFunction(s string) (Function, error) {
	return parse[Function]("function", functionNames[:], s)
}

// ParseDisposition parses a disposition name.
func ParseDisposition(s string) (Disposition, error) {
	return parse[Disposition]("disposition", dispositionNames[:], s)
}

// ParseRoute parses a route name.
func ParseRoute(s string) (Route, error) { return parse[Route]("route", routeNames[:], s) }

// ParseMode parses a contingency mode.
func ParseMode(s string) (Mode, error) { return parse[Mode]("mode", modeNames[:], s) }

// FunctionNames lists the function names in order.
func FunctionNames() []string { return append([]string(nil), functionNames[:]...) }

// DispositionNames lists the disposition names in order.
func DispositionNames() []string { return append([]string(nil), dispositionNames[:]...) }

// RouteNames lists the route names in order.
func RouteNames() []string { return append([]string(nil), routeNames[:]...) }

// RouteOf is the referral route a disposition travels by, if any.
func RouteOf(d Disposition) (Route, bool) {
	if int(d) >= len(routeOf) {
		return 0, false
	}
	r := routeOf[d]
	if r < 0 {
		return 0, false
	}
	return Route(r), true
}

// routeOf is each disposition's route, -1 for none: a table because the
// disposition is a random draw, which a switch over it mispredicted
// about once a call.
var routeOf = [NumDispositions]int8{
	Ambulance: int8(RouteAmbulance), ED: int8(RouteED), ClinicalAssessment: -1,
	GPInHours: int8(RouteGPBooking), OOHGP: int8(RouteOOH), Pharmacy: int8(RoutePharmacy),
	Dental: int8(RouteDental), MentalHealth: int8(RouteMentalHealth), OtherService: -1, SelfCare: -1,
}
