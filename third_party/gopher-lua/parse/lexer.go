package parse

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/minioscript/minioscript/third_party/gopher-lua/ast"
)

const EOF = -1
const whitespace1 = 1<<'\t' | 1<<' '
const whitespace2 = 1<<'\t' | 1<<'\n' | 1<<'\r' | 1<<' '

type Error struct {
	Pos     ast.Position
	Message string
	Token   string
}

// Error reads as Lua's syntax errors: "chunk:line: message near 'token'"
// (minioscript patch).
func (e *Error) Error() string {
	if e.Token == "" {
		return fmt.Sprintf("%v:%d: %s", e.Pos.Source, e.Pos.Line, e.Message)
	}
	return fmt.Sprintf("%v:%d: %s near '%s'", e.Pos.Source, e.Pos.Line, e.Message, e.Token)
}

func writeChar(buf *bytes.Buffer, c int) { buf.WriteByte(byte(c)) }

func isDecimal(ch int) bool { return '0' <= ch && ch <= '9' }

func isIdent(ch int, pos int) bool {
	return ch == '_' || 'A' <= ch && ch <= 'Z' || 'a' <= ch && ch <= 'z' || isDecimal(ch) && pos > 0
}

func isDigit(ch int) bool {
	return '0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f' || 'A' <= ch && ch <= 'F'
}

type Scanner struct {
	Pos     ast.Position
	reader  *bufio.Reader
	eofLine int          // minioscript patch: the last line, where Lua reports errors at the end
	buf     bytes.Buffer // minioscript patch: the token text, reused by every Scan
	// minioscript patch: how the last string token was delimited, for tokenText: its
	// quote, or '[' and the level of its long brackets
	delim int
	level int
}

func NewScanner(reader io.Reader, source string) *Scanner {
	// minioscript patch: a source shorter than the 4 KB buffer (a loadstring chunk)
	// gets a buffer of its size.
	size := 4096
	if r, ok := reader.(interface{ Len() int }); ok && r.Len() < size {
		size = r.Len() + 1
	}
	return &Scanner{
		Pos: ast.Position{
			Source: source,
			Line:   1,
			Column: 0,
		},
		reader: bufio.NewReaderSize(reader, size),
	}
}

func (sc *Scanner) Error(tok string, msg string) *Error {
	pos := sc.Pos
	if pos.Line == EOF { // minioscript patch: Lua's line and token at the end
		pos.Line, tok = sc.eofLine, "<eof>"
	}
	return &Error{pos, msg, tok}
}

func (sc *Scanner) TokenError(tok ast.Token, msg string) *Error {
	pos := tok.Pos
	if pos.Line == EOF {
		pos.Line = sc.eofLine
	}
	return &Error{pos, msg, tokenNear(tok.Type, tok.Str)}
}

func (sc *Scanner) readNext() int {
	ch, err := sc.reader.ReadByte()
	if err == io.EOF {
		return EOF
	}
	return int(ch)
}

func (sc *Scanner) Newline(ch int) {
	if ch < 0 {
		return
	}
	sc.Pos.Line += 1
	sc.Pos.Column = 0
	next := sc.Peek()
	if ch == '\n' && next == '\r' || ch == '\r' && next == '\n' {
		sc.reader.ReadByte()
	}
}

func (sc *Scanner) Next() int {
	ch := sc.readNext()
	switch ch {
	case '\n', '\r':
		sc.Newline(ch)
		ch = int('\n')
	case EOF:
		if sc.Pos.Line != EOF {
			sc.eofLine = sc.Pos.Line
		}
		sc.Pos.Line = EOF
		sc.Pos.Column = 0
	default:
		sc.Pos.Column++
	}
	return ch
}

func (sc *Scanner) Peek() int {
	ch := sc.readNext()
	if ch != EOF {
		sc.reader.UnreadByte()
	}
	return ch
}

func (sc *Scanner) skipWhiteSpace(whitespace int64) int {
	ch := sc.Next()
	for ; whitespace&(1<<uint(ch)) != 0; ch = sc.Next() {
	}
	return ch
}

func (sc *Scanner) skipComments(ch int) error {
	// multiline comment
	if sc.Peek() == '[' {
		ch = sc.Next()
		if sc.Peek() == '[' || sc.Peek() == '=' {
			var buf bytes.Buffer
			if err := sc.scanMultilineString(sc.Next(), &buf); err != nil {
				return sc.Error(buf.String(), "unfinished long comment")
			}
			return nil
		}
	}
	for {
		if ch == '\n' || ch == '\r' || ch < 0 {
			break
		}
		ch = sc.Next()
	}
	return nil
}

func (sc *Scanner) scanIdent(ch int, buf *bytes.Buffer) error {
	writeChar(buf, ch)
	for isIdent(sc.Peek(), 1) {
		writeChar(buf, sc.Next())
	}
	return nil
}

// scanNumber reads a numeral as Lua 5.1's read_numeral: digits and dots, an exponent
// sign after E, then any letters, digits and underscores; what is not a number is
// "malformed number near '3x'" (minioscript patch: upstream stopped at the first
// character that did not fit, so 3x read as 3 and x).
func (sc *Scanner) scanNumber(ch int, buf *bytes.Buffer) error {
	writeChar(buf, ch)
	for c := sc.Peek(); isDecimal(c) || c == '.'; c = sc.Peek() {
		writeChar(buf, sc.Next())
	}
	if c := sc.Peek(); c == 'e' || c == 'E' {
		writeChar(buf, sc.Next())
		if c := sc.Peek(); c == '+' || c == '-' {
			writeChar(buf, sc.Next())
		}
	}
	for c := sc.Peek(); isIdent(c, 1); c = sc.Peek() {
		writeChar(buf, sc.Next())
	}
	if !isLuaNumber(buf.String()) {
		return sc.Error(buf.String(), "malformed number")
	}
	return nil
}

// isLuaNumber tells whether s reads as a number as Lua 5.1's luaO_str2d takes it.
func isLuaNumber(s string) bool {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		_, err := strconv.ParseUint(s[2:], 16, 64)
		return err == nil || errors.Is(err, strconv.ErrRange)
	}
	_, err := strconv.ParseFloat(s, 64)
	return (err == nil || errors.Is(err, strconv.ErrRange)) && !strings.ContainsAny(s, "_xXpP")
}

func (sc *Scanner) scanString(quote int, buf *bytes.Buffer) error {
	ch := sc.Next()
	for ch != quote {
		if ch == '\n' || ch == '\r' || ch < 0 {
			err := sc.Error(string(rune(quote))+buf.String(), "unfinished string")
			if ch >= 0 {
				err.Pos.Line-- // minioscript patch: the line of the string, as Lua
			}
			return err
		}
		if ch == '\\' {
			if err := sc.scanEscape(ch, buf); err != nil {
				if e, ok := err.(*Error); ok && e.Token != "<eof>" {
					e.Token = string(rune(quote)) + e.Token // minioscript patch: as Lua
				}
				return err
			}
		} else {
			writeChar(buf, ch)
		}
		ch = sc.Next()
	}
	return nil
}

func (sc *Scanner) scanEscape(ch int, buf *bytes.Buffer) error {
	ch = sc.Next()
	switch ch {
	case 'a':
		buf.WriteByte('\a')
	case 'b':
		buf.WriteByte('\b')
	case 'f':
		buf.WriteByte('\f')
	case 'n':
		buf.WriteByte('\n')
	case 'r':
		buf.WriteByte('\r')
	case 't':
		buf.WriteByte('\t')
	case 'v':
		buf.WriteByte('\v')
	case '\\':
		buf.WriteByte('\\')
	case '"':
		buf.WriteByte('"')
	case '\'':
		buf.WriteByte('\'')
	case '\n':
		buf.WriteByte('\n')
	case '\r':
		buf.WriteByte('\n')
		sc.Newline('\r')
	default:
		if '0' <= ch && ch <= '9' {
			bytes := []byte{byte(ch)}
			for i := 0; i < 2 && isDecimal(sc.Peek()); i++ {
				bytes = append(bytes, byte(sc.Next()))
			}
			val, _ := strconv.ParseInt(string(bytes), 10, 32)
			if val > 255 { // minioscript patch: Lua's check
				return sc.Error(buf.String(), "escape sequence too large")
			}
			writeChar(buf, int(val))
		} else {
			writeChar(buf, ch)
		}
	}
	return nil
}

func (sc *Scanner) countSep(ch int) (int, int) {
	count := 0
	for ; ch == '='; count = count + 1 {
		ch = sc.Next()
	}
	return count, ch
}

func (sc *Scanner) scanMultilineString(ch int, buf *bytes.Buffer) error {
	var count1, count2 int
	count1, ch = sc.countSep(ch)
	sc.level = count1
	if ch != '[' {
		return sc.Error(string(rune(ch)), "invalid long string delimiter")
	}
	ch = sc.Next()
	if ch == '\n' || ch == '\r' {
		ch = sc.Next()
	}
	for {
		if ch < 0 {
			return sc.Error(buf.String(), "unfinished long string")
		} else if ch == ']' {
			count2, ch = sc.countSep(sc.Next())
			if count1 == count2 && ch == ']' {
				goto finally
			}
			buf.WriteByte(']')
			buf.WriteString(strings.Repeat("=", count2))
			continue
		}
		writeChar(buf, ch)
		ch = sc.Next()
	}

finally:
	return nil
}

var reservedWords = map[string]int{
	"and": TAnd, "break": TBreak, "do": TDo, "else": TElse, "elseif": TElseIf,
	"end": TEnd, "false": TFalse, "for": TFor, "function": TFunction,
	"if": TIf, "in": TIn, "local": TLocal, "nil": TNil, "not": TNot, "or": TOr,
	"return": TReturn, "repeat": TRepeat, "then": TThen, "true": TTrue,
	"until": TUntil, "while": TWhile, "goto": TGoto}

func (sc *Scanner) Scan(lexer *Lexer) (ast.Token, error) {
redo:
	var err error
	tok := ast.Token{}
	newline := false

	ch := sc.skipWhiteSpace(whitespace1)
	if ch == '\n' || ch == '\r' {
		newline = true
		ch = sc.skipWhiteSpace(whitespace2)
	}

	if ch == '(' && lexer.PrevTokenType == ')' {
		lexer.PNewLine = newline
	} else {
		lexer.PNewLine = false
	}

	buf := &sc.buf // minioscript patch: was a new buffer per token (String copies it)
	buf.Reset()
	tok.Pos = sc.Pos

	switch {
	case isIdent(ch, 0):
		tok.Type = TIdent
		err = sc.scanIdent(ch, buf)
		tok.Str = buf.String()
		if err != nil {
			goto finally
		}
		if typ, ok := reservedWords[tok.Str]; ok {
			tok.Type = typ
		}
	case isDecimal(ch):
		tok.Type = TNumber
		err = sc.scanNumber(ch, buf)
		tok.Str = buf.String()
	default:
		switch ch {
		case EOF:
			tok.Type = EOF
		case '-':
			if sc.Peek() == '-' {
				err = sc.skipComments(sc.Next())
				if err != nil {
					goto finally
				}
				goto redo
			} else {
				tok.Type = ch
				tok.Str = string(rune(ch))
			}
		case '"', '\'':
			tok.Type = TString
			sc.delim = ch
			err = sc.scanString(ch, buf)
			tok.Str = buf.String()
		case '[':
			if c := sc.Peek(); c == '[' || c == '=' {
				tok.Type = TString
				sc.delim = '['
				err = sc.scanMultilineString(sc.Next(), buf)
				tok.Str = buf.String()
			} else {
				tok.Type = ch
				tok.Str = string(rune(ch))
			}
		case '=':
			if sc.Peek() == '=' {
				tok.Type = TEqeq
				tok.Str = "=="
				sc.Next()
			} else {
				tok.Type = ch
				tok.Str = string(rune(ch))
			}
		case '~':
			if sc.Peek() == '=' {
				tok.Type = TNeq
				tok.Str = "~="
				sc.Next()
			} else {
				err = sc.Error("~", "unexpected symbol")
			}
		case '<':
			if sc.Peek() == '=' {
				tok.Type = TLte
				tok.Str = "<="
				sc.Next()
			} else {
				tok.Type = ch
				tok.Str = string(rune(ch))
			}
		case '>':
			if sc.Peek() == '=' {
				tok.Type = TGte
				tok.Str = ">="
				sc.Next()
			} else {
				tok.Type = ch
				tok.Str = string(rune(ch))
			}
		case '.':
			ch2 := sc.Peek()
			switch {
			case isDecimal(ch2):
				tok.Type = TNumber
				err = sc.scanNumber(ch, buf)
				tok.Str = buf.String()
			case ch2 == '.':
				writeChar(buf, ch)
				writeChar(buf, sc.Next())
				if sc.Peek() == '.' {
					writeChar(buf, sc.Next())
					tok.Type = T3Comma
				} else {
					tok.Type = T2Comma
				}
			default:
				tok.Type = '.'
				writeChar(buf, ch) // minioscript patch: shown in messages ("near '.'")
			}
			tok.Str = buf.String()
		case ':':
			if sc.Peek() == ':' {
				tok.Type = T2Colon
				tok.Str = "::"
				sc.Next()
			} else {
				tok.Type = ch
				tok.Str = string(rune(ch))
			}
		case '+', '*', '/', '%', '^', '#', '(', ')', '{', '}', ']', ';', ',':
			tok.Type = ch
			tok.Str = string(rune(ch))
		default:
			writeChar(buf, ch)
			err = sc.Error(buf.String(), "unexpected symbol")
			goto finally
		}
	}

finally:
	tok.Name = TokenName(int(tok.Type))
	return tok, err
}

// yacc interface {{{

type Lexer struct {
	scanner       *Scanner
	Stmts         []ast.Stmt
	PNewLine      bool
	Token         ast.Token
	PrevTokenType int
	// minioscript patch: the caller's context, checked every cancelCheckTokens tokens
	// so that a huge chunk's parse stops on a signal or timeout.
	ctx    context.Context
	ntoken int
	// minioscript patch: for Lua's syntax error messages (luaerrors.go)
	blocks   []openBlock
	atEOF    bool
	lastStat bool // the last statement read is a return or break (afterLastStat)
	// near and nearLine are the current token as Lua's messages show it and the line
	// where it ends (a long string's last line), where Lua reports an error at it.
	near     string
	nearLine int
	// noLoop is set by a break outside a loop: Lua's "no loop to break" names the
	// token after it, so the next Lex raises it.
	noLoop bool
	// weight is how many syntax levels the current token opens (tokenWeight);
	// maxLevel is Lua's limit on them, and tooDeep says that the parser's stack
	// passed it: the next Lex raises "chunk has too many syntax levels".
	weight   int
	maxLevel int
	tooDeep  bool
	opened   opener // what the last token with a weight opens, for levelError
	// newlineParens are the positions of the '(' tokens that start a line
	newlineParens map[ast.Position]bool
	// minioscript patch: the variables of the functions being read, for Lua's limits
	// on locals and upvalues (limits.go): fn is the innermost, mode what the names
	// being read declare, funcOpen a function whose '(' is next, defined at funcLine
	// (0: the line of its '(') and a method when funcMethod.
	fn         *funcVars
	funcs      []*funcVars // by depth, reused (newFunc)
	nvars      int         // the ids given to locals
	beforePrev int         // the type of the token before the one trackVars handles
	mode       varMode
	forNames   int // the names of the last for read so far
	funcOpen   bool
	funcMethod bool
	funcLine   int
}

// cancelCheckTokens is how many tokens are read between two checks of the context:
// rare enough to cost nothing, often enough to stop within a millisecond.
const cancelCheckTokens = 4096

// Canceled is the error a parse or compile stopped by its context fails with; it wraps
// the context's error.
type Canceled struct{ Err error }

func (e *Canceled) Error() string { return e.Err.Error() }
func (e *Canceled) Unwrap() error { return e.Err }

func (lx *Lexer) Lex(lval *yySymType) int {
	if lx.ntoken++; lx.ntoken%cancelCheckTokens == 0 && lx.ctx != nil {
		if err := lx.ctx.Err(); err != nil {
			panic(&Canceled{err})
		}
	}
	lx.PrevTokenType = lx.Token.Type
	prev, wasEOF := lx.Token, lx.atEOF
	lastLine := lx.scanner.Pos.Line // where the previous token ended
	tok, err := lx.scanner.Scan(lx)
	if err != nil {
		panic(err)
	}
	if tok.Type == '(' && tok.Pos.Line != lastLine {
		// minioscript patch: Lua 5.1 rejects call arguments on a new line after any
		// prefix expression, not only after ')'; the grammar asks when it reduces args.
		if lx.newlineParens == nil {
			lx.newlineParens = map[ast.Position]bool{}
		}
		lx.newlineParens[tok.Pos] = true
	}
	if tok.Type < 0 {
		lx.atEOF = true
	} else {
		lx.Token = tok
		lx.near, lx.nearLine = lx.scanner.tokenText(tok), lx.scanner.Pos.Line
		if lx.nearLine == EOF {
			lx.nearLine = lx.scanner.eofLine
		}
	}
	if lx.tooDeep {
		lx.levelError(tok.Type)
	}
	if lx.noLoop {
		panic(lx.syntaxError("no loop to break"))
	}
	if !wasEOF {
		lx.trackVars(prev, tok.Type)
	}
	if tok.Type < 0 {
		lx.weight = 0
		return 0
	}
	if tok.Type == TBreak && !lx.inLoop() {
		lx.noLoop = true
	}
	weight, opened := lx.tokenWeight(tok.Type)
	if lx.weight = weight; !lx.tooDeep {
		lx.opened = opened
	}
	lx.trackBlock(tok.Type, tok.Pos.Line)
	lval.token = tok
	return int(tok.Type)
}

func (lx *Lexer) Error(message string) {
	panic(lx.syntaxError(message)) // minioscript patch: Lua's words
}

func (lx *Lexer) TokenError(tok ast.Token, message string) {
	panic(lx.scanner.TokenError(tok, message))
}

func Parse(reader io.Reader, name string) (chunk []ast.Stmt, err error) {
	return ParseContext(nil, reader, name)
}

// ParseContext is Parse stopped with a *Canceled error when ctx (which may be nil) is
// done (minioscript patch).
func ParseContext(ctx context.Context, reader io.Reader, name string) (chunk []ast.Stmt, err error) {
	return ParseLevels(ctx, reader, name, DefaultMaxLevels)
}

// DefaultMaxLevels is the nesting ParseContext allows: Lua 5.1's LUAI_MAXCCALLS (200)
// less the one C call lua.c's main chunk is loaded in.
const DefaultMaxLevels = 199

// ParseLevels is ParseContext that fails with Lua's "chunk has too many syntax levels"
// when blocks and expressions nest deeper than maxLevels, the chunk itself counted
// (minioscript patch; Lua's parser counts them in nCcalls, so the limit depends on the
// C calls the load runs in).
func ParseLevels(ctx context.Context, reader io.Reader, name string, maxLevels int) (chunk []ast.Stmt, err error) {
	lexer := &Lexer{scanner: NewScanner(reader, name), Token: ast.Token{Str: ""}, PrevTokenType: TNil, ctx: ctx, maxLevel: maxLevels}
	lexer.fn = &funcVars{}
	lexer.funcs = []*funcVars{lexer.fn}
	chunk = nil
	defer func() {
		if e := recover(); e != nil {
			err, _ = e.(error)
		}
	}()
	yyParse(lexer)
	chunk = lexer.Stmts
	return
}

// }}}

// Dump {{{

func isInlineDumpNode(rv reflect.Value) bool {
	switch rv.Kind() {
	case reflect.Struct, reflect.Slice, reflect.Interface, reflect.Ptr:
		return false
	default:
		return true
	}
}

func dump(node interface{}, level int, s string) string {
	rt := reflect.TypeOf(node)
	if fmt.Sprint(rt) == "<nil>" {
		return strings.Repeat(s, level) + "<nil>"
	}

	rv := reflect.ValueOf(node)
	buf := []string{}
	switch rt.Kind() {
	case reflect.Slice:
		if rv.Len() == 0 {
			return strings.Repeat(s, level) + "<empty>"
		}
		for i := 0; i < rv.Len(); i++ {
			buf = append(buf, dump(rv.Index(i).Interface(), level, s))
		}
	case reflect.Ptr:
		vt := rv.Elem()
		tt := rt.Elem()
		indicies := []int{}
		for i := 0; i < tt.NumField(); i++ {
			if strings.Index(tt.Field(i).Name, "Base") > -1 {
				continue
			}
			indicies = append(indicies, i)
		}
		switch {
		case len(indicies) == 0:
			return strings.Repeat(s, level) + "<empty>"
		case len(indicies) == 1 && isInlineDumpNode(vt.Field(indicies[0])):
			for _, i := range indicies {
				buf = append(buf, strings.Repeat(s, level)+"- Node$"+tt.Name()+": "+dump(vt.Field(i).Interface(), 0, s))
			}
		default:
			buf = append(buf, strings.Repeat(s, level)+"- Node$"+tt.Name())
			for _, i := range indicies {
				if isInlineDumpNode(vt.Field(i)) {
					inf := dump(vt.Field(i).Interface(), 0, s)
					buf = append(buf, strings.Repeat(s, level+1)+tt.Field(i).Name+": "+inf)
				} else {
					buf = append(buf, strings.Repeat(s, level+1)+tt.Field(i).Name+": ")
					buf = append(buf, dump(vt.Field(i).Interface(), level+2, s))
				}
			}
		}
	default:
		buf = append(buf, strings.Repeat(s, level)+fmt.Sprint(node))
	}
	return strings.Join(buf, "\n")
}

func Dump(chunk []ast.Stmt) string {
	return dump(chunk, 0, "   ")
}

// }}
