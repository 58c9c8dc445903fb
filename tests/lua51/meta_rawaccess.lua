-- rawget, rawset and rawequal bypass metamethods.
local mt = {
  __index = function() return "meta" end,
  __newindex = function() error("blocked") end,
  __eq = function() return true end,
}
local a = setmetatable({}, mt)
local b = setmetatable({}, mt)
print(a.x, rawget(a, "x"))
rawset(a, "x", "raw")
print(a.x, rawget(a, "x"))
print(a == b, rawequal(a, b), rawequal(a, a))
print(pcall(function() a.y = 1 end) == false, rawget(a, "y"))
print(rawset(a, 1, "one") == a, a[1])
