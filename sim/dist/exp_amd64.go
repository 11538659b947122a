//go:build amd64 && !purego

package dist

import "golang.org/x/sys/cpu"

// vecExp says whether expAVX2 may run. math.Exp takes its FMA path on any
// processor with AVX and FMA, so where this holds the two agree bit for bit.
var vecExp = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func expAVX2(x []float64) int

// expLeading replaces a leading part of x by math.Exp of each value and
// returns its length (see expAVX2).
func expLeading(x []float64) int {
	if !vecExp {
		return 0
	}
	return expAVX2(x)
}
