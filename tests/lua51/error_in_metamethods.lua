-- Errors raised inside metamethods are caught by pcall.
local mt = {
  __add = function() error("no add", 0) end,
  __index = function(t, k) error("no field " .. k, 0) end,
  __newindex = function(t, k) error("read-only " .. k, 0) end,
  __call = function() error("not callable", 0) end,
  __concat = function() error("no concat", 0) end,
}
local obj = setmetatable({}, mt)
print(pcall(function() return obj + 1 end))
print(pcall(function() return obj.x end))
print(pcall(function() obj.y = 1 end))
print(pcall(obj))
print(pcall(function() return obj .. "s" end))
