package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
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
	var many []string // MC_HOST_dN entries of the TLS copies
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
		if t.flag == "tls" && s.c.stateMany > 1 {
			copies, err := copyDeployment(ctx, srv, s.c.stateMany, t.cfg)
			for _, c := range copies {
				defer c.Stop()
			}
			if err != nil {
				return fmt.Errorf("state: copying the deployment: %w", err)
			}
			for i, c := range copies {
				many = append(many, fmt.Sprintf("MC_HOST_d%d=https://%s:%s@%s", i+1, testserver.RootUser, testserver.RootPassword, c.Addr))
			}
			env = append(env, many...)
		}
		targets = append(targets, target{t.name, env})
	}
	if s.c.stateHold {
		// Addresses only: the credentials are admin/testserver's RootUser and RootPassword.
		for _, t := range targets {
			for _, kv := range t.env[len(os.Environ()):] {
				k, v, _ := strings.Cut(kv, "=")
				switch {
				case k == "MINIO_ENDPOINT" || k == "SSL_CERT_FILE":
					fmt.Fprintf(s.log, "state: %s: %s\n", t.name, kv)
				case strings.HasPrefix(k, "MC_HOST_"):
					fmt.Fprintf(s.log, "state: %s: alias %s at %s\n", t.name, strings.TrimPrefix(k, "MC_HOST_"), v[strings.LastIndex(v, "@")+1:])
				}
			}
		}
		fmt.Fprintln(s.log, "state: holding the servers until Ctrl-C (credentials: admin/testserver RootUser, RootPassword)")
		hold, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
		<-hold.Done()
		return nil
	}
	for round := range s.c.runs {
		fmt.Fprintf(s.log, "state round %d/%d\n", round+1, s.c.runs)
		for _, t := range targets {
			file := filepath.Join(dir, fmt.Sprintf("export-%s-%d.yaml", shortName(t.name), round))
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
			if t.name == "TLS" && len(many) > 1 {
				if err := s.manyAtOnce(t.env, len(many), file, filepath.Join(dir, fmt.Sprintf("many-%d", round))); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// manyAtOnce times export and plan over n copies at once against the same over one
// alias (d1), each pair run back to back so that both see the same machine load.
func (s *suite) manyAtOnce(env []string, n int, file, dir string) error {
	const sec = "state"
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
	timed := func(args ...string) (float64, error) {
		start := time.Now()
		_, _, err := s.runProgram(env, s.c.minioscript, args...)
		return time.Since(start).Seconds(), err
	}
	exportOne, err := timed(append(aliases(1)[:2], "export", "-o", filepath.Join(dir, "one.yaml"))...)
	if err != nil {
		return err
	}
	exportMany, err := timed(append(aliases(n), "export", "-o", filepath.Join(dir, "{alias}.yaml"))...)
	if err != nil {
		return err
	}
	for i := range n {
		if err := s.checkExport(filepath.Join(dir, fmt.Sprintf("d%d.yaml", i+1))); err != nil {
			return fmt.Errorf("state: export of d%d at once: %w", i+1, err)
		}
	}
	// plan exits 0 only when no deployment has changes.
	planOne, err := timed(append(aliases(1)[:2], "plan", file)...)
	if err != nil {
		return err
	}
	planMany, err := timed(append(aliases(n), "plan", file)...)
	if err != nil {
		return err
	}
	label := fmt.Sprintf("%d deployments at once", n)
	s.add(sec, "export, one deployment through --alias", "s", "", exportOne)
	s.add(sec, "export, "+label, "s", "", exportMany)
	s.add(sec, "export, "+label+" ÷ one", "×", "< 1.5×", exportMany/exportOne)
	s.add(sec, "plan, one deployment through --alias", "s", "", planOne)
	s.add(sec, "plan, "+label, "s", "", planMany)
	s.add(sec, "plan, "+label+" ÷ one", "×", "< 1.5×", planMany/planOne)
	return nil
}

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
