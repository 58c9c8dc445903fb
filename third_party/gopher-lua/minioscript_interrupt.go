package lua

// minioscript patch: built-ins that can run long look at the state's context, as the
// main loop does between instructions, so a timeout or signal stops a run blocked in
// table.insert, table.sort or a runaway pattern; and strings built by the library and
// by concatenation have a size bound, so a memory bomb is a Lua error, not the kernel's
// out-of-memory kill.

// defaultMaxStringLength is Options.MaxStringLength's default (1 GiB).
const defaultMaxStringLength = 1 << 30

// interruptEvery is how many steps a built-in's loop runs between two looks at the
// context: cheap enough to be invisible, often enough to stop within milliseconds.
const interruptEvery = 1 << 12

// checkInterrupt raises the context's error (the main loop's message) once the
// state's context is done.
func (ls *LState) checkInterrupt() {
	if ls.ctx == nil {
		return
	}
	select {
	case <-ls.ctx.Done():
		ls.RaiseError("%s", ls.ctx.Err().Error())
	default:
	}
}

// maxStringLength is the longest string the library and concatenation build.
func (ls *LState) maxStringLength() int {
	if ls.Options.MaxStringLength > 0 {
		return ls.Options.MaxStringLength
	}
	return defaultMaxStringLength
}

// checkStringLength raises msg when a string of n bytes would pass maxStringLength
// (n < 0 is an int overflow of the caller's sum).
func (ls *LState) checkStringLength(n int, msg string) {
	if n < 0 || n > ls.maxStringLength() {
		ls.RaiseError("%s", msg)
	}
}
