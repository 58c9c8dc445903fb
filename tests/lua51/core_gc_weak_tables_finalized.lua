-- A userdata being finalized leaves weak tables' values at once; as a weak key it stays
-- until it is collected, a cycle later. What only it reaches weakly is cleared first.
local vals = setmetatable({}, {__mode = "v"})
local keys = setmetatable({}, {__mode = "k"})
local seen
do
  local u = newproxy(true)
  vals[1] = u
  keys[u] = "key"
  getmetatable(u).__gc = function(o)
    seen = {vals[1] == nil, keys[o]}
  end
end
collectgarbage()
print(seen[1], seen[2], next(keys) ~= nil)
collectgarbage()
print(next(keys))
local u = newproxy(true)
local m = getmetatable(u)
m.x = setmetatable({[{}] = 1, [0] = {}}, {__mode = "kv"})
m.__gc = function(o) print("x empty", next(getmetatable(o).x) == nil) end
u, m = nil
collectgarbage()
-- a weak metatable may lose its __gc before the userdata is collected
local w = newproxy(true)
setmetatable(getmetatable(w), {__mode = "v"})
getmetatable(w).__gc = function() print("cannot happen") end
collectgarbage()
print(getmetatable(w).__gc)
