package access

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
)

func doc(statements ...string) json.RawMessage {
	return json.RawMessage(`{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`)
}

// fixture is one deployment that exercises each rule; the table below asks it questions.
func fixture() *admin.IAMSnapshot {
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	epoch := time.Unix(0, 0).UTC()
	return &admin.IAMSnapshot{
		Policies: map[string]json.RawMessage{
			"getalpha":  doc(`{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::alpha/*"]}`),
			"listalpha": doc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::alpha"}`),
			"denyget":   doc(`{"Effect":"Deny","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::alpha/*"]}`),
			"wild":      doc(`{"Effect":"Allow","Action":["s3:Get*","s3:PutObjec?"],"Resource":["arn:aws:s3:::b?ta/*","arn:aws:s3:::*/k1"]}`),
			"star":      doc(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::alpha/*"}`),
			"notaction": doc(`{"Effect":"Allow","NotAction":["s3:DeleteObject"],"Resource":["arn:aws:s3:::*"]}`),
			"notres":    doc(`{"Effect":"Allow","Action":["s3:GetObject"],"NotResource":["arn:aws:s3:::alpha/secret*"]}`),
			"ip":        doc(`{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::*"],"Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}}`),
			"denyip":    doc(`{"Effect":"Deny","Action":["s3:*"],"Resource":["arn:aws:s3:::*"],"Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`),
			"home": doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::home/${aws:username}/*"]}`,
				`{"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::home"],"Condition":{"StringLike":{"s3:prefix":["${aws:username}/*"]}}}`),
			"onlyalice":  doc(`{"Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::*"],"Condition":{"StringEquals":{"aws:username":"alice"}}}`),
			"adminres":   doc(`{"Effect":"Allow","Action":["admin:ServerInfo"],"Resource":["arn:aws:s3:::nomatch"]}`),
			"getversion": doc(`{"Effect":"Allow","Action":["s3:GetObjectVersion"],"Resource":["arn:aws:s3:::gamma/*"]}`),
			"readonly":   doc(`{"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::*"]}`), // overwrites the built-in
			"broken":     json.RawMessage(`{"Statement":"nope"`),
			"maybe":      doc(`{"Effect":"Maybe","Action":["s3:*"],"Resource":["arn:aws:s3:::*"]}`),
		},
		Users: map[string]admin.IAMUser{
			"alice": {Status: "enabled"}, "bob": {Status: "enabled"}, "carol": {Status: "disabled"},
			"dave": {Status: "enabled"}, "erin": {Status: "enabled"}, "frank": {Status: "enabled"},
			"nopol": {Status: "enabled"}, "root2": {Status: "enabled"},
		},
		Groups: map[string]admin.IAMGroup{
			"devs":  {Status: "enabled", Members: []string{"bob", "dave"}},
			"off":   {Status: "disabled", Members: []string{"dave"}},
			"audit": {Status: "enabled", Members: []string{"erin"}},
		},
		UserMappings: map[string]admin.IAMMapping{
			"alice": {Policy: "getalpha,listalpha"}, "bob": {Policy: "denyget"}, "carol": {Policy: "readwrite"},
			"dave": {Policy: "readwrite"}, "erin": {Policy: "home,onlyalice"}, "frank": {Policy: ",missing,wild,"},
			"root2": {Policy: "star"},
		},
		GroupMappings: map[string]admin.IAMMapping{
			"devs": {Policy: "readwrite"}, "off": {Policy: "consoleAdmin"}, "audit": {Policy: "diagnostics"},
			// LDAP group DNs are mapped like groups.
			"cn=ops,ou=groups,dc=x": {Policy: "listalpha"},
			"grp-na":                {Policy: "notaction"}, "grp-nr": {Policy: "notres"}, "grp-ip": {Policy: "ip"},
			"grp-denyip": {Policy: "denyip,readwrite"}, "grp-adm": {Policy: "adminres"}, "grp-ver": {Policy: "getversion"},
			"grp-odd": {Policy: "broken,maybe,getalpha"}, "ro": {Policy: "readonly"},
		},
		STSMappings: map[string]admin.IAMMapping{
			"uid=ann,ou=people,dc=x": {Policy: "getalpha"},
		},
		ServiceAccounts: map[string]admin.IAMServiceAccount{
			"sa-inherit": {Parent: "alice", Status: "on", Expiration: &epoch},
			"sa-narrow": {Parent: "alice", Status: "on",
				SessionPolicy: doc(`{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::alpha/*","arn:aws:s3:::beta/*"]}`)},
			"sa-null":     {Parent: "alice", Status: "on", SessionPolicy: json.RawMessage(`{}`)},
			"sa-off":      {Parent: "alice", Status: "off"},
			"sa-expired":  {Parent: "alice", Status: "on", Expiration: &past},
			"sa-carol":    {Parent: "carol", Status: "on"},
			"sa-dave":     {Parent: "dave", Status: "on"},
			"sa-root":     {Parent: "rootkey", Status: "on"},
			"sa-rootpol":  {Parent: "rootkey", Status: "on", SessionPolicy: doc(`{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::gamma/*"]}`)},
			"sa-erin":     {Parent: "erin", Status: "on"},
			"sa-ldap":     {Parent: "uid=ann,ou=people,dc=x", Groups: []string{"cn=ops,ou=groups,dc=x"}, Status: "on"},
			"sa-orphan":   {Parent: "ghost", Status: "on"},
			"sa-badsess":  {Parent: "alice", Status: "on", SessionPolicy: json.RawMessage(`{"Version":"2012-10-17"}`)},
			"sa-narrowip": {Parent: "dave", Status: "on", SessionPolicy: doc(`{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::*"],"Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}}`)},
		},
	}
}

func TestCan(t *testing.T) {
	snap := fixture()
	// Dave is in the disabled group "off": give a copy without it for the group rules.
	e := New(snap, Options{Root: "rootkey", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	local := map[string][]string{"aws:SourceIp": {"127.0.0.1"}}
	remote := map[string][]string{"aws:SourceIp": {"10.1.1.1"}}
	cases := []struct {
		rule, who, action, resource string
		ctx                         map[string][]string
		want                        Decision
		policy                      string // a deciding statement's policy, when one is expected
	}{
		{"root", "rootkey", "admin:ServerInfo", "", nil, Allow, ""},
		{"root", "rootkey", "s3:DeleteObject", "any/k", nil, Allow, ""},
		{"direct", "alice", "s3:GetObject", "alpha/k1", nil, Allow, "getalpha"},
		{"direct", "alice", "s3:GetObject", "beta/k1", nil, Deny, ""},
		{"direct", "alice", "s3:PutObject", "alpha/k1", nil, Deny, ""},
		{"bucket ARN", "alice", "s3:ListBucket", "alpha", nil, Allow, "listalpha"},
		{"bucket ARN", "alice", "s3:ListBucket", "arn:aws:s3:::alpha", nil, Allow, "listalpha"},
		{"bucket ARN not objects", "alice", "s3:ListBucket", "beta", nil, Deny, ""},
		{"obj/* covers bucket", "alice", "s3:GetObject", "alpha", nil, Allow, "getalpha"},
		{"deny beats allow", "bob", "s3:GetObject", "alpha/k1", nil, Deny, "denyget"},
		{"deny only where it matches", "bob", "s3:GetObject", "beta/k1", nil, Allow, "readwrite"},
		{"group grant", "bob", "s3:PutObject", "beta/x", nil, Allow, "readwrite"},
		{"s3:* not admin", "bob", "admin:ServerInfo", "", nil, Deny, ""},
		{"disabled user", "carol", "s3:GetObject", "alpha/k1", nil, Deny, ""},
		{"disabled group drops all", "dave", "s3:GetObject", "alpha/k1", nil, Deny, ""},
		{"disabled group drops all", "sa-dave", "s3:GetObject", "alpha/k1", nil, Deny, ""},
		{"disabled group", "group:off", "admin:ServerInfo", "", nil, Deny, ""},
		{"group principal", "group:devs", "s3:PutObject", "x/y", nil, Allow, "readwrite"},
		{"builtin diagnostics", "erin", "admin:ServerInfo", "", nil, Allow, "diagnostics"},
		{"builtin diagnostics", "erin", "admin:ListUsers", "", nil, Deny, ""},
		{"policy variable", "erin", "s3:GetObject", "home/erin/f", nil, Allow, "home"},
		{"policy variable", "erin", "s3:GetObject", "home/bob/f", nil, Deny, ""},
		{"request condition open", "erin", "s3:ListBucket", "home", nil, Conditional, "home"},
		{"request condition given", "erin", "s3:ListBucket", "home", map[string][]string{"s3:prefix": {"erin/x"}}, Allow, "home"},
		{"request condition given", "erin", "s3:ListBucket", "home", map[string][]string{"s3:prefix": {"bob/"}}, Deny, ""},
		{"principal condition", "erin", "s3:PutObject", "any/k", nil, Deny, ""},
		{"wildcards", "frank", "s3:GetBucketTagging", "beta", nil, Allow, "wild"},
		{"wildcards ?", "frank", "s3:PutObject", "beta/x", nil, Allow, "wild"},
		{"wildcards ?", "frank", "s3:PutObject", "bueta/x", nil, Deny, ""},
		{"wildcards */k1", "frank", "s3:GetObject", "zeta/k1", nil, Allow, "wild"},
		{"wildcards case", "frank", "s3:GetObject", "zeta/K1", nil, Deny, ""},
		{"empty and missing names", "frank", "s3:DeleteObject", "beta/x", nil, Deny, ""},
		{"Action * ignores Resource", "root2", "s3:PutObject", "gamma/x", nil, Allow, "star"},
		{"Action * ignores Resource", "root2", "admin:ListUsers", "", nil, Allow, "star"},
		{"no policies", "nopol", "s3:GetObject", "a/b", nil, Deny, ""},
		{"unknown", "nobody", "s3:GetObject", "a/b", nil, Deny, ""},
		{"SA inherits", "sa-inherit", "s3:ListBucket", "alpha", nil, Allow, "listalpha"},
		{"SA narrowed", "sa-narrow", "s3:GetObject", "alpha/k", nil, Allow, ""},
		{"SA narrowed: parent must allow", "sa-narrow", "s3:GetObject", "beta/k", nil, Deny, ""},
		{"SA narrowed: session must allow", "sa-narrow", "s3:ListBucket", "alpha", nil, Deny, ""},
		{"SA {} inherits", "sa-null", "s3:ListBucket", "alpha", nil, Allow, "listalpha"},
		{"SA statement-less denies", "sa-badsess", "s3:GetObject", "alpha/k", nil, Deny, ""},
		{"SA off", "sa-off", "s3:GetObject", "alpha/k", nil, Deny, ""},
		{"SA expired", "sa-expired", "s3:GetObject", "alpha/k", nil, Deny, ""},
		{"SA of disabled parent", "sa-carol", "s3:GetObject", "alpha/k", nil, Deny, ""},
		{"root SA", "sa-root", "admin:ServerInfo", "", nil, Allow, ""},
		{"root SA with policy", "sa-rootpol", "s3:GetObject", "gamma/k", nil, Allow, ""},
		{"root SA with policy", "sa-rootpol", "s3:GetObject", "alpha/k", nil, Deny, ""},
		{"SA username is parent", "sa-erin", "s3:GetObject", "home/erin/f", nil, Allow, "home"},
		{"SA of missing parent", "sa-orphan", "s3:GetObject", "a/b", nil, Deny, ""},
		{"SA of LDAP user", "sa-ldap", "s3:ListBucket", "alpha", nil, Allow, "listalpha"},
		{"SA session condition", "sa-narrowip", "s3:GetObject", "a/b", nil, Deny, ""}, // dave: disabled group
		{"LDAP DN", "uid=ann,ou=people,dc=x", "s3:GetObject", "alpha/k", nil, Allow, "getalpha"},
		{"LDAP DN", "uid=ann,ou=people,dc=x", "s3:ListBucket", "alpha", nil, Deny, ""},
		{"overwritten builtin", "group:devs", "s3:GetObject", "a/b", nil, Allow, "readwrite"},
	}
	cases = append(cases, []struct {
		rule, who, action, resource string
		ctx                         map[string][]string
		want                        Decision
		policy                      string
	}{
		{"NotAction", "group:grp-na", "s3:GetObject", "alpha/k", nil, Allow, "notaction"},
		{"NotAction", "group:grp-na", "s3:DeleteObject", "alpha/k", nil, Deny, ""},
		{"NotAction spans namespaces", "group:grp-na", "admin:ListUsers", "", nil, Allow, "notaction"},
		{"NotResource", "group:grp-nr", "s3:GetObject", "alpha/k1", nil, Allow, "notres"},
		{"NotResource", "group:grp-nr", "s3:GetObject", "alpha/secret1", nil, Deny, ""},
		{"condition unknown", "group:grp-ip", "s3:GetObject", "a/b", nil, Conditional, "ip"},
		{"condition true", "group:grp-ip", "s3:GetObject", "a/b", local, Allow, "ip"},
		{"condition false", "group:grp-ip", "s3:GetObject", "a/b", remote, Deny, ""},
		{"deny condition unknown", "group:grp-denyip", "s3:GetObject", "a/b", nil, Conditional, "denyip"},
		{"deny condition true", "group:grp-denyip", "s3:GetObject", "a/b", local, Deny, "denyip"},
		{"deny condition false", "group:grp-denyip", "s3:GetObject", "a/b", remote, Allow, "readwrite"},
		{"admin ignores Resource", "group:grp-adm", "admin:ServerInfo", "", nil, Allow, "adminres"},
		{"GetObjectVersion implies GetObject", "group:grp-ver", "s3:GetObject", "gamma/k", nil, Allow, "getversion"},
		{"GetObjectVersion only", "group:grp-ver", "s3:GetObjectTagging", "gamma/k", nil, Deny, ""},
		{"odd effect and broken doc skipped", "group:grp-odd", "s3:PutObject", "alpha/k", nil, Deny, ""},
		{"odd effect and broken doc skipped", "group:grp-odd", "s3:GetObject", "alpha/k", nil, Allow, "getalpha"},
		{"overwritten builtin readonly", "group:ro", "s3:ListBucket", "zeta", nil, Allow, "readonly"},
		{"overwritten builtin readonly", "group:ro", "s3:GetObject", "zeta/k", nil, Deny, ""},
	}...)
	for _, c := range cases {
		p := e.Principal(c.who)
		a := e.Can(p, Request{Action: c.action, Resource: c.resource, Context: c.ctx})
		if a.Decision != c.want {
			t.Errorf("%s: can(%s, %s, %s) = %s (%s), want %s", c.rule, c.who, c.action, c.resource, a.Decision, a.Reason, c.want)
			continue
		}
		if c.policy != "" && !hasPolicy(a, c.policy) {
			t.Errorf("%s: can(%s, %s, %s): statements %+v lack policy %s", c.rule, c.who, c.action, c.resource, a.Statements, c.policy)
		}
	}
	// With the group DN given, the LDAP user lists alpha through the group's mapping.
	a := e.Can(e.Principal("uid=ann,ou=people,dc=x", "cn=ops,ou=groups,dc=x"), Request{Action: "s3:ListBucket", Resource: "alpha"})
	if a.Decision != Allow || a.Statements[0].Via != "group DN cn=ops,ou=groups,dc=x" {
		t.Errorf("LDAP group: %+v", a)
	}
	if len(e.Broken()) != 1 {
		t.Errorf("broken: %v", e.Broken())
	}
}

func hasPolicy(a Answer, name string) bool {
	for _, s := range a.Statements {
		if s.Policy == name {
			return true
		}
	}
	return false
}

func TestMatch(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"", "", true}, {"", "a", false}, {"*", "", true}, {"*", "a/b", true}, {"a*", "a", true},
		{"s3:Get*", "s3:GetObject", true}, {"s3:*Object", "s3:PutObject", true}, {"s3:GetObjec?", "s3:GetObject", true},
		{"s3:GetObjec?", "s3:GetObjec", false}, {"a?c", "abc", true}, {"a?c", "ac", false}, {"*/k1", "alpha/k1", true},
		{"alpha/*", "alpha/", true}, {"alpha/*", "alpha", false}, {"a*b*c", "aXbYbZc", true}, {"a*b*c", "aXbYbZ", false},
		{"alpha/K*", "alpha/k1", false}, {"**", "x", true}, {"*?", "", false},
	}
	for _, c := range cases {
		if got := match(c.p, c.s); got != c.want {
			t.Errorf("match(%q, %q) = %v", c.p, c.s, got)
		}
	}
}

func TestBuiltinsParse(t *testing.T) {
	for name, d := range Builtin {
		p, err := parsePolicy(d)
		if err != nil || len(p.statements) == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	e := New(&admin.IAMSnapshot{Users: map[string]admin.IAMUser{"u": {Status: "enabled"}},
		UserMappings: map[string]admin.IAMMapping{"u": {Policy: "readonly,consoleAdmin"}}}, Options{})
	for _, q := range []Request{{Action: "kms:Status"}, {Action: "admin:ServerInfo"}, {Action: "s3:ListBucket", Resource: "b"}} {
		if a := e.Can(e.Principal("u"), q); a.Decision != Allow {
			t.Errorf("%+v: %+v", q, a)
		}
	}
}

func TestAccessAndWhoCan(t *testing.T) {
	e := New(fixture(), Options{Root: "rootkey", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	p := e.Access(e.Principal("alice"), []string{"alpha", "beta"}, nil)
	if p.Buckets["alpha"].Level != "read" || p.Buckets["beta"].Level != "none" || len(p.Admin) != 0 {
		t.Errorf("alice: %+v", p)
	}
	if p := e.Access(e.Principal("group:devs"), []string{"alpha"}, nil); p.Buckets["alpha"].Level != "admin" {
		t.Errorf("devs: %+v", p)
	}
	if p := e.Access(e.Principal("carol"), []string{"alpha"}, nil); p.Reason == "" || p.Buckets["alpha"].Level != "none" {
		t.Errorf("carol: %+v", p)
	}
	got := map[string]Decision{}
	for _, g := range e.WhoCan(Request{Action: "s3:GetObject", Resource: "alpha/k1"}) {
		got[g.Principal] = g.Decision
	}
	for _, who := range []string{"rootkey", "alice", "sa-inherit", "sa-narrow", "root2", "sa-root", "uid=ann,ou=people,dc=x"} {
		if got[who] != Allow {
			t.Errorf("who_can: %s = %q (all: %v)", who, got[who], got)
		}
	}
	for _, who := range []string{"bob", "carol", "dave", "sa-off"} {
		if _, ok := got[who]; ok {
			t.Errorf("who_can lists %s: %v", who, got)
		}
	}
}
