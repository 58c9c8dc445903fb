package bindings

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/luatable"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// The operation table also documents itself: `minioscript doc`, the REPL's help and the
// editor stubs all read it here, so they cannot drift from what the bindings accept.

// OpDoc describes one client method.
type OpDoc struct {
	Name    string
	Doc     string // one line
	Params  []ParamDoc
	Result  string // LuaLS type
	Returns string // what the result is, in words
	Example string
	options bool // takes an options table
}

// ParamDoc is one parameter: its Lua name and LuaLS type, and what it accepts in words.
type ParamDoc struct {
	Name, Type, What string
	Optional         bool
}

var resultDocs = map[result][2]string{
	resText:  {"string", "the server's text answer (often empty)"},
	resBytes: {"string", "the binary answer (bytes in a string)"},
	resJSON:  {"table", "a table decoded from the JSON answer (the JSON text with raw = true)"},
}

// resultDoc is a result type whose Lua form its result form does not tell (luaShaper).
type resultDoc interface {
	luaResult() (luaType, words string)
}

// Operations lists the client methods in table order.
func Operations() []OpDoc {
	out := make([]OpDoc, len(ops))
	for i := range ops {
		out[i] = opDoc(&ops[i])
	}
	return out
}

// Operation finds one client method by name.
func Operation(name string) (OpDoc, bool) {
	for i := range ops {
		if ops[i].name == name {
			return opDoc(&ops[i]), true
		}
	}
	return OpDoc{}, false
}

func opDoc(op *opSpec) OpDoc {
	d := OpDoc{Name: op.name, Doc: op.doc, Result: resultDocs[op.result][0], Returns: resultDocs[op.result][1], options: op.hasOptional()}
	if rd, ok := reflect.Zero(op.ret).Interface().(resultDoc); ok {
		d.Result, d.Returns = rd.luaResult()
	} else if op.ret.Kind() == reflect.Bool {
		d.Result, d.Returns = "boolean", "true or false"
	}
	for _, p := range op.params {
		d.Params = append(d.Params, ParamDoc{Name: p.name, Type: p.adapter.luaType, What: p.adapter.what, Optional: p.optional})
	}
	d.Example = example(op)
	return d
}

// example calls the method with the adapters' example values: positionally with the
// required parameters, or with an options table when the first parameter is optional.
func example(op *opSpec) string {
	value := func(p param) string {
		if p.adapter.luaType == "string" {
			return fmt.Sprintf("%q", strings.ToUpper(p.name))
		}
		return p.adapter.example
	}
	if len(op.params) > 0 && op.params[0].optional {
		var fields []string
		for _, p := range op.params {
			if len(fields) < 3 {
				fields = append(fields, p.name+" = "+value(p))
			}
		}
		return fmt.Sprintf("admin:%s{%s}", op.name, strings.Join(fields, ", "))
	}
	var args []string
	for _, p := range op.params {
		if !p.optional {
			args = append(args, value(p))
		}
	}
	return fmt.Sprintf("admin:%s(%s)", op.name, strings.Join(args, ", "))
}

// Signature is the method's call form, optional parameters in brackets.
func (d OpDoc) Signature() string {
	var b strings.Builder
	fmt.Fprintf(&b, "admin:%s(", d.Name)
	closing := ""
	for i, p := range d.Params {
		sep := ""
		if i > 0 {
			sep = ", "
		}
		if p.Optional {
			b.WriteString("[" + sep + p.Name)
			closing += "]"
		} else {
			b.WriteString(closing + sep + p.Name)
			closing = ""
		}
	}
	b.WriteString(closing + ") -> " + d.Result)
	return b.String()
}

// Text is the help page of the method.
func (d OpDoc) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n  %s\n", d.Signature(), d.Doc)
	if len(d.Params) > 0 {
		b.WriteString("arguments:\n")
		for _, p := range d.Params {
			opt := ""
			if p.Optional {
				opt = ", optional"
			}
			fmt.Fprintf(&b, "  %-22s %s%s\n", p.Name, p.What, opt)
		}
		if d.options {
			b.WriteString("  (or one table keyed by these names)\n")
		}
	}
	fmt.Fprintf(&b, "result: %s\nexample: %s\n", d.Returns, d.Example)
	return b.String()
}

// Index is the list of every method with its line of doc.
func Index() string {
	var b strings.Builder
	for _, d := range Operations() {
		fmt.Fprintf(&b, "%-29s %s\n", d.Name, d.Doc)
	}
	return b.String()
}

// help(admin.user_add) or help"user_add": prints a method's help page; help() the index.
func help(L *lua.LState) int {
	var text string
	switch v := L.Get(1).(type) {
	case *lua.LNilType:
		text = "Client methods (help\"NAME\" or help(admin.NAME) for one):\n" + Index()
	case lua.LString:
		d, ok := Operation(strings.TrimPrefix(string(v), "admin:"))
		if !ok {
			L.ArgError(1, fmt.Sprintf("no operation %q (help() lists them)", string(v)))
		}
		text = d.Text()
	case *lua.LFunction:
		name, ok := methodName(L, v)
		if !ok {
			L.ArgError(1, "not a client method (help() lists them)")
		}
		d, _ := Operation(name)
		text = d.Text()
	default:
		L.ArgError(1, "a client method or its name expected, got "+v.Type().String())
	}
	L.Push(L.GetGlobal("print"))
	L.Push(lua.LString(strings.TrimRight(text, "\n")))
	L.Call(1, 0)
	return 0
}

// methodName finds which client method fn is.
func methodName(L *lua.LState, fn *lua.LFunction) (string, bool) {
	methods, ok := L.GetTypeMetatable(clientType).(*lua.LTable)
	if !ok {
		return "", false
	}
	index, ok := methods.RawGetString("__index").(*lua.LTable)
	if !ok {
		return "", false
	}
	name := ""
	index.ForEach(func(k, v lua.LValue) {
		if v == fn {
			name = k.String()
		}
	})
	_, isOp := Operation(name)
	return name, isOp
}

// Stubs is the LuaLS declaration of the minio module and its client class, for the body
// of a ---@meta file.
func Stubs() string {
	var b strings.Builder
	b.WriteString("---@class minio.client: userdata\nlocal client = {}\n\n")
	b.WriteString("---The client's endpoint URL.\n---@return string\nfunction client:endpoint() end\n\n")
	for _, d := range Operations() {
		b.WriteString("---" + d.Doc + "\n")
		b.WriteString("---\n---Example: `" + d.Example + "`\n")
		var names []string
		for _, p := range d.Params {
			opt := ""
			if p.Optional {
				opt = "?"
			}
			what := ""
			if p.What != p.Type {
				what = " " + p.What
			}
			fmt.Fprintf(&b, "---@param %s%s %s%s\n", p.Name, opt, p.Type, what)
			names = append(names, p.Name)
		}
		if d.options {
			fmt.Fprintf(&b, "---@overload fun(self: minio.client, options: minio.%s_options): %s\n", d.Name, d.Result)
		}
		fmt.Fprintf(&b, "---@return %s # %s\n", d.Result, d.Returns)
		fmt.Fprintf(&b, "function client:%s(%s) end\n\n", d.Name, strings.Join(names, ", "))
		if d.options {
			fmt.Fprintf(&b, "---@class minio.%s_options\n", d.Name)
			for _, p := range d.Params {
				opt := "?"
				if !p.Optional {
					opt = ""
				}
				fmt.Fprintf(&b, "---@field %s%s %s\n", p.Name, opt, p.Type)
			}
			b.WriteString("\n")
		}
	}
	for _, c := range []struct {
		name string
		typ  reflect.Type
	}{{"ConnectOptions", reflect.TypeFor[Connection]()}, {"Deployment", reflect.TypeFor[deploymentEntry]()},
		{"EachOptions", reflect.TypeFor[eachOptions]()}, {"ParallelOptions", reflect.TypeFor[parallelOptions]()}, {"PeerSite", reflect.TypeFor[admin.PeerSite]()},
		{"PeerInfo", reflect.TypeFor[admin.PeerInfo]()}, {"SiteReplicationStatusOptions", reflect.TypeFor[admin.SiteReplicationStatusOptions]()}} {
		fmt.Fprintf(&b, "---@class minio.%s\n", c.name)
		for _, f := range luatable.Fields(c.typ) {
			opt := "?"
			if f.Required {
				opt = ""
			}
			fmt.Fprintf(&b, "---@field %s%s %s\n", f.Name, opt, fieldLuaType(f))
		}
		b.WriteString("\n")
	}
	b.WriteString(`---@class minio.error
---@field code integer HTTP status (0 when no answer came)
---@field body string
---@field api_code string e.g. XMinioAdminNoSuchUser
---@field message string
---@field op string
---@field kind "server"|"network"|"timeout"|"canceled"|"argument"|"response"
---@field request_id? string
---@field where string

---@class minio
---@field json jsonlib
---@field operations string[] names of the client methods
minio = {}

---A client: from an options table, an mc alias name, or (no argument) the command line's connection.
---@param options? minio.ConnectOptions|string
---@return minio.client
function minio.connect(options) end

---Whether v is an error raised by a client method.
---@param v any
---@return boolean
function minio.is_error(v) end

---Run fn(item, i) for every item, up to options.workers admin calls in flight; one item's error never stops the others (unless fail_fast).
---@param items any[]
---@param fn fun(item: any, i: integer): any
---@param options? minio.ParallelOptions
---@return any[] results fn's first value per item, in input order
---@return {index: integer, item: any, error: any}[] failed the items whose fn raised, in index order
function minio.parallel(items, fn, options) end

---@class minio.EachRow
---@field deployment string
---@field ok boolean false when fn raised or its report has failed changes
---@field result any fn's first value
---@field error any what fn raised (nil when nothing)
---@field duration number seconds
---@field created integer the counts of a plan's or apply's report (else 0)
---@field updated integer
---@field deleted integer
---@field unchanged integer
---@field failed integer

---Run fn(adm, name) once per deployment (an mc alias name or a connection table), options.parallel at once (default 4); every entry is resolved before any fn runs and one deployment's error never stops the others. tostring(rows) is the command line's table.
---@param deployments (string|minio.Deployment)[]
---@param fn fun(adm: minio.client, name: string): any
---@param options? minio.EachOptions
---@return minio.EachRow[] rows in input order
---@return boolean all_ok every row ok
function minio.each(deployments, fn, options) end

---Whether the run holds writes back (--dry-run).
---@return boolean
function minio.dry_run() end

---End the run now with this exit code (0-255, default 0); a pcall cannot catch it. Scripts only, not the REPL.
---@param code? integer
function minio.exit(code) end

---A checked copy of a PeerSite table.
---@param t minio.PeerSite
---@return minio.PeerSite
function minio.PeerSite(t) end

---A checked copy of a PeerInfo table.
---@param t minio.PeerInfo
---@return minio.PeerInfo
function minio.PeerInfo(t) end

---A checked copy of a SiteReplicationStatusOptions table.
---@param t? minio.SiteReplicationStatusOptions
---@return minio.SiteReplicationStatusOptions
function minio.SiteReplicationStatusOptions(t) end

---Print a client method's help: help(admin.user_add), help"user_add", or help() for the list.
---@param method? function|string
function minio.help(method) end

---The client of the command line's connection (--endpoint/--alias), when one was given.
---@type minio.client
admin = nil
`)
	return b.String()
}
