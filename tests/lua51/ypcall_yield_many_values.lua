-- reference: lua5.2
-- Many values through a yield inside pcall, both ways.
local co = coroutine.create(function(...)
  local ok, a, b, c = pcall(function(...)
    local x, y, z = coroutine.yield(select("#", ...), ...)
    return x, y, z
  end, ...)
  return ok, a, b, c
end)
print(coroutine.resume(co, 1, nil, 3))
print(coroutine.resume(co, "x", nil, "z"))
