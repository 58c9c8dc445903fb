package parse

// minioscript patch: Lua 5.1's limits on local variables (200 per function) and
// upvalues (60 per function) are raised while parsing, where lparser.c's new_localvar
// and indexupvalue raise them: at the token after the name that passes the limit, on
// that token's line. The compiler checks them too, but only after the whole parse, so
// an unfinished chunk used to fail with its syntax error at the end instead.
//
// The parser is goyacc's, so the lexer follows Lua's scopes itself: it handles each
// token when it reads the next one (trackVars), by when the parser has shifted it and
// made every reduction before it, as Lua's parser has when it reads that next token.
// Two scope ends come after an expression of unknown length and are left to the
// grammar: a local statement's names become visible when it is reduced
// (localsActive), and a repeat's block ends with its condition (repeatEnd).

import (
	"strconv"

	"github.com/minioscript/minioscript/third_party/gopher-lua/ast"
)

const (
	maxVars     = 200 // LUAI_MAXVARS
	maxUpvalues = 60  // LUAI_MAXUPVALUES
)

// varMode says what the names being read declare.
type varMode uint8

const (
	modeNone      varMode = iota // names are variables used
	modeLocal                    // a local statement's names
	modeLocalFunc                // a local function's name
	modeFor                      // a for's names
	modeParams                   // a function's parameters
)

// funcVars are the variables of a function being read, as Lua's FuncState has them.
type funcVars struct {
	parent  *funcVars
	depth   int        // the number of functions around it (its index in Lexer.funcs)
	line    int        // where Lua says the function is defined; 0 for the main chunk
	vars    []localVar // the active locals, innermost last
	pending []localVar // declared, not visible yet (Lua's actvar past nactvar)
	blocks  []varBlock
	repeats []int // the marks of repeats whose condition is being read
	upvals  []int // the ids of the variables the function has as upvalues
}

type localVar struct {
	name string
	id   int
}

// varBlock is a block whose locals end with it.
type varBlock struct {
	mark    int  // the number of active locals when it opened
	awaitDo bool // a while or for whose do is still to come
	isFor   bool // its do makes the for's variables visible
}

// trackVars handles prev, the token the parser has just shifted, now that next was read.
func (lx *Lexer) trackVars(prev ast.Token, next int) {
	before := lx.beforePrev
	lx.beforePrev = prev.Type
	f := lx.fn
	switch prev.Type {
	case TIdent:
		switch lx.mode {
		case modeLocal, modeFor, modeParams:
			n := 1
			if lx.mode == modeFor {
				if lx.forNames++; lx.forNames == 1 { // and its three hidden control variables
					n = 4
				}
			}
			lx.declare(prev.Str, n)
			if next != ',' && lx.mode != modeParams {
				lx.mode = modeNone
			}
			return
		case modeLocalFunc:
			lx.declare(prev.Str, 1)
			f.activate()
			lx.mode = modeNone
			return
		}
		switch before {
		case '.', ':', TGoto, T2Colon: // a field, a method or a label
			return
		case '{', ',', ';':
			if n := len(lx.blocks); next == '=' && n > 0 && lx.blocks[n-1].what == "{" {
				return // a table's key
			}
		}
		f.resolve(lx, prev.Str)
	case TLocal:
		lx.mode = modeLocal
		if next == TFunction {
			lx.mode = modeLocalFunc
		}
	case TFunction:
		// a function statement is defined on the line of its keyword, others on the
		// line of their '(' (Lua's body() is called after the name)
		lx.funcOpen, lx.funcMethod, lx.funcLine = true, false, 0
		if next == TIdent && lx.mode != modeLocalFunc {
			lx.funcLine = prev.Pos.Line
		}
	case ':':
		if lx.funcOpen {
			lx.funcMethod = true
		}
	case '(':
		if lx.funcOpen {
			line := lx.funcLine
			if line == 0 {
				line = prev.Pos.Line
			}
			lx.funcOpen = false
			lx.fn = lx.newFunc(f, line)
			if lx.funcMethod {
				lx.declare("self", 1)
				lx.fn.activate()
			}
			lx.mode = modeParams
		}
	case T3Comma:
		if lx.mode == modeParams {
			lx.declare("arg", 1) // LUA_COMPAT_VARARG's local
		}
	case ')':
		if lx.mode == modeParams {
			f.activate()
			lx.mode = modeNone
		}
	case TFor:
		lx.mode, lx.forNames = modeFor, 0
		f.blocks = append(f.blocks, varBlock{mark: len(f.vars), awaitDo: true, isFor: true})
	case TWhile:
		f.blocks = append(f.blocks, varBlock{mark: len(f.vars), awaitDo: true})
	case TDo:
		if n := len(f.blocks); n > 0 && f.blocks[n-1].awaitDo {
			f.blocks[n-1].awaitDo = false
			if f.blocks[n-1].isFor {
				f.activate()
			}
		} else {
			f.blocks = append(f.blocks, varBlock{mark: len(f.vars)})
		}
	case TIf, TRepeat:
		f.blocks = append(f.blocks, varBlock{mark: len(f.vars)})
	case TElseIf, TElse:
		if n := len(f.blocks); n > 0 {
			f.vars = f.vars[:f.blocks[n-1].mark]
		}
	case TUntil: // the block's locals stay for the condition
		if n := len(f.blocks); n > 0 {
			f.repeats = append(f.repeats, f.blocks[n-1].mark)
			f.blocks = f.blocks[:n-1]
		}
	case TEnd:
		if n := len(f.blocks); n > 0 {
			f.vars = f.vars[:f.blocks[n-1].mark]
			f.blocks = f.blocks[:n-1]
		} else if f.parent != nil { // the function's own end
			lx.fn = f.parent
		}
	}
}

// newFunc is the funcVars of a function inside parent, reusing those of a function
// read before at the same depth so that a chunk of many functions allocates few.
func (lx *Lexer) newFunc(parent *funcVars, line int) *funcVars {
	depth := parent.depth + 1
	if depth == len(lx.funcs) {
		lx.funcs = append(lx.funcs, &funcVars{})
	}
	f := lx.funcs[depth]
	*f = funcVars{parent: parent, line: line, depth: depth, vars: f.vars[:0], pending: f.pending[:0],
		blocks: f.blocks[:0], repeats: f.repeats[:0], upvals: f.upvals[:0]}
	return f
}

// declare adds n new locals of the function being read, the last one named name (the
// others are a for's hidden ones), failing past maxVars as Lua's new_localvar.
func (lx *Lexer) declare(name string, n int) {
	f := lx.fn
	if len(f.vars)+len(f.pending)+n > maxVars {
		lx.limitError(f, maxVars, "local variables")
	}
	for ; n > 1; n-- {
		lx.nvars++
		f.pending = append(f.pending, localVar{name: "(for state)", id: lx.nvars})
	}
	lx.nvars++
	f.pending = append(f.pending, localVar{name: name, id: lx.nvars})
}

// activate makes the declared locals visible, as Lua's adjustlocalvars.
func (f *funcVars) activate() {
	f.vars = append(f.vars, f.pending...)
	f.pending = f.pending[:0]
}

// resolve finds the variable name refers to in f, as Lua's singlevaraux: its id, or
// -1 for a global. A variable of an enclosing function becomes an upvalue of f and of
// each function in between, failing past maxUpvalues as Lua's indexupvalue.
func (f *funcVars) resolve(lx *Lexer, name string) int {
	for i := len(f.vars) - 1; i >= 0; i-- {
		if f.vars[i].name == name {
			return f.vars[i].id
		}
	}
	if f.parent == nil {
		return -1
	}
	id := f.parent.resolve(lx, name)
	if id < 0 {
		return -1
	}
	for _, u := range f.upvals {
		if u == id {
			return id
		}
	}
	if len(f.upvals)+1 > maxUpvalues {
		lx.limitError(f, maxUpvalues, "upvalues")
	}
	f.upvals = append(f.upvals, id)
	return id
}

// limitError raises Lua 5.1's errorlimit at the current token: its line, no 'near'.
func (lx *Lexer) limitError(f *funcVars, limit int, what string) {
	where := "main function"
	if f.parent != nil {
		where = "function at line " + strconv.Itoa(f.line)
	}
	e := lx.syntaxError(where + " has more than " + strconv.Itoa(limit) + " " + what)
	e.Token = "" // luaX_lexerror without a token
	panic(e)
}

// localsActive makes a local statement's names visible once its values are read,
// called by the grammar when it reduces the statement.
func localsActive(yylex yyLexer) {
	if lx, ok := yylex.(*Lexer); ok && lx.fn != nil {
		lx.fn.activate()
	}
}

// repeatEnd ends the scope of a repeat's block after its condition, called by the
// grammar when it reduces the statement.
func repeatEnd(yylex yyLexer) {
	if lx, ok := yylex.(*Lexer); ok && lx.fn != nil {
		f := lx.fn
		if n := len(f.repeats); n > 0 {
			f.vars = f.vars[:f.repeats[n-1]]
			f.repeats = f.repeats[:n-1]
		}
	}
}
