// Package bindings is the `minio` Lua module: minio.connect returns a client whose
// methods are the admin operations of ops.go, bound from that table through one
// argument unpacker and one result adapter.
package bindings

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/internal/gate"
	"github.com/minioscript/minioscript/internal/luatable"
	"github.com/minioscript/minioscript/internal/luatext"
	"github.com/minioscript/minioscript/jobs"
	ljson "github.com/minioscript/minioscript/stdlib/json"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

const (
	clientType = "minio.client"
	errorType  = "minio.error"
)

// Connection is what minio.connect needs: connect{...} decodes its table into one (field
// names in snake case), the CLI fills one from flags and environment.
type Connection struct {
	Endpoint     string `lua:",required"`
	AccessKey    string `lua:",required"`
	SecretKey    string `lua:",required"`
	SessionToken string
	Region       string
	Secure       bool
	CertCheck    bool
	CAFile       string
	Timeout      time.Duration
	KDF          admin.KDF
	Raw          bool
	// DryRun sends reads and holds writes back (connect{dry_run=true}).
	DryRun bool
}

// setDefaults: a connect{} table is HTTPS with certificate checks unless it says not.
func (c *Connection) setDefaults() { c.Secure, c.CertCheck = true, true }

// Config is shared by every client the module creates in one VM.
type Config struct {
	// Trace receives a redacted HTTP trace of every request when set.
	Trace io.Writer
	// Middleware wraps every admin call (dry-run, audit).
	Middleware []admin.Middleware
	// UserAgent identifies the program.
	UserAgent string
	// Files bounds the files scripts make the module read (ca_file, the mc config).
	Files *files.FS
	// Warnings receives one line per insecure setting (no certificate check, plain HTTP
	// to another host); nil drops them.
	Warnings io.Writer
	// Exit ends the run with a code (minio.exit); nil where there is no run to end.
	Exit func(code int)
	// Progress is where minio.parallel draws its progress bar (only when it is a
	// terminal); nil: never.
	Progress io.Writer
	// DryRun makes every client hold writes back (--dry-run); minio.dry_run() reports it.
	DryRun bool
	// Changes, when set, records the changes ensure_* and apply make (or would make).
	Changes *jobs.ChangeLog
	// DryRunLog, when set, collects the writes every dry-run client holds back.
	DryRunLog *admin.DryRunLog

	warnMu sync.Mutex
	warned map[string]bool

	// keys bounds the Argon2id derivations of all the clients made with this Config
	// together: memory is the process's, whichever deployment the answers come from.
	keysOnce sync.Once
	keys     *admin.KeyLimiter

	clientsMu sync.Mutex
	clients   []*admin.Client
}

// warn prints msg once per Config, so a loop of connects does not flood stderr.
func (cfg *Config) warn(msg string) {
	if cfg.Warnings == nil {
		return
	}
	cfg.warnMu.Lock()
	defer cfg.warnMu.Unlock()
	if cfg.warned[msg] {
		return
	}
	if cfg.warned == nil {
		cfg.warned = map[string]bool{}
	}
	cfg.warned[msg] = true
	fmt.Fprintln(cfg.Warnings, "minioscript: warning: "+msg)
}

func (cfg *Config) keyLimiter() *admin.KeyLimiter {
	cfg.keysOnce.Do(func() { cfg.keys = admin.NewKeyLimiter(0) })
	return cfg.keys
}

// client is the userdata behind a connected client.
type client struct {
	c   *admin.Client
	raw bool
}

// Loader returns the module loader; the same table is also set as the global `minio`.
func Loader(cfg *Config, def *Connection) lua.LGFunction {
	return func(L *lua.LState) int {
		L.Push(Module(L, cfg, def))
		return 1
	}
}

// Module builds the module table once per VM.
func Module(L *lua.LState, cfg *Config, def *Connection) *lua.LTable {
	reg := L.Get(lua.RegistryIndex)
	if mod, ok := L.GetField(reg, "minio.module").(*lua.LTable); ok {
		return mod
	}
	registerClientType(L, cfg)
	registerErrorType(L)
	mod := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"connect":                      func(L *lua.LState) int { return connect(L, cfg, def) },
		"is_error":                     isError,
		"help":                         help,
		"exit":                         exit(cfg),
		"parallel":                     func(L *lua.LState) int { return parallel(L, cfg) },
		"each":                         func(L *lua.LState) int { return each(L, cfg) },
		"dry_run":                      func(L *lua.LState) int { L.Push(lua.LBool(cfg.DryRun)); return 1 },
		"PeerSite":                     constructor[admin.PeerSite]("PeerSite"),
		"PeerInfo":                     constructor[admin.PeerInfo]("PeerInfo"),
		"SiteReplicationStatusOptions": constructor[admin.SiteReplicationStatusOptions]("SiteReplicationStatusOptions"),
	})
	mod.RawSetString("json", ljson.Module(L))
	names := L.NewTable()
	for _, op := range ops {
		names.Append(lua.LString(op.name))
	}
	mod.RawSetString("operations", names)
	L.SetField(reg, "minio.module", mod)
	files := L.NewUserData()
	files.Value = cfg.Files
	L.SetField(reg, filesKey, files)
	return mod
}

// constructor returns a checked copy of a PeerSite/PeerInfo/status-options table.
func constructor[T any](name string) lua.LGFunction {
	return func(L *lua.LState) int {
		t, ok := L.Get(1).(*lua.LTable)
		if !ok && L.Get(1) != lua.LNil {
			badArg(L, 1, name, "table expected, got "+typeName(L.Get(1)))
		}
		if t == nil {
			t = L.NewTable()
		}
		if _, err := decodeTable[T](L, t); err != nil {
			badArg(L, 1, name, err.Error())
		}
		out := L.NewTable()
		for _, f := range luatable.Fields(reflect.TypeFor[T]()) {
			if v := t.RawGetString(f.Name); v != lua.LNil {
				out.RawSetString(f.Name, v)
			}
		}
		L.Push(out)
		return 1
	}
}

func registerClientType(L *lua.LState, cfg *Config) {
	mt := L.NewTypeMetatable(clientType)
	methods := L.NewTable()
	for i := range ops {
		op := &ops[i]
		methods.RawSetString(op.name, L.NewFunction(func(L *lua.LState) int { return invoke(L, cfg, op) }))
	}
	methods.RawSetString("endpoint", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(checkClient(L, "endpoint").c.Endpoint()))
		return 1
	}))
	methods.RawSetString("access_key", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(checkClient(L, "access_key").c.AccessKey()))
		return 1
	}))
	mt.RawSetString("__index", methods)
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		cl := checkClient(L, "tostring")
		L.Push(lua.LString(fmt.Sprintf("minio.client(%s as %s)", cl.c.Endpoint(), cl.c.AccessKey())))
		return 1
	}))
}

func checkClient(L *lua.LState, name string) *client {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if cl, ok := ud.Value.(*client); ok {
			return cl
		}
	}
	badArg(L, 0, name, fmt.Sprintf("minio client expected: call it as client:%s(...)", name))
	return nil
}

// invoke is the single path from Lua into an operation: unpack, call, adapt.
func invoke(L *lua.LState, cfg *Config, op *opSpec) int {
	cl := checkClient(L, op.name)
	a := unpack(L, op, 2)
	ctx := L.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	var (
		data []byte
		err  error
	)
	if op.job != nil {
		var v any
		e := cfg.engine(cl.c)
		gate.Blocking(L, func() { v, err = op.job(ctx, e, a) })
		if err != nil {
			raiseError(L, op.name, err)
		}
		return op.push(L, v)
	}
	gate.Blocking(L, func() { data, err = op.call(ctx, cl.c, a) })
	if err != nil {
		raiseError(L, op.name, err)
	}
	switch {
	case op.result == resJSON && !cl.raw:
		if len(strings.TrimSpace(string(data))) == 0 {
			L.Push(lua.LNil)
			return 1
		}
		v, derr := ljson.Decode(L, data)
		if derr != nil {
			raiseError(L, op.name, &admin.ResponseError{Op: op.name, Err: derr})
		}
		L.Push(v)
	default:
		L.Push(lua.LString(data))
	}
	return 1
}

// connect(opts | "alias" | nil)
func connect(L *lua.LState, cfg *Config, def *Connection) int {
	var conn Connection
	switch v := L.Get(1).(type) {
	case *lua.LNilType:
		if def == nil {
			L.RaiseError("minio.connect: no connection configured: pass an options table or an mc alias name, or run with --endpoint/--alias (or MINIO_ENDPOINT)")
		}
		conn = *def
	case lua.LString:
		c, err := AliasConnection(string(v), cfg.Files)
		if err != nil {
			L.RaiseError("minio.connect: %v", err)
		}
		conn = c
	case *lua.LTable:
		c, err := decodeTable[Connection](L, v)
		if err != nil {
			badArg(L, 1, "connect", err.Error())
		}
		if err := cfg.resolveCAFile(&c); err != nil {
			badArg(L, 1, "connect", err.Error())
		}
		conn = c
	default:
		badArg(L, 1, "connect", "options table, alias name or nothing expected, got "+v.Type().String())
	}
	c, err := NewClient(conn, cfg)
	if errors.As(err, new(*admin.ArgumentError)) {
		raiseError(L, "connect", err) // kind "argument", like every bad value
	}
	if err != nil {
		L.RaiseError("minio.connect: %v", err)
	}
	L.Push(WrapClient(L, c, conn.Raw))
	return 1
}

// resolveCAFile bounds a connection table's ca_file by the sandbox (--sandbox), as every
// file the module reads.
func (cfg *Config) resolveCAFile(c *Connection) error {
	if c.CAFile == "" {
		return nil
	}
	p, err := cfg.Files.Path(c.CAFile)
	if err != nil {
		return fmt.Errorf("ca_file: %w", err)
	}
	c.CAFile = p
	return nil
}

// AliasConnection is the connection of an mc alias (admin.ResolveAlias), whose config
// file is read through fsys (nil: no bounds).
func AliasConnection(name string, fsys *files.FS) (Connection, error) {
	endpoint, cred, err := admin.ResolveAlias(name, fsys.ReadFile)
	return Connection{Endpoint: endpoint, AccessKey: cred.AccessKey, SecretKey: cred.SecretKey,
		SessionToken: cred.SessionToken, Secure: true, CertCheck: true}, err
}

// NewClient builds an admin client for conn with the module's shared settings, refusing
// credentials inside the endpoint and warning about settings that weaken security.
func NewClient(conn Connection, cfg *Config) (*admin.Client, error) {
	host, plain, err := endpointHost(conn.Endpoint, conn.Secure)
	if err != nil {
		return nil, err
	}
	if !conn.CertCheck {
		cfg.warn("TLS certificate verification is off (--insecure or cert_check=false): a server impersonating " + host + " would receive every request")
	}
	if plain && !isLoopback(host) {
		cfg.warn("plain HTTP to " + host + ": requests and answers cross the network unencrypted; use https://")
	}
	c, err := admin.New(admin.Options{
		Endpoint:    conn.Endpoint,
		Credentials: admin.Credentials{AccessKey: conn.AccessKey, SecretKey: conn.SecretKey, SessionToken: conn.SessionToken},
		Region:      conn.Region,
		Secure:      conn.Secure,
		SkipVerify:  !conn.CertCheck,
		CAFile:      conn.CAFile,
		Timeout:     conn.Timeout,
		KDF:         conn.KDF,
		Trace:       cfg.Trace,
		Middleware:  cfg.Middleware,
		UserAgent:   cfg.UserAgent,
		KeyLimiter:  cfg.keyLimiter(),
		DryRun:      conn.DryRun || cfg.DryRun,
		DryRunLog:   cfg.DryRunLog,
	})
	if err == nil {
		cfg.clientsMu.Lock()
		cfg.clients = append(cfg.clients, c)
		cfg.clientsMu.Unlock()
	}
	return c, err
}

// CloseIdleConnections releases the idle connections of every client made with cfg so
// far (they stay usable) and forgets them; a VM calls it when it closes.
func (cfg *Config) CloseIdleConnections() {
	cfg.clientsMu.Lock()
	clients := cfg.clients
	cfg.clients = nil
	cfg.clientsMu.Unlock()
	for _, c := range clients {
		c.CloseIdleConnections()
	}
}

// engine is the jobs engine over c with the VM's hooks: its change log and, on a
// terminal, a progress bar per apply.
func (cfg *Config) engine(c *admin.Client) *jobs.Engine {
	e := &jobs.Engine{Client: c}
	if cfg == nil {
		return e
	}
	if cfg.Changes != nil {
		e.OnChange, e.OnUnchanged = cfg.Changes.Record, cfg.Changes.Unchanged
	}
	e.Progress = applyProgress(cfg.Progress)
	return e
}

// CheckEndpoint refuses an endpoint NewClient would refuse (credentials inside it, or
// empty), so that a jobs file is refused when it is read, not at every run.
func CheckEndpoint(endpoint string) error {
	_, _, err := endpointHost(endpoint, true)
	return err
}

// endpointHost is the endpoint's host and whether it is plain HTTP. An endpoint that
// carries user:password@ is refused without repeating it, since it holds a secret.
func endpointHost(endpoint string, secure bool) (string, bool, error) {
	raw := endpoint
	if !strings.Contains(raw, "://") {
		raw = "scheme://" + raw
	}
	scheme, rest, _ := strings.Cut(raw, "://")
	authority, _, _ := strings.Cut(rest, "/")
	if strings.Contains(authority, "@") {
		return "", false, errors.New("the endpoint must not carry credentials (user:password@host): give the keys with --access-key/--secret-key, the environment or access_key/secret_key")
	}
	if endpoint == "" {
		return "", false, errors.New("the endpoint is empty: give host:port or http(s)://host:port")
	}
	plain := strings.EqualFold(scheme, "http") || (scheme == "scheme" && !secure)
	host := authority
	if h, _, err := net.SplitHostPort(authority); err == nil {
		host = h
	}
	return strings.Trim(host, "[]"), plain, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WrapClient makes a Lua client value.
func WrapClient(L *lua.LState, c *admin.Client, raw bool) *lua.LUserData {
	ud := L.NewUserData()
	ud.Value = &client{c: c, raw: raw}
	L.SetMetatable(ud, L.GetTypeMetatable(clientType))
	return ud
}

func registerErrorType(L *lua.LState) {
	mt := L.NewTypeMetatable(errorType)
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(errorLine(L.CheckTable(1))))
		return 1
	}))
}

// ErrorText is tostring of an error value that is a table: the one-line form for minio
// errors, else the table's address.
func ErrorText(L *lua.LState, t *lua.LTable) string {
	if L.GetMetatable(t) == L.GetTypeMetatable(errorType) {
		return errorLine(t)
	}
	return luatext.String(L, t)
}

// errorLine is the one-line form: op, status and API code, then the message.
func errorLine(t *lua.LTable) string {
	op, code := t.RawGetString("op").String(), t.RawGetString("code")
	msg := lua.LVAsString(t.RawGetString("message"))
	line := op + ": "
	if n, _ := code.(lua.LNumber); n != 0 {
		line += fmt.Sprintf("%d", int(n))
		if api := lua.LVAsString(t.RawGetString("api_code")); api != "" {
			line += " " + api
		}
		if msg != "" {
			line += ": " + msg
		}
		return line
	}
	return line + msg
}

// raiseError raises err as a minio error object.
func raiseError(L *lua.LState, op string, err error) {
	t := errorTable(L, errorDoc(op, err))
	t.RawSetString("where", lua.LString(strings.TrimSuffix(scriptWhere(L), " ")))
	L.Error(t, 1)
}

// errorDoc is the content of a minio error object for err: op, kind, code, body,
// api_code, request_id (server errors) and message. Reports carry the same documents.
func errorDoc(op string, err error) map[string]any {
	d := map[string]any{"op": op}
	var (
		se *admin.Error
		re *admin.RequestError
		ae *admin.ArgumentError
		rd *admin.RedirectError
	)
	kind := "response"
	switch {
	case errors.As(err, &se):
		kind = "server"
		msg := se.Message
		if msg == "" {
			msg = strings.TrimSpace(string(se.Body))
		}
		d["code"], d["body"], d["api_code"], d["request_id"], d["message"] =
			se.StatusCode, string(se.Body), se.Code, se.RequestID, msg
	case errors.As(err, &ae), errors.As(err, new(*jobs.PruneError)):
		kind = "argument"
	case errors.As(err, &rd):
		kind = "redirect"
	case errors.Is(err, context.DeadlineExceeded):
		kind = "timeout"
	case errors.Is(err, context.Canceled):
		kind = "canceled"
	case errors.As(err, &re):
		kind = "network"
	}
	if kind != "server" {
		d["code"], d["body"], d["api_code"], d["message"] = 0, "", "", strings.TrimPrefix(err.Error(), op+": ")
	}
	d["kind"] = kind
	return d
}

// errorTable makes a minio error object from an errorDoc (or its JSON decoding).
func errorTable(L *lua.LState, doc map[string]any) *lua.LTable {
	t := L.NewTable()
	for k, v := range doc {
		switch x := v.(type) {
		case string:
			t.RawSetString(k, lua.LString(x))
		case int:
			t.RawSetString(k, lua.LNumber(x))
		}
	}
	L.SetMetatable(t, L.GetTypeMetatable(errorType))
	return t
}

func isError(L *lua.LState) int {
	t, ok := L.Get(1).(*lua.LTable)
	L.Push(lua.LBool(ok && L.GetMetatable(t) == L.GetTypeMetatable(errorType)))
	return 1
}
