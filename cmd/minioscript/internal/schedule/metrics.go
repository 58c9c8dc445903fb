package schedule

import (
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the scheduler's Prometheus series, in a registry of their own (nothing
// global), with the Go and process collectors: goroutines, open fds and RSS are what a
// long-running scheduler should keep flat.
type Metrics struct {
	reg                               *prometheus.Registry
	runs, failures, skipped           *prometheus.CounterVec
	lastSuccess, lastDuration, active *prometheus.GaugeVec

	mu   sync.Mutex
	jobs map[string]bool
}

// NewMetrics builds the registry.
func NewMetrics() *Metrics {
	job := []string{"job"}
	counter := func(name, help string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: "minioscript_job_" + name, Help: help}, job)
	}
	gauge := func(name, help string) *prometheus.GaugeVec {
		return prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "minioscript_job_" + name, Help: help}, job)
	}
	m := &Metrics{
		reg:          prometheus.NewRegistry(),
		runs:         counter("runs_total", "Runs finished, by job."),
		failures:     counter("failures_total", "Runs that ended with a non-zero exit code, by job."),
		skipped:      counter("skipped_total", "Runs not started because the previous run was still going or the job's lock was held."),
		lastSuccess:  gauge("last_success_timestamp_seconds", "Start time of the last successful run (Unix seconds)."),
		lastDuration: gauge("last_duration_seconds", "Duration of the last finished run."),
		active:       gauge("running", "1 while a run of the job is going."),
		jobs:         map[string]bool{},
	}
	m.reg.MustRegister(m.runs, m.failures, m.skipped, m.lastSuccess, m.lastDuration, m.active,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// declare makes every job's series exist from the start (a dashboard shows 0, not
// nothing) and drops the series of jobs a reload removed.
func (m *Metrics) declare(names []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := map[string]bool{}
	for _, n := range names {
		now[n] = true
		m.runs.WithLabelValues(n)
		m.failures.WithLabelValues(n)
		m.skipped.WithLabelValues(n)
		m.active.WithLabelValues(n)
	}
	for n := range m.jobs {
		if !now[n] {
			for _, v := range []interface {
				DeleteLabelValues(...string) bool
			}{m.runs, m.failures, m.skipped, m.lastSuccess, m.lastDuration, m.active} {
				v.DeleteLabelValues(n)
			}
		}
	}
	m.jobs = now
}

func (m *Metrics) begin(job string) { m.active.WithLabelValues(job).Set(1) }

// end records a finished run; a run that found its lock held counts as skipped.
func (m *Metrics) end(job string, code, lockedCode int, start time.Time, d time.Duration) {
	m.active.WithLabelValues(job).Set(0)
	if code == lockedCode && code != 0 {
		m.skip(job)
		return
	}
	m.runs.WithLabelValues(job).Inc()
	m.lastDuration.WithLabelValues(job).Set(d.Seconds())
	if code == 0 {
		m.lastSuccess.WithLabelValues(job).Set(float64(start.UnixMilli()) / 1000)
	} else {
		m.failures.WithLabelValues(job).Inc()
	}
}

func (m *Metrics) skip(job string) { m.skipped.WithLabelValues(job).Inc() }

// Handler serves /metrics and /healthz (200 "ok" while healthy says so).
func (m *Metrics) Handler(healthy func() bool) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if !healthy() {
			http.Error(w, "stopping", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	return mux
}
