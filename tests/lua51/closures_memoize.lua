-- A memoize helper keyed by the argument.
local function memoize(f)
  local cache, hits = {}, 0
  return function(x)
    if cache[x] ~= nil then hits = hits + 1; return cache[x] end
    local v = f(x)
    cache[x] = v
    return v
  end, function() return hits end
end
local square, hits = memoize(function(x) return x * x end)
print(square(4), square(4), square(5), square(4), hits())
