package bindings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/luatable"
	"github.com/minioscript/minioscript/jobs"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// result is how an operation's answer reaches Lua; it follows from the Go result type.
type result int

const (
	resText  result = iota // string: the server's text answer
	resJSON                // admin.Result[T] (the server's bytes) or another Go value (marshalled): a table, or JSON text with raw=true
	resBytes               // []byte: binary data (profile ZIP), as a string
)

// opSpec is one client method, built by method() from a typed Go function.
type opSpec struct {
	name   string
	doc    string
	params []param
	result result
	ret    reflect.Type // the Go result type, for docs
	args   reflect.Type // the argument struct
	// call does the I/O; it runs with arguments already converted, so a bad argument
	// never sends a request, and it touches no Lua state (a scheduler may run it in a
	// goroutine).
	call func(ctx context.Context, c *admin.Client, args reflect.Value) ([]byte, error)
	// job and push replace call for the jobs operations: job runs them through the
	// engine (touching no Lua state), push builds their Lua results directly.
	job  func(ctx context.Context, e *jobs.Engine, args reflect.Value) (any, error)
	push func(L *lua.LState, v any) int
}

type param struct {
	name     string
	optional bool
	adapter  adapter
}

func (o *opSpec) param(name string) *param {
	for i := range o.params {
		if o.params[i].name == name {
			return &o.params[i]
		}
	}
	return nil
}

func (o *opSpec) hasOptional() bool {
	for _, p := range o.params {
		if p.optional {
			return true
		}
	}
	return false
}

// none is the argument struct of an operation without parameters.
type none struct{}

var adminPkg = reflect.TypeFor[admin.Client]().PkgPath()

// method declares an operation from a function whose argument struct A lists the
// parameters in reference order: the Lua name is the field's (AccessKey -> access_key),
// the Lua type follows from the Go type (see adapters), `lua:"optional"` marks an
// optional one. The result form follows from R. A declaration that cannot be bound
// panics, so a mistake stops the program at start-up and fails every test.
func method[A, R any](name, doc string, fn func(ctx context.Context, c *admin.Client, a A) (R, error)) opSpec {
	op := opSpec{name: name, doc: doc, args: reflect.TypeFor[A](), ret: reflect.TypeFor[R]()}
	params, err := paramsOf(op.args)
	if err != nil {
		panic(fmt.Sprintf("bindings: %s: %v", name, err))
	}
	op.params = params
	res, toBytes, err := resultOf[R]()
	if err != nil {
		panic(fmt.Sprintf("bindings: %s: %v", name, err))
	}
	op.result = res
	op.call = func(ctx context.Context, c *admin.Client, args reflect.Value) ([]byte, error) {
		r, err := fn(ctx, c, args.Interface().(A))
		if err != nil {
			return keepServerBytes(toBytes, r, err)
		}
		return toBytes(r)
	}
	return op
}

// jobMethod declares a jobs operation (ensure_*, plan, apply): arguments as for method,
// the call runs through the VM's engine (its change log and progress bar), and push
// builds the Lua results from R.
func jobMethod[A, R any](name, doc string, fn func(ctx context.Context, e *jobs.Engine, a A) (R, error),
	push func(L *lua.LState, r R) int) opSpec {
	op := opSpec{name: name, doc: doc, args: reflect.TypeFor[A](), ret: reflect.TypeFor[R](), result: resJSON}
	params, err := paramsOf(op.args)
	if err != nil {
		panic(fmt.Sprintf("bindings: %s: %v", name, err))
	}
	op.params = params
	op.job = func(ctx context.Context, e *jobs.Engine, args reflect.Value) (any, error) {
		return fn(ctx, e, args.Interface().(A))
	}
	op.push = func(L *lua.LState, v any) int { return push(L, v.(R)) }
	return op
}

// keepServerBytes passes on the server's JSON when only the Go decoding failed on a
// field's type: the script may never read that field, and reads the bytes anyway.
func keepServerBytes[R any](toBytes func(R) ([]byte, error), r R, err error) ([]byte, error) {
	var re *admin.ResponseError
	var te *json.UnmarshalTypeError
	if errors.As(err, &re) && errors.As(err, &te) {
		if b, berr := toBytes(r); berr == nil && len(b) > 0 {
			return b, nil
		}
	}
	return nil, err
}

func paramsOf(t reflect.Type) ([]param, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("arguments must be a struct, not %s", t)
	}
	var out []param
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			return nil, fmt.Errorf("field %s is not exported", f.Name)
		}
		a, ok := adapters[f.Type]
		if !ok {
			return nil, fmt.Errorf("field %s: no adapter for %s (add one to adapters in args.go)", f.Name, f.Type)
		}
		tag, hasTag := f.Tag.Lookup("lua")
		if hasTag && tag != "optional" {
			return nil, fmt.Errorf("field %s: tag lua:%q, want lua:\"optional\"", f.Name, tag)
		}
		p := param{name: luatable.Snake(f.Name), optional: hasTag, adapter: a}
		if seen[p.name] {
			return nil, fmt.Errorf("parameter %s declared twice", p.name)
		}
		seen[p.name] = true
		out = append(out, p)
	}
	return out, nil
}

// resultOf derives the result form and the conversion to bytes from R.
func resultOf[R any]() (result, func(R) ([]byte, error), error) {
	t := reflect.TypeFor[R]()
	switch {
	case t.Kind() == reflect.String:
		return resText, func(r R) ([]byte, error) { return []byte(reflect.ValueOf(r).String()), nil }, nil
	case t == reflect.TypeFor[[]byte]():
		return resBytes, func(r R) ([]byte, error) { return any(r).([]byte), nil }, nil
	case t.Kind() == reflect.Struct && t.PkgPath() == adminPkg && strings.HasPrefix(t.Name(), "Result["):
		return resJSON, func(r R) ([]byte, error) { return reflect.ValueOf(r).FieldByName("Raw").Bytes(), nil }, nil
	case t.Kind() == reflect.Func || t.Kind() == reflect.Chan || t.Kind() == reflect.Interface:
		return 0, nil, fmt.Errorf("result type %s cannot reach Lua", t)
	}
	return resJSON, func(r R) ([]byte, error) { return json.Marshal(r) }, nil
}

// unpack reads the call's arguments (after self) either positionally or, when the only
// argument is a table keyed by parameter names, as one options table; it returns the
// operation's argument struct.
func unpack(L *lua.LState, op *opSpec, first int) reflect.Value {
	args := reflect.New(op.args).Elem()
	top := L.GetTop()
	get := func(i int) lua.LValue { return L.Get(first + i) }
	if t, ok := L.Get(first).(*lua.LTable); ok && top == first && isOptionsTable(t, op) {
		t.ForEach(func(k, _ lua.LValue) {
			ks, isStr := k.(lua.LString)
			if !isStr || op.param(string(ks)) == nil {
				badArg(L, 1, op.name, fmt.Sprintf("unknown option '%s'", k.String()))
			}
		})
		get = func(i int) lua.LValue { return t.RawGetString(op.params[i].name) }
	} else if n := top - first + 1; n > len(op.params) {
		badArg(L, len(op.params)+1, op.name, fmt.Sprintf("%d arguments given, at most %d expected", n, len(op.params)))
	}
	for i, p := range op.params {
		v := get(i)
		if v == lua.LNil {
			if !p.optional {
				badArg(L, i+1, op.name, p.name+": "+errType(p.adapter.what, v).Error())
			}
			continue
		}
		x, err := p.adapter.conv(L, v)
		if err != nil {
			badArg(L, i+1, op.name, p.name+": "+err.Error())
		}
		args.Field(i).Set(reflect.ValueOf(x))
	}
	return args
}

// isOptionsTable: for an operation with optional parameters, a table with no list part
// whose keys name a parameter, or any such table when the first parameter cannot be a
// table (so that a misspelt option is reported as one).
func isOptionsTable(t *lua.LTable, op *opSpec) bool {
	if !op.hasOptional() || t.Len() > 0 {
		return false
	}
	if !strings.Contains(op.params[0].adapter.luaType, "table") && !strings.Contains(op.params[0].adapter.luaType, "[]") &&
		!strings.HasPrefix(op.params[0].adapter.luaType, "minio.") {
		return true
	}
	named := false
	t.ForEach(func(k, _ lua.LValue) {
		if ks, ok := k.(lua.LString); ok && op.param(string(ks)) != nil {
			named = true
		}
	})
	return named
}

// badArg raises Lua's usual argument error, naming the function (methods count from the
// first argument after self) and the script line that called it.
func badArg(L *lua.LState, n int, fn, msg string) {
	L.Error(lua.LString(fmt.Sprintf("%sbad argument #%d to '%s' (%s)", scriptWhere(L), n, fn, msg)), 0)
}

// scriptWhere is "file:line: " of the innermost Lua function on the stack. Unlike
// L.Where it skips Go frames, so an operation called through pcall(admin.op, admin, ...)
// still names the script's line rather than "[G]:".
func scriptWhere(L *lua.LState) string {
	for level := 1; ; level++ {
		dbg, ok := L.GetStack(level)
		if !ok {
			return ""
		}
		if _, err := L.GetInfo("Sl", dbg, lua.LNil); err != nil {
			return ""
		}
		if dbg.What != "G" && dbg.CurrentLine > 0 {
			return fmt.Sprintf("%s:%d: ", dbg.Source, dbg.CurrentLine)
		}
	}
}
