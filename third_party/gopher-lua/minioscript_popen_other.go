//go:build !unix

package lua

import "os/exec"

// killGroupOnCancel: without process groups, cancellation kills the command alone
// (exec.CommandContext's default).
func killGroupOnCancel(cmd *exec.Cmd) {}
