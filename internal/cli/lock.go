package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
)

// LockedError says another process holds the lock file.
type LockedError struct {
	Path string
	PID  int // 0 when the holder has not written its pid yet
}

func (e *LockedError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("lock %s is held by another process", e.Path)
	}
	return fmt.Sprintf("lock %s is held by pid %d", e.Path, e.PID)
}

// acquireLock takes an exclusive flock on path without waiting. The kernel drops a flock
// when its holder dies, so a file left behind by a killed run never blocks the next one;
// the file is therefore never removed (removing it would let two runs lock different
// files under one name). The holder's pid is written into it for the error message.
func acquireLock(path string) (release func(), err error) {
	fl := flock.New(path, flock.SetPermissions(0o600))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("--lock %s: %w", path, err)
	}
	if !ok {
		return nil, &LockedError{Path: path, PID: lockHolder(path)}
	}
	// A second descriptor only for the pid: writing through it keeps the flock, which
	// belongs to fl's open file.
	if err := os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600); err != nil {
		fl.Unlock()
		return nil, fmt.Errorf("--lock %s: %w", path, err)
	}
	return func() { fl.Unlock() }, nil
}

func lockHolder(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}
