-- Infinite recursion is an error caught by pcall, not a crash.
local function recurse(n) return 1 + recurse(n + 1) end
local ok, e = pcall(recurse, 1)
print(ok, type(e))
local t = setmetatable({}, {})
getmetatable(t).__index = t
print(pcall(function() return t.missing end))
