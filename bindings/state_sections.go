package bindings

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/minioscript/minioscript/jobs"
	ljson "github.com/minioscript/minioscript/stdlib/json"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// The state sections beyond IAM and quotas are read through their JSON form, so that
// their field lists live only in the jobs structs (the field names of JSON and YAML
// state files): the Lua value is encoded as JSON, fitted to the Go type (an empty Lua
// table has no shape: it becomes an empty list where the type wants one), and decoded
// strictly.

// bucketSettingFields are a bucket table's fields besides quota.
var bucketSettingFields = []string{"versioning", "object_lock", "policy", "tags", "lifecycle", "encryption"}

// stateSections are the top-level sections decoded here.
var stateSections = []string{"ldap", "kms_keys"}

func bucketTableFields() []string { return slices.Concat([]string{"quota"}, bucketSettingFields) }

// readBucketSettings decodes the setting fields of a bucket table into b.
func readBucketSettings(L *lua.LState, f map[string]lua.LValue, b *jobs.BucketState) error {
	doc := map[string]any{}
	for _, name := range bucketSettingFields {
		v, ok := f[name]
		if !ok {
			continue
		}
		if s, isStr := v.(lua.LString); isStr && name == "policy" && len(s) > 0 {
			p, err := toPolicy(L, s) // JSON text or a file, as for policies
			if err != nil {
				return fmt.Errorf("field '%s': %w", name, err)
			}
			doc[name] = p
			continue
		}
		val, err := luaJSONValue(L, v)
		if err != nil {
			return fmt.Errorf("field '%s': %w", name, err)
		}
		doc[name] = val
	}
	if len(doc) == 0 {
		return nil
	}
	quota := b.Quota
	err := decodeFitted(doc, b)
	b.Quota = quota
	return err
}

// readStateSections decodes the sections of stateSections present in f into st.
func readStateSections(L *lua.LState, f map[string]lua.LValue, st *jobs.State) error {
	if v, ok := f["kms_keys"]; ok {
		val, err := luaJSONValue(L, v)
		if err == nil {
			err = decodeFitted(val, &st.KMSKeys)
		}
		if err != nil {
			return fmt.Errorf("kms_keys: %w", err)
		}
	}
	if v, ok := f["ldap"]; ok {
		val, err := luaJSONValue(L, v)
		if err == nil {
			st.LDAP = &jobs.LDAPState{}
			err = decodeFitted(val, st.LDAP)
		}
		if err != nil {
			return fmt.Errorf("ldap: %w", err)
		}
	}
	return nil
}

// luaJSONValue is v as JSON decoding gives it (numbers as json.Number).
func luaJSONValue(L *lua.LState, v lua.LValue) (any, error) {
	b, err := ljson.Encode(L, v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	err = dec.Decode(&out)
	return out, err
}

// decodeFitted decodes v into out strictly, after fitting empty tables to out's type.
func decodeFitted(v any, out any) error {
	return jobs.StrictDecode(fitEmpty(v, reflect.TypeOf(out)), out)
}

// fitEmpty turns each empty object in v into an empty list where t wants a slice.
func fitEmpty(v any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 && t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 {
			return []any{}
		}
		switch t.Kind() {
		case reflect.Map:
			for k, e := range x {
				x[k] = fitEmpty(e, t.Elem())
			}
		case reflect.Struct:
			for i := range t.NumField() {
				name, _, _ := bytes.Cut([]byte(t.Field(i).Tag.Get("json")), []byte(","))
				if e, ok := x[string(name)]; ok {
					x[string(name)] = fitEmpty(e, t.Field(i).Type)
				}
			}
		}
	case []any:
		if t.Kind() == reflect.Slice {
			for i, e := range x {
				x[i] = fitEmpty(e, t.Elem())
			}
		}
	}
	return v
}
