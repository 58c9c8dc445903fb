-- getfenv with functions and levels.
print(getfenv() == _G, getfenv(0) == _G, getfenv(1) == _G)
local function f() return getfenv(1) end
print(f() == _G)
local custom = {marker = true, getfenv = getfenv}
setfenv(f, custom)
print(f() == custom, getfenv(f) == custom)
print(getfenv(print) == _G)
local function outer() local e = getfenv(2); return e end
local inner = function() local e = outer(); return e end
setfenv(inner, {outer = outer, getfenv = getfenv})
print(inner().outer == outer)
