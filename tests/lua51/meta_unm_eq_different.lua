-- __eq is only used between two tables (or userdata) with the same __eq.
local e1 = {__eq = function() return true end}
local e2 = {__eq = function() return true end}
local a = setmetatable({}, e1)
local b = setmetatable({}, e1)
local c = setmetatable({}, e2)
print(a == b, a == c, a == {}, a ~= b)
local shared = function() return true end
local x = setmetatable({}, {__eq = shared})
local y = setmetatable({}, {__eq = shared})
print(x == y)
