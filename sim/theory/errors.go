package theory

import (
	"errors"
	"fmt"
	"math"
)

// ErrInvalidInput is wrapped by every error this package returns for
// parameters outside a formula's domain (c < 1, negative or non-finite
// rates, an unstable Erlang C system, and so on). Test with errors.Is.
var ErrInvalidInput = errors.New("theory: invalid input")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, args...)...)
}

// checkPositive reports an error unless v is finite and > 0.
func checkPositive(name string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return invalid("%s must be finite and > 0, got %v", name, v)
	}
	return nil
}

// checkNonNegative reports an error unless v is finite and >= 0.
func checkNonNegative(name string, v float64) error {
	if !(v >= 0) || math.IsInf(v, 0) {
		return invalid("%s must be finite and >= 0, got %v", name, v)
	}
	return nil
}

// checkTime reports an error unless t is >= 0 and not NaN (+Inf allowed).
func checkTime(name string, t float64) error {
	if !(t >= 0) {
		return invalid("%s must be >= 0, got %v", name, t)
	}
	return nil
}

func checkServers(c int) error {
	if c < 1 {
		return invalid("servers must be >= 1, got %d", c)
	}
	return nil
}
