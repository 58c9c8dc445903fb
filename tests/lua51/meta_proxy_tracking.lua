-- A tracking proxy counts reads and writes of another table.
local function track(t)
  local reads, writes = 0, 0
  local proxy = setmetatable({}, {
    __index = function(_, k) reads = reads + 1; return t[k] end,
    __newindex = function(_, k, v) writes = writes + 1; t[k] = v end,
  })
  return proxy, function() return reads, writes end
end
local p, stats = track({x = 1})
p.y = p.x + 1
p.z = p.y * 2
print(p.x, p.y, p.z, stats())
