package jobs_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// LDAP policy mappings against MinIO with slapd: attach/detach through the LDAP routes,
// read back through the LDAP policy entities, DNs in the server's normal form.
func TestLDAPMappings(t *testing.T) {
	ldap := testserver.LDAPForTest(t)
	srv := testserver.ForTest(t, testserver.Config{Env: ldap.MinIOEnv()})
	c := srv.ClientForTest(t, admin.Options{})
	e := &jobs.Engine{Client: c}
	alice, bob := testserver.LDAPUserDN("alice"), testserver.LDAPUserDN("bob")
	devs := testserver.LDAPGroupDN("devs")
	// alice written in another spelling than the server keeps.
	aliceOther := strings.ReplaceAll("UID"+alice[3:], ",", ", ")
	want := &jobs.State{
		Policies: map[string]json.RawMessage{"ldap-team": policyDoc("ldap-team")},
		LDAP: &jobs.LDAPState{
			Users:  map[string]jobs.LDAPMapping{aliceOther: {Policies: []string{"readonly", "ldap-team"}}, bob: {Policies: []string{"readwrite"}}},
			Groups: map[string]jobs.LDAPMapping{devs: {Policies: []string{"ldap-team"}}},
		},
	}
	rep := applyClean(t, e, want, jobs.ApplyOptions{})
	if rep.Created != 4 {
		t.Fatalf("first apply:\n%s", rep)
	}
	ents := must(c.GetLDAPPolicyEntities(ctx, nil, nil, nil))(t)
	got := map[string][]string{}
	for _, m := range ents.Value.PolicyMappings {
		for _, dn := range append(m.Users, m.Groups...) {
			got[dn] = append(got[dn], m.Policy)
		}
	}
	slices.Sort(got[alice])
	if strings.Join(got[alice], ",") != "ldap-team,readonly" || strings.Join(got[devs], ",") != "ldap-team" || len(got[bob]) != 1 {
		t.Fatalf("server mappings: %s", ents.Raw)
	}
	if lines := planLines(t, e, want); len(lines) > 0 {
		t.Fatalf("drift after apply:\n%s", strings.Join(lines, "\n"))
	}
	// The export writes the mappings back (DNs in normal form) and plans to nothing.
	exp, err := jobs.Export(ctx, c, jobs.ExportOptions{Only: []string{"ldap", "policies"}})
	if err != nil || exp.LDAP == nil || strings.Join(exp.LDAP.Users[alice].Policies, ",") != "ldap-team,readonly" ||
		strings.Join(exp.LDAP.Groups[devs].Policies, ",") != "ldap-team" || exp.Users != nil {
		t.Fatalf("export: %+v %v", exp, err)
	}
	if lines := planLines(t, e, exp); len(lines) > 0 {
		t.Fatalf("plan of the export:\n%s", strings.Join(lines, "\n"))
	}
	// Over plain HTTP, LDAP users' service accounts cannot be listed: the export says so.
	var warned []string
	if _, err := jobs.Export(ctx, c, jobs.ExportOptions{Only: []string{"service_accounts"},
		Warn: func(m string) { warned = append(warned, m) }}); err != nil ||
		len(warned) != 1 || !strings.Contains(warned[0], "service accounts of LDAP users") {
		t.Fatalf("export of service accounts over plain HTTP with LDAP on: %v, warnings %q", err, warned)
	}

	// Change one, remove one; DNs not named stay.
	change := &jobs.State{LDAP: &jobs.LDAPState{Users: map[string]jobs.LDAPMapping{alice: {Policies: []string{"readonly"}},
		bob: {Policies: []string{}}}}}
	lines := planLines(t, e, change)
	if strings.Join(lines, "\n") != "~ ldap_mapping user:"+alice+" policies: ldap-team,readonly → readonly\n- ldap_mapping user:"+bob+" policies=readwrite" {
		t.Fatalf("plan:\n%s", strings.Join(lines, "\n"))
	}
	applyClean(t, e, change, jobs.ApplyOptions{})
	if lines := planLines(t, e, change); len(lines) > 0 {
		t.Fatalf("drift after the change:\n%s", strings.Join(lines, "\n"))
	}

	// Prune of policies keeps ldap-team while devs has it; prune of the group side
	// detaches devs first, and then the policy can go.
	p, _, err := e.Plan(ctx, &jobs.State{Policies: map[string]json.RawMessage{}}, jobs.ApplyOptions{Prune: true})
	if err != nil || !p.Empty() {
		t.Fatalf("policy prune: %v %v", p, err)
	}
	all := &jobs.State{Policies: map[string]json.RawMessage{}, LDAP: &jobs.LDAPState{Groups: map[string]jobs.LDAPMapping{}}}
	rep = applyClean(t, e, all, jobs.ApplyOptions{Prune: true})
	if rep.Deleted != 2 {
		t.Fatalf("prune:\n%s", rep)
	}
	if _, err := c.PolicyInfo(ctx, "ldap-team"); !admin.IsNotFound(err) {
		t.Fatalf("policy after prune: %v", err)
	}
	// A mapping to a policy that does not exist is refused before anything is written.
	_, _, err = e.Plan(ctx, &jobs.State{LDAP: &jobs.LDAPState{Users: map[string]jobs.LDAPMapping{alice: {Policies: []string{"nope"}}}}},
		jobs.ApplyOptions{})
	if err == nil || !strings.Contains(err.Error(), "policy nope does not exist") {
		t.Fatalf("missing policy: %v", err)
	}
}
