-- debug.getlocal/setlocal/getupvalue/setupvalue/getmetatable/setmetatable/getfenv/
-- setfenv/getregistry/sethook/gethook as Lua 5.1
local function locals()
  local a, b = 1, "two"
  do local c = 3 end
  for i = 1, 1 do
    local n, v = debug.getlocal(1, 4)
    print("in loop", n, v)
  end
  local i = 1
  while true do
    local n, v = debug.getlocal(1, i)
    if not n then break end
    print(i, n, v)
    i = i + 1
  end
  print(debug.setlocal(1, 1, 10), a)
  print(debug.setlocal(1, 100, 10))
  print(pcall(debug.getlocal, 50, 1))
  print(pcall(debug.setlocal, 50, 1, 1))
end
locals()
local function params(x, y, ...)
  print(debug.getlocal(1, 1), debug.getlocal(1, 2))
end
params("X", "Y", "Z")

local u1, u2 = 1, 2
local function uses() return u1 + u2 end
print(debug.getupvalue(uses, 1))
print(debug.getupvalue(uses, 2))
print(select("#", debug.getupvalue(uses, 3)))
print(select("#", debug.getupvalue(print, 1)))
print(debug.setupvalue(uses, 1, 40), uses())
print(select("#", debug.setupvalue(uses, 9, 40)))
print(pcall(debug.getupvalue, 1, 1))
print(pcall(debug.setupvalue, uses, 1))

local t = setmetatable({}, {__metatable = "locked", __index = {k = "v"}})
print(getmetatable(t), type(debug.getmetatable(t)), t.k)
print(debug.setmetatable(t, nil), getmetatable(t))
print(pcall(debug.setmetatable, t, 1))
print(debug.getmetatable(1))

local function envf() return x end
local env = {x = "from env"}
print(debug.setfenv(envf, env) == envf, envf(), debug.getfenv(envf) == env)
print(pcall(debug.setfenv, envf, 1))
print(pcall(debug.setfenv, 1, {}))
print(debug.getfenv(1))
print(debug.getfenv(print) == _G)

print(type(debug.getregistry()))
print(debug.gethook())
local function hook() end
debug.sethook(hook, "lcr", 0)
local h, m, c = debug.gethook()
print(h == hook, m, c)
debug.sethook(hook, "rl", 5)
h, m, c = debug.gethook()
print(h == hook, m, c)
debug.sethook(hook, "", 0)
h, m, c = debug.gethook()
print(h == hook, m, c)
debug.sethook(hook, "c")
debug.sethook()
print(debug.gethook())
print(pcall(debug.sethook, hook))
print(pcall(debug.sethook, 1, "c"))
