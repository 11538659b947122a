package scenarios_test

import (
	"fmt"

	"github.com/outagesim/outagesim/scenarios"
)

// A textbook queue: one service, a constant rate, exponential times, no
// redial, and a mistake the loader points at.
func ExampleParse() {
	text := `description: one M/M/c queue
start: 2022-07-04 00:00
horizon: 1w
nations:
  england:
    demand: {flat: true, calls_per_day: 4800}
    dispositions: {self_care: 100%}
    services:
      queue:
        share: 100%
        advisers: {fixed: 14}
        handle: {dist: exponential, mean: 3 min}
`
	_, err := scenarios.Parse("queue.yaml", []byte(text))
	fmt.Println(err)

	s, _ := scenarios.Load("textbook-erlang-c")
	cfg, _ := s.Config()
	fmt.Println(cfg.Name, cfg.Horizon/86400, "days,", cfg.Services[0].Handle)
	// Output:
	// queue.yaml:12:43: nations.england.services.queue.handle.mean: "3 min" is not a duration: unknown unit "min" (allowed: a duration ≥ 0 such as 30s, 10m, 2h, 3d, 1w or 1h30m; a bare number is seconds)
	// textbook-erlang-c 28 days, exponential(mean=180)
}

// List shows the library.
func ExampleList() {
	for _, e := range scenarios.List()[:2] {
		fmt.Println(e.Name)
	}
	// Output:
	// adastra-2022
	// adastra-2022-mutual-aid
}
