-- reference: lua5.2
-- Locals captured by closures survive an error caught by an interrupted pcall.
local get, set
local co = coroutine.create(function()
  local v = "start"
  get = function() return v end
  set = function(x) v = x end
  local ok, e = pcall(function()
    local w = "inner"
    set(w)
    coroutine.yield()
    error("after resume", 0)
  end)
  v = v .. "+" .. tostring(e)
  coroutine.yield(v)
  return v
end)
coroutine.resume(co)
print(get())
print(coroutine.resume(co))
set("changed outside")
print(coroutine.resume(co))
print(get())
