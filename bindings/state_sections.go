package bindings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/minioscript/minioscript/jobs"
	ljson "github.com/minioscript/minioscript/stdlib/json"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// The state sections beyond IAM and quotas are read through their JSON form, so that
// their field lists live only in the jobs structs (the field names of JSON and YAML
// state files).

// bucketSettingFields are a bucket table's fields besides quota.
var bucketSettingFields = []string{"versioning", "object_lock", "policy", "tags", "lifecycle", "encryption"}

// emptyJSON is a field's empty value, for an empty Lua table (which has no shape).
var emptyJSON = map[string]string{"tags": "{}", "lifecycle": "[]", "policy": "{}"}

// readBucketSettings decodes the setting fields of a bucket table into b.
func readBucketSettings(L *lua.LState, f map[string]lua.LValue, b *jobs.BucketState) error {
	doc := map[string]json.RawMessage{}
	for _, name := range bucketSettingFields {
		v, ok := f[name]
		if !ok {
			continue
		}
		var raw []byte
		var err error
		switch x := v.(type) {
		case *lua.LTable:
			if k, _ := x.Next(lua.LNil); k == lua.LNil {
				raw = []byte(emptyJSON[name])
				if raw == nil {
					raw = []byte("{}")
				}
				break
			}
			raw, err = ljson.Encode(L, x)
		case lua.LString:
			if name == "policy" && len(x) > 0 {
				p, perr := toPolicy(L, x)
				if perr != nil {
					return fmt.Errorf("field '%s': %w", name, perr)
				}
				raw = p.(json.RawMessage)
				break
			}
			raw, err = json.Marshal(string(x))
		case lua.LBool:
			raw, err = json.Marshal(bool(x))
		case lua.LNumber:
			raw, err = json.Marshal(float64(x))
		default:
			return fmt.Errorf("field '%s': %w", name, errType("string, boolean or table", v))
		}
		if err != nil {
			return fmt.Errorf("field '%s': %w", name, err)
		}
		doc[name] = raw
	}
	if len(doc) == 0 {
		return nil
	}
	text, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	quota := b.Quota
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(b); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("field '%s': %s expected, got %s", te.Field, te.Type, te.Value)
		}
		return err
	}
	b.Quota = quota
	return nil
}

// bucketFields are the fields a bucket table may have.
func bucketTableFields() []string { return slices.Concat([]string{"quota"}, bucketSettingFields) }
