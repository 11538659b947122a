package model

import "testing"

func TestRouteOf(t *testing.T) {
	want := map[Disposition]Route{
		Ambulance: RouteAmbulance, ED: RouteED, GPInHours: RouteGPBooking, OOHGP: RouteOOH,
		Pharmacy: RoutePharmacy, Dental: RouteDental, MentalHealth: RouteMentalHealth,
	}
	for d := range NumDispositions + 2 {
		r, ok := RouteOf(d)
		if w, has := want[d]; ok != has || r != w {
			t.Errorf("RouteOf(%d) = %v, %v; want %v, %v", d, r, ok, w, has)
		}
	}
}
