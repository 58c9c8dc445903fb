package jobs

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlTrees are trees of the shapes ExportTree gives, with strings YAML could read as
// other things.
func yamlTrees() []map[string]any {
	tricky := []any{"", " lead", "trail ", "true", "False", "YES", "no", "on", "Off", "y", "N", "null", "~",
		"0", "12", "0x1F", "1e3", ".inf", "-.5", "+1", "2012-10-17", "12:30", "<<", "=", "-", "- x", "?", ":", "a: b",
		"a #b", "a#b", "#c", "*", "&a", "!t", "|", ">", "'q'", `"d"`, "%p", "@a", "`b", "[x]", "{y}", "a,b",
		"arn:aws:s3:::b/*", "s3:*", "uid=a,ou=people,dc=example,dc=org", "notify_webhook:primary", "x:",
		"line\nbreak", "tab\there", "ls\u2028x", "p s\u2029 y", "nel\u0085", "\ufeffbom", "ünï", "\x00\x7f", "back\\slash", "quote\"d", "sp ace"}
	keys := map[string]any{}
	for i, s := range tricky {
		keys[s.(string)] = tricky[len(tricky)-1-i]
	}
	return []map[string]any{
		{},
		{"users": map[string]any{"alice": map[string]any{"policies": []any{"readwrite", "p-1"}, "status": "enabled"},
			"bob": map[string]any{"policies": []any{}, "status": "disabled", "secret_key": map[string]any{"file": "s.json", "key": "users.bob"}}},
			"buckets": map[string]any{"b1": map[string]any{"quota": uint64(1 << 40), "object_lock": false, "tags": map[string]any{},
				"lifecycle": []any{map[string]any{"id": "r1", "expiration": map[string]any{"days": int64(7)}, "status": "enabled"}},
				"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow",
					"Principal": map[string]any{"AWS": []any{"*"}}, "Action": []any{"s3:GetObject"}, "Condition": map[string]any{
						"NumericLessThan": map[string]any{"s3:max-keys": 1.5, "n": int64(-3)}}}}}}},
			"kms_keys": []any{"k1", "k2"}, "config": map[string]any{"scanner": map[string]any{"speed": "slow"}}},
		{"tricky": tricky, "keys": keys, "nested": []any{[]any{"a", []any{"b", map[string]any{}}}, []any{}, nil, true}},
	}
}

// writeYAML's output reads back, with yaml.v3, as the tree written.
func TestWriteYAML(t *testing.T) {
	for i, tree := range yamlTrees() {
		var mine bytes.Buffer
		if err := writeYAML(&mine, tree); err != nil {
			t.Fatal(err)
		}
		if got, want := decodeYAML(t, mine.Bytes()), canonical(t, tree); got != want {
			t.Errorf("tree %d reads back as\n%v\nwant\n%v\noutput:\n%s", i, got, want, mine.String())
		}
	}
	var b bytes.Buffer
	if err := writeYAML(&b, map[string]any{"k": "\xff"}); err == nil {
		t.Error("a string that is not UTF-8 was written")
	}
}

// With strings that need no quotes, the layout is yaml.v3's (indent 2), byte for byte:
// an export looks as it did before.
func TestWriteYAMLLayout(t *testing.T) {
	tree := yamlTrees()[1]
	delete(tree["buckets"].(map[string]any)["b1"].(map[string]any), "policy") // "2012-10-17", "*" need quotes
	var mine, theirs bytes.Buffer
	if err := writeYAML(&mine, tree); err != nil {
		t.Fatal(err)
	}
	enc := yaml.NewEncoder(&theirs)
	enc.SetIndent(2)
	if err := enc.Encode(tree); err != nil {
		t.Fatal(err)
	}
	if mine.String() != theirs.String() {
		t.Fatalf("layout:\n%s\nyaml.v3:\n%s", mine.String(), theirs.String())
	}
}

func FuzzWriteYAML(f *testing.F) {
	for _, s := range []string{"", "a: b", "true", "0x10", "- ", "#", "x\ny", "ü", "a\u2028b"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, k, v string) {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return // refused with an error (TestWriteYAML)
		}
		tree := map[string]any{k: []any{v, map[string]any{v: k}, []any{k}}}
		var b bytes.Buffer
		if err := writeYAML(&b, tree); err != nil {
			t.Fatal(err)
		}
		if got, want := decodeYAML(t, b.Bytes()), canonical(t, tree); got != want {
			t.Fatalf("reads back as %s, want %s\n%s", got, want, b.String())
		}
	})
}

func decodeYAML(t *testing.T, data []byte) string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return canonical(t, v)
}

// canonical compares decoded values across number types.
func canonical(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
