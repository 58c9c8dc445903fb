-- os.exit ends the program without closing the state: no __gc runs, as in Lua 5.1.
keep = newproxy(true)
getmetatable(keep).__gc = function() print("cannot happen") end
local u = newproxy(true)
getmetatable(u).__gc = function() print("cannot happen either") end
u = nil
print("exiting")
os.exit(0)
