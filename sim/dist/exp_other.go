//go:build !amd64 || purego

package dist

// vecExp says whether a vector version of math.Exp runs: none here.
const vecExp = false

// expLeading replaces a leading part of x by math.Exp of each value and
// returns its length: none, where there is no vector version.
func expLeading(x []float64) int { return 0 }
