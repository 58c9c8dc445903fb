-- Metamethods looked up on either operand, numbers and strings mixed in.
local mt = {__add = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av + bv
end}
local o = setmetatable({v = 10}, mt)
print(o + 1, 1 + o, o + o, "5" + o)
local m2 = {__sub = function(a, b) return "sub" end, __mul = function() return "mul" end}
local p = setmetatable({}, m2)
print(p - 1, 2 - p, p * p)
local ok, e = pcall(function() return o - 1 end)
print(ok, (e:match("^[^:]+:%d+:")))
