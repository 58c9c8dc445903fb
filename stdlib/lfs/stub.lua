---@class lfslib
---@field _VERSION string
local lfs = {}

---@class lfs.Attributes
---@field dev integer
---@field ino integer
---@field mode "file"|"directory"|"link"|"socket"|"named pipe"|"char device"|"block device"|"other"
---@field nlink integer
---@field uid integer
---@field gid integer
---@field rdev integer
---@field access integer
---@field modification integer
---@field change integer
---@field size integer
---@field permissions string e.g. "rw-r--r--"
---@field blocks integer
---@field blksize integer
---@field target? string a symbolic link's target (symlinkattributes)

---A file's attributes (stat), one of them by name, or nil, a message and an errno.
---@param path string
---@param what? string|table
---@return lfs.Attributes|any|nil
---@return string? message
---@return integer? errno
function lfs.attributes(path, what) end

---As attributes, of a symbolic link itself (lstat), with its target.
---@param path string
---@param what? string|table
---@return lfs.Attributes|any|nil
function lfs.symlinkattributes(path, what) end

---Changes the working folder of the process (refused in a sandbox).
---@param path string
---@return true|nil
---@return string? message
function lfs.chdir(path) end

---The working folder.
---@return string
function lfs.currentdir() end

---An iterator over a folder's entries ("." and ".." included).
---@param path string
---@return fun(): string?
---@return userdata
function lfs.dir(path) end

---A hard link new to old, or a symbolic one.
---@param old string
---@param new string
---@param symlink? boolean
---@return true|nil
function lfs.link(old, new, symlink) end

---An advisory lock on an open file: "r" shared, "w" exclusive.
---@param file file*
---@param mode "r"|"w"
---@param start? integer
---@param length? integer
---@return true|nil
function lfs.lock(file, mode, start, length) end

---Releases a lock.
---@param file file*
---@param start? integer
---@param length? integer
---@return true|nil
function lfs.unlock(file, start, length) end

---Makes a folder.
---@param path string
---@return true|nil
---@return string? message
---@return integer? errno
function lfs.mkdir(path) end

---Removes an empty folder.
---@param path string
---@return true|nil
---@return string? message
---@return integer? errno
function lfs.rmdir(path) end

---Always binary here.
---@param file file*
---@param mode string
---@return true
---@return "binary"
function lfs.setmode(file, mode) end

---Sets a file's access and modification times (default now).
---@param path string
---@param atime? integer
---@param mtime? integer
---@return true|nil
function lfs.touch(path, atime, mtime) end
