package schedule

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/minioscript/minioscript/stdlib/log"
	"github.com/robfig/cron/v3"
)

// Runner runs one job once and returns its exit code. lg is tagged with the job name
// and run id; ctx ends when the scheduler gives up on the run (grace period over).
type Runner func(ctx context.Context, job Job, runID string, lg *log.Logger) int

// Options configures a Scheduler.
type Options struct {
	Run Runner
	Log *log.Logger
	// Grace is how long running jobs may finish after a stop before they are cancelled.
	Grace time.Duration
	// Metrics receives run outcomes; nil: none.
	Metrics *Metrics
	// LockedCode is the exit code of a run that found its lock held by another process:
	// counted as skipped, not failed.
	LockedCode int
}

// Scheduler runs jobs on their schedules. Create it with New, then call Serve once.
type Scheduler struct {
	opts Options
	cron *cron.Cron
	hard context.Context // parent of every run; cancelled when the grace period ends
	kill context.CancelFunc

	mu       sync.Mutex
	entries  []cron.EntryID
	running  map[string]bool
	stopping bool
	runs     sync.WaitGroup
}

// New returns a scheduler for jobs; nothing runs before Serve.
func New(jobs []Job, o Options) *Scheduler {
	hard, kill := context.WithCancel(context.Background())
	s := &Scheduler{opts: o, cron: cron.New(cron.WithLogger(cron.DiscardLogger)), hard: hard, kill: kill,
		running: map[string]bool{}}
	s.set(jobs)
	return s
}

// set replaces the schedule. A run in progress goes on, and its job keeps being
// skipped until it ends, even if the new file changed it.
func (s *Scheduler) set(jobs []Job) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.entries {
		s.cron.Remove(id)
	}
	s.entries = s.entries[:0]
	names := make([]string, 0, len(jobs))
	for _, j := range jobs {
		names = append(names, j.Name)
		s.entries = append(s.entries, s.cron.Schedule(j.schedule, cron.FuncJob(func() { s.launch(j) })))
	}
	if s.opts.Metrics != nil {
		s.opts.Metrics.declare(names)
	}
}

// Serve runs the schedule until ctx ends, re-reading the jobs through load on every
// value from reload (a failed load keeps the old schedule). Then it starts no new run,
// waits up to the grace period for the running ones and cancels the rest. It reports
// whether any run had to be cancelled.
func (s *Scheduler) Serve(ctx context.Context, reload <-chan struct{}, load func() ([]Job, error)) (cancelled bool) {
	s.cron.Start()
	s.opts.Log.Log("info", "scheduler started", log.Field{Key: "jobs", Value: len(s.entries)})
	for {
		select {
		case <-reload:
			jobs, err := load()
			if err != nil {
				s.opts.Log.Log("error", "reload failed, keeping the old schedule: "+err.Error())
				continue
			}
			s.set(jobs)
			s.opts.Log.Log("info", "schedule reloaded", log.Field{Key: "jobs", Value: len(jobs)})
		case <-ctx.Done():
			return s.stop()
		}
	}
}

func (s *Scheduler) stop() (cancelled bool) {
	s.cron.Stop()
	s.mu.Lock()
	s.stopping = true
	n := len(s.running)
	s.mu.Unlock()
	defer s.kill()
	if n == 0 {
		s.opts.Log.Log("info", "scheduler stopped")
		return false
	}
	s.opts.Log.Log("info", "stopping: waiting for running jobs", log.Field{Key: "running", Value: n},
		log.Field{Key: "grace_s", Value: s.opts.Grace.Seconds()})
	done := make(chan struct{})
	go func() { s.runs.Wait(); close(done) }()
	select {
	case <-done:
		s.opts.Log.Log("info", "scheduler stopped")
		return false
	case <-time.After(s.opts.Grace):
	}
	s.opts.Log.Log("warn", "grace period over: cancelling running jobs")
	s.kill()
	<-done
	s.opts.Log.Log("info", "scheduler stopped")
	return true
}

// Healthy tells whether the scheduler is serving (not stopping).
func (s *Scheduler) Healthy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.stopping
}

// launch starts a run of j unless one is still going or the scheduler is stopping.
func (s *Scheduler) launch(j Job) {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		return
	}
	if s.running[j.Name] {
		s.mu.Unlock()
		s.opts.Log.Log("warn", "run skipped: the previous run is still going", log.Field{Key: "job", Value: j.Name})
		if s.opts.Metrics != nil {
			s.opts.Metrics.skip(j.Name)
		}
		return
	}
	s.running[j.Name] = true
	s.runs.Add(1)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.running, j.Name)
		s.mu.Unlock()
		s.runs.Done()
	}()
	s.runOne(s.hard, j)
}

// RunNow runs the named job once, at once, and returns its exit code.
func (s *Scheduler) RunNow(ctx context.Context, jobs []Job, name string) (int, error) {
	for _, j := range jobs {
		if j.Name == name {
			return s.runOne(ctx, j), nil
		}
	}
	return 0, fmt.Errorf("no job named %q", name)
}

func (s *Scheduler) runOne(ctx context.Context, j Job) int {
	id := newRunID()
	lg := s.opts.Log.With(log.Field{Key: "job", Value: j.Name}, log.Field{Key: "run_id", Value: id})
	lg.Log("info", "run started")
	start := time.Now()
	if s.opts.Metrics != nil {
		s.opts.Metrics.begin(j.Name)
	}
	code := s.opts.Run(ctx, j, id, lg)
	if s.opts.Metrics != nil {
		s.opts.Metrics.end(j.Name, code, s.opts.LockedCode, start, time.Since(start))
	}
	return code
}

// newRunID names one run in logs, the audit log and metrics-adjacent lines.
func newRunID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
