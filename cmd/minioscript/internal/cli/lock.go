package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
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

// maxPIDText bounds what is read of a lock file: a pid and a newline are far shorter, so
// anything longer is some other file's content.
const maxPIDText = 32

// acquireLock takes an exclusive flock on path without waiting. The kernel drops a flock
// when its holder dies, so a file left behind by a killed run never blocks the next one;
// the file is therefore never removed (removing it would let two runs lock different
// files under one name).
//
// The path is opened without following a symbolic link and never truncated on open: a
// mistyped --lock naming a precious file, or a link planted in a shared folder, must not
// cost that file its content. The holder's pid is written (for the "held by pid" message)
// only into a file this call created or one that holds nothing but a pid already.
func acquireLock(path string) (release func(), err error) {
	f, created, err := openLockFile(path)
	if err != nil {
		return nil, fmt.Errorf("--lock %s: %w", path, err)
	}
	if err := flockNB(f); err != nil {
		content, _ := readPIDText(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid, _ := strconv.Atoi(strings.TrimSpace(content))
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("--lock %s: %w", path, err)
	}
	content, isPID := readPIDText(f)
	if created || isPID {
		pid := strconv.Itoa(os.Getpid()) + "\n"
		// Shrink only after writing, and only a pid's worth: what is there is a pid.
		_, err := f.WriteAt([]byte(pid), 0)
		if err == nil && len(content) > len(pid) {
			err = f.Truncate(int64(len(pid)))
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("--lock %s: writing the pid: %w", path, err)
		}
	}
	// Closing the descriptor drops the flock.
	return func() { f.Close() }, nil
}

// openLockFile opens path for the lock: created 0600 when missing; refused when it is a
// symbolic link (dangling or not) or not a regular file.
func openLockFile(path string) (f *os.File, created bool, err error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, false, errors.New("is a symbolic link; name the file itself")
	} else if err == nil && !fi.Mode().IsRegular() {
		return nil, false, fmt.Errorf("is not a regular file (%s)", fi.Mode().Type())
	}
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
	created = err == nil
	if errors.Is(err, fs.ErrExist) {
		f, err = os.OpenFile(path, os.O_RDWR|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	}
	if errors.Is(err, syscall.ELOOP) {
		return nil, false, errors.New("is a symbolic link; name the file itself")
	}
	if err != nil {
		return nil, false, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("is not a regular file (%s)", fi.Mode().Type())
	}
	if err == nil && created {
		err = f.Chmod(0o600) // whatever the umask
	}
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return f, created, nil
}

// readPIDText reads the start of the lock file; isPID says it is empty or one number.
func readPIDText(f *os.File) (content string, isPID bool) {
	buf := make([]byte, maxPIDText+1)
	n, err := f.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) || n > maxPIDText {
		return "", false
	}
	content = string(buf[:n])
	digits := strings.TrimSuffix(content, "\n")
	for _, c := range digits {
		if c < '0' || c > '9' {
			return content, false
		}
	}
	return content, true
}

// flockNB takes the exclusive flock without waiting (EWOULDBLOCK when held elsewhere).
func flockNB(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
