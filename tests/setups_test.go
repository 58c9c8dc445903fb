package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/minioscript/minioscript/admin/testserver"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
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
		nodes := testserver.DistributedForTest(t, 4, testserver.Config{})
		e := serverEnv(nodes[0])
		e.extra["nodes"] = serverList(nodes)
		return e
	},
	// A server with a self-signed certificate; admin trusts it through ca_file.
	"tls": func(t *testing.T) env {
		srv, ca := testserver.TLSForTest(t)
		wrong, err := testserver.SelfSigned(filepath.Join(t.TempDir(), "other"))
		if err != nil {
			t.Fatal(err)
		}
		e := serverEnv(srv)
		e.conn.CAFile = ca
		e.extra["ca_file"], e.extra["wrong_ca_file"] = ca, wrong
		return e
	},
	// A server whose KMS is a static key named minioscript-key.
	"kms-static": func(t *testing.T) env {
		e := serverEnv(testserver.ForTest(t, testserver.Config{Env: testserver.StaticKMSEnv("minioscript-key")}))
		e.extra["key"] = "minioscript-key"
		return e
	},
	// A real slapd and a server that authenticates against it.
	"ldap": func(t *testing.T) env {
		ldap := testserver.LDAPForTest(t)
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
	// A server running a copy of the MinIO binary and a local release mirror whose
	// signing key it trusts, plus mirrors that answer with nothing new or nonsense.
	"update": func(t *testing.T) env {
		testserver.SkipShort(t)
		dir := t.TempDir()
		bin, err := testserver.CopyBinary(filepath.Join(dir, "bin"))
		if err != nil {
			t.Fatal(err)
		}
		fixtures := map[string]*testserver.UpdateFixture{}
		for name, args := range map[string][2]string{
			"update_url": {"2099-01-01T00-00-00Z", ""},
			"old_url":    {"2001-01-01T00-00-00Z", ""},
			"bad_url":    {"2099-01-01T00-00-00Z", "not a checksum line\n"},
		} {
			f, err := testserver.NewUpdateFixture(bin, args[0], args[1])
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(f.Close)
			fixtures[name] = f
		}
		e := serverEnv(testserver.ForTest(t, testserver.Config{Binary: bin,
			Env: []string{"MINIO_UPDATE_MINISIGN_PUBKEY=" + fixtures["update_url"].PubKey}}))
		for name, f := range fixtures {
			e.extra[name] = f.URL
		}
		port, _ := testserver.FreePort()
		e.extra["unreachable_url"] = fmt.Sprintf("http://127.0.0.1:%d/minio.sha256sum", port)
		// setup.binary_id() -> the inode of the server's binary (changes when replaced)
		e.extra["binary_id"] = lua.LGFunction(func(L *lua.LState) int {
			fi, err := os.Stat(bin)
			if err != nil {
				L.RaiseError("%v", err)
			}
			L.Push(lua.LNumber(fi.Sys().(*syscall.Stat_t).Ino))
			return 1
		})
		return e
	},
	// A real KES server with a file key store, and a server that uses it.
	"kes": func(t *testing.T) env {
		kes := testserver.KESForTest(t)
		e := serverEnv(testserver.ForTest(t, testserver.Config{Env: kes.MinIOEnv()}))
		e.extra["default_key"] = testserver.KESDefaultKey
		return e
	},
	// The shared server plus one of its own: a fleet of two deployments.
	"fleet": func(t *testing.T) env {
		e := serverEnv(sharedServer(t))
		e.extra["fleet"] = serverList([]*testserver.Server{sharedServer(t), testserver.ForTest(t, testserver.Config{})})
		return e
	},
	// Three independent servers for site replication; admin talks to the first.
	"sites": func(t *testing.T) env {
		sites := testserver.SitesForTest(t, 3, testserver.Config{})
		e := serverEnv(sites[0])
		e.extra["sites"] = serverList(sites)
		return e
	},
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
