package tests

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/minioscript/minioscript/internal/testserver"
	lua "github.com/yuin/gopher-lua"
)

// setups are the server arrangements a Lua test file can ask for with `-- needs: NAME`.
// Each returns the default connection (the global `admin`) and the `setup` table.
var setups = map[string]func(t *testing.T) env{
	"shared": func(t *testing.T) env { return serverEnv(sharedServer(t)) },
	"fresh-server": func(t *testing.T) env {
		return serverEnv(testserver.ForTest(t, testserver.Config{}))
	},
	// Four server processes forming one distributed deployment.
	"distributed": func(t *testing.T) env {
		nodes, err := testserver.StartDistributed(context.Background(), t.TempDir(), 4, testserver.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { stopAll(nodes) })
		e := serverEnv(nodes[0])
		e.extra["nodes"] = serverList(nodes)
		return e
	},
	// A server with a self-signed certificate; admin trusts it through ca_file.
	"tls": func(t *testing.T) env {
		dir := t.TempDir()
		ca, err := testserver.SelfSigned(filepath.Join(dir, "certs"))
		if err != nil {
			t.Fatal(err)
		}
		wrong, err := testserver.SelfSigned(filepath.Join(dir, "other"))
		if err != nil {
			t.Fatal(err)
		}
		e := serverEnv(testserver.ForTest(t, testserver.Config{CertsDir: filepath.Join(dir, "certs")}))
		e.conn.CAFile = ca
		e.extra["ca_file"], e.extra["wrong_ca_file"] = ca, wrong
		return e
	},
	// A server whose KMS is a static key named minioscript-key.
	"kms-static": func(t *testing.T) env {
		key := make([]byte, 32)
		rand.Read(key)
		e := serverEnv(testserver.ForTest(t, testserver.Config{
			Env: []string{"MINIO_KMS_SECRET_KEY=minioscript-key:" + base64.StdEncoding.EncodeToString(key)}}))
		e.extra["key"] = "minioscript-key"
		return e
	},
	// A real slapd and a server that authenticates against it.
	"ldap": func(t *testing.T) env {
		ldap, err := testserver.StartLDAP(filepath.Join(t.TempDir(), "ldap"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(ldap.Stop)
		e := serverEnv(testserver.ForTest(t, testserver.Config{Env: ldap.MinIOEnv()}))
		e.extra["alice"], e.extra["bob"] = testserver.LDAPUserDN("alice"), testserver.LDAPUserDN("bob")
		e.extra["devs"] = testserver.LDAPGroupDN("devs")
		endpoint := e.extra["endpoint"].(string)
		// setup.assume_role(user, password) -> access key of new STS credentials
		e.extra["assume_role"] = lua.LGFunction(func(L *lua.LState) int {
			creds, err := testserver.AssumeRoleWithLDAP(endpoint, L.CheckString(1), L.CheckString(2))
			if err != nil {
				L.RaiseError("%v", err)
			}
			L.Push(lua.LString(creds.AccessKey))
			return 1
		})
		return e
	},
	// Three independent servers for site replication; admin talks to the first.
	"sites": func(t *testing.T) env {
		sites, err := testserver.StartSites(context.Background(), t.TempDir(), 3, testserver.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { stopAll(sites) })
		e := serverEnv(sites[0])
		e.extra["sites"] = serverList(sites)
		return e
	},
}

func stopAll(servers []*testserver.Server) {
	for _, s := range servers {
		s.Stop()
	}
}

// serverList describes servers for Lua as PeerSite-shaped tables.
func serverList(servers []*testserver.Server) []map[string]any {
	var out []map[string]any
	for i, s := range servers {
		out = append(out, map[string]any{"name": fmt.Sprintf("site-%c", 'a'+i), "endpoint": s.URL(),
			"access_key": testserver.RootUser, "secret_key": testserver.RootPassword})
	}
	return out
}
