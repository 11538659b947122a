package textbook_test

import (
	"fmt"

	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/textbook"
)

// An M/M/12+M call centre at 100 calls an hour, one replication of 100
// hours: the NHS 111 KPIs as ratios of sums.
func ExampleModel_Run() {
	service, _ := dist.Exponential(360)
	patience, _ := dist.Exponential(300)
	m := textbook.Model{
		Rate: 100.0 / 3600, Service: service, Patience: &patience, Servers: 12,
		AnswerTarget: 60, AbandonThreshold: 30, WarmUp: 4 * 3600, Horizon: 100 * 3600,
	}
	r, err := m.Run(1, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("calls offered %d\n", r.Offered)
	fmt.Printf("answered within 60 s %.1f%%\n", 100*r.AnsweredWithinTarget())
	fmt.Printf("abandoned after 30 s %.1f%%\n", 100*r.AbandonedAfterThreshold())
	// Output:
	// calls offered 10090
	// answered within 60 s 89.6%
	// abandoned after 30 s 3.6%
}
