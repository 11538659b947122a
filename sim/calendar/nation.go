package calendar

import "fmt"

// Nation is one of the four UK nations, each with its own bank holidays and
// urgent-care services.
type Nation uint8

// The four nations. England and Wales share one bank-holiday list.
const (
	England Nation = iota
	Scotland
	Wales
	NorthernIreland
)

// numNations sizes the per-nation arrays in the calendar tables.
const numNations = 4

var nationNames = [numNations]string{"england", "scotland", "wales", "northern_ireland"}

// Nations returns the four nations in their declared order.
func Nations() []Nation {
	return []Nation{England, Scotland, Wales, NorthernIreland}
}

// String returns the nation's scenario-file name: "england", "scotland",
// "wales" or "northern_ireland".
func (n Nation) String() string {
	if n.Valid() {
		return nationNames[n]
	}
	return fmt.Sprintf("Nation(%d)", uint8(n))
}

// Valid reports whether n is one of the four declared nations.
func (n Nation) Valid() bool { return n < numNations }

// ParseNation returns the nation named s, which must be exactly one of the
// names String returns.
func ParseNation(s string) (Nation, error) {
	for i, name := range nationNames {
		if s == name {
			return Nation(i), nil
		}
	}
	return 0, fmt.Errorf("calendar: unknown nation %q (allowed: england, scotland, wales, northern_ireland)", s)
}

// MarshalText encodes the nation as its String name, so scenario files and
// reports use the same spelling.
func (n Nation) MarshalText() ([]byte, error) {
	if !n.Valid() {
		return nil, fmt.Errorf("calendar: cannot encode invalid %v", n)
	}
	return []byte(nationNames[n]), nil
}

// UnmarshalText decodes a nation name with ParseNation.
func (n *Nation) UnmarshalText(text []byte) error {
	v, err := ParseNation(string(text))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// mustValid panics on a nation outside the enum: passing one is a programming
// error, and indexing the tables with it would fail less clearly.
func (n Nation) mustValid() {
	if n >= numNations {
		panic(fmt.Sprintf("calendar: invalid nation %d", uint8(n)))
	}
}
