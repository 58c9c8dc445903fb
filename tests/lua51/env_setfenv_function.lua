-- setfenv on a function changes the globals it sees.
local function show() return x, print ~= nil end
x = "global x"
print(show())
setfenv(show, {x = "sandboxed"})
print(show())
print(x)
local env = setmetatable({}, {__index = _G})
local f = function() y = 42; return y end
setfenv(f, env)
print(f(), env.y, y)
