-- __metatable protects and disguises a metatable.
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
local u = setmetatable({}, {__metatable = false})
print(getmetatable(u))
print(getmetatable("abc").__index == string)
print(getmetatable({}), getmetatable(1))
