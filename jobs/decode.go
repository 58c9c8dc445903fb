package jobs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SecretRef is where a secret in a state file comes from, so that the file can be
// committed: {env = "VAR"} (an environment variable), {file = "path"} (a file's
// content without its trailing newline; a relative path is relative to the state
// file) or {file = "path", key = "K"} (the string member K of the JSON object in the
// file, as export --secrets writes it). It is read when the state is loaded, by plan
// and apply.
type SecretRef struct {
	Env  string `json:"env,omitempty"`
	File string `json:"file,omitempty"`
	Key  string `json:"key,omitempty"`
}

// Resolve reads the secret; dir is the state file's folder.
func (r SecretRef) Resolve(dir string) (string, error) {
	switch {
	case r.Env != "" && r.File != "":
		return "", errors.New("give one of env= or file=, not both")
	case r.Key != "" && r.File == "":
		return "", errors.New("key= names a member of the JSON object in file=, which is missing")
	case r.Env != "":
		v, ok := os.LookupEnv(r.Env)
		if !ok || v == "" {
			return "", fmt.Errorf("environment variable %s is not set", r.Env)
		}
		return v, nil
	case r.File != "":
		p := r.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		if r.Key == "" {
			return strings.TrimRight(string(b), "\r\n"), nil
		}
		var members map[string]any
		if err := json.Unmarshal(b, &members); err != nil {
			return "", fmt.Errorf("%s: not a JSON object: %w", r.File, err)
		}
		v, ok := members[r.Key].(string)
		if !ok || v == "" {
			return "", fmt.Errorf("%s has no secret %q", r.File, r.Key)
		}
		return v, nil
	}
	return "", errors.New("a secret reference needs env= or file=")
}

// secretSections are the sections whose entries may hold secret_key references.
var secretSections = []string{"users", "service_accounts"}

// DecodeStateJSON reads a state in its JSON form (the field names of the Lua form:
// policies, users, groups, service_accounts, buckets; policies as objects or JSON
// text). Unknown fields and wrong types are errors naming the field; secret_key may be
// a SecretRef, resolved against dir.
func DecodeStateJSON(data []byte, dir string) (*State, error) {
	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("not a state object: %w", err)
	}
	return decodeTree(raw, dir)
}

// DecodeStateYAML reads a state written in YAML with the JSON form's fields.
func DecodeStateYAML(data []byte, dir string) (*State, error) {
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	return decodeTree(raw, dir)
}

// decodeTree resolves secret references and policy texts in a decoded tree, then
// decodes it strictly into a State.
func decodeTree(raw map[string]any, dir string) (*State, error) {
	if raw == nil {
		raw = map[string]any{}
	}
	for _, sec := range secretSections {
		entries, _ := raw[sec].(map[string]any)
		for name, e := range entries {
			obj, _ := e.(map[string]any)
			ref, isRef := obj["secret_key"].(map[string]any)
			if !isRef {
				continue
			}
			var r SecretRef
			if err := StrictDecode(ref, &r); err != nil {
				return nil, fmt.Errorf("%s.%s.secret_key: %w", sec, name, err)
			}
			v, err := r.Resolve(dir)
			if err != nil {
				return nil, fmt.Errorf("%s.%s.secret_key: %w", sec, name, err)
			}
			obj["secret_key"] = v
		}
	}
	if err := configValues(raw, dir); err != nil {
		return nil, err
	}
	// A policy may be given as JSON text.
	policyText := func(v any) (any, error) {
		s, ok := v.(string)
		if !ok {
			return v, nil
		}
		var doc any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			return nil, fmt.Errorf("malformed policy JSON: %w", err)
		}
		return doc, nil
	}
	if pols, ok := raw["policies"].(map[string]any); ok {
		for name, p := range pols {
			doc, err := policyText(p)
			if err != nil {
				return nil, fmt.Errorf("policies.%s: %w", name, err)
			}
			pols[name] = doc
		}
	}
	if accounts, ok := raw["service_accounts"].(map[string]any); ok {
		for name, a := range accounts {
			if obj, ok := a.(map[string]any); ok && obj["policy"] != nil {
				doc, err := policyText(obj["policy"])
				if err != nil {
					return nil, fmt.Errorf("service_accounts.%s.policy: %w", name, err)
				}
				obj["policy"] = doc
			}
		}
	}
	if buckets, ok := raw["buckets"].(map[string]any); ok {
		for name, b := range buckets {
			obj, ok := b.(map[string]any)
			if s, isText := obj["policy"].(string); ok && isText && strings.TrimSpace(s) != "" {
				doc, err := policyText(s)
				if err != nil {
					return nil, fmt.Errorf("buckets.%s.policy: %w", name, err)
				}
				obj["policy"] = doc
			}
		}
	}
	var st State
	top := map[string]any{}
	for k, v := range raw {
		if _, isSection := v.(map[string]any); !isSection {
			top[k] = v // unknown fields and wrong section types fail below
		}
	}
	if err := StrictDecode(top, &st); err != nil {
		return nil, err
	}
	// Each object on its own, so that an error names it.
	errs := []error{
		decodeSection(raw, "policies", &st.Policies),
		decodeSection(raw, "users", &st.Users),
		decodeSection(raw, "groups", &st.Groups),
		decodeSection(raw, "service_accounts", &st.ServiceAccounts),
		decodeSection(raw, "buckets", &st.Buckets),
		decodeSection(raw, "config", &st.Config),
	}
	if l, ok := raw["ldap"].(map[string]any); ok {
		st.LDAP = &LDAPState{}
		for _, err := range []error{decodeSection(l, "users", &st.LDAP.Users), decodeSection(l, "groups", &st.LDAP.Groups)} {
			if err != nil {
				errs = append(errs, fmt.Errorf("ldap.%w", err))
			}
		}
		for k := range l {
			if k != "users" && k != "groups" {
				errs = append(errs, fmt.Errorf("ldap: unknown field %q (want users, groups)", k))
			}
		}
	}
	for k, v := range raw {
		if _, isSection := v.(map[string]any); isSection && !slices.Contains(sectionNames, k) {
			errs = append(errs, fmt.Errorf("unknown field %q (want %s)", k, strings.Join(sectionNames, ", ")))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &st, nil
}

var sectionNames = []string{"policies", "users", "groups", "service_accounts", "buckets", "ldap", "kms_keys", "config"}

// decodeSection decodes raw[name], a map of objects, entry by entry into *out.
func decodeSection[V any](raw map[string]any, name string, out *map[string]V) error {
	entries, ok := raw[name].(map[string]any)
	if !ok {
		return nil
	}
	*out = map[string]V{}
	for _, k := range slices.Sorted(maps.Keys(entries)) {
		var v V
		if err := StrictDecode(entries[k], &v); err != nil {
			return fmt.Errorf("%s.%s: %w", name, k, err)
		}
		(*out)[k] = v
	}
	return nil
}

// StrictDecode decodes v, a tree as JSON or YAML decoding gives it, into out: unknown
// fields and wrong types are errors naming the field.
func StrictDecode(v any, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return fmt.Errorf("%s expected, got %s", te.Type, te.Value)
			}
			return fmt.Errorf("%s: %s expected, got %s", te.Field, te.Type, te.Value)
		}
		return err
	}
	return nil
}

// configValues brings the config section's values to text: a number as written, a
// boolean as on/off, a SecretRef resolved against dir.
func configValues(raw map[string]any, dir string) error {
	targets, _ := raw["config"].(map[string]any)
	for name, t := range targets {
		kvs, _ := t.(map[string]any)
		for k, v := range kvs {
			switch x := v.(type) {
			case json.Number:
				kvs[k] = x.String()
			case int, int64, uint64, float64:
				kvs[k] = fmt.Sprint(x)
			case bool:
				kvs[k] = map[bool]string{true: "on", false: "off"}[x]
			case map[string]any:
				var r SecretRef
				if err := StrictDecode(x, &r); err != nil {
					return fmt.Errorf("config.%s.%s: %w", name, k, err)
				}
				s, err := r.Resolve(dir)
				if err != nil {
					return fmt.Errorf("config.%s.%s: %w", name, k, err)
				}
				kvs[k] = s
			}
		}
	}
	return nil
}
