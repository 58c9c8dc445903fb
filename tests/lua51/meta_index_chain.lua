-- __index chains: tables, functions, and inheritance three levels deep.
local Base = {kind = "base"}
function Base.describe(self) return self.name .. " is " .. self.kind end
local Mid = setmetatable({kind = "mid"}, {__index = Base})
local Leaf = setmetatable({}, {__index = Mid})
local obj = setmetatable({name = "obj"}, {__index = Leaf})
print(obj:describe(), obj.kind, rawget(obj, "kind"))
local calls = 0
local lazy = setmetatable({}, {__index = function(t, k) calls = calls + 1; local v = k .. "!"; rawset(t, k, v); return v end})
print(lazy.a, lazy.a, lazy.b, calls)
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.x = defaults.x + 5
print(defaults.x, defaults.y)
