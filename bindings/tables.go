package bindings

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/minioscript/minioscript/admin"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	luar "github.com/minioscript/minioscript/third_party/gopher-luar"
)

// tableSpec is what decoding a Lua table into a Go struct needs beyond the struct itself.
// Field names come from the Go fields (AccessKey -> access_key); luar converts string and
// boolean fields; fields whose Lua form differs from Go's (seconds -> Duration, "1024" ->
// uint64) have a converter here.
type tableSpec struct {
	allRequired bool
	required    []string
	initial     any // the value decoding starts from (defaults); nil: zero
	special     map[string]fieldConv
}

// fieldConv converts one field whose Lua form differs from its Go type.
type fieldConv struct {
	luaType string // LuaLS type, for stubs
	conv    func(L *lua.LState, v lua.LValue) (any, error)
}

var tableSpecs = map[reflect.Type]tableSpec{
	reflect.TypeFor[admin.PeerSite](): {allRequired: true},
	reflect.TypeFor[admin.PeerInfo](): {required: []string{"deployment_id"}, special: map[string]fieldConv{
		"bucket_bandwidth_limit":      {"integer|string", toUintString},
		"bucket_bandwidth_set":        {"boolean|string", toBoolString},
		"bucket_bandwidth_updated_at": {"integer|string", func(_ *lua.LState, v lua.LValue) (any, error) { return toTime(v) }},
	}},
	reflect.TypeFor[admin.SiteReplicationStatusOptions](): {},
	reflect.TypeFor[Connection](): {
		required: []string{"endpoint", "access_key", "secret_key"},
		initial:  Connection{Secure: true, CertCheck: true},
		special: map[string]fieldConv{
			"timeout": {"number|string", func(_ *lua.LState, v lua.LValue) (any, error) { return toDuration(v) }},
			"kdf": {`"pbkdf2"|"argon2id"`, func(_ *lua.LState, v lua.LValue) (any, error) {
				s, ok := v.(lua.LString)
				if !ok {
					return nil, errType(`"pbkdf2" or "argon2id"`, v)
				}
				return admin.ParseKDF(string(s))
			}},
		},
	},
}

// snake turns a Go field name into the Lua one: CAFile -> ca_file, DeploymentID ->
// deployment_id.
func snake(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) {
			if i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]) || (i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1]))) {
				b.WriteByte('_')
			}
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// luaFields lists a struct's exported fields by Lua name.
func luaFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if f.IsExported() && !f.Anonymous {
			m[snake(f.Name)] = f
		}
	}
	return m
}

// fieldNames lists a struct's Lua field names in declaration order.
func fieldNames(t reflect.Type) []string {
	var names []string
	for _, f := range reflect.VisibleFields(t) {
		if f.IsExported() && !f.Anonymous {
			names = append(names, snake(f.Name))
		}
	}
	return names
}

func luarFieldNames(_ reflect.Type, f reflect.StructField) []string { return []string{snake(f.Name)} }

// luarSet assigns t[k] = v through luar's __newindex, which converts v to the field's type.
func luarSet(L *lua.LState) int {
	L.SetField(L.Get(1), L.CheckString(2), L.Get(3))
	return 0
}

// decodeTable converts a Lua table into T, refusing unknown fields, wrong types and
// missing required fields; errors name the field.
func decodeTable[T any](L *lua.LState, v lua.LValue) (T, error) {
	typ := reflect.TypeFor[T]()
	spec, ok := tableSpecs[typ]
	if !ok {
		panic(fmt.Sprintf("bindings: no tableSpec for %s", typ))
	}
	var out T
	if spec.initial != nil {
		out = spec.initial.(T)
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		return out, errType("table", v)
	}
	fields := luaFields(typ)
	var names []string
	bad := ""
	t.ForEach(func(k, _ lua.LValue) {
		ks, isStr := k.(lua.LString)
		if _, known := fields[string(ks)]; !isStr || !known {
			bad = k.String()
			return
		}
		names = append(names, string(ks))
	})
	if bad != "" {
		return out, fmt.Errorf("unknown field '%s' (want %s)", bad, strings.Join(fieldNames(typ), ", "))
	}
	sort.Strings(names)

	luar.GetConfig(L).FieldNames = luarFieldNames
	ptr := reflect.ValueOf(&out)
	ud := luar.New(L, &out)
	set := L.NewFunction(luarSet)
	for _, name := range names {
		val, f := t.RawGetString(name), fields[name]
		if sp, ok := spec.special[name]; ok {
			x, err := sp.conv(L, val)
			if err != nil {
				return out, fmt.Errorf("field '%s': %w", name, err)
			}
			ptr.Elem().FieldByIndex(f.Index).Set(reflect.ValueOf(x).Convert(f.Type))
			continue
		}
		if err := L.CallByParam(lua.P{Fn: set, Protect: true}, ud, lua.LString(name), val); err != nil {
			return out, fmt.Errorf("field '%s': %s expected, got %s", name, goTypeName(f.Type), typeName(val))
		}
	}
	for _, name := range fieldNames(typ) {
		if (spec.allRequired || slices.Contains(spec.required, name)) && t.RawGetString(name) == lua.LNil {
			return out, fmt.Errorf("field '%s' is required", name)
		}
	}
	return out, nil
}

func goTypeName(t reflect.Type) string {
	if t.Kind() == reflect.Bool {
		return "boolean"
	}
	return t.Kind().String()
}

// checkTableSpec reports a struct field luar cannot convert strictly (only strings and
// booleans) and that has no converter of its own.
func checkTableSpec(t reflect.Type, spec tableSpec) error {
	for name, f := range luaFields(t) {
		k := f.Type.Kind()
		if _, ok := spec.special[name]; !ok && k != reflect.String && k != reflect.Bool {
			return fmt.Errorf("%s.%s (%s): needs a converter in tableSpecs", t, f.Name, f.Type)
		}
	}
	for _, name := range spec.required {
		if _, ok := luaFields(t)[name]; !ok {
			return fmt.Errorf("%s: required field %q does not exist", t, name)
		}
	}
	return nil
}
