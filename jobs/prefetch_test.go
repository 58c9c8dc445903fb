package jobs_test

import (
	"context"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// Over TLS, Prefetch's IAM export is the one the next plan uses (one export_iam for
// both), that plan is the one it would have been, and a later plan reads afresh.
func TestPrefetch(t *testing.T) {
	certs := t.TempDir()
	ca, err := testserver.SelfSigned(certs)
	if err != nil {
		t.Fatal(err)
	}
	srv := testserver.ForTest(t, testserver.Config{CertsDir: certs})
	calls := &opCounter{}
	c := srv.ClientForTest(t, admin.Options{CAFile: ca, Middleware: []admin.Middleware{calls.Middleware}})
	want := &jobs.State{Users: map[string]jobs.UserState{"pre-1": {SecretKey: "pre-secret-1", Policies: []string{"readonly"}}}}
	applyClean(t, &jobs.Engine{Client: c}, want, jobs.ApplyOptions{})
	calls.reset()

	e := &jobs.Engine{Client: c}
	e.Prefetch(ctx)
	p, _, err := e.Plan(ctx, want, jobs.ApplyOptions{})
	if err != nil || !p.Empty() {
		t.Fatalf("plan after prefetch: %v %v", p, err)
	}
	if calls.n("export_iam") != 1 {
		t.Fatalf("calls: %v", calls.ops)
	}
	want.Users["pre-2"] = jobs.UserState{SecretKey: "pre-secret-2"}
	p, _, err = e.Plan(ctx, want, jobs.ApplyOptions{})
	if err != nil || len(p.Changes) != 1 || calls.n("export_iam") != 2 {
		t.Fatalf("second plan: %v %v %v", p, err, calls.ops)
	}

	// A prefetch whose context has ended fails the plan that takes it.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	e.Prefetch(cctx)
	if _, _, err := e.Plan(ctx, want, jobs.ApplyOptions{}); err == nil {
		t.Fatal("plan on a cancelled prefetch succeeded")
	}
}
