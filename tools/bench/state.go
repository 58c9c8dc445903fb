package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// ---- export and plan of a big deployment (issue 17, point 5) ----

// exportPlan builds one deployment (stateUsers users, stateGroups groups, statePolicies
// policies, stateSvc service accounts, stateBuckets buckets with settings) on a plain
// HTTP server and the same on a TLS server, then times `minioscript export -o FILE` and
// `minioscript plan FILE` of that export (which must find nothing to change) on each:
// over plain HTTP export and plan read object by object, over TLS the IAM part is one
// IAM export. With stateMany > 1 the TLS deployment is copied (its data folder, the
// server stopped) to that many servers, and export and plan are also timed over all of
// them at once (`--alias` repeated, `--parallel` as many), against the same through one
// alias.
func (s *suite) exportPlan(ctx context.Context, dir string) error {
	const sec = "state"
	certs := filepath.Join(dir, "certs")
	ca, err := testserver.SelfSigned(certs)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%d users, %d groups, %d policies, %d service accounts, %d buckets",
		s.c.stateUsers, s.c.stateGroups, s.c.statePolicies, s.c.stateSvc, s.c.stateBuckets)
	type target struct {
		name string
		env  []string
	}
	var targets []target
	var tlsServer *testserver.Server
	var tlsCfg testserver.Config
	for _, t := range []struct {
		name, flag string
		cfg        testserver.Config
	}{{"plain HTTP", "http", testserver.Config{}}, {"TLS", "tls", testserver.Config{CertsDir: certs}}} {
		if !slices.Contains(strings.Split(s.c.stateOver, ","), t.flag) {
			continue
		}
		srv, err := testserver.Start(ctx, filepath.Join(dir, "state-"+shortName(t.name)), t.cfg)
		if err != nil {
			return err
		}
		defer srv.Stop()
		env := append(serverEnv(srv), "SSL_CERT_FILE="+ca)
		start := time.Now()
		if err := s.buildDeployment(ctx, srv, ca, env); err != nil {
			return fmt.Errorf("state: building the deployment over %s: %w", t.name, err)
		}
		fmt.Fprintf(s.log, "state: %s built over %s in %s\n", what, t.name, time.Since(start).Round(time.Second))
		targets = append(targets, target{t.name, env})
		if t.flag == "tls" {
			tlsServer, tlsCfg = srv, t.cfg
		}
	}
	many := s.c.stateMany > 1 && tlsServer != nil
	var file string // the last export over TLS, which the rounds over the copies plan
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "state round %d/%d\n", round+1, s.c.runs)
		for _, t := range targets {
			file = filepath.Join(dir, fmt.Sprintf("export-%s-%d.yaml", shortName(t.name), round))
			start := time.Now()
			_, exportRSS, err := s.runProgram(t.env, s.c.minioscript, "export", "-o", file)
			if err != nil {
				return err
			}
			export, exportCPU := time.Since(start).Seconds(), s.cpu
			if err := s.checkExport(file); err != nil {
				return fmt.Errorf("state: export over %s: %w", t.name, err)
			}
			start = time.Now()
			out, planRSS, err := s.runProgram(t.env, s.c.minioscript, "plan", file)
			if err != nil {
				return err
			}
			plan, planCPU := time.Since(start).Seconds(), s.cpu
			if !strings.Contains(out, "plan: 0 to create, 0 to update, 0 to delete") {
				return fmt.Errorf("state: plan of the export over %s finds changes: %s", t.name, out)
			}
			s.add(sec, "minioscript export -o FILE over "+t.name+" ("+what+")", "s", "< 3 s", export)
			s.add(sec, "minioscript export over "+t.name+": client CPU", "s", "", exportCPU)
			s.add(sec, "minioscript export over "+t.name+": peak RSS", "MiB", "", exportRSS)
			s.add(sec, "minioscript plan EXPORTED over "+t.name+" (0 changes)", "s", "< 3 s", plan)
			s.add(sec, "minioscript plan EXPORTED over "+t.name+": client CPU", "s", "", planCPU)
			s.add(sec, "minioscript plan EXPORTED over "+t.name+": peak RSS", "MiB", "", planRSS)
		}
	}
	if !many || file == "" {
		return nil
	}
	// The copies start after the single-deployment rounds, whose figures the idle
	// copies' background work would blur.
	servers, err := copyDeployment(ctx, tlsServer, s.c.stateMany, tlsCfg)
	for _, c := range servers[min(1, len(servers)):] {
		defer c.Stop()
	}
	if err != nil {
		return fmt.Errorf("state: copying the deployment: %w", err)
	}
	env := slices.Clone(targets[len(targets)-1].env) // TLS is the last target
	var pids []int
	for i, c := range servers {
		env = append(env, fmt.Sprintf("MC_HOST_d%d=https://%s:%s@%s", i+1, testserver.RootUser, testserver.RootPassword, c.Addr))
		pids = append(pids, c.Pid())
	}
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "state, %d deployments: round %d/%d\n", len(pids), round+1, s.c.runs)
		if err := s.manyAtOnce(env, pids, file, filepath.Join(dir, fmt.Sprintf("many-%d", round))); err != nil {
			return err
		}
	}
	return nil
}

// manyAtOnce times export and plan over the n copies at once against the same over one
// alias (d1), each pair run back to back so that both see the same machine load. The
// servers run on this machine's cores too, so their CPU time is measured beside: with n
// deployments the servers need n times the CPU of one, a floor for the wall time that no
// client can lower on a machine with fewer cores than deployments.
func (s *suite) manyAtOnce(env []string, pids []int, file, dir string) error {
	const sec = "state"
	n := len(pids)
	aliases := func(k int) []string {
		var a []string
		for i := range k {
			a = append(a, "--alias", fmt.Sprintf("d%d", i+1))
		}
		return append(a, "--parallel", strconv.Itoa(k))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// timed runs the program and gives its wall time, its CPU time and the servers'.
	timed := func(args ...string) (wall, client, servers float64, err error) {
		before := serversCPU(pids)
		start := time.Now()
		_, _, err = s.runProgram(env, s.c.minioscript, args...)
		return time.Since(start).Seconds(), s.cpu, serversCPU(pids) - before, err
	}
	label := fmt.Sprintf("%d deployments at once", n)
	for _, cmd := range []struct {
		name      string
		one, many []string
	}{
		{"export", []string{"export", "-o", filepath.Join(dir, "one.yaml")}, []string{"export", "-o", filepath.Join(dir, "{alias}.yaml")}},
		{"plan", []string{"plan", file}, []string{"plan", file}}, // exits 0 only when no deployment has changes
	} {
		wallOne, clientOne, serversOne, err := timed(append(aliases(1)[:2], cmd.one...)...)
		if err != nil {
			return err
		}
		wallMany, clientMany, serversMany, err := timed(append(aliases(n), cmd.many...)...)
		if err != nil {
			return err
		}
		if cmd.name == "export" {
			for i := range n {
				if err := s.checkExport(filepath.Join(dir, fmt.Sprintf("d%d.yaml", i+1))); err != nil {
					return fmt.Errorf("state: export of d%d at once: %w", i+1, err)
				}
			}
		}
		s.add(sec, cmd.name+", one deployment through --alias", "s", "", wallOne)
		s.add(sec, cmd.name+", one deployment: client CPU + servers' CPU", "s", "", clientOne+serversOne)
		s.add(sec, cmd.name+", "+label, "s", "", wallMany)
		s.add(sec, cmd.name+", "+label+": client CPU + servers' CPU", "s", "", clientMany+serversMany)
		s.add(sec, cmd.name+", "+label+" ÷ one", "×", "< 1.5×", wallMany/wallOne)
		if clientOne > 0 { // measured only with GNU time
			s.add(sec, cmd.name+", "+label+": client CPU ÷ one's", "×", "", clientMany/clientOne)
		}
	}
	return nil
}

// serversCPU is the CPU time (user + system) the processes have used, in seconds.
func serversCPU(pids []int) float64 {
	var ticks float64
	for _, pid := range pids {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// Fields after the command name, which is in parentheses: utime and stime are
		// the 12th and 13th.
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(f) > 12 {
			u, _ := strconv.ParseFloat(f[11], 64)
			st, _ := strconv.ParseFloat(f[12], 64)
			ticks += u + st
		}
	}
	return ticks / clockTicks
}

// clockTicks is Linux's USER_HZ, the unit of /proc/PID/stat's times.
const clockTicks = 100

// copyDeployment stops srv, copies its data folder n-1 times, and starts srv again and a
// server on each copy: n identical deployments, srv first.
func copyDeployment(ctx context.Context, srv *testserver.Server, n int, cfg testserver.Config) ([]*testserver.Server, error) {
	srv.Stop()
	var dirs []string
	for i := 2; i <= n; i++ {
		dir := fmt.Sprintf("%s-copy%d", srv.Dir, i)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if out, err := exec.Command("cp", "-a", filepath.Join(srv.Dir, "data"), dir).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("cp: %w: %s", err, out)
		}
		dirs = append(dirs, dir)
	}
	if err := srv.StartAgain(ctx); err != nil {
		return nil, err
	}
	copies := []*testserver.Server{srv}
	for _, dir := range dirs {
		c, err := testserver.Start(ctx, dir, cfg)
		if err != nil {
			return copies, err
		}
		copies = append(copies, c)
	}
	return copies, nil
}

// buildDeployment fills srv: IAM through one IAM import (the bulk path), the buckets and
// their settings through one admin:apply, 8 in flight.
func (s *suite) buildDeployment(ctx context.Context, srv *testserver.Server, ca string, env []string) error {
	cl, err := srv.Client(admin.Options{CAFile: ca})
	if err != nil {
		return err
	}
	c := s.c
	snap := &admin.IAMSnapshot{
		Policies: map[string]json.RawMessage{}, Users: map[string]admin.IAMUser{}, Groups: map[string]admin.IAMGroup{},
		ServiceAccounts: map[string]admin.IAMServiceAccount{}, UserMappings: map[string]admin.IAMMapping{},
		GroupMappings: map[string]admin.IAMMapping{},
	}
	policy := func(i int) string { return fmt.Sprintf("sp-%04d", i%c.statePolicies) }
	for i := range c.statePolicies {
		snap.Policies[policy(i)] = json.RawMessage(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::sb-%03d/team-%d/*"]}]}`, i%max(c.stateBuckets, 1)+1, i))
	}
	user := func(i int) string { return fmt.Sprintf("su-%05d", i%c.stateUsers) }
	for i := range c.stateUsers {
		snap.Users[user(i)] = admin.IAMUser{SecretKey: "bench-secret-1", Status: "enabled"}
		if i%2 == 0 { // half the users have a policy of their own, the rest only their group's
			snap.UserMappings[user(i)] = admin.IAMMapping{Policy: policy(i)}
		}
	}
	members := make([][]string, c.stateGroups)
	for i := range c.stateUsers {
		members[i%c.stateGroups] = append(members[i%c.stateGroups], user(i))
	}
	for g := range c.stateGroups {
		name := fmt.Sprintf("sg-%04d", g)
		snap.Groups[name] = admin.IAMGroup{Status: "enabled", Members: members[g]}
		snap.GroupMappings[name] = admin.IAMMapping{Policy: policy(g * 7)}
	}
	for i := range c.stateSvc {
		ak := fmt.Sprintf("ssa%05d", i)
		a := admin.IAMServiceAccount{Parent: user(i * 5), AccessKey: ak, SecretKey: "bench-secret-sa-1", Name: "bench-" + strconv.Itoa(i)}
		if i%10 == 0 { // one in ten has a session policy of its own
			a.SessionPolicy = json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::sb-001/*"]}]}`)
		}
		snap.ServiceAccounts[ak] = a
	}
	zip, err := snap.Zip()
	if err != nil {
		return err
	}
	if _, err := cl.ImportIAM(ctx, zip); err != nil {
		return err
	}
	out, _, err := s.runProgram(env, s.c.minioscript, filepath.Join(s.dir, "buckets.lua"), strconv.Itoa(c.stateBuckets), "sb-")
	if err != nil {
		return err
	}
	if out != strconv.Itoa(c.stateBuckets) {
		return fmt.Errorf("buckets.lua created %q buckets, want %d", out, c.stateBuckets)
	}
	return nil
}

// checkExport makes sure the export holds the whole deployment.
func (s *suite) checkExport(file string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var st map[string]map[string]any
	if err := yaml.Unmarshal(b, &st); err != nil {
		return err
	}
	for section, n := range map[string]int{"users": s.c.stateUsers, "groups": s.c.stateGroups,
		"policies": s.c.statePolicies, "service_accounts": s.c.stateSvc, "buckets": s.c.stateBuckets} {
		if len(st[section]) < n {
			return fmt.Errorf("%s holds %d entries, want at least %d", section, len(st[section]), n)
		}
	}
	return nil
}
