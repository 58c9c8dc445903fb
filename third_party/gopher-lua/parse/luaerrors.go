package parse

// minioscript patch: syntax errors worded as Lua 5.1's ("chunk:line: message near
// 'token'"). The parser is goyacc's, so the messages Lua's recursive-descent parser
// gives for a missing token are found from the tokens the parser state could shift;
// the lexer keeps the blocks open so that "'end' expected (to close 'function' at line
// 1)" can name the one to close.

import (
	"strconv"

	"github.com/minioscript/minioscript/third_party/gopher-lua/ast"
	"strings"
)

// luaTokenText is how Lua names a token of goyacc's table yyToknames.
var luaTokenText = map[string]string{
	"TAnd": "and", "TBreak": "break", "TDo": "do", "TElse": "else", "TElseIf": "elseif",
	"TEnd": "end", "TFalse": "false", "TFor": "for", "TFunction": "function", "TIf": "if",
	"TIn": "in", "TLocal": "local", "TNil": "nil", "TNot": "not", "TOr": "or",
	"TReturn": "return", "TRepeat": "repeat", "TThen": "then", "TTrue": "true",
	"TUntil": "until", "TWhile": "while", "TGoto": "goto", "TEqeq": "==", "TNeq": "~=",
	"TLte": "<=", "TGte": ">=", "T2Comma": "..", "T3Comma": "...", "T2Colon": "::",
	"TIdent": "<name>", "TNumber": "<number>", "TString": "<string>",
}

// expectedTokens are the tokens (as Lua names them) the parser could shift in state,
// or nil when there are more than max.
func expectedTokens(state int, max int) []string {
	const tokStart = 4
	var expected []string
	base := int(yyPact[state])
	for tok := tokStart; tok-1 < len(yyToknames); tok++ {
		if n := base + tok; n >= 0 && n < yyLast && int(yyChk[int(yyAct[n])]) == tok {
			if len(expected) == max {
				return nil
			}
			name := yyTokname(tok)
			if text, ok := luaTokenText[name]; ok {
				name = text
			} else {
				name = strings.Trim(name, "'")
			}
			expected = append(expected, name)
		}
	}
	return expected
}

// continuation tokens can follow any expression (binary operators) or prefix
// expression (indexing, calls); Lua's "'X' expected" names the token that closes the
// construct, so these are left out of the parser's expected set first.
var continuation = map[string]bool{
	"and": true, "or": true, "==": true, "~=": true, "<=": true, ">=": true, "<": true, ">": true,
	"..": true, "+": true, "-": true, "*": true, "/": true, "%": true, "^": true,
	"(": true, "[": true, ".": true, ":": true, "{": true, "<string>": true,
}

// luaSyntaxMessage is Lua's message for a syntax error in state.
func luaSyntaxMessage(yylex yyLexer, state int) string {
	all := expectedTokens(state, 64)
	if lx, ok := yylex.(*Lexer); ok && blockEnds(all) {
		return lx.blockEndMessage(all)
	}
	switch strings.Join(all, " ") {
	case "else elseif end", "end":
		return "'end' expected"
	case "; , }":
		return "'}' expected"
	case "function <name>", "<name>":
		return "'<name>' expected"
	case "... <name>":
		return "<name> or '...' expected"
	case "( <string> {", "<string> { (", "{ ( <string>":
		return "function arguments expected"
	}
	var closing []string
	for _, t := range all {
		if !continuation[t] && t != "," && t != ";" {
			closing = append(closing, t)
		}
	}
	switch {
	case len(closing) == 1:
		return "'" + closing[0] + "' expected"
	case len(closing) == 0 && len(all) > 0 && all[len(all)-1] == ",":
		return "',' expected"
	}
	return "unexpected symbol"
}

// blockEnds tells a state where the parser has read a whole block: it can only shift
// the tokens that close one (none after the main chunk).
func blockEnds(all []string) bool {
	for _, t := range all {
		if !blockFollow[t] {
			return false
		}
	}
	return true
}

var blockFollow = map[string]bool{"end": true, "else": true, "elseif": true, "until": true}

// afterLastStat records whether the statement the parser has just read is a return or
// a break, which must end its block.
func afterLastStat(yylex yyLexer, last bool) {
	if lx, ok := yylex.(*Lexer); ok {
		lx.lastStat = last
	}
}

// blockEndMessage is Lua's message for a token where a block must end: Lua's block
// stops at a return or break, or at a token that ends blocks, and then wants the closing
// token ("'end' expected", "'<eof>' expected"); any other token is a statement that does
// not start as one.
func (lx *Lexer) blockEndMessage(all []string) string {
	if !lx.lastStat && !lx.atEOF && !blockFollow[tokenNear(lx.Token.Type, lx.Token.Str)] {
		return "unexpected symbol"
	}
	switch {
	case len(all) == 0:
		return "'<eof>' expected"
	case len(all) == 1:
		return "'" + all[0] + "' expected"
	}
	return "'end' expected"
}

// ambiguousCall raises Lua's error for call arguments whose '(' starts a new line.
func ambiguousCall(yylex yyLexer, paren ast.Token) {
	if lx, ok := yylex.(*Lexer); ok && lx.newlineParens[paren.Pos] {
		lx.TokenError(paren, "ambiguous syntax (function call x new statement)")
	}
}

// openBlock is a block whose end the lexer has not seen yet.
type openBlock struct {
	what    string // the keyword that opened it: function, if, while, for, do, repeat
	line    int
	awaitDo bool // a while or for whose do is still to come
}

// trackBlock follows the keywords that open and close blocks.
func (lx *Lexer) trackBlock(tok int, line int) {
	n := len(lx.blocks)
	switch tok {
	case TFunction, TIf, TRepeat:
		lx.blocks = append(lx.blocks, openBlock{what: blockKeywords[tok], line: line})
	case TWhile, TFor:
		lx.blocks = append(lx.blocks, openBlock{what: blockKeywords[tok], line: line, awaitDo: true})
	case TDo:
		if n > 0 && lx.blocks[n-1].awaitDo {
			lx.blocks[n-1].awaitDo = false
		} else {
			lx.blocks = append(lx.blocks, openBlock{what: "do", line: line})
		}
	case '(', '{':
		lx.blocks = append(lx.blocks, openBlock{what: string(rune(tok)), line: line})
	case TEnd, TUntil, ')', '}':
		if n > 0 {
			lx.blocks = lx.blocks[:n-1]
		}
	}
}

// closers are the tokens that close what each opener opened, as Lua's check_match.
var closers = map[string]string{
	"function": "end", "if": "end", "while": "end", "for": "end", "do": "end",
	"repeat": "until", "(": ")", "{": "}",
}

var blockKeywords = map[int]string{TFunction: "function", TIf: "if", TRepeat: "repeat", TWhile: "while", TFor: "for"}

// syntaxError is the *Error for a parse error at the lexer's current token.
func (lx *Lexer) syntaxError(msg string) *Error {
	sc := lx.scanner
	tok := lx.Token
	line, near := lx.nearLine, lx.near
	if lx.atEOF {
		line, near = sc.eofLine, "<eof>"
	}
	if len(lx.blocks) > 0 {
		b := lx.blocks[len(lx.blocks)-1]
		closes := closers[b.what]
		if msg == "'end' expected" && b.what == "repeat" {
			closes, msg = "until", "'until' expected"
		}
		if msg == "'"+closes+"' expected" && b.line != line {
			msg += " (to close '" + b.what + "' at line " + strconv.Itoa(b.line) + ")"
		}
	}
	pos := tok.Pos
	pos.Source, pos.Line = sc.Pos.Source, line
	return &Error{Pos: pos, Message: msg, Token: near}
}

// tokenText is the token just scanned as Lua's messages show it: a string as
// written, with its delimiters and its escapes decoded, up to a "\0" (Lua's token
// buffer is a C string).
func (sc *Scanner) tokenText(tok ast.Token) string {
	if tok.Type != TString {
		return tok.Str
	}
	var text string
	if sc.delim == '[' {
		eq := strings.Repeat("=", sc.level)
		text = "[" + eq + "[" + tok.Str + "]" + eq + "]"
	} else {
		text = string(rune(sc.delim)) + tok.Str + string(rune(sc.delim))
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		text = text[:i]
	}
	return text
}

// inLoop tells whether a break here is inside a loop of the function being read.
func (lx *Lexer) inLoop() bool {
	for i := len(lx.blocks) - 1; i >= 0; i-- {
		switch lx.blocks[i].what {
		case "while", "for", "repeat":
			return true
		case "function":
			return false
		}
	}
	return false
}

// tokenNear is a token as Lua's messages show it (a string without its delimiters).
func tokenNear(typ int, str string) string {
	if typ == TString {
		return `"` + str + `"`
	}
	return str
}
