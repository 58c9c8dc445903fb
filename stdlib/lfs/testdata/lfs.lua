-- The lfs module (LuaFileSystem's API), without a server.
local lfs = require("lfs")
local T = {}

function T.test_mkdir_dir_attributes_rmdir(t)
  local d = t:tempdir() .. "/sub"
  t:eq(lfs.mkdir(d), true)
  local ok, msg, errno = lfs.mkdir(d)
  t:eq(ok, nil)
  t:eq(msg, "File exists")
  t:eq(errno, 17)
  local f = assert(io.open(d .. "/a.txt", "w"))
  f:write("hello")
  f:close()
  local names = {}
  for name in lfs.dir(d) do names[#names + 1] = name end
  table.sort(names)
  t:eq(table.concat(names, ","), ".,..,a.txt")
  t:eq(lfs.attributes(d, "mode"), "directory")
  local a = lfs.attributes(d .. "/a.txt")
  t:eq(a.mode, "file")
  t:eq(a.size, 5)
  t:ok(a.permissions:match("^[r-][w-][x-][r-][w-][x-][r-][w-][x-]$"), a.permissions)
  local into = {}
  t:eq(lfs.attributes(d .. "/a.txt", into), into)
  t:eq(into.size, 5)
  t:raises(lfs.attributes, d, "colour")
  local none, err, code = lfs.attributes(d .. "/missing")
  t:eq(none, nil)
  t:eq(err, "cannot obtain information from file '" .. d .. "/missing': No such file or directory")
  t:eq(code, 2)
  local _, notEmpty = lfs.rmdir(d)
  t:eq(notEmpty, "Directory not empty")
  os.remove(d .. "/a.txt")
  t:eq(lfs.rmdir(d), true)
  t:raises(lfs.dir, d)
end

function T.test_dir_object(t)
  local d = t:tempdir()
  local iter, obj = lfs.dir(d)
  t:eq(iter(obj) ~= nil, true)
  t:ok(tostring(obj):match("^directory"), tostring(obj))
  obj:close()
  t:raises(iter, obj)
end

function T.test_links_touch_and_symlinkattributes(t)
  local d = t:tempdir()
  local f = assert(io.open(d .. "/f", "w"))
  f:close()
  t:eq(lfs.link(d .. "/f", d .. "/hard"), true)
  t:eq(lfs.attributes(d .. "/f", "nlink"), 2)
  t:eq(lfs.link(d .. "/f", d .. "/soft", true), true)
  t:eq(lfs.symlinkattributes(d .. "/soft", "mode"), "link")
  t:eq(lfs.symlinkattributes(d .. "/soft").target, d .. "/f")
  t:eq(lfs.attributes(d .. "/soft", "mode"), "file")
  t:eq(lfs.touch(d .. "/f", 1000, 2000), true)
  t:eq(lfs.attributes(d .. "/f", "access"), 1000)
  t:eq(lfs.attributes(d .. "/f", "modification"), 2000)
  t:eq(lfs.touch(d .. "/missing"), nil)
end

function T.test_currentdir_lock_setmode(t)
  t:ok(lfs.currentdir():sub(1, 1) == "/", lfs.currentdir())
  local f = io.tmpfile()
  t:eq(lfs.lock(f, "w"), true)
  t:eq(lfs.unlock(f), true)
  t:raises(lfs.lock, f, "x")
  t:raises(lfs.lock, {}, "w")
  local ok, mode = lfs.setmode(f, "text")
  t:eq(ok, true)
  t:eq(mode, "binary")
  f:close()
  t:ok(lfs._VERSION:match("^LuaFileSystem"), lfs._VERSION)
end

return T
