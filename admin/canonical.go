package admin

import (
	"bytes"
	"encoding/json"
	"slices"
)

// CanonicalPolicy renders a policy document so that documents meaning the same compare
// equal: keys sorted, a single statement, action or resource written as a one-element
// list, set-valued lists sorted, empty Sid and Condition dropped. Invalid JSON is
// returned as its trimmed text.
func CanonicalPolicy(doc []byte) string {
	var v map[string]any
	if err := json.Unmarshal(doc, &v); err != nil {
		return string(bytes.TrimSpace(doc))
	}
	if st, ok := v["Statement"]; ok {
		list, isList := st.([]any)
		if !isList {
			list = []any{st}
		}
		for i, s := range list {
			if m, ok := s.(map[string]any); ok {
				list[i] = canonicalStatement(m)
			}
		}
		v["Statement"] = list
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// setKeys hold unordered sets of strings in a policy statement.
var setKeys = []string{"Action", "NotAction", "Resource", "NotResource"}

func canonicalStatement(m map[string]any) map[string]any {
	for _, k := range setKeys {
		if v, ok := m[k]; ok {
			m[k] = sortedSet(v)
		}
	}
	if sid, ok := m["Sid"].(string); ok && sid == "" {
		delete(m, "Sid")
	}
	if cond, ok := m["Condition"].(map[string]any); ok {
		if len(cond) == 0 {
			delete(m, "Condition")
		}
		for _, ops := range cond {
			if kv, ok := ops.(map[string]any); ok {
				for k, v := range kv {
					kv[k] = sortedSet(v)
				}
			}
		}
	}
	return m
}

// sortedSet writes a string or a list of strings as a sorted list without repeats;
// anything else stays as it is.
func sortedSet(v any) any {
	list, ok := v.([]any)
	if s, isStr := v.(string); isStr {
		list, ok = []any{s}, true
	}
	if !ok {
		return v
	}
	strs := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return v
		}
		strs = append(strs, s)
	}
	slices.Sort(strs)
	strs = slices.Compact(strs)
	out := make([]any, len(strs))
	for i, s := range strs {
		out[i] = s
	}
	return out
}
