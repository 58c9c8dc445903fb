-- reference: lua5.2
-- pcall calling coroutine.yield itself, pcall as the coroutine body, tail calls.
local co = coroutine.create(function()
  print("a", pcall(coroutine.yield, "y1"))
  print("b", pcall(pcall, coroutine.yield, "y2"))
  return pcall(coroutine.yield, "y3")
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 3))
print(coroutine.resume(co, 4, 5))
print(coroutine.status(co))

local co2 = coroutine.create(function(...) return pcall(...) end)
print(coroutine.resume(co2, function(x) local y = coroutine.yield(x + 1); return y * 3 end, 1))
print(coroutine.resume(co2, 7))
print(coroutine.status(co2))

local co3 = coroutine.wrap(function(...)
  local function f(n)
    if n == 0 then return coroutine.yield("bottom") end
    return pcall(f, n - 1)
  end
  return f(...)
end)
print(co3(3))
print(co3("up"))
