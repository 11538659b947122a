package model

import (
	"fmt"
	"runtime"
	"testing"
	"unsafe"

	"github.com/outagesim/outagesim/sim/calendar"
)

// ukConfig is the four nations at 2022 volumes (England 60,000 calls a
// day over five providers, Scotland 5,200, Wales 3,000, Northern Ireland
// 1,400) for the given number of weeks, with the Adastra-style outage.
func ukConfig(weeks int) *Config {
	cfg := &Config{
		Name:    fmt.Sprintf("uk-%dw", weeks),
		Start:   start2022,
		Horizon: float64(weeks) * 7 * 86400,
		Nations: []Nation{
			testNation(calendar.England, 60000), testNation(calendar.Scotland, 5200),
			testNation(calendar.Wales, 3000), testNation(calendar.NorthernIreland, 1400),
		},
		AnswerTarget: 60, AbandonThreshold: 30,
	}
	for i := range 4 {
		cfg.Services = append(cfg.Services, testService(fmt.Sprintf("eng-%d", i), calendar.England, 0.2125, "adastra"))
	}
	cfg.Services = append(cfg.Services,
		testService("eng-other", calendar.England, 0.15, "other-cms"),
		testService("nhs24", calendar.Scotland, 1, "adastra"),
		testService("111-wales", calendar.Wales, 1, "adastra"),
		testService("ni-ooh", calendar.NorthernIreland, 1, "adastra"),
	)
	cfg.Outage = outage()
	cfg.Outage.Waves = []Wave{
		{At: 21 * 86400, Services: []string{"eng-0", "eng-1"}, Fraction: 1},
		{At: 25 * 86400, Services: []string{"eng-2", "eng-3", "ooh:england"}, Fraction: 1},
	}
	return cfg
}

// BenchmarkUrgentCare runs one replication of the four-nation model at
// 2022 volumes (about two million patients in four weeks) per iteration,
// and reports patients and calls per second, events per call and the
// heap in use at the end of the run, which must not grow with the horizon.
func BenchmarkUrgentCare(b *testing.B) {
	for _, weeks := range []int{1, 4} {
		b.Run(fmt.Sprintf("weeks=%d", weeks), func(b *testing.B) {
			cfg := ukConfig(weeks)
			var patients, calls, events float64
			var heap uint64
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				r, err := Run(cfg, 1, uint64(i))
				if err != nil {
					b.Fatal(err)
				}
				patients += r.UK.Patients
				calls += r.UK.CallsOffered
				events += float64(r.Events)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				heap = max(heap, ms.HeapInuse)
			}
			s := b.Elapsed().Seconds()
			b.ReportMetric(patients/s, "patients/s")
			b.ReportMetric(calls/s, "calls/s")
			b.ReportMetric(events/calls, "events/call")
			b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
		})
	}
}

// A patient is touched again after every wait; two to a cache line (the
// uniforms kept as their block's 16-byte generator state) keeps those
// touches to at most one miss each and halves the patients' memory.
func TestPatientFitsHalfACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(patient{}); n > 32 {
		t.Errorf("patient is %d bytes, want at most 32", n)
	}
}
