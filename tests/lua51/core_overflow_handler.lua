-- After a stack overflow, xpcall's handler has room to run (debug.traceback), a handler
-- that overflows again is "error in error handling", and the program recurses again.
local function inf(n) return 1 + inf(n) end
local ok, tb = xpcall(function() return inf(1) end, debug.traceback)
print(ok, (tb:gsub("\n.*", "")), tb:find("stack traceback:", 1, true) ~= nil)
print(pcall(inf, 1))
print(xpcall(function() return inf(1) end, function(m) return inf(1) end))
local function r(i) if i == 0 then return 0 end return 1 + r(i - 1) end
print(r(15000))
