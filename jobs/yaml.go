package jobs

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// writeYAML writes a tree (ExportTree: maps, lists, strings, numbers, booleans) as a
// block-style YAML document, keys sorted, in the layout yaml.v3 gives with an indent of
// 2. It exists for speed: yaml.v3 took 0.6 s of CPU for a 10,000-user export, on the
// path of every export after the server's answer; this takes a tenth of that. Strings
// are plain only where no YAML reading could take them for anything else, otherwise
// double-quoted; TestWriteYAML and FuzzWriteYAML
// decode the output with yaml.v3 and compare. A value of another type is an error.
func writeYAML(b *bytes.Buffer, tree map[string]any) error {
	if len(tree) == 0 {
		b.WriteString("{}\n")
		return nil
	}
	return yamlMap(b, tree, 0, false)
}

// yamlMap writes m's entries at column ind; inline: the first key follows a "- " already
// written.
func yamlMap(b *bytes.Buffer, m map[string]any, ind int, inline bool) error {
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 || !inline {
			pad(b, ind)
		}
		if !utf8.ValidString(k) {
			return fmt.Errorf("%q is not UTF-8 (export it as json or lua)", k)
		}
		key := yamlString(k)
		if len(key) > 1000 {
			// YAML limits an implicit key to 1024 characters: the explicit form.
			b.WriteString("? ")
			b.WriteString(key)
			b.WriteByte('\n')
			pad(b, ind)
		} else {
			b.WriteString(key)
		}
		b.WriteByte(':')
		if err := yamlValue(b, m[k], ind); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

// yamlList writes l's items as "- " entries at column ind; inline as yamlMap's.
func yamlList(b *bytes.Buffer, l []any, ind int, inline bool) error {
	for i, v := range l {
		if i > 0 || !inline {
			pad(b, ind)
		}
		b.WriteByte('-')
		switch x := v.(type) {
		case map[string]any:
			if len(x) > 0 {
				b.WriteByte(' ')
				if err := yamlMap(b, x, ind+2, true); err != nil {
					return err
				}
				continue
			}
		case []any:
			if len(x) > 0 {
				b.WriteByte(' ')
				if err := yamlList(b, x, ind+2, true); err != nil {
					return err
				}
				continue
			}
		}
		if err := yamlValue(b, v, ind); err != nil {
			return err
		}
	}
	return nil
}

// yamlValue writes v after a "key:" or "-" of column ind: a scalar or empty collection
// on the same line, a map or list on the next lines, indented two more.
func yamlValue(b *bytes.Buffer, v any, ind int) error {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			b.WriteString(" {}\n")
			return nil
		}
		b.WriteByte('\n')
		return yamlMap(b, x, ind+2, false)
	case []any:
		if len(x) == 0 {
			b.WriteString(" []\n")
			return nil
		}
		b.WriteByte('\n')
		return yamlList(b, x, ind+2, false)
	}
	s, err := yamlScalar(v)
	if err != nil {
		return err
	}
	b.WriteByte(' ')
	b.WriteString(s)
	b.WriteByte('\n')
	return nil
}

func yamlScalar(v any) (string, error) {
	switch x := v.(type) {
	case string:
		if !utf8.ValidString(x) {
			return "", fmt.Errorf("%q is not UTF-8 (export it as json or lua)", x)
		}
		return yamlString(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case nil:
		return "null", nil
	}
	return "", fmt.Errorf("no YAML form for %T", v)
}

// yamlString is s plain when that reads back as the same string in every YAML reading
// (1.1's booleans and numbers included), otherwise double-quoted, with every character
// YAML does not allow as it is, or reads as a line break (U+2028, U+2029), escaped.
func yamlString(s string) string {
	if plainSafe(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlWords are plain words YAML 1.1 or 1.2 reads as something other than a string.
var yamlWords = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"y": true, "n": true, "null": true, "~": true}

func plainSafe(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == ':' || yamlWords[strings.ToLower(s)] {
		return false
	}
	// Indicators, and what could start a number, a timestamp, .inf or a merge key.
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`+.<=0123456789", s[0]) >= 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return !strings.Contains(s, ": ") && !strings.Contains(s, " #")
}

func pad(b *bytes.Buffer, n int) {
	for range n {
		b.WriteByte(' ')
	}
}
