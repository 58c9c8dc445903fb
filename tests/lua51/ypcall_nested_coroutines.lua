-- reference: lua5.2
-- A coroutine inside a pcall inside another coroutine, each yielding.
local outer = coroutine.create(function()
  local ok, v = pcall(function()
    local inner = coroutine.create(function()
      local ok2, w = pcall(function() return coroutine.yield("inner yield") .. "!" end)
      return ok2, w
    end)
    local _, y = coroutine.resume(inner)
    local got = coroutine.yield("outer got " .. y)
    return select(2, coroutine.resume(inner, got))
  end)
  return ok, v
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer, "value"))
print(coroutine.status(outer))
