-- A proxy is finalized only once nothing Lua sees reaches it: suspended coroutines'
-- locals, closures' upvalues, function and userdata environments, the registry, the
-- metatables of basic types and strong parts of weak tables all keep it.
local function proxy(name)
  local u = newproxy(true)
  getmetatable(u).__gc = function() print("finalized", name) end
  return u
end
local co = coroutine.create(function()
  local u = proxy("coroutine local")
  coroutine.yield()
  return u
end)
coroutine.resume(co)
local wrapped = coroutine.wrap(function()
  local u = proxy("wrapped local")
  coroutine.yield()
  return u
end)
wrapped()
local f
do
  local u = proxy("upvalue")
  f = function() return u end
end
local g = setfenv(function() end, {x = proxy("function env")})
local ud = newproxy()
debug.setfenv(ud, {proxy("userdata env")})
debug.getregistry().held = proxy("registry")
debug.setmetatable(0, {held = proxy("number metatable")})
local wk = setmetatable({}, {__mode = "k"})
wk[{}] = proxy("value of a weak-key table")
local wv = setmetatable({}, {__mode = "v"})
wv[proxy("key of a weak-value table")] = {}
local keep = {}
local wkv = setmetatable({}, {__mode = "kv"})
wkv[keep] = proxy("weak value")
collectgarbage()
print("-- dropping")
co, wrapped, f, g, ud = nil
debug.getregistry().held = nil
debug.setmetatable(0, nil)
collectgarbage()
print("end")
