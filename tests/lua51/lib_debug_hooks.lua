-- debug.sethook: line, call/return (of Lua functions) and count hooks run; gethook
local lines = {}
local function body()
  local a = 1
  local b = 2
  for i = 1, 2 do
    a = a + i
  end
  return a + b
end
debug.sethook(function(e, l) lines[#lines + 1] = e .. l end, "l")
body()
debug.sethook()
print(table.concat(lines, " "))
local events = {}
local function inner() return 1 end
local function outer() local x = inner() return x end
debug.sethook(function(e)
  local info = debug.getinfo(2, "S")
  if info.what ~= "C" then events[#events + 1] = e .. "@" .. info.linedefined end
end, "cr")
outer()
debug.sethook()
print(table.concat(events, " "))
local n = 0
debug.sethook(function(e) n = n + 1 end, "", 1)
local s = 0
for i = 1, 50 do s = s + i end
debug.sethook()
print(n > 50, s)
local seen
debug.sethook(function(e, l) seen = debug.getinfo(2, "l").currentline == l end, "l")
local z = 1
debug.sethook()
print(seen)
local co = coroutine.create(function() return debug.gethook() ~= nil end)
debug.sethook(function() end, "l")
local ok, inherited = coroutine.resume(co)
debug.sethook()
print(ok, inherited, debug.gethook())
-- call/return of Go functions, tail returns, a hook that sets another hook
local function tf(x) if x then return 1 end return 2 end
local function tg(x) return tf(x) end
local function tg1(x) tg(x) end
local function th(x) local f = tg1; return f(x) end
local b = {}
debug.sethook(function(e) b[#b + 1] = e end, "cr")
th(false)
debug.sethook()
print(table.concat(b, " "))
local t = {}
function t:f(a, b, ...) local x = 1
  return x end
local got = {}
debug.sethook(function(e)
  got[#got + 1] = e .. ":" .. debug.getinfo(2, "S").what
  debug.sethook(function(e2, l)
    got[#got + 1] = e2 .. ":" .. l
    debug.sethook(nil)
  end, "l")
end, "c")
t:f(1, 2, 3)
print(table.concat(got, " "), debug.gethook())
