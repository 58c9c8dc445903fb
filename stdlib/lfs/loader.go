// Package lfs is LuaFileSystem (the `lfs` module of lunarmodules/luafilesystem 1.8) in
// Go: the file-system functions Lua's own library lacks, which many pure-Lua libraries
// (Penlight's pl.path and pl.dir, busted, LDoc) require. Results and error messages are
// the C module's: a value, or nil, the strerror text and the errno. Every path goes
// through the VM's file access, so a sandbox bounds lfs as it bounds io.
package lfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/minioscript/minioscript/files"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"golang.org/x/sys/unix"
)

// Loader returns the module loader for a VM whose file access is fsys (nil: no sandbox).
func Loader(fsys *files.FS) lua.LGFunction {
	m := &module{fsys: fsys}
	return func(L *lua.LState) int {
		t := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
			"attributes":        m.attributes,
			"symlinkattributes": m.symlinkAttributes,
			"chdir":             m.chdir,
			"currentdir":        currentDir,
			"dir":               m.dir,
			"link":              m.link,
			"lock":              lock,
			"unlock":            unlock,
			"mkdir":             m.mkdir,
			"rmdir":             m.rmdir,
			"setmode":           setMode,
			"touch":             m.touch,
		})
		t.RawSetString("_VERSION", lua.LString("LuaFileSystem 1.8.0"))
		t.RawSetString("_DESCRIPTION", lua.LString("LuaFileSystem is a Lua library developed to complement the set of functions related to file systems offered by the standard Lua distribution"))
		t.RawSetString("_COPYRIGHT", lua.LString("Copyright (C) 2003-2017 Kepler Project"))
		L.Push(t)
		return 1
	}
}

type module struct{ fsys *files.FS }

// fail pushes nil, the C library's text for err and its errno, as lfs's pushresult.
func fail(L *lua.LState, prefix string, err error) int {
	L.Push(lua.LNil)
	L.Push(lua.LString(prefix + strerror(err)))
	var errno syscall.Errno
	if errors.As(err, &errno) {
		L.Push(lua.LNumber(errno))
	} else {
		L.Push(lua.LNumber(0))
	}
	return 3
}

// strerror is strerror(3)'s text for err: Go's errno texts are C's, lower-cased.
func strerror(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// path checks a path the call follows (stat, open); entry one whose directory entry
// itself is used (lstat, mkdir, rmdir, link's new name).
func (m *module) path(L *lua.LState, n int) (string, error) {
	return m.fsys.Path(L.CheckString(n))
}

func (m *module) entry(L *lua.LState, n int) (string, error) {
	return m.fsys.Entry(L.CheckString(n))
}

func (m *module) attributes(L *lua.LState) int {
	p, err := m.path(L, 1)
	if err != nil {
		return fail(L, "", err)
	}
	var st unix.Stat_t
	if err := unix.Stat(p, &st); err != nil {
		return fail(L, fmt.Sprintf("cannot obtain information from file '%s': ", L.CheckString(1)), err)
	}
	return pushAttributes(L, &st, "")
}

func (m *module) symlinkAttributes(L *lua.LState) int {
	p, err := m.entry(L, 1)
	if err != nil {
		return fail(L, "", err)
	}
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		return fail(L, fmt.Sprintf("cannot obtain information from file '%s': ", L.CheckString(1)), err)
	}
	target := ""
	if uint32(st.Mode)&unix.S_IFMT == unix.S_IFLNK {
		if target, err = os.Readlink(p); err != nil {
			return fail(L, "", err)
		}
	}
	return pushAttributes(L, &st, target)
}

// attributeNames are lfs's members, in its order.
var attributeNames = []string{"dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "access",
	"modification", "change", "size", "permissions", "blocks", "blksize", "target"}

// pushAttributes answers as lfs: with a second argument naming a member, that member;
// with a table, the members filled in it; else a new table.
// x/sys/unix names the fields alike on every Unix; their integer types differ.
func pushAttributes(L *lua.LState, st *unix.Stat_t, target string) int {
	mode := uint32(st.Mode)
	v := map[string]lua.LValue{
		"dev": lua.LNumber(st.Dev), "ino": lua.LNumber(st.Ino), "mode": lua.LString(modeName(mode)),
		"nlink": lua.LNumber(st.Nlink), "uid": lua.LNumber(st.Uid), "gid": lua.LNumber(st.Gid),
		"rdev": lua.LNumber(st.Rdev), "access": lua.LNumber(st.Atim.Sec),
		"modification": lua.LNumber(st.Mtim.Sec), "change": lua.LNumber(st.Ctim.Sec),
		"size": lua.LNumber(st.Size), "permissions": lua.LString(permissions(mode)),
		"blocks": lua.LNumber(st.Blocks), "blksize": lua.LNumber(st.Blksize),
	}
	if target != "" {
		v["target"] = lua.LString(target)
	}
	switch arg := L.Get(2).(type) {
	case lua.LString:
		val, ok := v[string(arg)]
		if !ok && string(arg) != "target" {
			L.ArgError(2, fmt.Sprintf("invalid attribute name '%s'", string(arg)))
		}
		if val == nil {
			val = lua.LNil
		}
		L.Push(val)
		return 1
	case *lua.LTable:
		for _, k := range attributeNames {
			if val, ok := v[k]; ok {
				arg.RawSetString(k, val)
			}
		}
		L.Push(arg)
		return 1
	}
	t := L.NewTable()
	for _, k := range attributeNames {
		if val, ok := v[k]; ok {
			t.RawSetString(k, val)
		}
	}
	L.Push(t)
	return 1
}

func modeName(m uint32) string {
	switch m & unix.S_IFMT {
	case unix.S_IFREG:
		return "file"
	case unix.S_IFDIR:
		return "directory"
	case unix.S_IFLNK:
		return "link"
	case unix.S_IFSOCK:
		return "socket"
	case unix.S_IFIFO:
		return "named pipe"
	case unix.S_IFCHR:
		return "char device"
	case unix.S_IFBLK:
		return "block device"
	}
	return "other"
}

// permissions is lfs's "rwxr-xr-x" form of the mode's low nine bits.
func permissions(m uint32) string {
	const letters = "rwxrwxrwx"
	b := []byte("---------")
	for i := range 9 {
		if m&(1<<(8-i)) != 0 {
			b[i] = letters[i]
		}
	}
	return string(b)
}

// chdir changes the process's working folder, as lfs; refused in a sandbox, where
// every relative path would change meaning under the other VMs of the process.
func (m *module) chdir(L *lua.LState) int {
	dir := L.CheckString(1)
	if m.fsys.Sandboxed() {
		L.Push(lua.LNil)
		L.Push(lua.LString("Unable to change working directory to '" + dir + "'\nnot allowed in a sandbox\n"))
		return 2
	}
	if err := os.Chdir(dir); err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString("Unable to change working directory to '" + dir + "'\n" + strerror(err) + "\n"))
		return 2
	}
	L.Push(lua.LTrue)
	return 1
}

func currentDir(L *lua.LState) int {
	d, err := os.Getwd()
	if err != nil {
		return fail(L, "", err)
	}
	L.Push(lua.LString(d))
	return 1
}

// dirState is an open folder listing: lfs's dir object, with next and close methods.
type dirState struct {
	names  []string
	closed bool
}

// dir returns an iterator over the folder's entries ("." and ".." first, as readdir
// gives them) and the dir object; a folder that cannot be opened is an error, as lfs.
func (m *module) dir(L *lua.LState) int {
	name := L.CheckString(1)
	p, err := m.fsys.Path(name)
	var entries []os.DirEntry
	if err == nil {
		entries, err = os.ReadDir(p)
	}
	if err != nil {
		L.RaiseError("cannot open %s: %s", name, strerror(err))
	}
	d := &dirState{names: []string{".", ".."}}
	for _, e := range entries {
		d.names = append(d.names, e.Name())
	}
	ud := L.NewUserData()
	ud.Value = d
	mt := L.NewTable()
	methods := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{"next": dirNext, "close": dirClose})
	mt.RawSetString("__index", methods)
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(fmt.Sprintf("directory (%p)", d)))
		return 1
	}))
	L.SetMetatable(ud, mt)
	L.Push(L.NewFunction(dirNext))
	L.Push(ud)
	return 2
}

func checkDir(L *lua.LState) *dirState {
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if d, ok := ud.Value.(*dirState); ok {
			return d
		}
	}
	L.ArgError(1, "directory metatable expected")
	return nil
}

func dirNext(L *lua.LState) int {
	d := checkDir(L)
	if d.closed {
		L.RaiseError("closed directory")
	}
	if len(d.names) == 0 {
		d.closed = true
		return 0
	}
	L.Push(lua.LString(d.names[0]))
	d.names = d.names[1:]
	return 1
}

func dirClose(L *lua.LState) int {
	d := checkDir(L)
	d.closed, d.names = true, nil
	return 0
}

// link makes new a hard link to old, or a symbolic one when the third argument is true.
func (m *module) link(L *lua.LState) int {
	old := L.CheckString(1)
	newName, err := m.entry(L, 2)
	if err != nil {
		return fail(L, "", err)
	}
	if L.ToBool(3) {
		err = os.Symlink(old, newName)
	} else {
		var oldPath string
		if oldPath, err = m.fsys.Path(old); err == nil {
			err = os.Link(oldPath, newName)
		}
	}
	if err != nil {
		return fail(L, "", err)
	}
	L.Push(lua.LTrue)
	return 1
}

func (m *module) mkdir(L *lua.LState) int {
	p, err := m.entry(L, 1)
	if err == nil {
		err = os.Mkdir(p, 0o777)
	}
	if err != nil {
		return fail(L, "", err)
	}
	L.Push(lua.LTrue)
	return 1
}

func (m *module) rmdir(L *lua.LState) int {
	p, err := m.entry(L, 1)
	if err == nil {
		err = unix.Rmdir(p)
	}
	if err != nil {
		return fail(L, "", err)
	}
	L.Push(lua.LTrue)
	return 1
}

// touch sets the access and modification times (default now; the modification time
// defaults to the access time given), as lfs's utime; the file must exist.
func (m *module) touch(L *lua.LState) int {
	p, err := m.path(L, 1)
	if err != nil {
		return fail(L, "", err)
	}
	now := time.Now()
	atime, mtime := now, now
	if L.Get(2) != lua.LNil {
		atime = time.Unix(int64(L.CheckNumber(2)), 0)
		mtime = atime
	}
	if L.Get(3) != lua.LNil {
		mtime = time.Unix(int64(L.CheckNumber(3)), 0)
	}
	if err := os.Chtimes(p, atime, mtime); err != nil {
		return fail(L, "", err)
	}
	L.Push(lua.LTrue)
	return 1
}

// lock and unlock are lfs's advisory locks (fcntl) on an open io file: mode "r" shared,
// "w" exclusive; start and length bound the region (0: to the end).
func lock(L *lua.LState) int {
	f := checkFile(L)
	var typ int16
	switch L.CheckString(2) {
	case "r":
		typ = unix.F_RDLCK
	case "w":
		typ = unix.F_WRLCK
	default:
		L.ArgError(2, "invalid mode")
	}
	return setLock(L, f, typ)
}

func unlock(L *lua.LState) int {
	return setLock(L, checkFile(L), unix.F_UNLCK)
}

func checkFile(L *lua.LState) *os.File {
	f, ok := lua.FileOf(L.Get(1))
	if !ok {
		L.ArgError(1, "FILE* expected")
	}
	return f
}

func setLock(L *lua.LState, f *os.File, typ int16) int {
	start, length := int64(L.OptInt64(3, 0)), int64(L.OptInt64(4, 0))
	lk := unix.Flock_t{Type: typ, Whence: 0, Start: start, Len: length}
	if err := unix.FcntlFlock(f.Fd(), unix.F_SETLK, &lk); err != nil {
		return fail(L, "", err)
	}
	L.Push(lua.LTrue)
	return 1
}

// setMode: files have no text mode here, so every file is "binary", as lfs answers
// outside Windows.
func setMode(L *lua.LState) int {
	checkFile(L)
	L.Push(lua.LTrue)
	L.Push(lua.LString("binary"))
	return 2
}
