// Command bench is the benchmark suite behind scripts/bench.sh: it starts its own MinIO
// servers on loopback, runs every measurement several times in rounds (so a busy
// machine slows every variant alike), and writes one markdown table of medians with
// min and max, the ratios taken within each round.
package main

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/internal/workpool"
)

type config struct {
	n, mcN, argonN, runs, reads, listUsers, svcAccounts, startups  int
	applyUsers, applyGroups                                        int
	stateUsers, stateGroups, statePolicies, stateSvc, stateBuckets int
	stateMany                                                      int
	minioscript, mc, out, only, stateOver                          string
	goBench                                                        bool
}

func main() {
	var c config
	flag.IntVar(&c.n, "n", 1000, "users per onboarding run")
	flag.IntVar(&c.mcN, "mc-n", 20, "users per run of the mc shell loop")
	flag.IntVar(&c.argonN, "argon-n", 40, "users per run with kdf = argon2id")
	flag.IntVar(&c.runs, "runs", 3, "rounds; each figure is the median of this many runs")
	flag.IntVar(&c.reads, "reads", 300, "calls per read operation and run")
	flag.IntVar(&c.listUsers, "list-users", 10000, "users on the listing server")
	flag.IntVar(&c.svcAccounts, "svc-accounts", 1000, "service accounts of the listed user")
	flag.IntVar(&c.applyUsers, "apply-users", 5000, "users of the bulk apply")
	flag.IntVar(&c.applyGroups, "apply-groups", 100, "groups of the bulk apply")
	flag.IntVar(&c.stateUsers, "state-users", 10000, "users of the exported deployment")
	flag.IntVar(&c.stateGroups, "state-groups", 1000, "groups of the exported deployment")
	flag.IntVar(&c.statePolicies, "state-policies", 500, "policies of the exported deployment")
	flag.IntVar(&c.stateSvc, "state-svc-accounts", 2000, "service accounts of the exported deployment")
	flag.IntVar(&c.stateBuckets, "state-buckets", 200, "buckets (with settings) of the exported deployment")
	flag.StringVar(&c.stateOver, "state-over", "http,tls", "comma list of the state section's transports (http, tls)")
	flag.IntVar(&c.stateMany, "state-many", 5, "copies of the TLS deployment planned and exported at once (--alias repeated; 0: none)")
	flag.IntVar(&c.startups, "startups", 10, "start-ups timed per run")
	flag.StringVar(&c.minioscript, "minioscript", "bin/minioscript", "the program under test")
	flag.StringVar(&c.mc, "mc", "", "mc binary (empty: no mc rows)")
	flag.StringVar(&c.out, "o", "", "also write the table to this file")
	flag.StringVar(&c.only, "only", "", "comma list of sections to run (onboard,reads,memory,list,apply,state,startup,go); empty: all")
	flag.BoolVar(&c.goBench, "gobench", true, "run the Go micro-benchmarks (go test -bench)")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// row is one line of the table: a figure measured once per round.
type row struct {
	section, name, unit, target, note string
	vals                              []float64
}

type suite struct {
	c    config
	rows []*row
	dir  string
	log  io.Writer
	cpu  float64 // CPU seconds (user + system) of the last program run or Go loop
}

func (s *suite) row(section, name, unit, target string) *row {
	for _, r := range s.rows {
		if r.section == section && r.name == name {
			return r
		}
	}
	r := &row{section: section, name: name, unit: unit, target: target}
	s.rows = append(s.rows, r)
	return r
}

func (s *suite) add(section, name, unit, target string, v float64) {
	r := s.row(section, name, unit, target)
	r.vals = append(r.vals, v)
	fmt.Fprintf(s.log, "  %-12s %-60s %10.2f %s\n", section, name, v, unit)
}

func (s *suite) note(section, name, note string) { s.row(section, name, "", "").note = note }

func (s *suite) want(section string) bool {
	if s.c.only == "" {
		return true
	}
	return slices.Contains(strings.Split(s.c.only, ","), section)
}

func run(c config) error {
	dir, err := os.MkdirTemp("", "minioscript-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s := &suite{c: c, dir: dir, log: os.Stderr}
	if err := writeScripts(dir); err != nil {
		return err
	}
	started := time.Now().UTC()
	load0 := loadAvg()
	ctx := context.Background()

	srv, err := testserver.Start(ctx, filepath.Join(dir, "srv1"), testserver.Config{})
	if err != nil {
		return fmt.Errorf("starting MinIO: %w", err)
	}
	defer srv.Stop()
	fmt.Fprintf(s.log, "bench: MinIO at %s\n", srv.URL())
	env := serverEnv(srv)
	cl, err := srv.Client(admin.Options{})
	if err != nil {
		return err
	}

	if s.want("onboard") {
		if err := s.onboarding(ctx, srv, cl, env); err != nil {
			return err
		}
	}
	if s.want("reads") || s.want("memory") {
		if err := s.readsAndMemory(ctx, cl, env); err != nil {
			return err
		}
	}
	if s.want("list") {
		if err := s.listing(ctx, dir); err != nil {
			return err
		}
	}
	if s.want("startup") {
		s.startup()
	}
	if s.want("go") && c.goBench {
		if err := s.goBenchmarks(); err != nil {
			return err
		}
	}
	if s.want("apply") {
		if err := s.apply(env); err != nil {
			return err
		}
	}
	if s.want("state") {
		if err := s.exportPlan(ctx, dir); err != nil {
			return err
		}
	}

	var b strings.Builder
	s.write(&b, started, load0, loadAvg())
	fmt.Print(b.String())
	if c.out != "" {
		return os.WriteFile(c.out, []byte(b.String()), 0o644)
	}
	return nil
}

//go:embed lua/*.lua
var scripts embed.FS

func writeScripts(dir string) error {
	entries, err := scripts.ReadDir("lua")
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := scripts.ReadFile("lua/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func serverEnv(srv *testserver.Server) []string {
	return append(os.Environ(), "MINIO_ENDPOINT="+srv.URL(),
		"MINIO_ACCESS_KEY="+testserver.RootUser, "MINIO_SECRET_KEY="+testserver.RootPassword)
}

// ---- onboarding ----

// onboarding: user_add + group_add per user, the policy already set on the groups.
func (s *suite) onboarding(ctx context.Context, srv *testserver.Server, cl *admin.Client, env []string) error {
	const sec = "onboarding"
	target := map[string]string{
		"minio.parallel, 4 workers": "≥ 300 calls/s", "minio.parallel, 8 workers": "≥ 300 calls/s",
	}
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "onboarding round %d/%d\n", round+1, s.c.runs)
		rates, cpu := map[string]float64{}, map[string]float64{}
		measure := func(name string, n int, f func(prefix string) (time.Duration, error)) error {
			prefix := fmt.Sprintf("b%d-%s-", round, shortName(name))
			if err := setGroupPolicies(ctx, cl, prefix); err != nil {
				return err
			}
			s.cpu = 0
			d, err := f(prefix)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			users := float64(n) / d.Seconds()
			rates[name] = users
			s.add(sec, name+" (N="+strconv.Itoa(n)+")", "users/s", "", users)
			s.add(sec, name+" (N="+strconv.Itoa(n)+"): admin calls/s", "calls/s", target[name], 2*users)
			if s.cpu > 0 {
				cpu[name] = s.cpu / float64(n) * 1000
				s.add("client CPU", name+": CPU per user", "ms", "", cpu[name])
			}
			return nil
		}
		lua := func(mode string, workers int, extra ...string) func(string) (time.Duration, error) {
			return func(prefix string) (time.Duration, error) {
				n := s.c.n
				if len(extra) > 0 {
					n = s.c.argonN
				}
				args := append(extra, filepath.Join(s.dir, "onboard.lua"), mode, strconv.Itoa(workers), strconv.Itoa(n), prefix)
				out, _, err := s.runProgram(env, s.c.minioscript, args...)
				if err != nil {
					return 0, err
				}
				return seconds(out)
			}
		}
		goLoop := func(workers int) func(string) (time.Duration, error) {
			return func(prefix string) (time.Duration, error) {
				before := cpuSeconds()
				d, err := goOnboard(ctx, cl, prefix, s.c.n, workers)
				s.cpu = cpuSeconds() - before
				return d, err
			}
		}
		steps := []struct {
			name string
			n    int
			f    func(string) (time.Duration, error)
		}{
			// Pairs compared in a ratio run back to back, so a change in the machine's
			// load between them is as small as it can be.
			{"minioscript sequential loop", s.c.n, lua("sequential", 1)},
			{"minio.parallel, 1 worker", s.c.n, lua("parallel", 1)},
			{"Go loop over admin/, 1 in flight", s.c.n, goLoop(1)},
			{"minio.parallel, 4 workers", s.c.n, lua("parallel", 4)},
			{"Go loop over admin/, 4 in flight", s.c.n, goLoop(4)},
			{"minio.parallel, 8 workers", s.c.n, lua("parallel", 8)},
			{"Go loop over admin/, 8 in flight", s.c.n, goLoop(8)},
			{"minioscript sequential, kdf = argon2id", s.c.argonN, lua("sequential", 1, "--kdf", "argon2id")},
		}
		if s.c.mc != "" {
			steps = append(steps, struct {
				name string
				n    int
				f    func(string) (time.Duration, error)
			}{"mc admin shell loop", s.c.mcN, func(prefix string) (time.Duration, error) { return s.mcLoop(srv, prefix) }})
		}
		for _, st := range steps {
			if err := measure(st.name, st.n, st.f); err != nil {
				return err
			}
		}
		best := max(rates["minio.parallel, 4 workers"], rates["minio.parallel, 8 workers"])
		ratio := func(name, target string, num, den float64) {
			if num > 0 && den > 0 {
				s.add("ratios", name, "×", target, num/den)
			}
		}
		ratio("minio.parallel (best of 4/8 workers) ÷ mc shell loop", "≥ 40×", best, rates["mc admin shell loop"])
		ratio("minio.parallel (best of 4/8 workers) ÷ minioscript sequential loop", "≥ 1.4×", best, rates["minioscript sequential loop"])
		for _, w := range []string{"1 worker", "4 workers", "8 workers"} {
			inflight := strings.Fields(w)[0] + " in flight"
			ratio("minio.parallel, "+w+" ÷ Go loop, "+inflight, "≥ 0.9", rates["minio.parallel, "+w], rates["Go loop over admin/, "+inflight])
			ratio("client CPU per user: minio.parallel, "+w+" ÷ Go loop, "+inflight, "", cpu["minio.parallel, "+w], cpu["Go loop over admin/, "+inflight])
		}
	}
	s.note("onboarding", "Python SDK (minio-py) loop", pythonNote())
	return nil
}

func shortName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()[:min(b.Len(), 12)]
}

const groupsPerRun = 10

// setGroupPolicies creates the run's groups with one member and maps readwrite to them,
// so onboarding itself is user_add + group_add.
func setGroupPolicies(ctx context.Context, cl *admin.Client, prefix string) error {
	seed := prefix + "seed"
	if _, err := cl.UserAdd(ctx, seed, "bench-secret-1"); err != nil {
		return err
	}
	for g := range groupsPerRun {
		name := fmt.Sprintf("%sg%d", prefix, g)
		if _, err := cl.GroupAdd(ctx, name, []string{seed}); err != nil {
			return err
		}
		if _, err := cl.PolicySet(ctx, "readwrite", name, true); err != nil {
			return err
		}
	}
	return nil
}

func goOnboard(ctx context.Context, cl *admin.Client, prefix string, n, workers int) (time.Duration, error) {
	start := time.Now()
	_, first := workpool.Pool{Workers: workers, FailFast: true}.Run(ctx, n, func(ctx context.Context, _, i int) error {
		u := fmt.Sprintf("%s%d", prefix, i+1)
		if _, err := cl.UserAdd(ctx, u, "bench-secret-1"); err != nil {
			return err
		}
		_, err := cl.GroupAdd(ctx, fmt.Sprintf("%sg%d", prefix, (i+1)%groupsPerRun), []string{u})
		return err
	})
	return time.Since(start), first
}

func (s *suite) mcLoop(srv *testserver.Server, prefix string) (time.Duration, error) {
	script := `for i in $(seq 1 "$N"); do
  "$MC" -C "$MCDIR" --quiet admin user add bench "$P$i" bench-secret-1 >/dev/null || exit 1
  "$MC" -C "$MCDIR" --quiet admin group add bench "$P"g$((i % 10)) "$P$i" >/dev/null || exit 1
done`
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = append(os.Environ(), "MC="+s.c.mc, "MCDIR="+filepath.Join(s.dir, "mc"), "N="+strconv.Itoa(s.c.mcN), "P="+prefix,
		"MC_HOST_bench=http://"+testserver.RootUser+":"+testserver.RootPassword+"@"+srv.Addr)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%w: %s", err, errb.String())
	}
	return time.Since(start), nil
}

func pythonNote() string {
	if exec.Command("python3", "-c", "import minio").Run() == nil {
		return "skipped: the Python SDK is installed but this suite has no Python loop yet"
	}
	return "skipped: the minio Python SDK is not installed here (PyPI is not reachable from this machine); the issue's earlier measurement was about 10 users/s"
}

// ---- reads and memory ----

func (s *suite) readsAndMemory(ctx context.Context, cl *admin.Client, env []string) error {
	user, group := "bench-reader", "bench-readers"
	if _, err := cl.UserAdd(ctx, user, "bench-secret-1"); err != nil {
		return err
	}
	if _, err := cl.GroupAdd(ctx, group, []string{user}); err != nil {
		return err
	}
	for i := range 2 {
		if _, err := cl.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: user, AccessKey: fmt.Sprintf("benchsa%d", i), SecretKey: "bench-secret-sa-1"}); err != nil {
			return err
		}
	}
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "reads round %d/%d\n", round+1, s.c.runs)
		if s.want("reads") {
			out, _, err := s.runProgram(env, s.c.minioscript, filepath.Join(s.dir, "reads.lua"), strconv.Itoa(s.c.reads), user, group)
			if err != nil {
				return err
			}
			luaLat, err := parseLatencies(out)
			if err != nil {
				return err
			}
			goLat, err := goReads(ctx, cl, s.c.reads, user, group)
			if err != nil {
				return err
			}
			for _, op := range []string{"user_info", "policy_info", "group_info"} {
				l, g := luaLat[op], goLat[op]
				s.add("reads", op+": minioscript p50", "ms", "", percentile(l, 50))
				s.add("reads", op+": Go p50", "ms", "", percentile(g, 50))
				s.add("reads", op+": minioscript p99", "ms", "", percentile(l, 99))
				s.add("reads", op+": Go p99", "ms", "", percentile(g, 99))
				s.add("ratios", op+": minioscript p50 ÷ Go p50", "×", "≤ 1.05", percentile(l, 50)/percentile(g, 50))
			}
		}
		if s.want("memory") {
			out, rss, err := s.runProgram(env, s.c.minioscript, filepath.Join(s.dir, "sealed_reads.lua"), user, "8", "48")
			if err != nil {
				return err
			}
			d, err := seconds(out)
			if err != nil {
				return err
			}
			s.add("memory", "minio.parallel, 8 workers × 48 list_service_account (sealed): calls/s", "calls/s", "", 48/d.Seconds())
			s.add("memory", "minio.parallel, 8 workers × 48 list_service_account (sealed): peak RSS", "MiB", "< 300 MiB", rss)
		}
	}
	return nil
}

func goReads(ctx context.Context, cl *admin.Client, n int, user, group string) (map[string][]float64, error) {
	out := map[string][]float64{}
	ops := []struct {
		name string
		f    func() error
	}{
		{"user_info", func() error { _, err := cl.UserInfo(ctx, user); return err }},
		{"policy_info", func() error { _, err := cl.PolicyInfo(ctx, "readwrite"); return err }},
		{"group_info", func() error { _, err := cl.GroupInfo(ctx, group); return err }},
	}
	for _, op := range ops {
		for range n {
			start := time.Now()
			if err := op.f(); err != nil {
				return nil, err
			}
			out[op.name] = append(out[op.name], float64(time.Since(start).Microseconds())/1000)
		}
	}
	return out, nil
}

// ---- listing ----

func (s *suite) listing(ctx context.Context, dir string) error {
	srv, err := testserver.Start(ctx, filepath.Join(dir, "srv2"), testserver.Config{})
	if err != nil {
		return err
	}
	defer srv.Stop()
	cl, err := srv.Client(admin.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.log, "listing: importing %d users and %d service accounts\n", s.c.listUsers, s.c.svcAccounts)
	start := time.Now()
	snap := &admin.IAMSnapshot{Users: map[string]admin.IAMUser{}, ServiceAccounts: map[string]admin.IAMServiceAccount{}}
	for i := range s.c.listUsers {
		snap.Users[fmt.Sprintf("lu-%05d", i)] = admin.IAMUser{SecretKey: "bench-secret-1", Status: "enabled"}
	}
	for i := range s.c.svcAccounts {
		ak := fmt.Sprintf("lsa%05d", i)
		snap.ServiceAccounts[ak] = admin.IAMServiceAccount{Parent: "lu-00000", AccessKey: ak, SecretKey: "bench-secret-sa-1"}
	}
	zip, err := snap.Zip()
	if err != nil {
		return err
	}
	if _, err := cl.ImportIAM(ctx, zip); err != nil {
		return err
	}
	fmt.Fprintf(s.log, "listing: set-up took %s\n", time.Since(start).Round(time.Second))
	env := serverEnv(srv)
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "listing round %d/%d\n", round+1, s.c.runs)
		for _, op := range []struct{ name, arg, target, rssTarget string }{
			{"user_list", "", "< 400 ms", "< 120 MiB"},
			{"list_service_account", "lu-00000", "", ""},
		} {
			out, rss, err := s.runProgram(env, s.c.minioscript, filepath.Join(s.dir, "list.lua"), op.name, op.arg)
			if err != nil {
				return err
			}
			f := strings.Fields(out)
			if len(f) != 2 {
				return fmt.Errorf("list.lua printed %q", out)
			}
			secs, _ := strconv.ParseFloat(f[0], 64)
			what := fmt.Sprintf("%s (%s entries) to a Lua table", op.name, f[1])
			s.add("listing", what+": time", "ms", op.target, secs*1000)
			s.add("listing", what+": peak RSS", "MiB", op.rssTarget, rss)
		}
	}
	return nil
}

// ---- bulk apply ----

// apply: admin:apply of a state with applyUsers users in applyGroups groups (a new
// state each round, so each first apply creates everything), then the same apply again,
// which finds nothing to change.
func (s *suite) apply(env []string) error {
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "apply round %d/%d\n", round+1, s.c.runs)
		out, rss, err := s.runProgram(env, s.c.minioscript, filepath.Join(s.dir, "apply.lua"),
			strconv.Itoa(s.c.applyUsers), strconv.Itoa(s.c.applyGroups), fmt.Sprintf("ap%d-", round))
		if err != nil {
			return err
		}
		f := strings.Fields(out)
		if len(f) != 3 {
			return fmt.Errorf("apply.lua printed %q", out)
		}
		first, _ := strconv.ParseFloat(f[0], 64)
		again, _ := strconv.ParseFloat(f[1], 64)
		what := fmt.Sprintf("admin:apply, %d users in %d groups", s.c.applyUsers, s.c.applyGroups)
		s.add("apply", what+" ("+f[2]+" created): time", "s", "", first)
		s.add("apply", what+": users/s", "users/s", "", float64(s.c.applyUsers)/first)
		s.add("apply", what+", again (nothing to change): time", "s", "", again)
		s.add("apply", what+": peak RSS", "MiB", "", rss)
	}
	return nil
}

// ---- start-up ----

func (s *suite) startup() {
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "start-up round %d/%d\n", round+1, s.c.runs)
		type prog struct {
			name, target, rssTarget string
			args                    []string
		}
		progs := []prog{{"minioscript -e 'return'", "≤ mc --version", "< 30 MiB", []string{s.c.minioscript, "-e", "return"}}}
		if s.c.mc != "" {
			progs = append(progs, prog{"mc --version", "", "", []string{s.c.mc, "--version"}})
		}
		walls := map[string]float64{}
		for _, p := range progs {
			var ws, rs []float64
			for range s.c.startups {
				start := time.Now()
				_, rss, err := s.runProgram(nil, p.args[0], p.args[1:]...)
				if err != nil {
					fmt.Fprintln(s.log, "bench:", p.name, err)
					break
				}
				ws = append(ws, float64(time.Since(start).Microseconds())/1000)
				rs = append(rs, rss)
			}
			if len(ws) == 0 {
				continue
			}
			walls[p.name] = percentile(ws, 50)
			s.add("start-up", p.name+": wall time (median of "+strconv.Itoa(s.c.startups)+")", "ms", p.target, walls[p.name])
			s.add("start-up", p.name+": peak RSS", "MiB", p.rssTarget, percentile(rs, 50))
		}
		if m := walls["mc --version"]; m > 0 {
			s.add("ratios", "start-up wall time: minioscript ÷ mc --version", "×", "≤ 1", walls[progs[0].name]/m)
		}
	}
}

// ---- Go micro-benchmarks ----

func (s *suite) goBenchmarks() error {
	for _, b := range []struct{ pkg, pattern string }{
		{"./admin", "^(BenchmarkSign|BenchmarkSealOpen)$"},
		{"./stdlib/json", "^BenchmarkDecodeUserList$"},
	} {
		fmt.Fprintf(s.log, "go test -bench %s %s\n", b.pattern, b.pkg)
		cmd := exec.Command("go", "test", "-run", "^$", "-bench", b.pattern, "-count", strconv.Itoa(s.c.runs), b.pkg)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("go test -bench %s: %w: %s%s", b.pkg, err, out, errb.String())
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || f[3] != "ns/op" {
				continue
			}
			ns, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				continue
			}
			name := strings.TrimPrefix(f[0], "Benchmark")
			if i := strings.LastIndex(name, "-"); i > 0 {
				name = name[:i] // the GOMAXPROCS suffix
			}
			s.add("go", name, "µs/op", "", ns/1000)
		}
	}
	return nil
}

// ---- helpers ----

// runProgram runs a program and returns its standard output and its peak RSS in MiB.
// The RSS comes from GNU time: the rusage Go gets for its own children is useless here,
// because Linux carries the parent's high-water mark into a child started with vfork.
func (s *suite) runProgram(env []string, name string, args ...string) (string, float64, error) {
	rssFile := filepath.Join(s.dir, "rss")
	os.Remove(rssFile)
	cmd := exec.Command(name, args...)
	if _, err := os.Stat(gnuTime); err == nil {
		cmd = exec.Command(gnuTime, append([]string{"-f", "%M %U %S", "-o", rssFile, name}, args...)...)
	}
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", 0, fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, errb.String())
	}
	var rss float64
	s.cpu = 0
	if b, err := os.ReadFile(rssFile); err == nil {
		if f := strings.Fields(string(b)); len(f) == 3 {
			kib, _ := strconv.ParseFloat(f[0], 64)
			user, _ := strconv.ParseFloat(f[1], 64)
			sys, _ := strconv.ParseFloat(f[2], 64)
			rss, s.cpu = kib/1024, user+sys
		}
	}
	return strings.TrimSpace(out.String()), rss, nil
}

const gnuTime = "/usr/bin/time"

// cpuSeconds is this process's CPU time so far (user + system).
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func seconds(out string) (time.Duration, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(out), 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("expected elapsed seconds, got %q", out)
	}
	return time.Duration(f * float64(time.Second)), nil
}

func parseLatencies(out string) (map[string][]float64, error) {
	lat := map[string][]float64{}
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("unexpected line %q", line)
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, err
		}
		lat[f[0]] = append(lat[f[0]], v)
	}
	if len(lat) == 0 {
		return nil, errors.New("no latencies")
	}
	return lat, nil
}

func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	i := int(float64(len(s)-1)*p/100 + 0.5)
	return s[min(i, len(s)-1)]
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func (s *suite) write(w io.Writer, started time.Time, load0, load1 string) {
	fmt.Fprintf(w, "Run %s, %d cores (GOMAXPROCS %d), load average %s at the start and %s at the end; ",
		started.Format("2006-01-02 15:04 MST"), goruntime.NumCPU(), goruntime.GOMAXPROCS(0), load0, load1)
	fmt.Fprintf(w, "%d runs per figure; N = %d (mc loop %d, argon2id %d).\n\n", s.c.runs, s.c.n, s.c.mcN, s.c.argonN)
	fmt.Fprintln(w, "| section | measurement | median | min | max | unit | target |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---|---|")
	for _, r := range s.rows {
		if len(r.vals) == 0 {
			fmt.Fprintf(w, "| %s | %s | – | – | – | | %s |\n", r.section, r.name, r.note)
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", r.section, r.name,
			num(percentile(r.vals, 50)), num(slices.Min(r.vals)), num(slices.Max(r.vals)), r.unit, r.target)
	}
}

func num(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}
