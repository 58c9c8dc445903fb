package jobs

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

func samplePlan(t *testing.T) (*Plan, *State, *Current) {
	t.Helper()
	want := &State{Users: map[string]UserState{"ann": {SecretKey: "ann-secret-1", Policies: []string{"readonly"}}, "bob": {Status: "disabled"}},
		Buckets: map[string]BucketState{"b1": {Quota: quota(2048)}}}
	cur := server(func(c *Current) {
		c.Users["bob"] = admin.IAMUser{SecretKey: "bob-secret-1", Status: "enabled"}
		c.Users["old"] = admin.IAMUser{Status: "enabled"}
		c.Buckets["b1"] = 1024
	})
	p, err := Diff(want, cur, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, want, cur
}

func TestRender(t *testing.T) {
	p, _, _ := samplePlan(t)
	r := PlanReport(p, false)
	want := `plan: 2 to create, 2 to update, 1 to delete, 0 unchanged
  + user ann secret_key=(secret) status=enabled
  ~ user bob status: enabled → disabled
  ~ bucket b1 quota: 1024 → 2048
  + mapping user:ann policies=readonly
  - user old status=enabled`
	if got := r.String(); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	var b strings.Builder
	r.Render(&b, true)
	for _, s := range []string{"\x1b[32m+\x1b[0m user ann", "\x1b[33m~\x1b[0m user bob", "\x1b[31m-\x1b[0m user old"} {
		if !strings.Contains(b.String(), s) {
			t.Fatalf("colour output lacks %q:\n%q", s, b.String())
		}
	}
	applied := &Report{Changes: p.Changes[:1], Created: 1, Applied: true, Bulk: true, Warnings: []string{"w"},
		Errors: []*ChangeError{{Change: p.Changes[1], Err: errors.New("boom")}}, Failed: 1}
	if got := applied.String(); !strings.HasPrefix(got, "applied: 1 created, 0 updated, 0 deleted, 0 unchanged, 1 failed (bulk import)\n") ||
		!strings.Contains(got, "warning: w\nerror: update user bob: boom") {
		t.Fatalf("applied report:\n%s", got)
	}
	if got := (&Report{DryRun: true, Applied: true}).CountLine(); got != "dry run: 0 to create, 0 to update, 0 to delete, 0 unchanged" {
		t.Fatal(got)
	}
}

func TestUseColor(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	if !UseColor(true) || UseColor(false) {
		t.Fatal("colour on a terminal only")
	}
	t.Setenv("NO_COLOR", "1")
	if UseColor(true) {
		t.Fatal("NO_COLOR ignored")
	}
}

func TestPlanJSON(t *testing.T) {
	p, want, cur := samplePlan(t)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"format":"minioscript-plan"`, `"version":1`, `"fingerprint":"sha256:`, `"stage":"users-buckets"`,
		`"before":{"status":"enabled"},"after":{"status":"disabled"}`} {
		if !strings.Contains(string(b), s) {
			t.Fatalf("JSON lacks %s:\n%s", s, b)
		}
	}
	if strings.Contains(string(b), "ann-secret") || strings.Contains(string(b), "bob-secret") {
		t.Fatalf("a secret in the plan:\n%s", b)
	}
	var back Plan
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if err := Compare(&back, p); err != nil {
		t.Fatalf("the plan read back differs: %v", err)
	}
	// The server changes between plan and apply: Compare names each difference.
	cur.Users["bob"] = admin.IAMUser{Status: "disabled"}
	cur.Users["ann"] = admin.IAMUser{Status: "enabled"}
	now, err := Diff(want, cur, Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	err = Compare(&back, now)
	if !errors.Is(err, ErrPlanChanged) {
		t.Fatalf("Compare: %v", err)
	}
	for _, s := range []string{"no longer needed: ~ user bob status: enabled → disabled", "no longer needed: + user ann"} {
		if !strings.Contains(err.Error(), s) {
			t.Fatalf("Compare error lacks %q:\n%v", s, err)
		}
	}
	// The same changes from a server that differs elsewhere in a managed section.
	cur2 := server(func(c *Current) {
		c.Users["bob"] = admin.IAMUser{SecretKey: "bob-secret-1", Status: "enabled"}
		c.Users["old"] = admin.IAMUser{Status: "enabled"}
		c.UserMappings["old"] = admin.IAMMapping{Policy: "readonly"}
		c.Buckets["b1"] = 1024
	})
	other, _ := Diff(want, cur2, Options{Prune: true})
	if err := Compare(&back, other); err == nil || !strings.Contains(err.Error(), "fingerprint") {
		t.Fatalf("a changed managed object went unnoticed: %v", err)
	}
	for _, bad := range []string{`{"format":"minioscript-plan","version":2,"changes":[]}`, `{"format":"other","version":1}`,
		`{"format":"minioscript-plan","version":1,"changes":[{"action":"create","kind":"user","name":"x","stage":"later"}]}`,
		`{"format":"minioscript-plan","version":1,"extra":true}`} {
		if err := json.Unmarshal([]byte(bad), &Plan{}); err == nil {
			t.Fatalf("accepted %s", bad)
		}
	}
}
