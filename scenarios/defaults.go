package scenarios

import "reflect"

// merged returns a service's settings with the nation's defaults filled
// in: a field the service gives replaces the default, except systems,
// route_systems and redial, which merge field by field, and staffing, where
// factor and minimum merge but fixed, hour_of_week and occupancy are one
// choice.
func merged(def *ServiceSettings, svc *Service) ServiceSettings {
	var out ServiceSettings
	if svc != nil {
		out = svc.ServiceSettings
	}
	if def == nil {
		return out
	}
	if out.Systems == nil {
		out.Systems = def.Systems
	} else if def.Systems != nil {
		out.Systems = mergePointers(*def.Systems, *out.Systems)
	}
	if out.RouteSystems == nil {
		out.RouteSystems = def.RouteSystems
	} else if def.RouteSystems != nil {
		out.RouteSystems = mergePointers(*def.RouteSystems, *out.RouteSystems)
	}
	if out.Redial == nil {
		out.Redial = def.Redial
	} else if def.Redial != nil {
		out.Redial = mergePointers(*def.Redial, *out.Redial)
	}
	out.Advisers = mergeStaffing(def.Advisers, out.Advisers)
	out.Clinicians = mergeStaffing(def.Clinicians, out.Clinicians)
	for _, f := range []struct{ dst, src **Dist }{
		{&out.Handle, &def.Handle}, {&out.Patience, &def.Patience}, {&out.Consult, &def.Consult},
	} {
		if *f.dst == nil {
			*f.dst = *f.src
		}
	}
	return out
}

// mergePointers returns over with its nil fields taken from base.
func mergePointers[T any](base, over T) *T {
	out := over
	bv, ov := reflect.ValueOf(&base).Elem(), reflect.ValueOf(&out).Elem()
	for i := range ov.NumField() {
		if ov.Field(i).IsNil() {
			ov.Field(i).Set(bv.Field(i))
		}
	}
	return &out
}

func mergeStaffing(def, own *Staffing) *Staffing {
	if own == nil || def == nil {
		if own == nil {
			return def
		}
		return own
	}
	out := *own
	if out.Fixed == nil && out.HourOfWeek == nil && out.Occupancy == nil {
		out.Fixed, out.HourOfWeek, out.Occupancy = def.Fixed, def.HourOfWeek, def.Occupancy
	}
	if out.Factor == nil {
		out.Factor = def.Factor
	}
	if out.Minimum == nil {
		out.Minimum = def.Minimum
	}
	return &out
}
