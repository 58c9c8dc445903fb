-- error with string messages and levels 0, 1, 2, 3.
local function lvl(n) error("msg", n) end
local function a(n) lvl(n) end
local function b(n) a(n) end
for n = 0, 3 do print(n, pcall(b, n)) end
print(pcall(error, "direct"))
print(pcall(error, "direct", 2))
print(pcall(function() error("in anon") end))
print(pcall(function() error("no pos", 0) end))
