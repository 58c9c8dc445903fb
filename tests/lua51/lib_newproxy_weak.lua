-- newproxy's metatables are held weakly: a proxy's metatable goes with it
local w = setmetatable({}, {__mode = "k"})
do
  local u = newproxy(true)
  w[getmetatable(u)] = true
  w[u] = true
end
collectgarbage()
print(next(w))
-- a proxy still alive keeps its metatable, and newproxy(u) still accepts it
local u = newproxy(true)
getmetatable(u).x = 1
collectgarbage()
local v = newproxy(u)
print(getmetatable(v).x, getmetatable(v) == getmetatable(u))
print(pcall(newproxy, {}))
