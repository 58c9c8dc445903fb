-- Without __le, Lua 5.1 tries not (b < a) using __lt.
local mt = {__lt = function(a, b) return a.v < b.v end}
local a = setmetatable({v = 1}, mt)
local b = setmetatable({v = 2}, mt)
print(a <= b, b <= a, a >= b)
