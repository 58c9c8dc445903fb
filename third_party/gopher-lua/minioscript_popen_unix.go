//go:build unix

package lua

import (
	"os/exec"
	"syscall"
	"time"
)

// popenKillGrace is how long an io.popen command's process group has, after SIGTERM on
// cancellation, before SIGKILL.
const popenKillGrace = 500 * time.Millisecond

// killGroupOnCancel (minioscript patch) runs an io.popen command in a process group of
// its own and, when the state's context is done, ends the whole group (a shell's
// children too), SIGTERM first, then SIGKILL: a timeout or signal stops the command, and
// a read from its pipe sees the end of the file instead of blocking the run.
func killGroupOnCancel(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		pgid := cmd.Process.Pid
		syscall.Kill(-pgid, syscall.SIGTERM)
		time.AfterFunc(popenKillGrace, func() { syscall.Kill(-pgid, syscall.SIGKILL) })
		return nil
	}
	cmd.WaitDelay = 2 * popenKillGrace
}
