// Package files is how the program's Lua modules touch the file system: paths are checked
// against the folders a sandbox allows, and files are written private (0600) by default,
// through a temporary file in the same folder that is renamed into place, so a crash
// never leaves half a file and no byte is ever readable by others unless asked for. It is
// public so that a Go program embedding the runtime can sandbox a VM (runtime.Options.Files).
package files

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// DefaultMode is the mode of every file the program writes unless a `mode` widens it.
const DefaultMode os.FileMode = 0o600

// ErrOutside marks a path that the sandbox does not allow.
var ErrOutside = errors.New("outside the folders allowed by --allow-path")

// FS is the file access of one VM. The nil *FS allows everything (no sandbox).
type FS struct {
	roots []string // symlink-free absolute folders; empty in a sandbox means no files at all
}

// Sandbox allows file access only below dirs (each must be an existing folder).
func Sandbox(dirs []string) (*FS, error) {
	f := &FS{roots: []string{}}
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err == nil {
			abs, err = filepath.EvalSymlinks(abs)
		}
		if err != nil {
			return nil, fmt.Errorf("--allow-path %s: %w", d, err)
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("--allow-path %s: not a folder", d)
		}
		f.roots = append(f.roots, abs)
	}
	return f, nil
}

// Sandboxed tells whether access is bounded.
func (f *FS) Sandboxed() bool { return f != nil }

// Path checks a path that will be opened, following symlinks, and returns the path to
// use: in a sandbox the resolved, symlink-free path that was checked.
func (f *FS) Path(path string) (string, error) {
	if f == nil {
		return path, nil
	}
	return f.check(path, true)
}

// ErrAllowedFolder marks an allowed folder named where its entry would be removed or
// renamed: the sandbox's bounds are not the script's to move.
var ErrAllowedFolder = errors.New("is a folder allowed by --allow-path itself; only what is inside may be removed or renamed")

// Entry checks a path whose directory entry itself is used (remove, rename): a symlink
// there is the link, not its target. An allowed folder itself is refused.
func (f *FS) Entry(path string) (string, error) {
	if f == nil {
		return path, nil
	}
	p, err := f.check(path, false)
	if err == nil && slices.Contains(f.roots, p) {
		return "", fmt.Errorf("%s %w", path, ErrAllowedFolder)
	}
	return p, err
}

// ReadFile reads a whole file after the check.
func (f *FS) ReadFile(path string) ([]byte, error) {
	p, err := f.Path(path)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(p)
}

// Open opens a file for reading after the check.
func (f *FS) Open(path string) (*os.File, error) {
	p, err := f.Path(path)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// WriteFile replaces path with what write produces. The data goes to a temporary file
// created with mode (never wider) in the target's folder, which is renamed over the
// target only once complete; on any error the target is left as it was.
func (f *FS) WriteFile(path string, mode os.FileMode, write func(io.Writer) error) (err error) {
	target, err := f.Path(path)
	if err != nil {
		return err
	}
	if f == nil {
		// Write through a symlink to its target, as a plain open would.
		if real, rerr := filepath.EvalSymlinks(target); rerr == nil {
			target = real
		}
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes it 0600 less the umask; set exactly what was asked before any byte.
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	bw := bufio.NewWriter(tmp)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// ParseMode reads a `mode` option: an octal string such as "0640" or "644". Numbers are
// refused because Lua has no octal literals (0644 in Lua is six hundred and forty-four).
func ParseMode(s string) (os.FileMode, error) {
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "0o"), 8, 32)
	if err != nil || n > 0o777 {
		return 0, fmt.Errorf(`mode must be an octal string of permission bits such as "0640", got %q`, s)
	}
	return os.FileMode(n), nil
}

// check resolves path the way the kernel will (symlinks, then ".." against the real
// parent) and accepts it only below one of the roots.
func (f *FS) check(path string, follow bool) (string, error) {
	if path == "" {
		return "", errors.New("empty path")
	}
	raw := path
	if !filepath.IsAbs(raw) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		// Not filepath.Join: cleaning "link/.." lexically would skip the symlink.
		raw = wd + string(filepath.Separator) + raw
	}
	var real string
	var err error
	if follow {
		real, err = filepath.EvalSymlinks(raw)
		if errors.Is(err, fs.ErrNotExist) {
			real, err = resolveParent(raw, true)
		}
	} else {
		real, err = resolveParent(raw, false)
	}
	if err != nil {
		// Whether something outside exists is not the script's business either.
		if errors.Is(err, ErrOutside) || !f.below(filepath.Clean(raw)) {
			return "", fmt.Errorf("%s: %w", path, ErrOutside)
		}
		return "", err
	}
	if !f.below(real) {
		return "", fmt.Errorf("%s: %w", path, ErrOutside)
	}
	return real, nil
}

func (f *FS) below(p string) bool {
	for _, root := range f.roots {
		if p == root || strings.HasPrefix(p, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// resolveParent resolves the folder of raw and appends its last element unresolved:
// for a file about to be created, or an entry used as itself.
func resolveParent(raw string, follow bool) (string, error) {
	trimmed := strings.TrimRight(raw, string(filepath.Separator))
	i := strings.LastIndexByte(trimmed, filepath.Separator)
	dir, base := trimmed[:i+1], trimmed[i+1:]
	if base == "" || base == "." || base == ".." {
		return filepath.EvalSymlinks(raw)
	}
	rdir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	p := filepath.Join(rdir, base)
	if follow {
		// EvalSymlinks failed on the whole path, so a symlink here dangles: opening it
		// would create its target, wherever that is.
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return "", fmt.Errorf("dangling symlink: %w", ErrOutside)
		}
	}
	return p, nil
}
