package cli

import (
	"regexp"
	"strings"

	"github.com/minioscript/minioscript/internal/redact"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// The REPL history rule. A secret typed at the prompt can only be in a string literal, a
// comment, a number, or a bare word (a password typed at the wrong prompt). So a chunk
// is written to the history file only when it ran without error and has none of these:
//   - a quote, a comment or a long bracket (no text of any kind is kept);
//   - a number of more than 4 characters (PINs, numeric keys);
//   - a secret-like name (secret, password, token, key, ...) or an admin call that takes
//     one (user_add, service accounts, connect);
//   - a bare name that is not a global from before the chunk, a local of the chunk used
//     again in it, or a new global with an ordinary name (lower case words).
// Secrets themselves are typed at secrets.prompt(), which neither echoes nor records.

var (
	textMarks = regexp.MustCompile(`["'` + "`" + `]|--|\[=*\[`)
	// historyWords widen the secret-name rule (redact.Name) for typed code: any key or
	// auth name, and the calls that take a secret.
	historyWords = regexp.MustCompile(`(?i)cred|key|auth|user_add|service_account|connect|prompt`)
	// After the text check a chunk is names, numbers and operators; ".." and "..." are
	// operators so that a name after them counts as bare.
	historyToken = regexp.MustCompile(`\.?[0-9][0-9A-Za-z_.]*(?:[eEpP][+-][0-9]+)?|[A-Za-z_][A-Za-z0-9_]*|\.\.\.?|\S`)
)

var luaKeywords = map[string]bool{
	"and": true, "break": true, "do": true, "else": true, "elseif": true, "end": true,
	"false": true, "for": true, "function": true, "if": true, "in": true, "local": true,
	"nil": true, "not": true, "or": true, "repeat": true, "return": true, "then": true,
	"true": true, "until": true, "while": true,
}

var ordinaryName = regexp.MustCompile(`^[a-z][a-z_]{0,15}[0-9]?$`)

// globalNames is the set of global names, taken before a chunk runs.
func globalNames(L *lua.LState) map[string]bool {
	names := map[string]bool{}
	L.Get(lua.GlobalsIndex).(*lua.LTable).ForEach(func(k, _ lua.LValue) {
		if s, ok := k.(lua.LString); ok {
			names[string(s)] = true
		}
	})
	return names
}

// keepInHistory applies the rule to a chunk that ran without error in L; before holds
// the global names from before it ran.
func keepInHistory(L *lua.LState, src string, before map[string]bool) bool {
	if !plainLine(src) {
		return false
	}
	globals := L.Get(lua.GlobalsIndex).(*lua.LTable)
	declared, uses := map[string]bool{}, map[string]int{}
	tokens := historyToken.FindAllString(src, -1)
	// Names declared in the chunk: after local, in function parameter lists, for variables.
	for i, tok := range tokens {
		switch tok {
		case "local", "for":
			for j := i + 1; j < len(tokens) && (isName(tokens[j]) || tokens[j] == "," || tokens[j] == "function"); j++ {
				declared[tokens[j]] = true
			}
		case "function":
			j := i + 1
			for j < len(tokens) && tokens[j] != "(" {
				j++
			}
			for ; j < len(tokens) && tokens[j] != ")"; j++ {
				if isName(tokens[j]) {
					declared[tokens[j]] = true
				}
			}
		}
	}
	for i, tok := range tokens {
		if isName(tok) && (i == 0 || tokens[i-1] != "." && tokens[i-1] != ":") {
			uses[tok]++
		}
	}
	for i, tok := range tokens {
		switch {
		case isName(tok):
			if i > 0 && (tokens[i-1] == "." || tokens[i-1] == ":") {
				continue // a field or method name
			}
			switch {
			case before[tok], tok == "self":
			case declared[tok]:
				if uses[tok] < 2 {
					return false // declared and never used: nothing but a typed word
				}
			case globals.RawGetString(tok) != lua.LNil && ordinaryName.MatchString(tok):
			default:
				return false
			}
		}
	}
	return true
}

// plainLine is the part of the rule that needs no VM: no text, no secret-like name, no
// long number. It also filters history files written before the rule existed.
func plainLine(src string) bool {
	if strings.TrimSpace(src) == "" || textMarks.MatchString(src) || historyWords.MatchString(src) {
		return false
	}
	for _, tok := range historyToken.FindAllString(src, -1) {
		if redact.Name(tok) {
			return false
		}
		if (tok[0] >= '0' && tok[0] <= '9' || tok[0] == '.' && len(tok) > 1 && tok[1] != '.') && len(tok) > 4 {
			return false
		}
	}
	return true
}

// plainHistory keeps the lines of an existing history file that pass plainLine, so a
// secret recorded by an older version is dropped at the next write.
func plainHistory(data string) string {
	var b strings.Builder
	for _, line := range strings.Split(data, "\n") {
		if plainLine(line) {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

func isName(tok string) bool {
	c := tok[0]
	return (c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') && !luaKeywords[tok]
}
