package jobs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/luatable"
)

func exportedState() *State {
	q := uint64(1 << 30)
	lock := false
	return &State{
		Policies: map[string]json.RawMessage{"p": doc("b")},
		Users: map[string]UserState{
			"alice":  {SecretKey: "alice-secret", Status: "enabled", Policies: []string{"readonly", "p"}},
			"b&<ob>": {Status: "disabled", Policies: []string{}},
		},
		Groups:          map[string]GroupState{"end": {Members: []string{"alice"}, Policies: []string{}}},
		ServiceAccounts: map[string]ServiceAccountState{"svc": {User: "alice", SecretKey: "svc-secret", Expiry: &expiry, Policy: doc("b")}},
		Buckets: map[string]BucketState{"b": {Quota: &q, Versioning: VersioningOff, ObjectLock: &lock, Policy: json.RawMessage("{}"),
			Tags: map[string]string{}, Lifecycle: []LifecycleRule{{ID: "r", Expiration: &LifecycleExpiration{Days: 3}}}, Encryption: EncryptionOff}},
		LDAP:    &LDAPState{Users: map[string]LDAPMapping{"uid=a,dc=x": {Policies: []string{"p"}}}, Groups: map[string]LDAPMapping{}},
		KMSKeys: []string{"k2", "k1"},
	}
}

// Every format reads back as the state it was written from; the same state writes the
// same bytes; secrets go only where the callback puts them.
func TestEncodeStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	secrets := map[string]string{}
	tree := ExportTree(exportedState(), func(section, name, value string) any {
		secrets[section+"."+name] = value
		return map[string]any{"file": "secrets.json", "key": section + "." + name}
	})
	b, _ := json.Marshal(secrets)
	if err := os.WriteFile(filepath.Join(dir, "secrets.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{FormatJSON, FormatYAML} {
		data, err := EncodeState(tree, format)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := EncodeState(ExportTree(exportedState(), func(section, name, _ string) any {
			return map[string]any{"file": "secrets.json", "key": section + "." + name}
		}), format)
		if string(again) != string(data) {
			t.Fatalf("%s: two encodings differ", format)
		}
		if strings.Contains(string(data), "-secret") {
			t.Fatalf("%s holds a secret:\n%s", format, data)
		}
		decode := DecodeStateJSON
		if format == FormatYAML {
			decode = DecodeStateYAML
		}
		st, err := decode(data, dir)
		if err != nil {
			t.Fatalf("%s: %v\n%s", format, err, data)
		}
		if st.Users["alice"].SecretKey != "alice-secret" || st.ServiceAccounts["svc"].SecretKey != "svc-secret" {
			t.Fatalf("%s: secrets: %+v %+v", format, st.Users, st.ServiceAccounts)
		}
		// The decoded state plans to nothing against a server holding what was exported.
		p, err := Diff(st, exportedServer(), Options{Prune: true})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Empty() {
			t.Fatalf("%s: plan against the exported server: %+v", format, p.Changes)
		}
	}
	data, err := EncodeState(tree, FormatJSON)
	if err != nil || !strings.Contains(string(data), `"b&<ob>"`) {
		t.Fatalf("JSON escapes HTML: %v\n%s", err, data)
	}
}

// exportedServer holds what exportedState describes.
func exportedServer() *Current {
	return server(func(c *Current) {
		c.Policies["p"] = doc("b")
		c.Users["alice"] = admin.IAMUser{SecretKey: "alice-secret", Status: "enabled"}
		c.Users["b&<ob>"] = admin.IAMUser{Status: "disabled"}
		c.UserMappings["alice"] = admin.IAMMapping{Policy: "p,readonly"}
		c.Groups["end"] = admin.IAMGroup{Status: "enabled", Members: []string{"alice"}}
		c.ServiceAccounts["svc"] = admin.IAMServiceAccount{Parent: "alice", AccessKey: "svc", SecretKey: "svc-secret", Status: "on",
			SessionPolicy: doc("b"), Expiration: &expiry}
		c.Buckets["b"] = 1 << 30
		c.BucketSettings["b"] = BucketSettings{Lifecycle: []LifecycleRule{{ID: "r", Status: "enabled", Expiration: &LifecycleExpiration{Days: 3}}}}
		c.LDAPUsers["uid=a,dc=x"] = []string{"p"}
		c.KMSKeys["k1"], c.KMSKeys["k2"] = true, true
	})
}

func TestEncodeLua(t *testing.T) {
	tree := map[string]any{
		"users": map[string]any{"end": map[string]any{"policies": []any{}}, "a-b": map[string]any{"policies": []any{"x"}},
			"ok_1": "line\nbreak\t\"q\" \\ \x01" + "2"},
		"n": []any{int64(1), uint64(2), 2.5, true},
	}
	data, err := EncodeState(tree, FormatLua)
	if err != nil {
		t.Fatal(err)
	}
	want := `-- minioscript export: a state for minioscript plan/apply
return {
  n = { 1, 2, 2.5, true },
  users = {
    ["a-b"] = {
      policies = { "x" },
    },
    ["end"] = {
      policies = {},
    },
    ok_1 = "line\nbreak\t\"q\" \\ \0012",
  },
}
`
	if string(data) != want {
		t.Fatalf("got\n%s\nwant\n%s", data, want)
	}
}

// State files use one name per field in every format: the Lua decoder's (the lua tag or
// the snake-case Go name) is the JSON one.
func TestLuaNamesAreJSONNames(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] || typ.PkgPath() != reflect.TypeFor[State]().PkgPath() {
			return
		}
		seen[typ] = true
		for _, f := range luatable.Fields(typ) {
			sf, _ := typ.FieldByName(goName(typ, f.Name))
			jsonName, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if jsonName != f.Name {
				t.Errorf("%s: Lua name %q, JSON name %q", typ, f.Name, jsonName)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[State]())
	walk(reflect.TypeFor[SecretRef]())
}

// goName finds the Go field whose Lua name is lua.
func goName(typ reflect.Type, lua string) string {
	for _, f := range reflect.VisibleFields(typ) {
		name, _, _ := strings.Cut(f.Tag.Get("lua"), ",")
		if name == lua || (name == "" && luatable.Snake(f.Name) == lua) {
			return f.Name
		}
	}
	return ""
}

func TestSecretRefKey(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.json"), []byte(`{"users.a": "sec-a", "n": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if v, err := (SecretRef{File: "s.json", Key: "users.a"}).Resolve(dir); err != nil || v != "sec-a" {
		t.Fatalf("%q %v", v, err)
	}
	for _, r := range []SecretRef{{File: "s.json", Key: "users.b"}, {File: "s.json", Key: "n"}, {Key: "users.a"}} {
		if _, err := r.Resolve(dir); err == nil {
			t.Errorf("%+v resolved", r)
		}
	}
}

func TestExportSectionsChecked(t *testing.T) {
	if _, err := exportWant([]string{"users", "bogus"}); err == nil || !strings.Contains(err.Error(), `"bogus"`) {
		t.Fatalf("%v", err)
	}
	w, err := exportWant([]string{"users", "kms_keys"})
	if err != nil || w.Users == nil || w.KMSKeys == nil || w.Policies != nil || w.Buckets != nil {
		t.Fatalf("%+v %v", w, err)
	}
}
