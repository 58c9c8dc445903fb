-- collectgarbage's options and results as Lua 5.1's.
print(collectgarbage(), collectgarbage("collect"))
print(type(collectgarbage("count")), collectgarbage("count") > 0)
print(math.floor(gcinfo()) == gcinfo(), gcinfo() > 0)
print(collectgarbage("stop"), collectgarbage("restart"))
print(collectgarbage("setpause", 150), collectgarbage("setpause"), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 200))
print(collectgarbage("step", 1000000), collectgarbage("step", 1000000))
local steps = 0
repeat steps = steps + 1 until collectgarbage("step", 0)
print(steps > 1)
print(pcall(collectgarbage, "unknown"))
print(select(2, pcall(loadstring("collectgarbage('bogus')"))))
