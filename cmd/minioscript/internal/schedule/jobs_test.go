package schedule

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.lua"), []byte("print(1)"), 0o644)
	jobsFile := filepath.Join(dir, "jobs.lua")
	write := func(body string) {
		if err := os.WriteFile(jobsFile, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`local every = "@every 10s"
return {
  { name = "a", cron = every, script = "a.lua", args = { "--older-than", 90 }, timeout = "20m", dry_run = true, lock = "a.lock" },
  { name = "b.nightly", cron = "CRON_TZ=Europe/Berlin 30 4 * * 0", script = "a.lua", alias = "prod" },
}`)
	jobs, err := Load(jobsFile)
	if err != nil {
		t.Fatal(err)
	}
	a := jobs[0]
	if len(jobs) != 2 || a.Script != filepath.Join(dir, "a.lua") || strings.Join(a.Args, " ") != "--older-than 90" ||
		a.Timeout != 20*time.Minute || !a.DryRun || a.Lock != filepath.Join(dir, "a.lock") || jobs[1].Alias != "prod" {
		t.Fatalf("%+v", jobs)
	}
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if next := a.Next(start, 2); !next[0].Equal(start.Add(10*time.Second)) || !next[1].Equal(start.Add(20*time.Second)) {
		t.Fatalf("next: %v", next)
	}
	for body, want := range map[string]string{
		`return {}`:  "no jobs",
		`return "x"`: "must return a list",
		`return {{ cron = "@daily", script = "a.lua" }}`:                                                                "job #1: field 'name' is required",
		`return {{ name = "x y", cron = "@daily", script = "a.lua" }}`:                                                  `name "x y"`,
		`return {{ name = "a", cron = "", script = "a.lua" }}`:                                                          "job a: field 'cron' must not be empty",
		`return {{ name = "a", cron = 5, script = "a.lua" }}`:                                                           "job a: field 'cron': string expected, got number",
		`return {{ name = "a", cron = "@daily", script = "a.lua" }, { name = "a", cron = "@daily", script = "a.lua" }}`: "job a: name used twice",
		`return {{ name = "a", cron = "* * *", script = "a.lua" }}`:                                                     "job a: cron",
		`return {{ name = "a", cron = "@daily", script = "nope.lua" }}`:                                                 "job a: script",
		`return {{ name = "a", cron = "@daily", script = "a.lua", timeout = "soon" }}`:                                  "job a: timeout",
		`return {{ name = "a", cron = "@daily", script = "a.lua", alias = "p", endpoint = "h:1" }}`:                     "job a: alias and endpoint",
		`return {{ name = "a", cron = "@daily", script = "a.lua", args = { {} } }}`:                                     "job a: field 'args': item 1: string expected, got table",
		`return {{ name = "a", cron = "@daily", script = "a.lua", dry_run = "yes" }}`:                                   "job a: field 'dry_run': boolean expected, got string",
		`return {{ name = "a", cron = "@daily", script = "a.lua", crom = 1 }}`:                                          "job a: unknown field 'crom' (want name, cron, script, args,",
		`while true do end`: "jobs file",
		// A data file: it reads no other file and loads no code.
		`return dofile("other.lua")`:       "attempt to call global 'dofile' (a nil value)",
		`return loadstring("return {}")()`: "attempt to call global 'loadstring' (a nil value)",
	} {
		write(body)
		if _, err := Load(jobsFile); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", body, err, want)
		}
	}
}
