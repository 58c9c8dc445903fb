package jobs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// Issue 10: ensure_*, plan/apply (per call and bulk), dry run and prune against real
// servers: the proof that the executor turns plans into the right calls.

func policyDoc(resource string) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::%s/*"]}]}`, resource))
}

func wantEnsure(t *testing.T, what string, got jobs.EnsureResult, err error, status string, fields ...string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if got.Status != status {
		t.Fatalf("%s: %s (%v), want %s", what, got.Status, got.Changes, status)
	}
	for _, f := range fields {
		if _, ok := got.Changes[f]; !ok {
			t.Fatalf("%s: changes %v lack %s", what, got.Changes, f)
		}
	}
}

func TestEnsureEveryKind(t *testing.T) {
	c := client(t, admin.Options{})
	var mu sync.Mutex
	var events []jobs.Change
	ec := &jobs.Engine{Client: c, OnChange: func(ch jobs.Change) { mu.Lock(); events = append(events, ch); mu.Unlock() }}

	// Policy: the same document written differently is unchanged.
	r, err := ec.EnsurePolicy(ctx, "ens-pol", policyDoc("ens"))
	wantEnsure(t, "policy create", r, err, jobs.Created)
	same := json.RawMessage(`{"Statement":{"Resource":"arn:aws:s3:::ens/*","Action":["s3:PutObject","s3:GetObject"],"Effect":"Allow"},"Version":"2012-10-17"}`)
	r, err = ec.EnsurePolicy(ctx, "ens-pol", same)
	wantEnsure(t, "policy again", r, err, jobs.Unchanged)
	r, err = ec.EnsurePolicy(ctx, "ens-pol", policyDoc("ens2"))
	wantEnsure(t, "policy changed", r, err, jobs.Updated, "document")

	// User: an existing user keeps its secret unless asked.
	r, err = ec.EnsureUser(ctx, "ens-alice", jobs.UserState{SecretKey: "alice-secret-1", Policies: []string{"ens-pol"}})
	wantEnsure(t, "user create", r, err, jobs.Created)
	r, err = ec.EnsureUser(ctx, "ens-alice", jobs.UserState{SecretKey: "other-secret-2", Policies: []string{"ens-pol"}})
	wantEnsure(t, "user again", r, err, jobs.Unchanged)
	userClient := func(secret string) error {
		uc, err := server(t).Client(admin.Options{Credentials: admin.Credentials{AccessKey: "ens-alice", SecretKey: secret}, MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = uc.AccountInfo(ctx, false)
		return err
	}
	if err := userClient("alice-secret-1"); err != nil {
		t.Fatalf("secret changed by ensure without reset_secret: %v", err)
	}
	r, err = ec.EnsureUser(ctx, "ens-alice", jobs.UserState{Status: "disabled", Policies: []string{"ens-pol", "readonly"}})
	wantEnsure(t, "user disabled", r, err, jobs.Updated, "status", "policies")
	info := must(c.UserInfo(ctx, "ens-alice"))(t)
	if info.Value.Status != "disabled" || info.Value.PolicyName != "ens-pol,readonly" && info.Value.PolicyName != "readonly,ens-pol" {
		t.Fatalf("user after update: %s", info.Raw)
	}
	r, err = ec.EnsureUser(ctx, "ens-alice", jobs.UserState{SecretKey: "alice-secret-3", ResetSecret: true})
	wantEnsure(t, "user reset", r, err, jobs.Updated, "secret_key", "status")
	if r.Changes["secret_key"] != "***" {
		t.Fatalf("secret shown: %v", r.Changes)
	}
	if err := userClient("alice-secret-3"); err != nil {
		t.Fatalf("new secret: %v", err)
	}

	// Group: members are the exact set.
	must(c.UserAdd(ctx, "ens-bob", "bob-secret-1"))(t)
	r, err = ec.EnsureGroup(ctx, "ens-g", jobs.GroupState{Members: []string{"ens-alice", "ens-bob"}, Policies: []string{"ens-pol"}})
	wantEnsure(t, "group create", r, err, jobs.Created)
	r, err = ec.EnsureGroup(ctx, "ens-g", jobs.GroupState{Members: []string{"ens-bob", "ens-alice"}, Policies: []string{"ens-pol"}})
	wantEnsure(t, "group again", r, err, jobs.Unchanged)
	r, err = ec.EnsureGroup(ctx, "ens-g", jobs.GroupState{Members: []string{"ens-bob"}, Status: "disabled"})
	wantEnsure(t, "group changed", r, err, jobs.Updated, "members_removed", "status")
	g := must(c.GroupInfo(ctx, "ens-g"))(t)
	// group_info hides a disabled group's policies; the export shows them.
	if g.Value.Status != "disabled" || strings.Join(g.Value.Members, ",") != "ens-bob" ||
		must(c.ExportIAM(ctx))(t).GroupMappings["ens-g"].Policy != "ens-pol" {
		t.Fatalf("group after update: %s", g.Raw)
	}

	// Attached: already attached is not an error.
	r, err = ec.EnsureAttached(ctx, []string{"readonly"}, "", "ens-g")
	wantEnsure(t, "attach", r, err, jobs.Updated, "policies_added")
	r, err = ec.EnsureAttached(ctx, []string{"readonly", "ens-pol"}, "", "ens-g")
	wantEnsure(t, "attach again", r, err, jobs.Unchanged)

	// Service account.
	must(c.UserEnable(ctx, "ens-alice"))(t)
	sa := jobs.ServiceAccountState{User: "ens-alice", SecretKey: "sa-secret-12345", Name: "bot", Description: "first"}
	r, err = ec.EnsureServiceAccount(ctx, "ens-sa1", sa)
	wantEnsure(t, "service account create", r, err, jobs.Created)
	r, err = ec.EnsureServiceAccount(ctx, "ens-sa1", sa)
	wantEnsure(t, "service account again", r, err, jobs.Unchanged)
	sa.Description, sa.Status = "second", "disabled"
	r, err = ec.EnsureServiceAccount(ctx, "ens-sa1", sa)
	wantEnsure(t, "service account changed", r, err, jobs.Updated, "description", "status")
	got := must(c.GetServiceAccount(ctx, "ens-sa1"))(t)
	if got.Value.Description != "second" || got.Value.AccountStatus != "off" {
		t.Fatalf("service account after update: %s", got.Raw)
	}

	// Bucket, with its quota.
	q1, q2 := uint64(1<<30), uint64(2<<30)
	r, err = ec.EnsureBucket(ctx, "ens-bucket", jobs.BucketState{Quota: &q1})
	wantEnsure(t, "bucket create", r, err, jobs.Created)
	r, err = ec.EnsureBucket(ctx, "ens-bucket", jobs.BucketState{Quota: &q1})
	wantEnsure(t, "bucket again", r, err, jobs.Unchanged)
	r, err = ec.EnsureBucket(ctx, "ens-bucket", jobs.BucketState{Quota: &q2})
	wantEnsure(t, "bucket quota", r, err, jobs.Updated, "quota")
	if q := must(c.BucketQuotaGet(ctx, "ens-bucket"))(t); q.Value.Size != q2 {
		t.Fatalf("quota %s", q.Raw)
	}

	for name, exists := range map[string]func(context.Context, string) (bool, error){
		"user": c.UserExists, "group": c.GroupExists, "policy": c.PolicyExists,
		"service account": c.ServiceAccountExists, "bucket": c.BucketExists,
	} {
		known := map[string]string{"user": "ens-alice", "group": "ens-g", "policy": "ens-pol",
			"service account": "ens-sa1", "bucket": "ens-bucket"}[name]
		if ok, err := exists(ctx, known); !ok || err != nil {
			t.Fatalf("%s_exists(%s) = %v, %v", name, known, ok, err)
		}
		if ok, err := exists(ctx, "no-such-thing"); ok || err != nil {
			t.Fatalf("%s_exists(unknown) = %v, %v", name, ok, err)
		}
	}
	if ok := must(c.PolicyExists(ctx, "readwrite"))(t); !ok {
		t.Fatal("built-in policy not found")
	}

	// Every change was announced once, none in a dry run, no secret shown.
	kinds := map[string]int{}
	for _, ev := range events {
		kinds[ev.Kind]++
		if strings.Contains(fmt.Sprint(ev), "secret-") {
			t.Fatalf("event %v", ev)
		}
	}
	want := map[string]int{"policy": 2, "user": 3, "mapping": 4, "group": 2, "service_account": 2, "bucket": 2}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("change events by kind %v, want %v", kinds, want)
	}
}

// teamState is a state of n users in teams of 10, a policy per team, a bucket per team,
// and a service account for every 50th user.
func teamState(n int) *jobs.State {
	st := &jobs.State{Policies: map[string]json.RawMessage{}, Users: map[string]jobs.UserState{},
		Groups: map[string]jobs.GroupState{}, ServiceAccounts: map[string]jobs.ServiceAccountState{},
		Buckets: map[string]jobs.BucketState{}}
	quota := uint64(10 << 30)
	for i := 0; i < n; i++ {
		team := fmt.Sprintf("team-%02d", i/10)
		user := fmt.Sprintf("user-%04d", i)
		if _, ok := st.Groups[team]; !ok {
			st.Policies[team+"-rw"] = policyDoc(team)
			st.Buckets[team+"-data"] = jobs.BucketState{Quota: &quota}
			st.Groups[team] = jobs.GroupState{Policies: []string{team + "-rw"}}
		}
		g := st.Groups[team]
		g.Members = append(g.Members, user)
		st.Groups[team] = g
		u := jobs.UserState{SecretKey: "secret-" + user}
		if i%7 == 0 {
			u.Policies = []string{"readonly"}
		}
		if i%13 == 0 {
			u.Status = "disabled"
		}
		st.Users[user] = u
		if i%50 == 0 {
			st.ServiceAccounts[fmt.Sprintf("svc-%04d", i)] = jobs.ServiceAccountState{User: user,
				SecretKey: "svc-secret-" + user, Name: "bot", Description: "bot of " + user}
		}
	}
	return st
}

func countChanges(r *jobs.Report) map[string]int {
	m := map[string]int{}
	for _, ch := range r.Changes {
		m[ch.Action+" "+ch.Kind]++
	}
	return m
}

func wantNoFailures(t *testing.T, r *jobs.Report) {
	t.Helper()
	if r.Failed != 0 || len(r.Errors) != 0 {
		t.Fatalf("failures:\n%s", r)
	}
}

func TestPlanApplyTwice(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	st := teamState(200)
	plan := must(planOf(c, st, jobs.ApplyOptions{}))(t)
	wantCounts := map[string]int{"create policy": 20, "create user": 200, "create group": 20, "create mapping": 49,
		"create service_account": 4, "create bucket": 20}
	if got := countChanges(plan); !reflect.DeepEqual(got, wantCounts) {
		t.Fatalf("plan %v, want %v", got, wantCounts)
	}
	if plan.Created != 313 || plan.Unchanged != 0 || plan.Applied {
		t.Fatalf("plan counts:\n%s", plan)
	}
	rep := must(eng(c).Apply(ctx, st, jobs.ApplyOptions{}))(t)
	wantNoFailures(t, rep)
	if !reflect.DeepEqual(rep.Changes, plan.Changes) || rep.Created != plan.Created || rep.Bulk {
		t.Fatalf("apply differs from plan:\n%s", rep)
	}
	again := must(eng(c).Apply(ctx, st, jobs.ApplyOptions{}))(t)
	wantNoFailures(t, again)
	if len(again.Changes) != 0 || again.Unchanged != 313 {
		t.Fatalf("second apply:\n%s", again)
	}
	// The server shows what the state says.
	u := must(c.UserInfo(ctx, "user-0013"))(t)
	if u.Value.Status != "disabled" {
		t.Fatalf("user-0013: %s", u.Raw)
	}
	g := must(c.GroupInfo(ctx, "team-05"))(t)
	if len(g.Value.Members) != 10 || g.Value.Policy != "team-05-rw" {
		t.Fatalf("team-05: %s", g.Raw)
	}
	if s := must(c.GetServiceAccount(ctx, "svc-0100"))(t); s.Value.ParentUser != "user-0100" || s.Value.Description != "bot of user-0100" {
		t.Fatalf("svc-0100: %s", s.Raw)
	}
	// A report never shows a secret.
	if strings.Contains(rep.String(), "secret-") || strings.Contains(fmt.Sprint(rep.Changes), "secret-") {
		t.Fatal("report shows a secret")
	}
}

func TestApplyAfterHalfDoneRun(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	st := teamState(60)
	// Kill the run part-way: cancel once a third of the changes are done.
	half, cancel := context.WithCancel(ctx)
	var total int
	first := must(eng(c).Apply(half, st, jobs.ApplyOptions{Progress: func(done, all int) {
		total = all
		if done >= all/3 {
			cancel()
		}
	}}))(t)
	cancel()
	if first.Failed == 0 || first.Created == 0 {
		t.Fatalf("the interrupted run should have done part of the job:\n%s", first)
	}
	second := must(eng(c).Apply(ctx, st, jobs.ApplyOptions{}))(t)
	wantNoFailures(t, second)
	if second.Created == 0 || second.Created+second.Updated >= total {
		t.Fatalf("the second run should only finish the job (%d changes in all):\n%s", total, second)
	}
	third := must(eng(c).Apply(ctx, st, jobs.ApplyOptions{}))(t)
	if len(third.Changes) != 0 {
		t.Fatalf("third run:\n%s", third)
	}
}

func TestPrune(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	st := teamState(20)
	wantNoFailures(t, must(eng(c).Apply(ctx, st, jobs.ApplyOptions{}))(t))
	// Objects the state does not name.
	must(c.PolicyAdd(ctx, "stray-pol", policyDoc("stray")))(t)
	must(c.UserAdd(ctx, "stray-user", "stray-secret-1"))(t)
	must(c.PolicySet(ctx, "stray-pol", "stray-user", false))(t)
	must(c.GroupAdd(ctx, "stray-group", []string{"stray-user", "user-0001"}))(t)
	must(c.AddServiceAccount(ctx, admin.AddServiceAccountReq{AccessKey: "stray-svc", SecretKey: "stray-svc-secret", TargetUser: "user-0002"}))(t)
	must(c.MakeBucket(ctx, "stray-bucket"))(t)

	kept := must(eng(c).Apply(ctx, st, jobs.ApplyOptions{}))(t)
	if len(kept.Changes) != 0 {
		t.Fatalf("without prune nothing changes:\n%s", kept)
	}
	plan := must(planOf(c, st, jobs.ApplyOptions{Prune: true}))(t)
	var deletes []string
	for _, ch := range plan.Changes {
		deletes = append(deletes, ch.Action+" "+ch.Kind+" "+ch.Name)
	}
	sort.Strings(deletes)
	want := []string{"delete bucket stray-bucket", "delete group stray-group", "delete policy stray-pol",
		"delete service_account stray-svc", "delete user stray-user"}
	if !reflect.DeepEqual(deletes, want) {
		t.Fatalf("prune plan %v, want %v", deletes, want)
	}
	rep := must(eng(c).Apply(ctx, st, jobs.ApplyOptions{Prune: true}))(t)
	wantNoFailures(t, rep)
	for name, exists := range map[string]func(context.Context, string) (bool, error){
		"stray-pol": c.PolicyExists, "stray-user": c.UserExists, "stray-group": c.GroupExists,
		"stray-svc": c.ServiceAccountExists, "stray-bucket": c.BucketExists,
	} {
		if ok := must(exists(ctx, name))(t); ok {
			t.Fatalf("%s survived the prune", name)
		}
	}
	// Built-in policies and the root user stay; a section the state leaves out is not pruned.
	for _, p := range []string{"readwrite", "readonly", "writeonly", "consoleAdmin", "diagnostics"} {
		if !must(c.PolicyExists(ctx, p))(t) {
			t.Fatalf("built-in %s pruned", p)
		}
	}
	must(c.AccountInfo(ctx, false))(t)
	must(c.UserAdd(ctx, "stray-user2", "stray-secret-2"))(t)
	only := &jobs.State{Policies: st.Policies}
	if r := must(planOf(c, only, jobs.ApplyOptions{Prune: true}))(t); len(r.Changes) != 0 {
		t.Fatalf("prune touched an unmanaged kind:\n%s", r)
	}
}

// canonical writes policies in canonical form: the server lists the actions of the
// built-in policies in a different order from one export to the next.
func canonical(s *admin.IAMSnapshot) {
	for k, p := range s.Policies {
		s.Policies[k] = json.RawMessage(admin.CanonicalPolicy(p))
	}
}

// iamView is an export without the fields that change on every write (updatedAt) and
// with policies in canonical form, for comparing two servers or two moments.
func iamView(t *testing.T, c *admin.Client) string {
	t.Helper()
	snap, err := c.ExportIAM(ctx)
	if err != nil {
		t.Fatal(err)
	}
	canonical(snap)
	for k, g := range snap.Groups {
		sort.Strings(g.Members)
		snap.Groups[k] = g
	}
	for k, s := range snap.ServiceAccounts {
		s.SessionPolicy = nil
		snap.ServiceAccounts[k] = s
	}
	b, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func bucketNames(t *testing.T, c *admin.Client) string {
	t.Helper()
	var names []string
	for _, b := range must(c.ListBuckets(ctx))(t).Value {
		names = append(names, b.Name)
	}
	return strings.Join(names, ",")
}

func TestDryRun(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	wantNoFailures(t, must(eng(c).Apply(ctx, teamState(20), jobs.ApplyOptions{}))(t))
	beforeZip := must(c.ExportIAMZip(ctx))(t)
	before, beforeBuckets := iamView(t, c), bucketNames(t, c)

	var (
		mu     sync.Mutex // OnChange may be called from several goroutines at once
		events []jobs.Change
	)
	dry := srv.ClientForTest(t, admin.Options{DryRun: true})
	dryEng := &jobs.Engine{Client: dry, OnChange: func(ch jobs.Change) { mu.Lock(); events = append(events, ch); mu.Unlock() }}
	if !dry.DryRun() || c.DryRun() {
		t.Fatal("DryRun() wrong")
	}
	st := teamState(40) // 20 more users, 2 more teams
	u := st.Users["user-0003"]
	u.Status = "disabled"
	st.Users["user-0003"] = u
	rep := must(dryEng.Apply(ctx, st, jobs.ApplyOptions{Prune: true, Bulk: jobs.BulkAlways}))(t)
	wantNoFailures(t, rep)
	if !rep.DryRun || rep.Bulk || rep.Created == 0 || rep.Updated != 1 {
		t.Fatalf("dry-run report:\n%s", rep)
	}
	r, err := dryEng.EnsureUser(ctx, "dry-new", jobs.UserState{SecretKey: "dry-secret-1", Policies: []string{"readonly"}})
	wantEnsure(t, "dry ensure_user", r, err, jobs.Created)
	r, err = dryEng.EnsureBucket(ctx, "dry-bucket", jobs.BucketState{})
	wantEnsure(t, "dry ensure_bucket", r, err, jobs.Created)
	writes := dry.DryRunWrites()
	if len(writes) < rep.Created {
		t.Fatalf("%d writes recorded for %d creates", len(writes), rep.Created)
	}
	var all strings.Builder
	for _, w := range writes {
		all.WriteString(w.String() + "\n")
	}
	if strings.Contains(all.String(), "secret-") || !strings.Contains(all.String(), "user_add user-0039 secretKey=*** status=enabled") {
		t.Fatalf("recorded writes:\n%s", all.String())
	}
	if len(events) != len(rep.Changes)+3 {
		t.Fatalf("%d events for %d changes", len(events), len(rep.Changes)+3)
	}
	// The server is exactly as before, by its own listing.
	if after := iamView(t, c); after != before {
		t.Fatal("the IAM export changed in a dry run")
	}
	if afterZip := must(c.ExportIAMZip(ctx))(t); !sameZipContent(t, beforeZip, afterZip) {
		t.Fatal("the raw IAM export changed in a dry run")
	}
	if got := bucketNames(t, c); got != beforeBuckets {
		t.Fatalf("buckets %s, before %s", got, beforeBuckets)
	}
}

// sameZipContent compares two export zips file by file.
func sameZipContent(t *testing.T, a, b []byte) bool {
	t.Helper()
	sa, err := admin.ParseIAMZip(a)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := admin.ParseIAMZip(b)
	if err != nil {
		t.Fatal(err)
	}
	canonical(sa)
	canonical(sb)
	ja, _ := json.Marshal(sa)
	jb, _ := json.Marshal(sb)
	return bytes.Equal(ja, jb)
}

// bulkState is the bulk case: n users in 20 groups with 20 policies.
func bulkState(n int) *jobs.State {
	st := &jobs.State{Policies: map[string]json.RawMessage{}, Users: map[string]jobs.UserState{},
		Groups: map[string]jobs.GroupState{}}
	for g := 0; g < 20; g++ {
		name := fmt.Sprintf("bulk-%02d", g)
		st.Policies[name+"-rw"] = policyDoc(name)
		st.Groups[name] = jobs.GroupState{Policies: []string{name + "-rw"}}
	}
	for i := 0; i < n; i++ {
		user := fmt.Sprintf("bulk-user-%05d", i)
		st.Users[user] = jobs.UserState{SecretKey: "bulk-secret-" + user}
		name := fmt.Sprintf("bulk-%02d", i%20)
		g := st.Groups[name]
		g.Members = append(g.Members, user)
		st.Groups[name] = g
	}
	return st
}

func TestBulkApplyOverTLS(t *testing.T) {
	tlsSrv, ca := testserver.TLSForTest(t)
	plain := testserver.ForTest(t, testserver.Config{})
	bulk := tlsSrv.ClientForTest(t, admin.Options{CAFile: ca})
	perCall := plain.ClientForTest(t, admin.Options{})
	st := bulkState(2000)
	// One entry the server refuses either way: an expiry beyond a year.
	far := time.Now().Add(400 * 24 * time.Hour)
	st.ServiceAccounts = map[string]jobs.ServiceAccountState{
		"bulk-svc-ok":  {User: "bulk-user-00001", SecretKey: "bulk-svc-secret-1", Name: "ok"},
		"bulk-svc-bad": {User: "bulk-user-00002", SecretKey: "bulk-svc-secret-2", Expiry: &far},
	}
	plan := must(planOf(bulk, st, jobs.ApplyOptions{}))(t)
	got := must(eng(bulk).Apply(ctx, st, jobs.ApplyOptions{}))(t)
	if !got.Bulk {
		t.Fatalf("auto did not use the import over TLS:\n%s", got.String()[:200])
	}
	ref := must(eng(perCall).Apply(ctx, st, jobs.ApplyOptions{Concurrency: 8}))(t)
	if ref.Bulk {
		t.Fatal("auto used the import over plain HTTP")
	}
	for _, r := range []*jobs.Report{got, ref} {
		if r.Failed != 1 || r.Errors[0].Change.Name != "bulk-svc-bad" {
			t.Fatalf("want exactly the bad service account failed, got %d:\n%v", r.Failed, r.Errors)
		}
	}
	if !reflect.DeepEqual(got.Changes, ref.Changes) || !reflect.DeepEqual(got.Changes, plan.Changes) ||
		got.Created != ref.Created || got.Unchanged != ref.Unchanged {
		t.Fatalf("bulk and per-call reports differ:\nbulk %d/%d/%d, per call %d/%d/%d", got.Created, got.Updated, got.Unchanged,
			ref.Created, ref.Updated, ref.Unchanged)
	}
	if got.Created != 2000+20+20+20+1 {
		t.Fatalf("created %d", got.Created)
	}
	// Both servers hold the same state, secrets and statuses included.
	if a, b := iamView(t, bulk), iamView(t, perCall); a != b {
		t.Fatalf("servers differ after bulk and per-call apply:\n%.600s\n%.600s", a, b)
	}
	// Users come back enabled (the import would disable a user sent without a status).
	if s := must(bulk.UserInfo(ctx, "bulk-user-01999"))(t).Value.Status; s != "enabled" {
		t.Fatalf("imported user is %s", s)
	}
	// A re-run changes nothing; a changed state goes per call or in bulk the same way.
	if again := must(eng(bulk).Apply(ctx, st, jobs.ApplyOptions{Bulk: jobs.BulkAlways}))(t); len(again.Changes) != 1 || again.Failed != 1 {
		t.Fatalf("second bulk apply:\n%s", again)
	}
	g := st.Groups["bulk-00"]
	g.Members = g.Members[1:] // the import only merges: removal goes per call
	st.Groups["bulk-00"] = g
	delete(st.ServiceAccounts, "bulk-svc-bad")
	u := st.Users["bulk-user-00005"]
	u.Status = "disabled"
	st.Users["bulk-user-00005"] = u
	r1 := must(eng(bulk).Apply(ctx, st, jobs.ApplyOptions{Bulk: jobs.BulkAlways}))(t)
	r2 := must(eng(perCall).Apply(ctx, st, jobs.ApplyOptions{Bulk: jobs.BulkNever}))(t)
	wantNoFailures(t, r1)
	wantNoFailures(t, r2)
	// Whether the import may carry a change depends on how the server was read (a status
	// change needs the secret, which only the export over TLS gives): compare the rest.
	if !reflect.DeepEqual(lines(r1), lines(r2)) || len(r1.Changes) != 2 {
		t.Fatalf("update reports differ:\n%s\n%s", r1, r2)
	}
	if a, b := iamView(t, bulk), iamView(t, perCall); a != b {
		t.Fatal("servers differ after the update")
	}
}

func TestBulkWarnsOnPlainHTTP(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	rep := must(eng(c).Apply(ctx, bulkState(30), jobs.ApplyOptions{Bulk: jobs.BulkAlways}))(t)
	wantNoFailures(t, rep)
	if !rep.Bulk || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "plain HTTP") {
		t.Fatalf("report:\n%s", rep)
	}
	if again := must(eng(c).Apply(ctx, bulkState(30), jobs.ApplyOptions{}))(t); len(again.Changes) != 0 {
		t.Fatalf("second apply:\n%s", again)
	}
}

func TestApplyRefusesInvalidState(t *testing.T) {
	c := client(t, admin.Options{})
	st := &jobs.State{
		Policies: map[string]json.RawMessage{"readwrite": policyDoc("x"), "empty": json.RawMessage(`{"Version":"2012-10-17","Statement":[]}`)},
		Users:    map[string]jobs.UserState{"ab": {SecretKey: "long-enough"}, " sp": {SecretKey: "long-enough"}, "short-secret": {SecretKey: "x"}},
		Groups:   map[string]jobs.GroupState{"g": {Members: []string{"nobody"}}},
	}
	_, err := eng(c).Apply(ctx, st, jobs.ApplyOptions{})
	if err == nil {
		t.Fatal("invalid state applied")
	}
	for _, want := range []string{"built-in", "at least one statement", "3 characters", "space", "secret_key", "nobody is not a user"} {
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("error lacks %q: %v", want, err)
		}
	}
}

// eng is the engine over c, without hooks.
func eng(c *admin.Client) *jobs.Engine { return &jobs.Engine{Client: c} }

// planOf is what plan returns to Lua: the plan as a report.
func planOf(c *admin.Client, st *jobs.State, opts jobs.ApplyOptions) (*jobs.Report, error) {
	p, _, err := eng(c).Plan(ctx, st, opts)
	if err != nil {
		return nil, err
	}
	return jobs.PlanReport(p, c.DryRun()), nil
}

// lines is a report's changes as the renderer prints them.
func lines(r *jobs.Report) []string {
	var out []string
	for _, ch := range r.Changes {
		out = append(out, ch.Line())
	}
	return out
}
