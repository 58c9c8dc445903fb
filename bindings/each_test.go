package bindings

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// eachAliases gives the mc aliases a and b (nothing listens there: the tests without a
// server answer through a middleware) and a home without an mc config.
func eachAliases(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("MC_HOST_a", "http://k:s@127.0.0.1:1")
	t.Setenv("MC_HOST_b", "http://k:s@127.0.0.1:2")
}

// A list minio.each cannot resolve, or options it does not know, raise before any fn
// runs and before any request.
func TestEachArgumentErrors(t *testing.T) {
	eachAliases(t)
	conn := func(fields string) string {
		return `{endpoint = "http://127.0.0.1:3", access_key = "k", secret_key = "s", ` + fields + `}`
	}
	for list, want := range map[string]string{
		`{"a", "nosuch"}`:                               `bad argument #1 to 'each' (entry 2 (alias "nosuch"): alias nosuch: no MC_HOST_nosuch`,
		`{"a", ` + conn(`colour = 1`) + `}`:             `bad argument #1 to 'each' (entry 2 ("http://127.0.0.1:3"): unknown field 'colour'`,
		`{` + conn(`name = "x", kdf = 1`) + `}`:         `bad argument #1 to 'each' (entry 1 ("x"): field 'kdf':`,
		`{{endpoint = "h:1"}}`:                          `bad argument #1 to 'each' (entry 1 ("h:1"): field 'access_key' is required)`,
		`{{name = 5}}`:                                  `bad argument #1 to 'each' (entry 1: field 'endpoint' is required)`,
		`{` + conn(`name = 5`) + `}`:                    `bad argument #1 to 'each' (entry 1 ("http://127.0.0.1:3"): field 'name': string expected, got number)`,
		`{` + conn(`endpoint = "http://u:p@h:1"`) + `}`: `(entry 1 ("http://u:p@h:1"): the endpoint must not carry credentials`,
		`{"a", 5}`:                             `bad argument #1 to 'each' (entry 2: an mc alias name or a connection table expected, got number)`,
		`{"a", nil, "b"}`:                      `bad argument #1 to 'each' (entry 2: an mc alias name or a connection table expected, got no value)`,
		`{"a", "b", "a"}`:                      `bad argument #1 to 'each' (entry 3 (alias "a"): the name "a" is entry 1's too`,
		`{"a", ` + conn(`name = "a"`) + `}`:    `(entry 2 ("a"): the name "a" is entry 1's too`,
		`{` + conn(``) + `, ` + conn(``) + `}`: `(entry 2 ("http://127.0.0.1:3"): the name "http://127.0.0.1:3" is entry 1's too`,
		`"a"`:                                  `bad argument #1 to 'each' (table expected, got string)`,
	} {
		f := &fakeServer{}
		L := newState(t, f)
		code := `ran = 0; minio.each(` + list + `, function(adm) ran = ran + 1; adm:user_list() end)`
		err := run(t, L, code)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s\n got: %v\nwant: %s", list, err, want)
		}
		if ran := L.GetGlobal("ran"); ran != lua.LNumber(0) || len(f.calls) != 0 {
			t.Errorf("%s: fn ran %v times, %d requests", list, ran, len(f.calls))
		}
	}
	for code, want := range map[string]string{
		`minio.each({"a"}, function() end, {parallel = 0})`:     `bad argument #3 to 'each' (field 'parallel': a whole number of at least 1 expected, got 0)`,
		`minio.each({"a"}, function() end, {workers = 2})`:      `bad argument #3 to 'each' (unknown field 'workers' (want parallel, progress))`,
		`minio.each({"a"}, function() end, {progress = "yes"})`: `bad argument #3 to 'each' (field 'progress': boolean expected, got string)`,
		`minio.each({"a"}, "not a function")`:                   `bad argument #2 to 'each' (function expected, got string)`,
		`minio.each({"a"}, function() end, {parallel = 1.5})`:   `got 1.5`,
	} {
		if err := run(t, newState(t, &fakeServer{}), code); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s\n got: %v\nwant: %s", code, err, want)
		}
	}
}

// Rows come back in input order with fn's result, the error it raised, a report's
// counts, and a table as the command line prints it; no server needed.
func TestEachRows(t *testing.T) {
	eachAliases(t)
	f := &fakeServer{answers: map[string]string{"user_list": `{"x":{"status":"enabled"}}`}}
	L := newState(t, f)
	err := run(t, L, `
		names, clients = {}, {}
		rows, all_ok = minio.each({"a", {name = "bee", endpoint = "http://127.0.0.1:4", access_key = "k", secret_key = "s"}, "b"},
		  function(adm, name)
		    names[#names + 1] = name
		    clients[name] = adm:endpoint()
		    if name == "bee" then error("boom " .. name) end
		    if name == "b" then return {created = 1, updated = 2, deleted = 3, unchanged = 4, failed = 1} end
		    return adm:user_list()
		  end, {progress = true})
		text = tostring(rows)
		empty, empty_ok = minio.each({}, function() error("never") end)
		empty_text = tostring(empty)`)
	if err != nil {
		t.Fatal(err)
	}
	rows := L.GetGlobal("rows").(*lua.LTable)
	if rows.Len() != 3 || L.GetGlobal("all_ok") != lua.LFalse {
		t.Fatalf("%d rows, all_ok %v", rows.Len(), L.GetGlobal("all_ok"))
	}
	row := func(i int) *lua.LTable { return rows.RawGetInt(i).(*lua.LTable) }
	field := func(i int, name string) lua.LValue { return row(i).RawGetString(name) }
	for i, name := range []string{"a", "bee", "b"} {
		if field(i+1, "deployment") != lua.LString(name) {
			t.Errorf("row %d: deployment %v, want %s", i+1, field(i+1, "deployment"), name)
		}
		if d, ok := field(i+1, "duration").(lua.LNumber); !ok || d < 0 {
			t.Errorf("row %d: duration %v", i+1, field(i+1, "duration"))
		}
	}
	clients := L.GetGlobal("clients").(*lua.LTable)
	for name, endpoint := range map[string]string{"a": "http://127.0.0.1:1", "bee": "http://127.0.0.1:4", "b": "http://127.0.0.1:2"} {
		if got := clients.RawGetString(name).String(); !strings.HasPrefix(got, endpoint) {
			t.Errorf("fn(adm, %q): adm's endpoint %s, want %s", name, got, endpoint)
		}
	}
	if L.GetGlobal("names").(*lua.LTable).Len() != 3 {
		t.Errorf("fn ran %d times", L.GetGlobal("names").(*lua.LTable).Len())
	}
	if field(1, "ok") != lua.LTrue || field(1, "error") != lua.LNil || field(1, "created") != lua.LNumber(0) {
		t.Errorf("row a: ok %v, error %v, created %v", field(1, "ok"), field(1, "error"), field(1, "created"))
	}
	if res, ok := field(1, "result").(*lua.LTable); !ok || res.RawGetString("x") == lua.LNil {
		t.Errorf("row a: result %v, want the user list", field(1, "result"))
	}
	if field(2, "ok") != lua.LFalse || field(2, "result") != lua.LNil || !strings.Contains(field(2, "error").String(), "boom bee") {
		t.Errorf("row bee: ok %v, result %v, error %v", field(2, "ok"), field(2, "result"), field(2, "error"))
	}
	for k, want := range map[string]lua.LValue{"ok": lua.LFalse, "error": lua.LNil, "created": lua.LNumber(1), "updated": lua.LNumber(2),
		"deleted": lua.LNumber(3), "unchanged": lua.LNumber(4), "failed": lua.LNumber(1)} {
		if field(3, k) != want {
			t.Errorf("row b: %s = %v, want %v", k, field(3, k), want)
		}
	}
	text := L.GetGlobal("text").String()
	for _, re := range []string{
		`^deployment +created +updated +deleted +unchanged +failed +duration +result\n`,
		`(?m)^a +0 +0 +0 +0 +0 +\S+ +ok$`,
		`(?m)^bee +0 +0 +0 +0 +0 +\S+ +failed: \S+:\d+: boom bee$`,
		`(?m)^b +1 +2 +3 +4 +1 +\S+ +failed: 1 changes failed$`,
	} {
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("tostring(rows) does not match %s:\n%s", re, text)
		}
	}
	if L.GetGlobal("empty").(*lua.LTable).Len() != 0 || L.GetGlobal("empty_ok") != lua.LTrue ||
		!strings.HasPrefix(L.GetGlobal("empty_text").String(), "deployment") {
		t.Errorf("empty list: %v %v %q", L.GetGlobal("empty"), L.GetGlobal("empty_ok"), L.GetGlobal("empty_text"))
	}
}

// At most `parallel` deployments run at once: the calls of the others have not started
// while the first ones wait for their answers.
func TestEachParallelBound(t *testing.T) {
	eachAliases(t)
	synctest.Test(t, func(t *testing.T) {
		var (
			mu       sync.Mutex
			inFlight int
		)
		release := make(chan struct{})
		hold := func(admin.Handler) admin.Handler {
			return func(context.Context, *admin.Call) (*admin.Response, error) {
				mu.Lock()
				inFlight++
				mu.Unlock()
				<-release
				return &admin.Response{StatusCode: 200}, nil
			}
		}
		L := lua.NewState()
		defer L.Close()
		L.SetGlobal("minio", Module(L, &Config{Middleware: []admin.Middleware{hold}}, nil))
		var list []string
		for i := range 5 {
			list = append(list, fmt.Sprintf(`{name = "d%d", endpoint = "http://127.0.0.1:%d", access_key = "k", secret_key = "s"}`, i, 10+i))
		}
		done := make(chan error, 1)
		go func() {
			done <- L.DoString(`rows, all_ok = minio.each({` + strings.Join(list, ", ") + `}, function(adm) return adm:user_list() end, {parallel = 2})`)
		}()
		synctest.Wait()
		mu.Lock()
		if inFlight != 2 {
			t.Errorf("%d calls in flight, want 2", inFlight)
		}
		mu.Unlock()
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if inFlight != 5 || L.GetGlobal("all_ok") != lua.LTrue {
			t.Fatalf("%d calls, all_ok %v", inFlight, L.GetGlobal("all_ok"))
		}
	})
}

// Three live deployments and a dead one listed second: apply writes to the live ones, the
// dead one fails without stopping the others, and the table shows each.
func TestEachDeployments(t *testing.T) {
	servers := testserver.SitesForTest(t, 3, testserver.Config{})
	dead, err := testserver.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("MC_HOST_eu", fmt.Sprintf("http://%s:%s@%s", testserver.RootUser, testserver.RootPassword, servers[0].Addr))
	L := lua.NewState()
	defer L.Close()
	L.SetGlobal("minio", Module(L, &Config{}, nil))
	conn := func(endpoint, name string) string {
		c := fmt.Sprintf(`{endpoint = %q, access_key = %q, secret_key = %q`, endpoint, testserver.RootUser, testserver.RootPassword)
		if name != "" {
			c += fmt.Sprintf(`, name = %q`, name)
		}
		return c + "}"
	}
	us, third := servers[1].URL(), servers[2].URL()
	list := fmt.Sprintf(`{"eu", %s, %s, %s}`, conn(fmt.Sprintf("http://127.0.0.1:%d", dead), "dead"), conn(us, "us"), conn(third, ""))
	live := fmt.Sprintf(`{"eu", %s, %s}`, conn(us, "us"), conn(third, ""))
	err = L.DoString(`
		state = { users = { ["each-ann"] = { secret_key = "each-ann-secret" }, ["each-bob"] = { secret_key = "each-bob-secret", status = "disabled" } } }
		ran = 0
		rows, all_ok = minio.each(` + list + `, function(adm, name)
		  ran = ran + 1
		  return adm:apply(state)
		end, { parallel = 2 })
		text = tostring(rows)
		again, again_ok = minio.each(` + live + `, function(adm) return adm:plan(state) end)
		bad_ok, bad_err = pcall(minio.each, { "eu", { name = "x", endpoint = "http://127.0.0.1:1", access_key = "k", secret_key = "s", colour = 1 } },
		  function(adm) ran = ran + 1; adm:user_add("each-never", "each-never-secret") end)`)
	if err != nil {
		t.Fatal(err)
	}
	rows := L.GetGlobal("rows").(*lua.LTable)
	if rows.Len() != 4 || L.GetGlobal("all_ok") != lua.LFalse || L.GetGlobal("ran") != lua.LNumber(4) {
		t.Fatalf("%d rows, all_ok %v, fn ran %v times", rows.Len(), L.GetGlobal("all_ok"), L.GetGlobal("ran"))
	}
	text := L.GetGlobal("text").String()
	for i, name := range []string{"eu", "dead", "us", third} {
		row := rows.RawGetInt(i + 1).(*lua.LTable)
		get := row.RawGetString
		if get("deployment") != lua.LString(name) {
			t.Fatalf("row %d: %v, want %s", i+1, get("deployment"), name)
		}
		if name == "dead" {
			e, ok := get("error").(*lua.LTable)
			if get("ok") != lua.LFalse || !ok || e.RawGetString("kind") != lua.LString("network") ||
				!strings.Contains(e.RawGetString("message").String(), "connection refused") || get("result") != lua.LNil {
				t.Fatalf("dead row: ok %v, error %v, result %v", get("ok"), get("error"), get("result"))
			}
			if !regexp.MustCompile(`(?m)^dead +0 +0 +0 +0 +0 +\S+ +failed: \S+: .*connection refused$`).MatchString(text) {
				t.Fatalf("no failed row for dead:\n%s", text)
			}
			continue
		}
		res, ok := get("result").(*lua.LTable)
		if get("ok") != lua.LTrue || get("error") != lua.LNil || get("created") != lua.LNumber(2) || !ok ||
			res.RawGetString("created") != lua.LNumber(2) {
			t.Fatalf("row %s: ok %v, error %v, created %v, result %v", name, get("ok"), get("error"), get("created"), get("result"))
		}
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` +2 +0 +0 +0 +0 +\S+ +ok$`).MatchString(text) {
			t.Fatalf("no ok row for %s:\n%s", name, text)
		}
	}
	again := L.GetGlobal("again").(*lua.LTable)
	if L.GetGlobal("again_ok") != lua.LTrue || again.Len() != 3 {
		t.Fatalf("plan of the live deployments: all_ok %v, %d rows", L.GetGlobal("again_ok"), again.Len())
	}
	for i := range 3 {
		if r := again.RawGetInt(i + 1).(*lua.LTable); r.RawGetString("unchanged") != lua.LNumber(2) || r.RawGetString("created") != lua.LNumber(0) {
			t.Fatalf("plan again, row %d: unchanged %v, created %v", i+1, r.RawGetString("unchanged"), r.RawGetString("created"))
		}
	}
	if L.GetGlobal("bad_ok") != lua.LFalse || !strings.Contains(L.GetGlobal("bad_err").String(), `bad argument #1 to 'each' (entry 2 ("x"): unknown field 'colour'`) ||
		L.GetGlobal("ran") != lua.LNumber(4) {
		t.Fatalf("a bad entry: %v %v, fn ran %v times in all", L.GetGlobal("bad_ok"), L.GetGlobal("bad_err"), L.GetGlobal("ran"))
	}
	if _, err := servers[0].ClientForTest(t, admin.Options{}).UserInfo(context.Background(), "each-never"); err == nil {
		t.Fatal("each-never exists: fn ran for a list with a bad entry")
	}
}
