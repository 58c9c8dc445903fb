package runtime

import (
	"context"
	"errors"
	"os/exec"
	"syscall"
	"time"

	"github.com/minioscript/minioscript/internal/gate"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// killGrace is how long a command's process group has, after SIGTERM on cancellation,
// before SIGKILL.
const killGrace = 500 * time.Millisecond

// execute is os.execute(cmd) that honours the run's cancellation (--timeout, Ctrl-C,
// SIGTERM, a scheduled job's timeout): the command runs in a process group of its own,
// and cancellation ends the whole group (a shell's children too), SIGTERM first, then
// SIGKILL. It waits outside the minio.parallel gate. Results are Lua 5.1's: the wait
// status as system(3) gives it (exit code * 256, or the signal number); os.execute()
// tells that a shell is there.
func (vm *VM) execute(L *lua.LState) int {
	if L.GetTop() == 0 {
		L.Push(lua.LNumber(1))
		return 1
	}
	ctx := L.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", L.CheckString(1))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = vm.opts.Stdin, vm.opts.Stdout, vm.opts.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		pgid := cmd.Process.Pid
		syscall.Kill(-pgid, syscall.SIGTERM)
		go func() {
			time.Sleep(killGrace)
			syscall.Kill(-pgid, syscall.SIGKILL)
		}()
		return nil
	}
	cmd.WaitDelay = 2 * killGrace
	var err error
	gate.Blocking(L, func() { err = cmd.Run() })
	if ctx.Err() != nil {
		L.RaiseError("os.execute: %v", context.Cause(ctx))
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		L.Push(lua.LNumber(0))
	case errors.As(err, &ee):
		ws, _ := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			L.Push(lua.LNumber(ws.Signal()))
		} else {
			L.Push(lua.LNumber(ws.ExitStatus() * 256))
		}
	default:
		L.Push(lua.LNumber(127 * 256)) // the shell could not be started, as system(3) says
	}
	return 1
}
