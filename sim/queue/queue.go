package queue

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
)

// Class is a priority class of a queue. Lower indexes are served first.
type Class struct {
	Name string
	// Service is the handle (service) time.
	Service dist.Dist
	// Patience is how long a caller of this class waits before hanging up.
	// Nil means they never abandon.
	Patience *dist.Dist
	// Target is the service-level threshold: a job answered after waiting
	// at most Target counts as answered within target (60 s for 111 calls,
	// the call-back target for a clinical priority).
	Target float64
	// RedialProb is the probability that a caller who abandoned or was
	// blocked calls again, after RedialDelay.
	RedialProb  float64
	RedialDelay *dist.Dist
}

// Shift sets the number of staff from time At on.
type Shift struct {
	At    float64
	Staff int
}

// Config describes a queue.
type Config struct {
	Name    string
	Classes []Class
	// Staff is the number of servers at time zero; Rota changes it later.
	Staff int
	// Rota lists staffing changes in time order.
	Rota []Shift
	// MaxWaiting caps the number waiting (lines); arrivals beyond it are
	// blocked. Zero means no cap.
	MaxWaiting int
	// Lossy means there is no waiting room at all: a job that finds every
	// member of staff busy is blocked at once (Erlang B, classical retrial
	// queues).
	Lossy bool
	// AbandonThreshold splits abandoned calls into short abandons (waited
	// at most this long) and abandons after the threshold (30 s in the NHS
	// 111 KPI).
	AbandonThreshold float64
	// StaffAreasOnly keeps only the staff time integrals, ∫busy dt and
	// ∫staff dt (Stats.AreaWaiting and AreaOrbit stay 0): all that a
	// caller booking staff time needs, at half the work Sync does on every
	// event.
	StaffAreasOnly bool
}

// Validate checks the configuration and reports every problem found.
func (c *Config) Validate() error {
	var errs []error
	if len(c.Classes) == 0 {
		errs = append(errs, fmt.Errorf("queue %q: classes: at least one class is required", c.Name))
	}
	for i, cl := range c.Classes {
		where := fmt.Sprintf("queue %q: classes[%d] (%s)", c.Name, i, cl.Name)
		if err := cl.Service.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("%s: service: %w", where, err))
		}
		if cl.Patience != nil {
			if err := cl.Patience.Validate(); err != nil {
				errs = append(errs, fmt.Errorf("%s: patience: %w", where, err))
			}
		}
		if !(cl.Target >= 0) || math.IsInf(cl.Target, 1) {
			errs = append(errs, fmt.Errorf("%s: target %v: must be a finite time ≥ 0", where, cl.Target))
		}
		if !(cl.RedialProb >= 0 && cl.RedialProb <= 1) {
			errs = append(errs, fmt.Errorf("%s: redial probability %v: must be in [0, 1]", where, cl.RedialProb))
		}
		if cl.RedialProb > 0 {
			if cl.RedialDelay == nil {
				errs = append(errs, fmt.Errorf("%s: redial delay: required when the redial probability is above 0", where))
			} else if err := cl.RedialDelay.Validate(); err != nil {
				errs = append(errs, fmt.Errorf("%s: redial delay: %w", where, err))
			}
		}
	}
	if c.Staff < 0 {
		errs = append(errs, fmt.Errorf("queue %q: staff %d: must be ≥ 0", c.Name, c.Staff))
	}
	last := math.Inf(-1)
	for i, s := range c.Rota {
		if !(s.At >= last) || math.IsInf(s.At, 0) {
			errs = append(errs, fmt.Errorf("queue %q: rota[%d]: time %v: must be finite and not before the previous shift (%v)", c.Name, i, s.At, last))
		}
		if s.Staff < 0 {
			errs = append(errs, fmt.Errorf("queue %q: rota[%d]: staff %d: must be ≥ 0", c.Name, i, s.Staff))
		}
		last = s.At
	}
	if c.MaxWaiting < 0 {
		errs = append(errs, fmt.Errorf("queue %q: max waiting %d: must be ≥ 0 (0 means no cap)", c.Name, c.MaxWaiting))
	}
	if !(c.AbandonThreshold >= 0) {
		errs = append(errs, fmt.Errorf("queue %q: abandon threshold %v: must be ≥ 0", c.Name, c.AbandonThreshold))
	}
	return errors.Join(errs...)
}

// Streams are the random streams a queue draws from, one per purpose so
// that common random numbers stay aligned between runs. The queue may draw
// service times and patience a few ahead (dist.Ahead), so no stream may be
// shared with anything else.
type Streams struct {
	Service  *rand.Rand
	Patience *rand.Rand
	Redial   *rand.Rand
}

// Job is what the model sees of a caller or case.
type Job struct {
	// Ref is the model's own reference (a patient index, say).
	Ref int64
	// Class is the priority class.
	Class int32
	// Attempt counts redials: 0 for the first call.
	Attempt int32
	// Arrival is when this attempt arrived; FirstArrival when the first did.
	Arrival, FirstArrival float64
}

// Observer hears what happens to jobs. Its methods run inside event
// handling, at the kernel's current time, and may call back into the queue
// or the kernel.
type Observer interface {
	// Offered: a job arrived (first call or redial).
	Offered(q *Queue, j *Job)
	// Answered: service starts after waiting wait. The observer returns the
	// service time to use; service is the time drawn from the class.
	Answered(q *Queue, j *Job, wait, service float64) float64
	// Completed: service ended; the job leaves the queue after this call.
	Completed(q *Queue, j *Job)
	// Abandoned: the caller hung up after waiting wait; redial says whether
	// they will call again.
	Abandoned(q *Queue, j *Job, wait float64, redial bool)
	// Blocked: the waiting room was full.
	Blocked(q *Queue, j *Job, redial bool)
}

// NopObserver ignores everything and keeps the drawn service time. Embed it
// to implement only some of Observer.
type NopObserver struct{}

// Offered does nothing.
func (NopObserver) Offered(*Queue, *Job) {}

// Answered keeps the drawn service time.
func (NopObserver) Answered(_ *Queue, _ *Job, _, service float64) float64 { return service }

// Completed does nothing.
func (NopObserver) Completed(*Queue, *Job) {}

// Abandoned does nothing.
func (NopObserver) Abandoned(*Queue, *Job, float64, bool) {}

// Blocked does nothing.
func (NopObserver) Blocked(*Queue, *Job, bool) {}

// ClassStats are the counts of one class.
type ClassStats struct {
	Offered, Answered, AnsweredWithinTarget, Abandoned, Blocked, Completed uint64
	// WaitAnswered sums the waits of answered jobs.
	WaitAnswered float64
}

// Stats are running totals since the queue started or since ResetStats.
// The Area fields are time integrals up to the last Sync (AreaWaiting and
// AreaOrbit only without Config.StaffAreasOnly).
type Stats struct {
	Offered   uint64 // arrivals, redials included
	Answered  uint64 // service started
	Completed uint64 // service ended
	Abandoned uint64
	// AbandonedAfterThreshold counts abandons after waiting longer than
	// Config.AbandonThreshold.
	AbandonedAfterThreshold uint64
	Blocked                 uint64
	AnsweredWithinTarget    uint64
	RedialsScheduled        uint64 // redial decisions
	Redials                 uint64 // redials that arrived
	WaitAnswered            float64
	WaitAbandoned           float64
	// AreaWaiting, AreaBusy, AreaOrbit and AreaStaff are ∫Q dt, ∫busy dt,
	// ∫(callers waiting to redial) dt and ∫staff dt.
	AreaWaiting, AreaBusy, AreaOrbit, AreaStaff float64
	Classes                                     []ClassStats
}

const (
	evPatience int32 = iota
	evDone
	evRedial
	evRota
)

const (
	stFree uint8 = iota
	stWaiting
	stInService
	stOrbit
)

type job struct {
	Job
	service    float64 // drawn on arrival, so common random numbers stay aligned
	state      uint8
	prev, next int32
	patience   des.Handle
}

type line struct{ head, tail int32 }

// Queue is a multi-server queue running on a kernel.
//
// The fields an event reads come first, together with what they need of
// the configuration (cls, capWaiting, abandonAt), so that an event touches
// five or six of the queue's cache lines rather than ten: with a score of
// queues and thousands of callers between two events of one queue, its
// lines are seldom still in the first-level cache.
type Queue struct {
	k       *des.Kernel
	obs     Observer
	jobs    []job
	free    []int32
	waiting int
	busy    int
	staff   int
	orbit   int
	last    float64
	id      int32
	// staffOnly is cfg.StaffAreasOnly. When every class has the same
	// service time distribution, service times are drawn ahead (svc); when
	// every class has the same patience, so is patience (pat).
	staffOnly, sameSvc, samePat bool
	cls                         []classHot
	lines                       []line
	// capWaiting is the most that may wait: 0 if lossy, MaxInt without a
	// cap. abandonAt is cfg.AbandonThreshold.
	capWaiting int
	abandonAt  float64
	stats      Stats
	rs         Streams
	svc, pat   dist.Ahead
	cfg        Config
}

// classHot is what an event reads of a class, from Config.Classes.
type classHot struct {
	target, redialProb             float64
	service, patience, redialDelay *dist.Dist
}

// New validates cfg, registers a queue on k and schedules its rota. A nil
// observer is replaced by NopObserver. The queue owns rs's streams: it may
// draw service times ahead, so a stream shared with anything else would
// hand out different numbers.
func New(k *des.Kernel, cfg Config, rs Streams, obs Observer) (*Queue, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if rs.Service == nil || (rs.Patience == nil && hasPatience(cfg)) || (rs.Redial == nil && hasRedial(cfg)) {
		return nil, fmt.Errorf("queue %q: a random stream is missing", cfg.Name)
	}
	if obs == nil {
		obs = NopObserver{}
	}
	q := &Queue{cfg: cfg, k: k, obs: obs, rs: rs, staff: cfg.Staff, last: k.Now(), sameSvc: true, staffOnly: cfg.StaffAreasOnly,
		capWaiting: math.MaxInt, abandonAt: cfg.AbandonThreshold}
	switch {
	case cfg.Lossy:
		q.capWaiting = 0
	case cfg.MaxWaiting > 0:
		q.capWaiting = cfg.MaxWaiting
	}
	for i := range q.cfg.Classes {
		c := &q.cfg.Classes[i]
		q.cls = append(q.cls, classHot{target: c.Target, redialProb: c.RedialProb, service: &c.Service, patience: c.Patience, redialDelay: c.RedialDelay})
	}
	c0 := &q.cfg.Classes[0]
	q.samePat = c0.Patience != nil
	for _, c := range cfg.Classes[1:] {
		q.sameSvc = q.sameSvc && c.Service == c0.Service
		q.samePat = q.samePat && c.Patience != nil && *c.Patience == *c0.Patience
	}
	q.svc = dist.NewAhead(&c0.Service, rs.Service)
	if q.samePat {
		q.pat = dist.NewAhead(c0.Patience, rs.Patience)
	}
	q.lines = make([]line, len(cfg.Classes))
	for i := range q.lines {
		q.lines[i] = line{-1, -1}
	}
	q.stats.Classes = make([]ClassStats, len(cfg.Classes))
	q.id = k.Register(q)
	// One rota change is pending at a time, so a rota of thousands of hourly
	// changes does not sit in the calendar all run long.
	q.scheduleRota(0)
	return q, nil
}

func hasPatience(cfg Config) bool {
	for _, c := range cfg.Classes {
		if c.Patience != nil {
			return true
		}
	}
	return false
}

func hasRedial(cfg Config) bool {
	for _, c := range cfg.Classes {
		if c.RedialProb > 0 {
			return true
		}
	}
	return false
}

// Name is the queue's configured name.
func (q *Queue) Name() string { return q.cfg.Name }

// Config returns the queue's configuration, to read: the queue works from
// what New was given (a change to it would go unseen; the staff change by
// SetStaff).
func (q *Queue) Config() *Config { return &q.cfg }

// Waiting is the number of jobs waiting.
func (q *Queue) Waiting() int { return q.waiting }

// Busy is the number of staff serving a job (it can exceed Staff just
// after a shift ends, while the leavers finish their calls).
func (q *Queue) Busy() int { return q.busy }

// Staff is the number of staff on duty.
func (q *Queue) Staff() int { return q.staff }

// InOrbit is the number of callers who will redial.
func (q *Queue) InOrbit() int { return q.orbit }

// Sync brings the time integrals up to the kernel's current time.
func (q *Queue) Sync() {
	now := q.k.Now()
	dt := now - q.last
	if dt > 0 {
		s := &q.stats
		if !q.staffOnly {
			s.AreaWaiting += float64(q.waiting) * dt
			s.AreaOrbit += float64(q.orbit) * dt
		}
		s.AreaBusy += float64(q.busy) * dt
		s.AreaStaff += float64(q.staff) * dt
		q.last = now
	}
}

// Areas returns ∫busy dt and ∫staff dt up to now without copying the
// per-class totals, so the model can book occupancy every hour without
// allocating.
func (q *Queue) Areas() (busy, staff float64) {
	q.Sync()
	return q.stats.AreaBusy, q.stats.AreaStaff
}

// Stats returns the totals, with time integrals up to now.
func (q *Queue) Stats() Stats {
	q.Sync()
	s := q.stats
	s.Classes = append([]ClassStats(nil), q.stats.Classes...)
	return s
}

// ResetStats zeroes the totals (to drop a warm-up period); the queue's
// state is untouched.
func (q *Queue) ResetStats() {
	q.Sync()
	cls := q.stats.Classes
	clear(cls)
	q.stats = Stats{Classes: cls}
}

// SetStaff changes the number of staff on duty now. Extra staff start on
// waiting jobs at once; staff who leave finish their current job.
func (q *Queue) SetStaff(n int) {
	if n < 0 {
		panic(fmt.Sprintf("queue %q: SetStaff(%d)", q.cfg.Name, n))
	}
	q.Sync()
	q.staff = n
	q.startWaiting()
}

// Arrive offers a new job (a first call) of class c with the model's
// reference ref at the current time.
func (q *Queue) Arrive(ref int64, c int) {
	i := q.alloc()
	j := &q.jobs[i]
	now := q.k.Now()
	// One write of the whole slot: release leaves it as it was.
	*j = job{Job: Job{Ref: ref, Class: int32(c), Arrival: now, FirstArrival: now}}
	q.offer(i)
}

func (q *Queue) alloc() int32 {
	if n := len(q.free); n > 0 {
		i := q.free[n-1]
		q.free = q.free[:n-1]
		return i
	}
	q.jobs = append(q.jobs, job{})
	return int32(len(q.jobs) - 1)
}

func (q *Queue) release(i int32) {
	q.jobs[i].state = stFree
	q.free = append(q.free, i)
}

func (q *Queue) offer(i int32) {
	q.Sync()
	j := &q.jobs[i]
	c := j.Class
	q.stats.Offered++
	q.stats.Classes[c].Offered++
	q.obs.Offered(q, &j.Job)
	// Draw the caller's handle time and patience on arrival, whether or not
	// they are used, so that a caller keeps the same draws in an outage run
	// and its counterfactual.
	cl := &q.cls[c]
	j.service = q.drawService(cl)
	patience := math.Inf(1)
	if q.samePat {
		patience = q.pat.Draw()
	} else if cl.patience != nil {
		patience = cl.patience.Sample(q.rs.Patience)
	}
	if q.busy < q.staff && q.waiting == 0 {
		q.start(i, 0)
		return
	}
	if q.waiting >= q.capWaiting {
		q.stats.Blocked++
		q.stats.Classes[c].Blocked++
		redial := q.decideRedial(i)
		q.obs.Blocked(q, &j.Job, redial)
		q.leaveOrRedial(i, redial)
		return
	}
	q.enqueue(i)
	if !math.IsInf(patience, 1) {
		j.patience = q.k.ScheduleCancellable(q.k.Now()+patience, q.id, evPatience, i)
	}
	// A job may arrive while staff are free but others wait (only in the
	// instant between a staffing change and its start-up); serve in order.
	q.startWaiting()
}

// drawService draws the next service time, of class cl, from the service
// stream.
func (q *Queue) drawService(cl *classHot) float64 {
	if !q.sameSvc {
		return cl.service.Sample(q.rs.Service)
	}
	return q.svc.Draw()
}

func (q *Queue) enqueue(i int32) {
	j := &q.jobs[i]
	l := &q.lines[j.Class]
	j.state = stWaiting
	j.prev, j.next = l.tail, -1
	if l.tail >= 0 {
		q.jobs[l.tail].next = i
	} else {
		l.head = i
	}
	l.tail = i
	q.waiting++
}

func (q *Queue) unlink(i int32) {
	j := &q.jobs[i]
	l := &q.lines[j.Class]
	if j.prev >= 0 {
		q.jobs[j.prev].next = j.next
	} else {
		l.head = j.next
	}
	if j.next >= 0 {
		q.jobs[j.next].prev = j.prev
	} else {
		l.tail = j.prev
	}
	j.prev, j.next = -1, -1
	q.waiting--
}

// startWaiting serves waiting jobs, highest priority first, while staff are
// free.
func (q *Queue) startWaiting() {
	for q.busy < q.staff && q.waiting > 0 {
		for c := range q.lines {
			if h := q.lines[c].head; h >= 0 {
				q.unlink(h)
				q.k.Cancel(q.jobs[h].patience)
				q.start(h, q.k.Now()-q.jobs[h].Arrival)
				break
			}
		}
	}
}

func (q *Queue) start(i int32, wait float64) {
	j := &q.jobs[i]
	cl := &q.cls[j.Class]
	cs := &q.stats.Classes[j.Class]
	j.state = stInService
	j.patience = des.Handle{}
	q.busy++
	q.stats.Answered++
	cs.Answered++
	q.stats.WaitAnswered += wait
	cs.WaitAnswered += wait
	if wait <= cl.target {
		q.stats.AnsweredWithinTarget++
		cs.AnsweredWithinTarget++
	}
	// The observer may lengthen the call (slower paper working, a manual
	// hand-off) or keep the drawn time.
	svc := q.obs.Answered(q, &j.Job, wait, j.service)
	if !(svc >= 0) {
		panic(fmt.Sprintf("queue %q: service time %v", q.cfg.Name, svc))
	}
	q.k.Schedule(q.k.Now()+svc, q.id, evDone, i)
}

func (q *Queue) decideRedial(i int32) bool {
	cl := &q.cls[q.jobs[i].Class]
	return cl.redialProb > 0 && q.rs.Redial.Float64() < cl.redialProb
}

func (q *Queue) leaveOrRedial(i int32, redial bool) {
	if !redial {
		q.release(i)
		return
	}
	j := &q.jobs[i]
	j.state = stOrbit
	q.orbit++
	q.stats.RedialsScheduled++
	d := q.cls[j.Class].redialDelay.Sample(q.rs.Redial)
	q.k.Schedule(q.k.Now()+d, q.id, evRedial, i)
}

// scheduleRota schedules rota change i, if there is one.
func (q *Queue) scheduleRota(i int) {
	if i < len(q.cfg.Rota) {
		q.k.Schedule(max(q.cfg.Rota[i].At, q.k.Now()), q.id, evRota, int32(i))
	}
}

// Handle implements des.Handler.
func (q *Queue) Handle(k *des.Kernel, ev des.Event) {
	switch ev.Kind {
	case evDone:
		q.Sync()
		i := ev.Arg
		q.busy--
		q.stats.Completed++
		q.stats.Classes[q.jobs[i].Class].Completed++
		q.obs.Completed(q, &q.jobs[i].Job)
		q.release(i)
		q.startWaiting()
	case evPatience:
		q.Sync()
		i := ev.Arg
		j := &q.jobs[i]
		if j.state != stWaiting {
			panic(fmt.Sprintf("queue %q: patience fired for a job in state %d", q.cfg.Name, j.state))
		}
		q.unlink(i)
		j.patience = des.Handle{}
		wait := k.Now() - j.Arrival
		q.stats.Abandoned++
		q.stats.Classes[j.Class].Abandoned++
		q.stats.WaitAbandoned += wait
		if wait > q.abandonAt {
			q.stats.AbandonedAfterThreshold++
		}
		redial := q.decideRedial(i)
		q.obs.Abandoned(q, &j.Job, wait, redial)
		q.leaveOrRedial(i, redial)
	case evRedial:
		q.Sync()
		i := ev.Arg
		j := &q.jobs[i]
		q.orbit--
		q.stats.Redials++
		j.Attempt++
		j.Arrival = k.Now()
		q.offer(i)
	case evRota:
		q.SetStaff(q.cfg.Rota[ev.Arg].Staff)
		q.scheduleRota(int(ev.Arg) + 1)
	default:
		panic(fmt.Sprintf("queue %q: unknown event kind %d", q.cfg.Name, ev.Kind))
	}
}
