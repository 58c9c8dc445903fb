-- Yields from functions called by the coroutine body (not across C calls).
local function helper(x) return coroutine.yield(x * 10) end
local function deeper(x) return helper(x + 1) + 1 end
local co = coroutine.create(function(x)
  local a = deeper(x)
  local b = deeper(a)
  return a, b
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 5))
print(coroutine.resume(co, 7))
