-- __gc metamethods of userdata run at a full collection, most recently created first,
-- once each, with the userdata as argument; a __gc added to the metatable later counts.
local log = {}
local mt
do
  local p = newproxy(true)
  mt = getmetatable(p)
  mt.__gc = function(o) log[#log + 1] = mt.names[o] end
  mt.names = setmetatable({}, {__mode = "k"})
  mt.names[p] = "p"
  for i = 1, 5 do
    local q = newproxy(p)
    mt.names[q] = "q" .. i
  end
end
print(collectgarbage("collect"))
print(table.concat(log, " "))
collectgarbage()
print(#log)
-- a proxy still reachable is not finalized; a __gc set after newproxy is used
local keep = newproxy(true)
local n = 0
getmetatable(keep).__gc = function() n = n + 1 end
collectgarbage()
print("kept", n)
-- without __gc when collected: never finalized, even if one is added later
local late = newproxy(true)
local lmt = getmetatable(late)
late = nil
collectgarbage()
lmt.__gc = function() print("late: cannot happen") end
collectgarbage()
print("late", n)
-- the step that completes a cycle runs them too
local s = newproxy(true)
getmetatable(s).__gc = function() print("finalized by step") end
s = nil
repeat until collectgarbage("step", 100000)
-- debug.setmetatable gives a proxy a metatable
local d = newproxy()
debug.setmetatable(d, {__gc = function() print("debug.setmetatable'd") end})
d = nil
collectgarbage()
print("done")
