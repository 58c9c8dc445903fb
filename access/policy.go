package access

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// statement is one parsed policy statement.
type statement struct {
	effect       string // "Allow" or "Deny"; others are ignored, as by the server
	actions      []string
	notActions   []string
	resources    []string // patterns, ARN prefix removed
	notResources []string
	conds        []condition
	rawCond      json.RawMessage
	// ignoreResource: an admin or STS statement (one action is exactly a known admin
	// action, "*" or sts:...), whose Resource and NotResource the server does not check.
	ignoreResource bool
	kms            bool
	// personal: the answer may depend on who asks (a policy variable, or a condition on
	// aws:username or aws:userid), so it is not shared between principals (memo).
	personal bool
}

// policy is one parsed document.
type policy struct {
	statements []statement
	personal   []int // the personal statements
	id         int   // 1.. for the policies that can be mapped (Evaluator.ids), 0 for session policies
}

// parsePolicy reads a policy document. Unknown fields are ignored, as the server drops them.
func parsePolicy(doc []byte) (*policy, error) {
	var raw struct {
		Version   string          `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal(doc, &raw); err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	var list []json.RawMessage
	st := bytes.TrimSpace(raw.Statement)
	switch {
	case len(st) == 0 || bytes.Equal(st, []byte("null")):
	case st[0] == '[':
		if err := json.Unmarshal(st, &list); err != nil {
			return nil, fmt.Errorf("policy: Statement: %w", err)
		}
	default:
		list = []json.RawMessage{st}
	}
	p := &policy{}
	for i, s := range list {
		parsed, err := parseStatement(s)
		if err != nil {
			return nil, fmt.Errorf("policy: statement %d: %w", i, err)
		}
		if parsed.personal {
			p.personal = append(p.personal, i)
		}
		p.statements = append(p.statements, parsed)
	}
	return p, nil
}

func parseStatement(b []byte) (statement, error) {
	var raw struct {
		Effect      string          `json:"Effect"`
		Action      json.RawMessage `json:"Action"`
		NotAction   json.RawMessage `json:"NotAction"`
		Resource    json.RawMessage `json:"Resource"`
		NotResource json.RawMessage `json:"NotResource"`
		Condition   json.RawMessage `json:"Condition"`
	}
	var s statement
	if err := json.Unmarshal(b, &raw); err != nil {
		return s, err
	}
	// Conservative: any mention makes the statement personal.
	lower := bytes.ToLower(b)
	s.personal = bytes.Contains(lower, []byte("${")) || bytes.Contains(lower, []byte("username")) ||
		bytes.Contains(lower, []byte("userid"))
	s.effect = raw.Effect
	var err error
	lists := []struct {
		name string
		in   json.RawMessage
		out  *[]string
	}{
		{"Action", raw.Action, &s.actions}, {"NotAction", raw.NotAction, &s.notActions},
		{"Resource", raw.Resource, &s.resources}, {"NotResource", raw.NotResource, &s.notResources},
	}
	for _, l := range lists {
		if *l.out, err = stringList(l.in); err != nil {
			return s, fmt.Errorf("%s: %w", l.name, err)
		}
	}
	for i, r := range s.resources {
		s.resources[i] = resourcePattern(r)
	}
	for i, r := range s.notResources {
		s.notResources[i] = resourcePattern(r)
	}
	for _, a := range s.actions {
		s.ignoreResource = s.ignoreResource || adminNames[a] || stsNames[a]
		s.kms = s.kms || kmsNames[a]
	}
	if c := bytes.TrimSpace(raw.Condition); len(c) > 0 && !bytes.Equal(c, []byte("null")) && !bytes.Equal(c, []byte("{}")) {
		s.rawCond = c
		if s.conds, err = parseConditions(c); err != nil {
			return s, fmt.Errorf("Condition: %w", err)
		}
	}
	return s, nil
}

// stringList reads a string or a list of strings; a set keeps each value once.
func stringList(b json.RawMessage) ([]string, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil, nil
	}
	if b[0] == '"' {
		var s string
		err := json.Unmarshal(b, &s)
		return []string{s}, err
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// resourcePattern removes the ARN prefix: "*" and "arn:aws:s3:::*" both mean everything.
func resourcePattern(r string) string {
	if r == "*" {
		return "*"
	}
	for _, p := range []string{"arn:aws:s3:::", "arn:minio:kms:::"} {
		if rest, ok := strings.CutPrefix(r, p); ok {
			return rest
		}
	}
	// Not an ARN the server accepts: keep a pattern that matches nothing.
	return "\x00" + r
}

// condition is one operator applied to one key.
type condition struct {
	op        string // e.g. StringLike, without qualifier
	qualifier string // "", "ForAnyValue" or "ForAllValues"
	key       string // as written, e.g. aws:SourceIp
	values    []string
}

func parseConditions(b []byte) ([]condition, error) {
	var raw map[string]map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	var out []condition
	ops := make([]string, 0, len(raw))
	for op := range raw {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		c := condition{op: op}
		if q, rest, ok := strings.Cut(op, ":"); ok {
			c.qualifier, c.op = q, rest
		}
		keys := make([]string, 0, len(raw[op]))
		for k := range raw[op] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			vals, err := conditionValues(raw[op][k])
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", op, k, err)
			}
			kc := c
			kc.key, kc.values = k, vals
			out = append(out, kc)
		}
	}
	return out, nil
}

// conditionValues reads a value or a list of values (strings, numbers, booleans) as text.
func conditionValues(b json.RawMessage) ([]string, error) {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	list, ok := v.([]any)
	if !ok {
		list = []any{v}
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		switch x := e.(type) {
		case string:
			out = append(out, x)
		case bool, float64:
			out = append(out, fmt.Sprint(x))
		default:
			return nil, fmt.Errorf("unsupported value %v", e)
		}
	}
	return out, nil
}
