// Package schedule runs a set of minioscript jobs on cron schedules in one long-running
// process: each run in a fresh VM (through the Runner the program passes in), never two
// runs of one job at once, a graceful stop on SIGTERM, a reload on SIGHUP, and
// Prometheus metrics.
package schedule

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/internal/luatable"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"github.com/robfig/cron/v3"
)

// Job is one entry of a jobs file.
type Job struct {
	Name     string
	Cron     string
	Script   string // absolute, or relative to the jobs file when read
	Args     []string
	Alias    string        // mc alias for the default connection
	Endpoint string        // endpoint for the default connection (keys from the environment)
	Timeout  time.Duration // 0: no limit
	DryRun   bool
	Lock     string // flock file shared with other processes; "" for none

	schedule cron.Schedule
}

// Next returns the job's next n run times after t.
func (j *Job) Next(t time.Time, n int) []time.Time {
	out := make([]time.Time, 0, n)
	for range n {
		t = j.schedule.Next(t)
		out = append(out, t)
	}
	return out
}

var jobName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// jobTable is a job as the jobs file writes it, read by the program's one Lua-table
// decoder: unknown fields and wrong types are refused, naming the field.
type jobTable struct {
	Name     string   `lua:",required"`
	Cron     string   `lua:",required"`
	Script   string   `lua:",required"`
	Args     []string `lua:",as=args"`
	Alias    string
	Endpoint string
	Timeout  string
	DryRun   bool
	Lock     string
}

// decoder reads job tables; args may hold numbers, written as Lua writes them.
var decoder = &luatable.Decoder{Named: map[string]luatable.Conv{
	"args": func(_ *lua.LState, v lua.LValue) (any, error) {
		t, ok := v.(*lua.LTable)
		if !ok {
			return nil, luatable.ErrType("list of strings", v)
		}
		if err := luatable.CheckSequence(t); err != nil {
			return nil, err
		}
		out := []string{}
		for i := 1; i <= t.Len(); i++ {
			switch a := t.RawGetInt(i).(type) {
			case lua.LString, lua.LNumber:
				out = append(out, a.String())
			default:
				return nil, fmt.Errorf("item %d: string expected, got %s", i, luatable.TypeName(a))
			}
		}
		return out, nil
	},
}}

// Load reads a jobs file: a Lua chunk returning a list of job tables. Every job is
// checked here, so a bad schedule, a missing script or a typo in a field is reported at
// start (or at reload) with the job's name, never at 3 a.m.
func Load(path string) ([]Job, error) {
	// A data file, not a program (bindings.DataFile), run for at most 2 seconds.
	L, v, err := bindings.DataFile(context.Background(), path, 2*time.Second)
	if err != nil {
		return nil, fmt.Errorf("jobs file: %w", err)
	}
	defer L.Close()
	list, ok := v.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("jobs file %s: must return a list of jobs, got %s", path, v.Type())
	}
	dir := filepath.Dir(path)
	var jobs []Job
	seen := map[string]bool{}
	for i := 1; i <= list.Len(); i++ {
		t, ok := list.RawGetInt(i).(*lua.LTable)
		if !ok {
			return nil, fmt.Errorf("jobs file %s: entry %d is not a table", path, i)
		}
		j, err := parseJob(L, t, dir)
		if err != nil {
			name := lua.LVAsString(t.RawGetString("name"))
			if name == "" {
				name = fmt.Sprintf("#%d", i)
			}
			return nil, fmt.Errorf("jobs file %s: job %s: %w", path, name, err)
		}
		if seen[j.Name] {
			return nil, fmt.Errorf("jobs file %s: job %s: name used twice", path, j.Name)
		}
		seen[j.Name] = true
		jobs = append(jobs, j)
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("jobs file %s: no jobs", path)
	}
	return jobs, nil
}

func parseJob(L *lua.LState, t *lua.LTable, dir string) (Job, error) {
	var jt jobTable
	if err := decoder.Decode(L, t, &jt); err != nil {
		return Job{}, err
	}
	j := Job{Name: jt.Name, Cron: jt.Cron, Script: jt.Script, Args: jt.Args, Alias: jt.Alias, Endpoint: jt.Endpoint,
		DryRun: jt.DryRun, Lock: jt.Lock}
	for _, f := range []struct{ name, value string }{{"name", j.Name}, {"cron", j.Cron}, {"script", j.Script}} {
		if f.value == "" {
			return j, fmt.Errorf("field '%s' must not be empty", f.name)
		}
	}
	var err error
	if !jobName.MatchString(j.Name) {
		return j, fmt.Errorf("name %q: use letters, digits, '.', '_' and '-'", j.Name)
	}
	if j.schedule, err = cron.ParseStandard(j.Cron); err != nil {
		return j, fmt.Errorf("cron %q: %w (five fields, or @daily, @hourly, @every 10m, ...)", j.Cron, err)
	}
	if every, ok := strings.CutPrefix(strings.TrimSpace(j.Cron), "@every "); ok {
		// cron rounds anything under a second up to one, and takes 0 and negative
		// intervals: a typo would run the job every second.
		if d, err := time.ParseDuration(strings.TrimSpace(every)); err != nil || d < time.Second {
			return j, fmt.Errorf("cron %q: @every needs an interval of at least 1s", j.Cron)
		}
	}
	if j.Alias != "" && j.Endpoint != "" {
		return j, fmt.Errorf("alias and endpoint both given: pick one")
	}
	if jt.Timeout != "" {
		if j.Timeout, err = time.ParseDuration(jt.Timeout); err != nil || j.Timeout <= 0 {
			return j, fmt.Errorf("timeout %q: a positive duration such as 90s or 20m", jt.Timeout)
		}
	}
	if !filepath.IsAbs(j.Script) {
		j.Script = filepath.Join(dir, j.Script)
	}
	if info, serr := os.Stat(j.Script); serr != nil || info.IsDir() {
		return j, fmt.Errorf("script %s: not a readable file", j.Script)
	}
	if j.Lock != "" && !filepath.IsAbs(j.Lock) {
		j.Lock = filepath.Join(dir, j.Lock)
	}
	return j, nil
}
