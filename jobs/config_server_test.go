package jobs_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// The config section against a real server: a notify target (the server connects to
// its endpoint before it stores it, so a loopback listener answers), a logger target
// and two live subsystems. The notify target waits for a restart: the plan made before
// it knows, and the one after it compares the secrets the server gives back.
func TestConfigSection(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer hook.Close()
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	e := &jobs.Engine{Client: c}
	want := &jobs.State{Config: map[string]map[string]string{
		"notify_webhook:primary": {"endpoint": hook.URL + "/events", "auth_token": "secret-hook-token"},
		"logger_webhook:audit1":  {"endpoint": hook.URL + "/log", "auth_token": "secret-log-token"},
		"scanner":                {"speed": "slow"},
		"api":                    {"requests_max": "1000"},
	}}
	before := must(c.ConfigExport(ctx))(t)

	dry := srv.ClientForTest(t, admin.Options{DryRun: true})
	rep := must((&jobs.Engine{Client: dry}).Apply(ctx, want, jobs.ApplyOptions{}))(t)
	if rep.Created+rep.Updated != 4 || len(rep.RestartNeeded()) != 0 || len(dry.DryRunWrites()) != 4 {
		t.Fatalf("dry run:\n%s\nwrites %d", rep, len(dry.DryRunWrites()))
	}
	if after := must(c.ConfigExport(ctx))(t); after != before {
		t.Fatal("the dry run changed the config")
	}

	rep = applyClean(t, e, want, jobs.ApplyOptions{})
	if rep.Created != 2 || rep.Updated != 2 {
		t.Fatalf("apply:\n%s", rep)
	}
	if got := rep.RestartNeeded(); !slices.Equal(got, []string{"notify_webhook:primary"}) {
		t.Fatalf("restart needed: %v\n%s", got, rep)
	}
	if s := rep.String(); strings.Contains(s, "secret-") || !strings.Contains(s, "restart needed") {
		t.Fatalf("report:\n%s", s)
	}
	// The running server does not show the notify target yet: the plan knows it is set.
	p := must2(e.Plan(ctx, want, jobs.ApplyOptions{}))(t)
	if !p.Empty() || p.Unchanged != 4 || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "notify_webhook:primary") ||
		!strings.Contains(p.Warnings[0], "until the server restarts") {
		t.Fatalf("plan before the restart:\n%s", jobs.PlanReport(p, false))
	}

	must(c.ServiceRestart(ctx))(t)
	for i := range 2 { // twice: a compare that drifts shows on the second
		p = must2(e.Plan(ctx, want, jobs.ApplyOptions{}))(t)
		if !p.Empty() || p.Unchanged != 4 || len(p.Warnings) != 0 {
			t.Fatalf("plan %d after the restart:\n%s", i, jobs.PlanReport(p, false))
		}
	}
	// The server gives the secrets back in its full config: a changed one is planned,
	// never shown.
	want.Config["notify_webhook:primary"]["auth_token"] = "secret-hook-token-2"
	p = must2(e.Plan(ctx, want, jobs.ApplyOptions{}))(t)
	if lines := jobs.PlanReport(p, false).String(); len(p.Changes) != 1 ||
		!strings.Contains(lines, "~ config notify_webhook:primary auth_token: (secret) → (secret)") || strings.Contains(lines, "secret-") {
		t.Fatalf("secret change:\n%s", lines)
	}

	// The export gives the managed keys back, and plans to nothing.
	st := must(jobs.Export(ctx, c, jobs.ExportOptions{Only: []string{"config"}}))(t)
	got := st.Config
	if got["scanner"]["speed"] != "slow" || got["api"]["requests_max"] != "1000" ||
		got["notify_webhook:primary"]["endpoint"] != hook.URL+"/events" || got["notify_webhook:primary"]["auth_token"] != "" {
		t.Fatalf("export: %v", got)
	}
	if p := must2(e.Plan(ctx, st, jobs.ApplyOptions{}))(t); !p.Empty() {
		t.Fatalf("the export plans changes:\n%s", jobs.PlanReport(p, false))
	}
	withSecrets := must(jobs.Export(ctx, c, jobs.ExportOptions{Only: []string{"config"}, Secrets: true}))(t)
	if withSecrets.Config["logger_webhook:audit1"]["auth_token"] != "secret-log-token" {
		t.Fatalf("export with secrets: %v", withSecrets.Config["logger_webhook:audit1"])
	}
}

func must2[A, B any](a A, _ B, err error) func(t *testing.T) A {
	return must(a, err)
}
