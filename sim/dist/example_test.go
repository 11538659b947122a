package dist_test

import (
	"fmt"

	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

func Example() {
	handle, err := dist.LogNormal(420, 0.8) // seconds: mean 7 min, CV 0.8
	if err != nil {
		panic(err)
	}
	slower := handle.Scale(1.25) // a contingency's handle-time multiplier
	fmt.Println(handle, "->", slower)
	fmt.Printf("mean %.0f s, cv %.2f\n", slower.Mean(), slower.CV())

	r := rng.New(1, 0, "handle-time")
	fmt.Printf("%.1f\n", slower.Sample(r))

	_, err = dist.Gamma(300, -1)
	fmt.Println(err)
	// Output:
	// lognormal(mean=420, cv=0.8) -> lognormal(mean=525, cv=0.8)
	// mean 525 s, cv 0.80
	// 495.5
	// gamma cv = -1: want a finite number > 0
}
