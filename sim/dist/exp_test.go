package dist

import (
	"math"
	"math/rand/v2"
	"testing"
)

// expAll must give math.Exp's bits, whichever way each value goes.
func TestExpAllMatchesMathExp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	special := []float64{
		0, math.Copysign(0, -1), 1, -1, 700, -700, math.Nextafter(700, 1), math.Nextafter(-700, -1),
		709.78, 709.79, 710, -745, -746, -708.5, -720, 1e-300, -1e-300, 5e-324,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, -math.MaxFloat64,
		0.5 * math.Ln2, 1.5 * math.Ln2, -0.5 * math.Ln2, 2.5 * math.Ln2, 1023.5 * math.Ln2,
	}
	var xs []float64
	xs = append(xs, special...)
	for range 200_000 {
		switch r.IntN(4) {
		case 0: // lognormal arguments, as Fill makes them
			xs = append(xs, 1.5+0.8*r.NormFloat64())
		case 1:
			xs = append(xs, (r.Float64()*2-1)*750)
		case 2: // near the rounding of x·log2e to an integer
			k := float64(r.IntN(2000) - 1000)
			xs = append(xs, (k+0.5)*math.Ln2+(r.Float64()-0.5)*1e-12)
		default:
			xs = append(xs, math.Float64frombits(r.Uint64()))
		}
	}
	// Every offset and length, so that special values fall in every lane
	// and the tail is taken one at a time.
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 16, 17, len(xs)} {
		for off := 0; off+n <= len(xs) && off < 64; off++ {
			got := append([]float64(nil), xs[off:off+n]...)
			expAll(got)
			for i, x := range xs[off : off+n] {
				want := math.Exp(x)
				if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(want) && math.IsNaN(got[i])) {
					t.Fatalf("exp(%v) (%#x) = %v (%#x), math.Exp gives %v (%#x)", x, math.Float64bits(x), got[i], math.Float64bits(got[i]), want, math.Float64bits(want))
				}
			}
		}
	}
	if !vecExp {
		t.Log("no AVX2 and FMA here: only math.Exp was compared with itself")
	}
}

// The vector version covers the whole of a group in range.
func TestExpLeadingStopsAtAGroupOutOfRange(t *testing.T) {
	if !vecExp {
		t.Skip("no AVX2 and FMA")
	}
	x := []float64{1, 2, 3, 4, 5, 6, 701, 8, 9, 10}
	if n := expLeading(x); n != 4 {
		t.Fatalf("took %d values, want 4 (the second group has 701)", n)
	}
	if n := expLeading(x[8:]); n != 0 {
		t.Fatalf("took %d of a group of two, want 0", n)
	}
}

func BenchmarkExp16(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var src, buf [16]float64
	for i := range src {
		src[i] = 1.5 + 0.8*r.NormFloat64()
	}
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for i, x := range src {
				buf[i] = math.Exp(x)
			}
		}
	})
	b.Run("expAll", func(b *testing.B) {
		for b.Loop() {
			buf = src
			expAll(buf[:])
		}
	})
}
