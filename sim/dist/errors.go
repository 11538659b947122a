package dist

import "errors"

// ErrInvalid is matched (with errors.Is) by every error from this package's
// constructors and from Validate.
var ErrInvalid = errors.New("invalid distribution")

// ParamError is the error for a distribution parameter out of range. The
// scenario layer uses Param to point at the offending field.
type ParamError struct {
	Kind    Kind   // Kind is the distribution being built.
	Param   string // Param names the parameter, e.g. "cv" or "weights[3]".
	Got     string // Got is the value given, formatted.
	Allowed string // Allowed says what is allowed, e.g. "a finite number > 0".
}

// Error returns e.g. "lognormal cv = -1: want a finite number > 0".
func (e *ParamError) Error() string {
	return e.Kind.String() + " " + e.Param + " = " + e.Got + ": want " + e.Allowed
}

// Unwrap returns ErrInvalid.
func (e *ParamError) Unwrap() error { return ErrInvalid }
