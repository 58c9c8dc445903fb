-- __eq, __lt, __le between tables of the same metatable.
local mt = {}
mt.__eq = function(a, b) return a.v == b.v end
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function n(v) return setmetatable({v = v}, mt) end
local a, b, c = n(1), n(2), n(1)
print(a == c, a ~= c, a == b, a < b, b < a, a <= c, b <= a, a > b, b >= a)
print(a == 1, rawequal(a, c))
local sorted = {n(5), n(3), n(9), n(1)}
table.sort(sorted)
local out = {}
for i, x in ipairs(sorted) do out[i] = x.v end
print(table.concat(out, " "))
print(pcall(function() return a < 1 end))
