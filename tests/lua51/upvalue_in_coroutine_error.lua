-- The issue's crash 1: a coroutine dies while a closure holds its local.
local get
local co = coroutine.create(function() local y = 5; get = function() return y end; local z = nil; return z + 1 end)
print((coroutine.resume(co)))
print(type(get()), get())
local set
local co2 = coroutine.wrap(function()
  local s = "start"
  get = function() return s end
  set = function(v) s = v end
  coroutine.yield()
  error("dead")
end)
co2()
set("changed")
print(get())
print(pcall(co2))
set("after death")
print(get())
