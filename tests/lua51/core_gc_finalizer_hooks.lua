-- Debug hooks are off while a __gc runs, as in Lua's GCTM.
local u = newproxy(true)
getmetatable(u).__gc = function() local x = 1; print("gc", x) end
u = nil
local events = {}
debug.sethook(function(e) events[#events + 1] = e end, "crl")
collectgarbage()
debug.sethook()
print(#events > 0)
local n = 0
for _, e in ipairs(events) do if e == "line" then n = n + 1 end end
print("line events", n)
