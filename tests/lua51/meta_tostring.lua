-- __tostring used by tostring and print.
local P = {}
P.__tostring = function(p) return "Point(" .. p.x .. "," .. p.y .. ")" end
local p = setmetatable({x = 1, y = 2}, P)
print(p)
print(tostring(p), type(tostring(p)))
local plain = setmetatable({}, {})
print(string.match(tostring(plain), "^table: ") ~= nil)
local names = setmetatable({}, {__tostring = function() return "named" end})
print(names, tostring(names) .. "!")
