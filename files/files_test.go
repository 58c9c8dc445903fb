package files

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFileIsPrivateFromTheFirstByteAndAtomic(t *testing.T) {
	old := syscall.Umask(0) // the mode must not depend on the caller's umask
	defer syscall.Umask(old)
	dir := t.TempDir()
	target := filepath.Join(dir, "out.csv")
	var f *FS
	err := f.WriteFile(target, DefaultMode, func(w io.Writer) error {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".out.csv.*.tmp"))
		if len(tmps) != 1 {
			t.Fatalf("temporary files: %v", tmps)
		}
		if fi, err := os.Stat(tmps[0]); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("temporary file mode before the first byte: %v %v", fi.Mode(), err)
		}
		if _, err := os.Stat(target); !os.IsNotExist(err) {
			t.Fatal("target exists before the write is complete")
		}
		_, err := io.WriteString(w, "secret")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode())
	}
	// mode widens; a failed write leaves the old content and no temporary file.
	if err := f.WriteFile(target, 0o640, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v", fi.Mode())
	}
	os.WriteFile(target, []byte("old"), 0o600)
	boom := errors.New("boom")
	if err := f.WriteFile(target, DefaultMode, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Fatalf("target changed to %q", b)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmps) != 0 {
		t.Fatalf("left behind: %v", tmps)
	}
	// Writing through a symlink replaces its target, not the link.
	os.Symlink(target, filepath.Join(dir, "link"))
	if err := f.WriteFile(filepath.Join(dir, "link"), DefaultMode, func(w io.Writer) error {
		_, err := io.WriteString(w, "via link")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "via link" {
		t.Fatalf("target %q", b)
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]os.FileMode{"0600": 0o600, "644": 0o644, "0o640": 0o640, "0": 0, "0777": 0o777} {
		if got, err := ParseMode(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "rw", "0800", "4755", "-1", "0x1ff", "1e3"} {
		if _, err := ParseMode(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// Every path trick that could lead out of the allowed folders is refused.
func TestSandboxPaths(t *testing.T) {
	base := t.TempDir()
	allowed, outside := filepath.Join(base, "allowed"), filepath.Join(base, "outside")
	for _, d := range []string{allowed, outside, filepath.Join(allowed, "sub"), base + "/allowed2"} {
		os.MkdirAll(d, 0o700)
	}
	os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(allowed, "ok"), []byte("x"), 0o600)
	os.Symlink(outside, filepath.Join(allowed, "dirlink"))
	os.Symlink(filepath.Join(outside, "secret"), filepath.Join(allowed, "filelink"))
	os.Symlink(filepath.Join(outside, "new"), filepath.Join(allowed, "dangling"))
	os.Symlink(filepath.Join(allowed, "ok"), filepath.Join(allowed, "innerlink"))
	f, err := Sandbox([]string{allowed})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		filepath.Join(allowed, "ok"), filepath.Join(allowed, "new-file"), filepath.Join(allowed, "sub", "..", "ok"),
		filepath.Join(allowed, "innerlink"), allowed + "/sub/../new", allowed,
	} {
		if _, err := f.Path(p); err != nil {
			t.Errorf("%s refused: %v", p, err)
		}
	}
	for _, p := range []string{
		filepath.Join(outside, "secret"), allowed + "/../outside/secret", allowed + "/sub/../../outside/secret",
		allowed + "/dirlink/secret", allowed + "/filelink", allowed + "/dangling", allowed + "/dirlink/new",
		allowed + "/dirlink/../allowed/ok", // lexically inside, really base/allowed/ok via outside/.. — still fine? see below
		base + "/allowed2/x", "/etc/passwd", "/", allowed + "/../outside/missing/deeper",
	} {
		got, err := f.Path(p)
		if p == allowed+"/dirlink/../allowed/ok" {
			// outside/.. is base, so this really is allowed/ok: accepted, and resolved.
			if err != nil || got != filepath.Join(allowed, "ok") {
				t.Errorf("%s: %q %v", p, got, err)
			}
			continue
		}
		if !errors.Is(err, ErrOutside) {
			t.Errorf("%s: got %q, %v; want refused", p, got, err)
		}
	}
	// A symlink pointing outside may itself be removed (Entry), not followed.
	if got, err := f.Entry(allowed + "/filelink"); err != nil || got != filepath.Join(allowed, "filelink") {
		t.Errorf("entry of a link: %q %v", got, err)
	}
	if _, err := f.Entry(allowed + "/dirlink/secret"); !errors.Is(err, ErrOutside) {
		t.Errorf("entry through a dir link: %v", err)
	}
	// Relative paths count from the working folder.
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(filepath.Join(allowed, "sub"))
	if _, err := f.Path("../ok"); err != nil {
		t.Errorf("relative inside: %v", err)
	}
	if _, err := f.Path("../../outside/secret"); !errors.Is(err, ErrOutside) {
		t.Errorf("relative outside: %v", err)
	}
	if _, err := f.Path("../dirlink/../../outside/secret"); !errors.Is(err, ErrOutside) {
		t.Errorf("relative through link: %v", err)
	}
	// No folder at all: nothing is allowed; a missing folder is an error.
	none, _ := Sandbox(nil)
	if _, err := none.Path(filepath.Join(allowed, "ok")); !errors.Is(err, ErrOutside) {
		t.Errorf("no folders: %v", err)
	}
	if _, err := Sandbox([]string{filepath.Join(base, "missing")}); err == nil || !strings.Contains(err.Error(), "--allow-path") {
		t.Errorf("missing folder: %v", err)
	}
}
