package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
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
// IAM export. Several deployments at once (`--alias` repeated) are not timed here yet.
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
		}
	}
	s.note(sec, "five deployments at once ÷ one", "not measured yet: needs `--alias` repeated (being added); target < 1.5×")
	return nil
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
