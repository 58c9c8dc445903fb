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
	case "in ,": // a for's names; after the first one Lua's forstat takes '=' too
		if lx, ok := yylex.(*Lexer); ok && lx.forNames == 1 {
			return "'=' or 'in' expected"
		}
		return "'in' expected"
	case "function <name>", "<name>":
		return "'<name>' expected"
	case "... <name>", "... <name> )": // a parameter list, empty or after ','
		return "<name> or '...' expected"
	case "(": // a function's parameters, which '(' is the only token to start
		return "'(' expected"
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
	body    bool // a function whose parameter list has ended
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
		if n > 1 && tok == ')' {
			lx.blocks[n-2].body = true
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

// pushLevel counts Lua's syntax levels on the parser's stack, called by the parser
// after each push (parser.go, added by the Makefile). Lua 5.1's recursive-descent parser
// counts one level per open block (its chunk) and per open sub-expression (its
// subexpr) and fails past LUAI_MAXCCALLS. Here each stack entry holds the levels open
// below and at it: a token shifted adds its weight (tokenWeight), a reduced rule adds
// nothing, and reducing pops the levels its tokens opened, as Lua's calls return.
func pushLevel(yylex yyLexer, stack []yySymType) {
	lx, ok := yylex.(*Lexer)
	top := len(stack) - 1
	if !ok || top == 0 {
		stack[top].level = 1 // the main chunk
		return
	}
	level := stack[top-1].level
	if yyChk[stack[top].yys] > 0 { // a token: the one just read
		level += lx.weight
	}
	stack[top].level = level
	if lx.maxLevel > 0 && level > lx.maxLevel && yyChk[stack[top].yys] > 0 && lx.weight > 0 {
		lx.tooDeep = true
	}
}

// opener is what a token with a weight opens, where Lua may enter its level later
// than the token or not at all.
type opener int

const (
	openLevel  opener = iota // a level Lua enters at the next token
	openCall                 // a call's arguments: none for ()
	openReturn               // return's values: none when there are none
	openTable                // a table's first field: none for {}, later for a name or '['
	openName                 // a name as the first field: its '=' defers the level
	openDefer                // a field's '[' or '=': the level comes at the next token
)

// levelError raises "chunk has too many syntax levels" at tok, read after the token
// whose push passed the limit, where Lua's enterlevel would: at the first token of the
// block or expression, not when the list opened is empty, and after the '=' or '[' of a
// table's first field (minioscript patch).
func (lx *Lexer) levelError(tok int) {
	switch lx.opened {
	case openCall:
		if tok == ')' {
			lx.tooDeep = false
			return
		}
	case openReturn:
		if tok == ';' || lx.atEOF || blockFollow[tokenNear(tok, lx.Token.Str)] {
			lx.tooDeep = false
			return
		}
	case openTable:
		switch {
		case tok == '}':
			lx.tooDeep = false
			return
		case tok == '[':
			lx.opened = openDefer
			return
		case tok == TIdent:
			lx.opened = openName
			return
		}
	case openName:
		if tok == '=' {
			lx.opened = openDefer
			return
		}
	}
	e := lx.syntaxError("chunk has too many syntax levels")
	e.Token = "" // Lua's luaX_lexerror without a token
	panic(e)
}

// tokenWeight is how many levels of Lua's parser a token opens while it is on the
// parser's stack: a sub-expression after an operator, '(', '{', '[', '=', return, in
// and a condition; a block after do, repeat and a function's '('. The token that
// ends a condition and opens its block (then, a loop's do) and else, elseif and until
// (one block or condition replacing another) open none, nor do a table field's '='
// and '[' (the field's expression is at the level of its '{'). Called before trackBlock.
func (lx *Lexer) tokenWeight(tok int) (int, opener) {
	n := len(lx.blocks)
	inTable := n > 0 && lx.blocks[n-1].what == "{"
	switch tok {
	case '(':
		if lx.inParams(0) { // a function's parameters: its block opens at ')'
			return 0, openLevel
		}
		switch lx.PrevTokenType {
		case TIdent, TString, ')', ']', '}': // a call's arguments
			return 1, openCall
		}
		return 1, openLevel
	case TReturn:
		return 1, openReturn
	case '{':
		return 1, openTable
	case ')':
		if n > 0 && lx.inParams(1) {
			return 1, openLevel
		}
		return 0, openLevel
	case TIf, TWhile, TRepeat, TIn, TNot, '#',
		TOr, TAnd, '<', '>', TLte, TGte, TEqeq, TNeq, T2Comma, '+', '-', '*', '/', '%', '^':
		return 1, openLevel
	case '=':
		if inTable {
			return 0, openLevel
		}
		return 1, openLevel
	case '[':
		if inTable && (lx.PrevTokenType == '{' || lx.PrevTokenType == ',' || lx.PrevTokenType == ';') {
			return 0, openLevel
		}
		return 1, openLevel
	case TDo:
		if n := len(lx.blocks); n > 0 && lx.blocks[n-1].awaitDo {
			return 0, openLevel
		}
		return 1, openLevel
	}
	return 0, openLevel
}

// inParams tells whether the block under the top depth open blocks is a function
// whose parameter list has not ended.
func (lx *Lexer) inParams(depth int) bool {
	i := len(lx.blocks) - 1 - depth
	return i >= 0 && lx.blocks[i].what == "function" && !lx.blocks[i].body
}

// tokenNear is a token as Lua's messages show it (a string without its delimiters).
func tokenNear(typ int, str string) string {
	if typ == TString {
		return `"` + str + `"`
	}
	return str
}
