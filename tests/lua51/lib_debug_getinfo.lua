-- debug.getinfo fields for each option, level and function forms; debug.traceback wording
local function show(t)
  if not t then print("nil") return end
  print(t.source, t.short_src, t.what, t.currentline, t.linedefined, t.lastlinedefined,
        t.nups, t.name, t.namewhat, type(t.func))
end
local up = 1
local function f(...)
  local x = up
  show(debug.getinfo(1))
  show(debug.getinfo(2, "Sln"))
  show(debug.getinfo(print))
  show(debug.getinfo(1, "S"))
  show(debug.getinfo(1, "l"))
  show(debug.getinfo(1, "n"))
  show(debug.getinfo(1, "u"))
  show(debug.getinfo(1, "f"))
  show(debug.getinfo(0, "Sn"))
  print(debug.traceback("msg"))
  print(debug.traceback("msg", 2))
  print(debug.traceback(42))
  print(debug.traceback(nil))
  print(debug.traceback({}) ~= nil)
  print(debug.traceback())
end
f()
local t = {}
function t.g() f() end
t.g()
local obj = {}
function obj:m() f() end
obj:m()
function glob() f() end
glob()
local function tc() return f() end
tc()
show(debug.getinfo(tc))
show(debug.getinfo(show, "S"))
show(debug.getinfo(100))
print(pcall(debug.getinfo, {}, "S"))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo))
local chunk = loadstring("return debug.getinfo(1, 'S')", "@file.lua")
show(chunk())
chunk = loadstring("return debug.getinfo(1, 'S')", "named")
show(chunk())
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
show(debug.getinfo(co, 1, "Sl"))
print(debug.traceback(co))
print(debug.traceback(co, "in co"))
local n = 0
for k in pairs(debug.getinfo(1)) do n = n + 1 end
print(n)
