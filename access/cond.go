package access

import (
	"net"
	"path"
	"strings"
)

// tri is a three-valued answer: no, yes, or it depends on the request.
type tri int8

const (
	no tri = iota
	yes
	maybe
)

func and(a, b tri) tri {
	switch {
	case a == no || b == no:
		return no
	case a == yes && b == yes:
		return yes
	}
	return maybe
}

func not(a tri) tri {
	switch a {
	case yes:
		return no
	case no:
		return yes
	}
	return maybe
}

// match is the server's wildcard match: '*' any run of bytes (none included), '?'
// exactly one byte, case-sensitive. Linear time (the server's is recursive).
func match(pattern, s string) bool {
	if pattern == "" {
		return s == ""
	}
	p, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// values are the condition values known about a request, keyed by normalised name
// (keyName). A key absent from the map is unknown, not absent from the request.
type values map[string][]string

// keyName normalises a condition key as the server looks it up: the prefix (aws:, s3:,
// jwt:, ldap:, ...) removed, case folded, so aws:username and ldap:username share a slot.
func keyName(k string) string {
	if _, rest, ok := strings.Cut(k, ":"); ok {
		k = rest
	}
	return strings.ToLower(k)
}

// commonVar: the keys the server substitutes in ${...} (spec §4, policy variables).
func commonVar(k string) bool {
	switch {
	case strings.HasPrefix(k, "aws:"), strings.HasPrefix(k, "jwt:"), strings.HasPrefix(k, "ldap:"):
		return true
	case k == "s3:signatureversion", k == "s3:authType", k == "s3:signatureAge", k == "s3:x-amz-content-sha256",
		k == "s3:LocationConstraint":
		return true
	}
	return false
}

// substitute replaces ${key} for the common keys with their first value; an unknown
// key makes the result undecided, an empty or unset one (never the case for known
// keys) stays literal as on the server.
func substitute(s string, v values) (string, bool) {
	if !strings.Contains(s, "${") {
		return s, true
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		key := s[i+2 : i+j]
		b.WriteString(s[:i])
		if commonVar(key) {
			vals, known := v[keyName(key)]
			if !known {
				return "", false
			}
			if len(vals) > 0 && vals[0] != "" {
				b.WriteString(vals[0])
			} else {
				b.WriteString(s[i : i+j+1])
			}
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
}

// resourceMatch: a pattern matches the request resource when it equals the cleaned
// resource or wildcard-matches the raw one (so alpha/* also covers "alpha/").
func resourceMatch(pattern, resource string, v values) tri {
	p, ok := substitute(pattern, v)
	if !ok {
		return maybe
	}
	if c := path.Clean(resource); c != "." && c == p {
		return yes
	}
	if match(p, resource) {
		return yes
	}
	return no
}

func anyResource(patterns []string, resource string, v values) tri {
	out := no
	for _, p := range patterns {
		switch resourceMatch(p, resource, v) {
		case yes:
			return yes
		case maybe:
			out = maybe
		}
	}
	return out
}

// evaluate decides one condition, or answers maybe when a value it needs is unknown
// or the operator is one this package does not decide.
func (c condition) evaluate(v values) tri {
	rvals, known := v[keyName(c.key)]
	if !known {
		return maybe
	}
	fvals := make([]string, len(c.values))
	for i, s := range c.values {
		var ok bool
		if fvals[i], ok = substitute(s, v); !ok {
			return maybe
		}
	}
	if c.qualifier != "" && c.qualifier != "ForAnyValue" && c.qualifier != "ForAllValues" {
		return maybe
	}
	all := c.qualifier == "ForAllValues"
	switch c.op {
	case "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase":
		fold := strings.HasSuffix(c.op, "IgnoreCase")
		eq := func(a, b string) bool {
			if fold {
				return strings.EqualFold(a, b)
			}
			return a == b
		}
		r := stringSetTest(rvals, fvals, all, eq)
		if strings.HasPrefix(c.op, "StringNot") {
			r = !r
		}
		return boolTri(r)
	case "StringLike", "StringNotLike":
		r := stringSetTest(rvals, fvals, all, func(val, pat string) bool { return match(pat, val) })
		if c.op == "StringNotLike" {
			r = !r
		}
		return boolTri(r)
	case "Bool":
		if c.qualifier != "" || len(fvals) != 1 {
			return maybe
		}
		return boolTri(len(rvals) > 0 && strings.EqualFold(rvals[0], fvals[0]))
	case "Null":
		if c.qualifier != "" || len(fvals) != 1 {
			return maybe
		}
		return boolTri((fvals[0] == "true") == (len(rvals) == 0))
	case "IpAddress", "NotIpAddress":
		if c.qualifier != "" || len(rvals) == 0 {
			return maybe
		}
		ip := net.ParseIP(rvals[0])
		if ip == nil {
			return maybe
		}
		in := false
		for _, f := range fvals {
			_, n, err := net.ParseCIDR(f)
			if err != nil {
				return maybe
			}
			in = in || n.Contains(ip)
		}
		return boolTri(in != (c.op == "NotIpAddress"))
	}
	return maybe
}

// stringSetTest: some request value passes (ForAllValues: every one, or there are none).
func stringSetTest(rvals, fvals []string, all bool, ok func(val, f string) bool) bool {
	for _, r := range rvals {
		hit := false
		for _, f := range fvals {
			if ok(r, f) {
				hit = true
				break
			}
		}
		if all && !hit {
			return false
		}
		if !all && hit {
			return true
		}
	}
	return all
}

func boolTri(b bool) tri {
	if b {
		return yes
	}
	return no
}
