package access

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
)

func TestReport(t *testing.T) {
	e := New(fixture(), Options{Root: "rootkey", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	buckets := []string{"alpha", "beta", "home"}
	r, err := e.Report(context.Background(), ReportOptions{Buckets: buckets})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]PrincipalAccess{}
	var order []string
	for _, p := range r.Principals {
		rows[p.Principal] = p
		order = append(order, p.Principal)
	}
	// Root first, then users, service accounts, LDAP DNs, groups.
	if order[0] != "rootkey" || !slices.Contains(order, "group:devs") || !slices.Contains(order, "group:cn=ops,ou=groups,dc=x") ||
		!slices.Contains(order, "uid=ann,ou=people,dc=x") || !slices.Contains(order, "sa-narrow") {
		t.Fatalf("principals: %v", order)
	}
	cases := []struct {
		who, bucket, level, conditional, policy string
	}{
		{"rootkey", "alpha", "admin", "", ""},
		{"alice", "alpha", "read", "", "getalpha"},
		{"alice", "beta", "none", "", ""},
		{"bob", "alpha", "admin", "", "readwrite"}, // readwrite is s3:*: bucket policy included
		{"carol", "alpha", "none", "", ""},         // disabled
		{"dave", "alpha", "none", "", ""},          // in a disabled group
		{"erin", "home", "none", "list", ""},       // ListBucket under an s3:prefix condition
		{"sa-narrow", "alpha", "read", "", "getalpha"},
		{"sa-narrow", "beta", "none", "", ""},
		{"group:devs", "beta", "admin", "", "readwrite"},
		{"group:off", "beta", "none", "", ""},
		{"uid=ann,ou=people,dc=x", "alpha", "read", "", "getalpha"},
	}
	for _, c := range cases {
		cell := rows[c.who].Buckets[c.bucket]
		if cell.Level != c.level || cell.Conditional != c.conditional {
			t.Errorf("%s on %s: %+v, want %s (conditional %q)", c.who, c.bucket, cell, c.level, c.conditional)
		}
		if c.policy != "" && !slices.ContainsFunc(cell.Statements, func(s Statement) bool { return s.Policy == c.policy }) {
			t.Errorf("%s on %s: statements %+v lack %s", c.who, c.bucket, cell.Statements, c.policy)
		}
	}
	if erin := rows["erin"].Buckets["home"]; len(erin.Statements) != 1 || erin.Statements[0].Condition == nil {
		t.Errorf("erin's conditional cell should carry the condition: %+v", erin)
	}
	if rows["carol"].Reason == "" || rows["erin"].Admin["admin:ServerInfo"] != Allow || rows["alice"].Admin["admin:ServerInfo"] != "" {
		t.Errorf("reasons or admin actions: carol %q, erin %v", rows["carol"].Reason, rows["erin"].Admin)
	}
	if rows["bob"].Status != "enabled" || !slices.Equal(rows["bob"].Groups, []string{"devs"}) || rows["sa-narrow"].Parent != "alice" ||
		!rows["sa-narrow"].SessionPolicy || !slices.Equal(rows["group:devs"].Members, []string{"bob", "dave"}) {
		t.Errorf("descriptions: %+v %+v", rows["bob"], rows["sa-narrow"])
	}
	if _, ok := r.Broken["broken"]; !ok {
		t.Errorf("broken policies: %v", r.Broken)
	}
}

func TestReportOnePrincipal(t *testing.T) {
	e := New(fixture(), Options{Root: "rootkey"})
	r, err := e.Report(context.Background(), ReportOptions{Buckets: []string{"alpha"}, Principal: "sa-dave"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Principals {
		got = append(got, p.Principal+"<"+p.RelatedTo)
	}
	// The account, its parent, and the parent's groups (the disabled one is why dave has nothing).
	if want := []string{"sa-dave<", "dave<sa-dave", "group:devs<sa-dave", "group:off<sa-dave"}; !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	if _, err := e.Report(context.Background(), ReportOptions{Principal: "nobody"}); err == nil {
		t.Fatal("an unknown principal should fail")
	}
	if _, err := e.Report(context.Background(), ReportOptions{Principal: "group:nogroup"}); err == nil {
		t.Fatal("an unknown group should fail")
	}
}

// bigSnapshot is a synthetic deployment for the report benchmark: policies of a few
// statements each (wildcards, denies, policy variables, conditions), users with one or
// two policies and a few groups each, a tenth of them with a service account, half of
// those with a session policy.
func bigSnapshot(users, groups, policies, buckets int) (*admin.IAMSnapshot, []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := make([]string, buckets)
	for i := range names {
		names[i] = fmt.Sprintf("bucket-%03d", i)
	}
	actions := []string{`"s3:GetObject"`, `"s3:PutObject"`, `"s3:*"`, `"s3:List*"`, `"s3:DeleteObject"`, `"s3:Get*","s3:ListBucket"`, `"admin:ServerInfo"`}
	resource := func() string {
		switch rng.IntN(20) {
		case 0, 1, 2, 3:
			return `"arn:aws:s3:::bucket-0` + fmt.Sprint(rng.IntN(10)) + `*"`
		case 4:
			return `"arn:aws:s3:::` + names[rng.IntN(buckets)] + `/${aws:username}/*"`
		}
		b := names[rng.IntN(buckets)]
		return `"arn:aws:s3:::` + b + `","arn:aws:s3:::` + b + `/*"`
	}
	snap := &admin.IAMSnapshot{Policies: map[string]json.RawMessage{}, Users: map[string]admin.IAMUser{},
		Groups: map[string]admin.IAMGroup{}, ServiceAccounts: map[string]admin.IAMServiceAccount{},
		UserMappings: map[string]admin.IAMMapping{}, GroupMappings: map[string]admin.IAMMapping{}}
	pol := func() string { return fmt.Sprintf("policy-%04d", rng.IntN(policies)) }
	for i := range policies {
		var sts []string
		for range 1 + rng.IntN(4) {
			effect, cond := "Allow", ""
			if rng.IntN(8) == 0 {
				effect = "Deny"
			}
			if rng.IntN(10) == 0 {
				cond = `,"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`
			}
			sts = append(sts, `{"Effect":"`+effect+`","Action":[`+actions[rng.IntN(len(actions))]+`],"Resource":[`+resource()+`]`+cond+`}`)
		}
		snap.Policies[fmt.Sprintf("policy-%04d", i)] = doc(sts...)
	}
	groupNames := make([]string, groups)
	for i := range groups {
		groupNames[i] = fmt.Sprintf("group-%04d", i)
		snap.Groups[groupNames[i]] = admin.IAMGroup{Status: "enabled"}
		snap.GroupMappings[groupNames[i]] = admin.IAMMapping{Policy: pol()}
	}
	for i := range users {
		u := fmt.Sprintf("user-%05d", i)
		status := "enabled"
		if rng.IntN(50) == 0 {
			status = "disabled"
		}
		snap.Users[u] = admin.IAMUser{Status: status}
		snap.UserMappings[u] = admin.IAMMapping{Policy: pol() + "," + pol()}
		for range rng.IntN(4) {
			g := groupNames[rng.IntN(groups)]
			grp := snap.Groups[g]
			grp.Members = append(grp.Members, u)
			snap.Groups[g] = grp
		}
		if i%10 == 0 {
			sa := admin.IAMServiceAccount{Parent: u, Status: "on"}
			if i%20 == 0 {
				sa.SessionPolicy = doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::*"]}`)
			}
			snap.ServiceAccounts["svc-"+u] = sa
		}
	}
	return snap, names
}

// BenchmarkReport: the whole matrix (levels, admin actions, deciding statements) of a
// large deployment, evaluator construction included. README figures: docs/PERFORMANCE.md.
func BenchmarkReport(b *testing.B) {
	for _, size := range []struct{ users, groups, policies, buckets int }{
		{10_000, 1_000, 1_000, 100}, // every user × bucket of a large single-tenant server
		{10_000, 1_000, 500, 200},   // the size issue 18 names
	} {
		snap, buckets := bigSnapshot(size.users, size.groups, size.policies, size.buckets)
		name := fmt.Sprintf("users=%d/groups=%d/policies=%d/buckets=%d", size.users, size.groups, size.policies, size.buckets)
		b.Run(name, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				r, err := New(snap, Options{}).Report(context.Background(), ReportOptions{Buckets: buckets})
				if err != nil || len(r.Principals) < size.users {
					b.Fatal(err, len(r.Principals))
				}
			}
			b.ReportMetric(float64(size.users*size.buckets), "cells/op")
			// On a shared machine the wall time says little: the CPU time spent is the figure to compare.
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestNamedBuckets(t *testing.T) {
	got := New(fixture(), Options{}).NamedBuckets()
	if want := []string{"alpha", "gamma", "home", "nomatch"}; !slices.Equal(got, want) {
		t.Fatalf("named buckets %v, want %v", got, want)
	}
}

// A done context stops a report: it fails with the context's error, never a partial
// matrix.
func TestReportStopsWhenContextDone(t *testing.T) {
	snap, buckets := bigSnapshot(200, 20, 20, 10)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := New(snap, Options{}).Report(ctx, ReportOptions{Buckets: buckets})
	if !errors.Is(err, context.Canceled) || r != nil {
		t.Fatalf("got %v, %v; want no report and context.Canceled", r, err)
	}
}
