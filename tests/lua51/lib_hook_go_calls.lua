-- Call and return hooks see Go functions as C functions, as Lua 5.1 sees C ones.
local ev = {}
debug.sethook(function(e) local i = debug.getinfo(2, "S"); ev[#ev+1] = e .. ":" .. i.what end, "cr")
local x = math.abs(-1)
debug.sethook()
print(table.concat(ev, " "))
