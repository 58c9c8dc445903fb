-- Metatables of strings give methods; numbers have none.
print(("abc"):upper(), ("%s=%s"):format("k", "v"))
print(getmetatable(1), getmetatable(nil), getmetatable(true))
print(pcall(function() return (1):foo() end) == false)
local mt = getmetatable("")
print(type(mt), mt.__index == string)
