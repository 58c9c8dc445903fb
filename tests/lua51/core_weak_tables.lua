-- Weak tables lose entries whose collectable key or value is otherwise unreachable.
local keep = {}
local k = setmetatable({}, {__mode = "k"})
k[keep] = 1; k[{}] = 2; k.s = {}; k[1] = {}; k[function() end] = 3
collectgarbage()
local n = 0 for _ in pairs(k) do n = n + 1 end
print(n, k[keep], k.s ~= nil, k[1] ~= nil, rawget(k, keep))
local v = setmetatable({}, {__mode = "v"})
v[1] = {}; v[2] = keep; v.x = {}; v.y = "str"; v[keep] = {}; v[3] = 42
collectgarbage()
n = 0 for _ in pairs(v) do n = n + 1 end
print(n, v[1], v[2] == keep, v.x, v.y, v[3])
local kv = setmetatable({}, {__mode = "kv"})
for i = 1, 100 do kv[{}] = {} end
kv[keep] = keep
kv.str = "strings are values"
repeat collectgarbage() until next(kv, next(kv, next(kv))) == nil
n = 0 for _ in pairs(kv) do n = n + 1 end
print(n, kv[keep] == keep, kv.str)
-- rawset, #, and the table stays usable
local w = setmetatable({}, {__mode = "v"})
for i = 1, 10 do rawset(w, i, keep) end
collectgarbage()
print(#w, rawget(w, 10) == keep)
-- waiting for the collector without calling it
local x = setmetatable({[1] = {}}, {__mode = "kv"})
local A = 0
while x[1] do local a = A .. A .. A .. A; A = A + 1 end
print("collected", getmetatable(x).__mode)
